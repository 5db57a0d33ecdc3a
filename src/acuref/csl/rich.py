"""Rendered text with formatting carried as private-use markers, and the CSL rules for joining it.

A rendered piece is a ``str`` in which formatting is marked by pairs of private-use characters
(italic, bold, quotes…); the final output (:mod:`.output`) turns them into HTML, Markdown, RTF
or nothing, resolving flip-flops (italic inside italic prints upright) and the locale's quotes.

Joining follows CSL 1.0.2 "Affixes", "Delimiter" and "Formatting" as citeproc-js applies them
(punctuation collapsing from citeproc-js's queue.js, as jgm/citeproc's fixPunct documents it):
a suffix "." after a field ending in "." prints one period, and so on.
"""

from __future__ import annotations

import re

ITALIC, BOLD, SUP, SUB, SMALLCAPS = "\ue000", "\ue002", "\ue004", "\ue006", "\ue008"
NORMAL_STYLE, NORMAL_WEIGHT, NORMAL_VARIANT, UNDERLINE = "\ue00a", "\ue00c", "\ue00e", "\ue010"
NOCASE, QUOTE = "\ue012", "\ue014"
BLOCK, LEFT_MARGIN, RIGHT_INLINE, INDENT = "\ue016", "\ue018", "\ue01a", "\ue01c"
PARTICLE = "\ue01e"  # a name particle: title case leaves it ("John von Doe"), uppercase does not
TERM = "\ue020"  # a locale term: a note citation that starts with one starts with a capital ("Ibid.")
#: an empty pair after a closing quote inside one field or affix: punctuation that follows it there stays
#: outside the quote (citeproc-js moves punctuation into quotes only across rendered nodes)
KEEP = "\ue022"
#: <span class="nodecor"> in a field: the text inside is upright, normal weight and normal variant
#: whatever formatting surrounds it, and keeps its case (citeproc-js; flipflop_ItalicsWithOk*)
NODECOR = "\ue024"
#: an empty pair right after a quote's opening marker: the field typed the quote as curly double (“”) or
#: single (‘’) marks, which print as typed outside other quotes (citeproc-js keeps them), and flip-flop
#: like any quote inside
TYPED_DOUBLE, TYPED_SINGLE = "\ue026", "\ue028"
MARKERS = "".join(chr(c) for c in range(0xE000, 0xE02A))
_MARKER_RE = re.compile(f"[{MARKERS}]")


def close(opening: str) -> str:
    return chr(ord(opening) + 1)


def mark(opening: str, text: str) -> str:
    return f"{opening}{text}{close(opening)}" if text else ""


def plain(text: str) -> str:
    return _MARKER_RE.sub("", text) if text else ""


def first_char(text: str) -> str:
    for ch in text:
        if ch not in MARKERS:
            return ch
    return ""


def last_char(text: str) -> str:
    for ch in reversed(text):
        if ch not in MARKERS:
            return ch
    return ""


def drop_lead(text: str, chars: str) -> str:
    """``text`` without its leading characters in ``chars`` (markers skipped, kept)."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch in MARKERS:
            out.append(ch)
        elif ch in chars:
            pass
        else:
            break
        i += 1
    return "".join(out) + text[i:]


def drop_trail(text: str, chars: str) -> str:
    out, i = [], len(text)
    while i > 0:
        ch = text[i - 1]
        if ch in MARKERS:
            out.append(ch)
        elif ch in chars:
            pass
        else:
            break
        i -= 1
    return text[:i] + "".join(reversed(out))


_KEEP_FIRST = {"!.", "!:", "?.", "?:", ":.", ";:", ";.", "!!", "??", "..", "::", ";;", ",,"}
_KEEP_SECOND = {":!", ":?", ";!", ";?", "  "}
_QUOTE_LIKE = "\"'’”»"


def _end_before_quote(text: str) -> str:
    trimmed = plain(text).rstrip()
    if trimmed and (trimmed[-1] in _QUOTE_LIKE or trimmed.endswith(close(QUOTE))):
        stripped = trimmed.rstrip(_QUOTE_LIKE + " ")
        return stripped[-1] if stripped else ""
    return ""


def _end_before_quote_marker(text: str) -> str:
    """The last character inside a closing quote marker at the end of ``text``, else ""."""
    i = len(text)
    while i > 0 and text[i - 1] in MARKERS and text[i - 1] != close(QUOTE):
        i -= 1
    if i > 0 and text[i - 1] == close(QUOTE):
        return last_char(text[:i - 1])
    return ""


def fix_punct(parts: list[str]) -> list[str]:
    """Adjacent pieces with clashing punctuation at the seam keep one mark (citeproc-js)."""
    parts = [p for p in parts if p]
    out: list[str] = []
    for y in parts:
        while out:
            x = out[-1]
            y_start = first_char(y)
            x_end = last_char(x)
            if y_start == ".":
                inner = _end_before_quote_marker(x)
                if inner:
                    x_end = inner
            pair = x_end + y_start
            if pair in _KEEP_FIRST:
                y = drop_lead(y, y_start[:1]) if y_start != " " else y
                if not plain(y):
                    y = ""
                break
            if pair in _KEEP_SECOND:
                trimmed = drop_trail(x, x_end)
                if trimmed == x:
                    break
                out[-1] = trimmed
                break
            break
        if y:
            out.append(y)
    return out


def join(parts: list[str], delimiter: str = "", cites: bool = False) -> str:
    """Non-empty ``parts`` joined by ``delimiter``; between ``cites`` none before a part starting with
    , ; or . (a cite prefix ", cited in": citeproc-js)."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if delimiter:
        with_delims = [parts[0]]
        for p in parts[1:]:
            if not cites or first_char(p) not in (",", ";", "."):
                with_delims.append(delimiter)
            with_delims.append(p)
        parts = with_delims
    return "".join(fix_punct(parts))


#: superscript letters Unicode gives no <super> decomposition, as citeproc-js's SUPERSCRIPTS table reads
#: them (modifier glottal stops, Arabic small waw and yeh: magic_SuperscriptChars)
_SUPERSCRIPTS: dict[str, str] = {"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"}


def superscripts(text: str) -> str:
    """Unicode superscript characters ("1ʳᵉ", "1.º") as superscript markup, as citeproc-js prints them."""
    import unicodedata

    out = []
    for ch in text:
        if ord(ch) < 0xAA or ch in MARKERS:
            out.append(ch)
            continue
        base = _SUPERSCRIPTS.get(ch)
        if base is None:
            decomposition = unicodedata.decomposition(ch)
            base = _SUPERSCRIPTS[ch] = ("".join(chr(int(h, 16)) for h in decomposition.split()[1:])
                                        if decomposition.startswith("<super>") else "")
        out.append(mark(SUP, base) if base else ch)
    return "".join(out)


def capitalize_first_term(text: str) -> str:
    """The first letter of ``text`` in upper case when a term starts it ("ibid." → "Ibid.")."""
    i = 0
    while i < len(text) and text[i] in MARKERS and text[i] != TERM:
        i += 1
    if i < len(text) and text[i] == TERM:
        j = i + 1
        while j < len(text) and text[j] in MARKERS:
            j += 1
        if j < len(text) and text[j].islower():
            return text[:j] + text[j].upper() + text[j + 1:]
    return text


_DISPLAY = {"block": BLOCK, "left-margin": LEFT_MARGIN, "right-inline": RIGHT_INLINE, "indent": INDENT}
#: formatting attributes in the order citeproc-js applies them; text-case goes after font-style
_BEFORE_CASE = (("font-style", {"italic": ITALIC, "oblique": ITALIC, "normal": NORMAL_STYLE}),)
_AFTER_CASE = (("font-variant", {"small-caps": SMALLCAPS, "normal": NORMAL_VARIANT}),
               ("font-weight", {"bold": BOLD, "normal": NORMAL_WEIGHT}),
               ("text-decoration", {"underline": UNDERLINE}),
               ("vertical-align", {"sup": SUP, "sub": SUB}),
               ("quotes", {"true": QUOTE}))


def _marked(text: str, attrs: dict, table) -> str:
    for name, markers in table:
        marker = markers.get(attrs.get(name))
        if marker:
            text = mark(marker, text)
    return text


def formatted(text: str, attrs: dict, text_case=None, affixes_inside: bool = False) -> str:
    """``text`` with an element's formatting attributes (CSL 1.0.2 "Formatting", "Affixes", "Display",
    "Quotes", "Strip-periods", "Text-case"), in citeproc-js's order."""
    if not text:
        return ""
    prefix, suffix = attrs.get("prefix"), attrs.get("suffix")
    if affixes_inside and (prefix or suffix):  # cs:layout: its affixes inside its formatting (citeproc-js)
        text = "".join(fix_punct([prefix or "", text, suffix or ""]))
        prefix = suffix = None
    if attrs.get("strip-periods") == "true":
        text = text.replace(".", "")  # markers are private-use characters, never "."
    text = _marked(text, attrs, _BEFORE_CASE)
    case = attrs.get("text-case")
    if case and text_case is not None:
        text = text_case(text, case)
    text = _marked(text, attrs, _AFTER_CASE)
    if prefix or suffix:
        text = "".join(fix_punct([prefix or "", text, suffix or ""]))
    display = attrs.get("display")
    if display in _DISPLAY:
        text = mark(_DISPLAY[display], text)
    return text
