"""LaTeX in BibTeX field values to Unicode text: pylatexenc (2.x) with acuref's additions to its macro
table (used by :mod:`.bibtex`'s value decoding).

pylatexenc's defaults lose text a BibTeX value means to keep (found on the real biblatex-examples.bib,
tests/fixtures/import/): the TeX logos (``\\TeX: The Program`` became ": The Program") and the text of
``\\texttt``, ``\\textsf``, ``\\textmd``, ``\\textup``, ``\\textrm`` and ``\\mbox`` ("Note the
\\texttt{doi} field" lost "doi"); ``\\url{x}`` became "<x>".  The additions print what LaTeX prints:
the logo's letters, the argument's text.
"""

from __future__ import annotations

from functools import lru_cache

#: logo macros and the text LaTeX typesets for them
LOGOS = {"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX", "METAFONT": "METAFONT",
         "MF": "METAFONT", "XeTeX": "XeTeX", "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX",
         "ConTeXt": "ConTeXt", "AmS": "AMS", "AmSTeX": "AMS-TeX", "biber": "Biber", "BibLaTeX": "BibLaTeX"}
#: one-argument macros whose text LaTeX prints as it is (pylatexenc 2.11 drops their argument)
KEEP_ARGUMENT = ("texttt", "textsf", "textmd", "textup", "textrm", "mbox", "url")


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    db = get_default_latex_context_db()
    db.add_context_category("acuref-bibtex", prepend=True,
                            macros=[MacroTextSpec(name, text) for name, text in LOGOS.items()]
                            + [MacroTextSpec(name, "%(1)s") for name in KEEP_ARGUMENT])
    return LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True)


def latex_to_text(value: str) -> str:
    """``value`` (with LaTeX commands) as text; pylatexenc's parse errors propagate to the caller."""
    return _converter().latex_to_text(value)
