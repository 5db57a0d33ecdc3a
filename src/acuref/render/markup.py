"""Markup in fields and output formats: rich text carried through citeproc as private-use
characters, escaped once per output format (text, HTML, Markdown, RTF), then turned into that
format's markup.  Nothing reaches HTML, Markdown or RTF unescaped, whatever path it took."""

from __future__ import annotations

import re
from types import SimpleNamespace

FORMATS = ("text", "html", "md", "rtf")

_OPEN = {"i": "\ue000", "b": "\ue002", "sup": "\ue004", "sub": "\ue006", "sc": "\ue008"}
_CLOSE = {"i": "\ue001", "b": "\ue003", "sup": "\ue005", "sub": "\ue007", "sc": "\ue009"}
_TAG = re.compile(r"<(/?)(i|b|em|strong|sup|sub|span)\b([^>]*)>", re.I)
_OUTPUT = {
    "text": {**{c: "" for c in _OPEN.values()}, **{c: "" for c in _CLOSE.values()}},
    "html": {"\ue000": "<i>", "\ue001": "</i>", "\ue002": "<b>", "\ue003": "</b>", "\ue004": "<sup>",
             "\ue005": "</sup>", "\ue006": "<sub>", "\ue007": "</sub>",
             "\ue008": '<span style="font-variant:small-caps;">', "\ue009": "</span>"},
    "md": {"\ue000": "*", "\ue001": "*", "\ue002": "**", "\ue003": "**", "\ue004": "^", "\ue005": "^",
           "\ue006": "~", "\ue007": "~", "\ue008": "[", "\ue009": "]{.smallcaps}"},
    "rtf": {"\ue000": "{\\i ", "\ue001": "}", "\ue002": "{\\b ", "\ue003": "}", "\ue004": "{\\super ", "\ue005": "}",
            "\ue006": "{\\sub ", "\ue007": "}", "\ue008": "{\\scaps ", "\ue009": "}"},
}


def encode_markup(text: str) -> str:
    """Rich-text tags in a field → private-use markers (unknown tags and nocase spans dropped)."""
    stack: list[str | None] = []

    def swap(m: re.Match) -> str:
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3)
        tag = {"em": "i", "strong": "b"}.get(tag, tag)
        if tag == "span":
            tag = "sc" if "small-caps" in attrs else None
        if closing:
            top = stack.pop() if stack else None
            return _CLOSE[top] if top else ""
        stack.append(tag)
        return _OPEN[tag] if tag else ""

    encoded = _TAG.sub(swap, text)
    return encoded + "".join(_CLOSE[t] for t in reversed(stack) if t)


def _decode_markup(text: str, fmt: str) -> str:
    table = _OUTPUT[fmt]
    return re.sub("[\ue000-\ue009]", lambda m: table[m.group(0)], text)


# --- formatting: one neutral rendering, escaped once per output format -------------------------
#
# citeproc renders with a formatter that marks italics, bold… with the same private-use
# characters as markup in fields. The whole string (fields, terms, affixes alike) is then
# escaped once for the output format, and the markers become that format's markup: nothing
# reaches HTML, Markdown or RTF unescaped, whatever path it took through citeproc.

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) > 127 and not "\ue000" <= ch <= "\ue009":
            code = ord(ch)
            if code > 0xFFFF:  # outside the BMP: a UTF-16 surrogate pair
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10) - 65536}?\\u{0xDC00 + (code & 0x3FF) - 65536}?")
            else:
                out.append(f"\\u{code - 65536 if code > 32767 else code}?")
        else:
            out.append(ch)
    return "".join(out)


def _html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


_ESCAPE = {"text": str, "html": _html_escape, "md": _md_escape, "rtf": _rtf_escape}


def _mark(opening: str, closing: str):
    return lambda text: f"{opening}{text}{closing}"


#: citeproc formatter producing neutral text with private-use markers for formatting.
_MARKER_FORMATTER = SimpleNamespace(
    preformat=str, Italic=_mark("\ue000", "\ue001"), Oblique=_mark("\ue000", "\ue001"),
    Bold=_mark("\ue002", "\ue003"), Light=str, Underline=str, SmallCaps=_mark("\ue008", "\ue009"),
    Superscript=_mark("\ue004", "\ue005"), Subscript=_mark("\ue006", "\ue007"),
)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        from ..errors import UsageError

        raise UsageError(f"unknown output format {fmt!r}; one of: {', '.join(FORMATS)}")



_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=\w)'(?=\s|$|[.,;:])")


_CLOSE_THEN_PUNCT = re.compile("([”’])([\ue000-\ue009]*)([,.])")


#: a period after a field that ends in ? ! or . (with closing quotes or markup between), not an ellipsis:
#: citeproc-js's punctuation merging ("Why do needles hurt?" + "." → "hurt?", "et al." + "." → "et al.")
_DOUBLE_STOP = re.compile("(?<![.])([?!.])([\ue000-\ue009”’]*)\\.(?![.])")


#: stands for the names a BibTeX "and others" cut off (engine._items adds it as the last name of a
#: truncated name list); printed as "et al." after the names given (field case cite/24: "Smith et al.
#: (2020)", "Smith, J., et al. (2020)", as pandoc and citeproc-js print a list ending in "others")
TRUNCATED = "\ue0fa"
_TRUNCATED = re.compile("(,)?\\s*(?:&|and)?\\s*\ue0fa\\.?")


def _finish(text: str, fmt: str, punctuation_in_quote: bool = False) -> str:
    """Neutral text → the output format: apostrophes, the locale's punctuation-in-quote, escaping, markup."""
    if TRUNCATED in text:
        text = _TRUNCATED.sub(lambda m: ", et al." if m.group(1) else " et al.", text)
    text = _APOSTROPHE.sub("’", text)
    if punctuation_in_quote:
        text = _CLOSE_THEN_PUNCT.sub(lambda m: m.group(3) + m.group(1) + m.group(2), text)
    text = _DOUBLE_STOP.sub(r"\1\2", text)
    return _decode_markup(_ESCAPE[fmt](text), fmt)
