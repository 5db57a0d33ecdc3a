"""BibTeX field values (LaTeX) as Unicode text, and in title-like fields as CSL rich text.

LaTeX is decoded with pylatexenc (2.x) only where a value has a backslash or a brace group; the rest
by the ligature table. TeX logos and \\hyphen are text (``\\TeX`` → "TeX", ``methodology\\hyphen
independent`` → "methodology-independent"): pylatexenc drops macros it does not know.

Markup becomes CSL rich text as Zotero's BibTeX import makes it (zotero/translators, BibTeX.js):
``\\emph``/``\\textit`` → ``<i>``, ``\\textbf`` → ``<b>``, ``\\textsuperscript``/``\\textsubscript`` →
``<sup>``/``<sub>``, ``\\textsc`` → small caps. In title-like fields (:data:`RICH_FIELDS`) a brace group
protecting case ("{Parkinson}'s", "{{A Whole Title}}") becomes ``<span class="nocase">``. A group that
only wraps an accent ("{\\"o}") protects nothing and is text. A group holding one word with a capital
after its first letter ("{GABA}", "{mRNA}") is plain text: the writer braces every such word again
(:mod:`.bibtex_rich`), so the protection survives an export, and CSL's title case leaves such words alone.
"""

from __future__ import annotations

import re
import unicodedata

_TIE = re.compile(r"(?<!\\)~")
#: The writer's escapes for characters LaTeX has no plain form of, decoded as themselves (pylatexenc gives "ˆ").
_SYMBOLS = {"\\textasciitilde{}": "\ue000", "\\textasciicircum{}": "\ue001"}
_UNSYMBOLS = {"\ue000": "~", "\ue001": "^"}
#: TeX's input ligatures (the TeXbook, ch. 9; pylatexenc reads them alike): en and em dashes, curly quotes,
#: inverted marks. Fixed strings, longest first, so the alternation cannot backtrack.
LIGATURES = re.compile(r"---|--|``|''|!`|\?`")
_LIGATURE_TEXT = {"---": "\u2014", "--": "\u2013", "``": "\u201c", "''": "\u201d", "!`": "\u00a1", "?`": "\u00bf"}
#: Verbatim fields (biblatex manual §2.2.1, "verbatim fields"): no ligatures, no ties.
VERBATIM = frozenset({"url", "doi", "eprint", "file", "pdf", "urlraw", "verba", "verbb", "verbc"})
_LITERAL_MARKS = {"-": "\ue002", "`": "\ue003", "'": "\ue004", "~": "\ue005"}
#: Fields whose markup and case protection are kept as rich text (the title-like fields CSL styles case-change).
RICH_FIELDS = frozenset({"title", "subtitle", "titleaddon", "shorttitle", "booktitle", "booksubtitle", "maintitle",
                         "journal", "journaltitle", "journalsubtitle", "series", "eventtitle", "origtitle"})
#: Macros pylatexenc 2.x does not know, as text: TeX logos (The TeXbook; latex.ltx) and babel's \hyphen.
_TEXT_MACROS = {"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
                "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "ConTeXt": "ConTeXt", "hyphen": "-",
                "slash": "/", "textendash": "\u2013", "textemdash": "\u2014"}
#: One-argument commands whose text LaTeX prints as it is, font changes without a CSL markup: pylatexenc 2.11
#: drops their argument ("Note the \\texttt{doi} field" lost "doi" in the real biblatex-examples.bib).
_KEEP_ARGUMENT = ("texttt", "textsf", "textmd", "textup", "textrm", "textnormal", "mbox")
# rich-text markers (private-use characters) → tags, so the text between them is decoded like the rest
_MARK = {"i": ("\ue010", "\ue011"), "b": ("\ue012", "\ue013"), "sup": ("\ue014", "\ue015"), "sub": ("\ue016", "\ue017"),
         "sc": ("\ue018", "\ue019"), "nocase": ("\ue01a", "\ue01b")}
_TAG = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
        "sc": ('<span style="font-variant:small-caps;">', "</span>"), "nocase": ('<span class="nocase">', "</span>")}
_MARKUP_MACROS = {"emph": "i", "textit": "i", "textsl": "i", "mkbibemph": "i", "textbf": "b", "mkbibbold": "b",
                  "textsuperscript": "sup", "mkbibsuperscript": "sup", "textsubscript": "sub", "mkbibsubscript": "sub",
                  "textsc": "sc"}
_WORD = re.compile(r"[^\W_][\w'’\-]*")


def _converter(nocase: bool):
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
    from pylatexenc.latexwalker import LatexCharsNode, LatexGroupNode, LatexMacroNode

    context = get_default_latex_context_db()
    context.add_context_category("acuref", macros=[MacroTextSpec(name, text) for name, text in _TEXT_MACROS.items()]
                                 + [MacroTextSpec(name, "%(1)s") for name in _KEEP_ARGUMENT], prepend=True)

    class Converter(LatexNodes2Text):
        protected = 0  # inside a nocase group: no nested ones

        def macro_node_to_text(self, node):
            kind = _MARKUP_MACROS.get(node.macroname)
            args = node.nodeargd.argnlist if node.nodeargd is not None else []
            arg = args[-1] if args else None
            if kind is None or arg is None:
                self.protected += 1  # a command's argument ("\\v{R}", "\\url{…}") protects no case
                try:
                    return super().macro_node_to_text(node)
                finally:
                    self.protected -= 1
            inner = (self._groupnodecontents_to_text(arg) if isinstance(arg, LatexGroupNode)
                     else self.nodelist_to_text([arg]))
            return _MARK[kind][0] + inner + _MARK[kind][1] if inner.strip() else inner

        def group_node_to_text(self, node):
            if not nocase or self.protected or node.delimiters != ("{", "}") or not _protects(node):
                return super().group_node_to_text(node)
            self.protected += 1
            try:
                inner = self._groupnodecontents_to_text(node)
            finally:
                self.protected -= 1
            word = inner.strip()
            if _WORD.fullmatch(word) and any(c.isupper() for c in word[1:]):
                return inner  # "{GABA}": its shape protects it on export (bibtex_rich)
            return _MARK["nocase"][0] + inner + _MARK["nocase"][1]

    def _protects(group) -> bool:
        """True when GROUP holds letters of its own (not only an accent command such as {\\"o})."""
        for child in group.nodelist or []:
            if isinstance(child, LatexCharsNode) and any(c.isalpha() for c in child.chars):
                return True
            if isinstance(child, LatexGroupNode) and _protects(child):
                return True
            if isinstance(child, LatexMacroNode) and child.macroname in _TEXT_MACROS:
                return True
        return False

    return Converter(latex_context=context, math_mode="verbatim", strict_latex_spaces=True)


_CONVERTERS: dict[bool, object] = {}
_WALKER_CONTEXT: list = []


def _walker_context():
    """pylatexenc's parsing context, told that biblatex's markup commands and \\textsub/superscript
    take one argument (pylatexenc 2.x knows \\emph and \\textbf, not these)."""
    if not _WALKER_CONTEXT:
        from pylatexenc.latexwalker import get_default_latex_context_db
        from pylatexenc.macrospec import MacroSpec

        context = get_default_latex_context_db()
        context.add_context_category("acuref", macros=[MacroSpec(name, "{") for name in _MARKUP_MACROS], prepend=True)
        _WALKER_CONTEXT.append(context)
    return _WALKER_CONTEXT[0]


def _latex_to_text(value: str, nocase: bool) -> str:
    from pylatexenc.latexwalker import LatexWalker

    converter = _CONVERTERS.get(nocase)
    if converter is None:
        converter = _CONVERTERS[nocase] = _converter(nocase)
    nodes = LatexWalker(value, latex_context=_walker_context(), tolerant_parsing=True).get_latex_nodes()[0]
    return converter.nodelist_to_text(nodes)


def decode(value: str, *, rich: bool = False) -> str:
    """LaTeX to Unicode text (NFC), ties as spaces, protective braces dropped, white space collapsed.
    TeX's ligatures ("--" en dash, "---" em dash, ``…'' quotes) are read as TeX reads them, with or
    without other LaTeX in the value; "-{}-" is two hyphens. Markup commands become CSL rich text; with
    RICH (title-like fields) case-protecting brace groups too (see the module doc)."""
    value = _TIE.sub(" ", value)
    if rich and "{" in value and "\\" not in value:
        braced = _braced(value)  # no command: groups read here, ten times faster than pylatexenc
        if braced is not None:
            return unicodedata.normalize("NFC", " ".join(braced.replace("\u00ad", "").split()))
    if "\\" in value or rich and "{" in value:
        for symbol, mark in _SYMBOLS.items():
            value = value.replace(symbol, mark)
        try:
            value = _latex_to_text(value, rich)
        except Exception:  # noqa: BLE001 - pylatexenc's parser errors on odd input; keep the text itself
            value = value.replace("{", "").replace("}", "")
        for mark, char in _UNSYMBOLS.items():
            value = value.replace(mark, char)
        value = _tags(value)
    else:
        value = LIGATURES.sub(lambda m: _LIGATURE_TEXT[m.group()], value).replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", " ".join(value.replace("\u00ad", "").split()))


def _braced(value: str) -> str | None:
    """VALUE (braces, no command) as rich text: each top-level group that protects letters a nocase span,
    the same reading as the pylatexenc path; None when the braces do not balance. A brace ends a TeX
    ligature ("-{}-" is two hyphens), so each run between braces is decoded on its own."""
    out: list[str] = []
    group: list[str] = []  # the runs of the open top-level group
    depth = 0
    run = ""
    for char in value:
        if char not in "{}":
            run += char
            continue
        (group if depth else out).append(LIGATURES.sub(lambda m: _LIGATURE_TEXT[m.group()], run))
        run = ""
        depth += 1 if char == "{" else -1
        if depth < 0:
            return None
        if depth == 0 and char == "}":
            out.append(_protected("".join(group)))
            group = []
    if depth:
        return None
    out.append(LIGATURES.sub(lambda m: _LIGATURE_TEXT[m.group()], run))
    return "".join(out)


def _protected(inner: str) -> str:
    """A top-level brace group's text: a nocase span when it protects letters, plain when it holds none or
    one word with an inner capital (re-braced on export, see the module doc)."""
    word = inner.strip()
    if not any(c.isalpha() for c in inner) or _WORD.fullmatch(word) and any(c.isupper() for c in word[1:]):
        return inner
    return _TAG["nocase"][0] + inner + _TAG["nocase"][1]


def _tags(value: str) -> str:
    for kind, (start, end) in _MARK.items():
        value = value.replace(start, _TAG[kind][0]).replace(end, _TAG[kind][1])
    return value


def decode_verbatim(value: str) -> str:
    """A verbatim field's value: the writer's escapes undone, but a "--" or "~" kept as written."""
    for char, mark in _LITERAL_MARKS.items():
        value = value.replace(char, mark)
    value = decode(value)
    for char, mark in _LITERAL_MARKS.items():
        value = value.replace(mark, char)
    return value
