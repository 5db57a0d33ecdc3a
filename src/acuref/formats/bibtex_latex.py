"""LaTeX in BibTeX field values decoded to Unicode text (used by :mod:`.bibtex`).

pylatexenc (2.x) does the decoding, with acuref's additions to its macro table, because its defaults
lose text a BibTeX value means to keep (found on the real biblatex-examples.bib,
tests/fixtures/import/SOURCE): the TeX logos (``\\TeX: The Program`` became ": The Program") and the
text of ``\\texttt``, ``\\textsf``, ``\\textmd``, ``\\textup`` and ``\\mbox`` ("Note the \\texttt{doi}
field" lost "doi"); ``\\url{x}`` became "<x>".  The additions follow what LaTeX prints: the logo's
letters, the argument's text.

LaTeX's dash ligatures (``--`` en dash, ``---`` em dash; The TeXbook, ch. 2) are decoded in every value,
not only in values that also hold a backslash (before, "Salvatoris~-- Vom" kept "--" while
"I--IV \\"u" became "I–IV ü"); "-{}-" is two hyphens, as in LaTeX (the writer's escape).  Page ranges and dates are read from the raw value elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TIE = re.compile(r"(?<!\\)~")
#: The writer's escapes for characters LaTeX has no plain form of, decoded as themselves (pylatexenc gives "ˆ").
_SYMBOLS = {"\\textasciitilde{}": "\ue000", "\\textasciicircum{}": "\ue001"}
_UNSYMBOLS = {"\ue000": "~", "\ue001": "^"}
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


def _dashes(value: str) -> str:
    return value.replace("---", "\u2014").replace("--", "\u2013")


def decode(value: str, ligatures: bool = True) -> str:
    """LaTeX to Unicode text (NFC): ties as spaces, protective braces dropped, dash ligatures as dashes
    (not with ``ligatures=False``, for biblatex's verbatim fields such as url and doi, where a value
    without a backslash is kept as written), white space collapsed.  Input the LaTeX parser cannot read
    keeps its text, braces dropped."""
    value = _TIE.sub(" ", value)
    if "\\" in value:
        for symbol, mark in _SYMBOLS.items():
            value = value.replace(symbol, mark)
        try:
            value = _converter().latex_to_text(value)
        except Exception:  # noqa: BLE001 - pylatexenc's parser errors on odd input; keep the text itself
            value = (_dashes(value) if ligatures else value).replace("{", "").replace("}", "")
        for mark, char in _UNSYMBOLS.items():
            value = value.replace(mark, char)
    else:
        value = (_dashes(value) if ligatures else value).replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", " ".join(value.replace("\u00ad", "").split()))
