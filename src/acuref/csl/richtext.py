"""Markup inside CSL-JSON field values → rendered text (:mod:`.rich`).

CSL-JSON rich text (CSL 1.0.2 Appendix VI "Rich text markup" as citeproc-js reads it): ``<i>``,
``<b>``, ``<sup>``, ``<sub>``, ``<sc>``, ``<span style="font-variant:small-caps;">``,
``<span class="nocase">`` (protected from text-case), and quotation marks (straight or curly
double quotes, single quotes at word boundaries) become quote markup, so the locale's quotes and
flip-flops apply.  A straight apostrophe inside a word prints as ’.  Unbalanced markup stays text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import rich

_TOKEN = re.compile(
    r"""<(/?)(i|b|em|strong|sup|sub|sc)>|<span\s+(?:class="(nocase|nodecor)"|style="font-variant:\s*(small-caps);?")\s*>|(</span>)"""
    r"""|(["“”‘’'])""", re.I)
_TAG_MARK = {"i": rich.ITALIC, "em": rich.ITALIC, "b": rich.BOLD, "strong": rich.BOLD, "sup": rich.SUP,
             "sub": rich.SUB, "sc": rich.SMALLCAPS, "nocase": rich.NOCASE, "small-caps": rich.SMALLCAPS,
             "nodecor": rich.NODECOR}


_BEFORE_PUNCTUATION = re.compile(r" ([:;?!\u00bb])")


def narrow_spaces(value: str) -> str:
    """A space before ":", ";", "?", "!" or "»" (and after "«") as a narrow no-break space (U+202F), as
    citeproc-js prints every field value, whatever the locale ("CMAJ : Canadian Medical Association
    Journal" → "CMAJ\u202f: …"; citeproc-js 2.4.63, CSL.Output.Queue.append)."""
    if " " not in value:
        return value
    return _BEFORE_PUNCTUATION.sub("\u202f\\1", value).replace("\u00ab ", "\u00ab\u202f")


@lru_cache(maxsize=8192)
def parse(value: str) -> str:
    """The field's text with its markup as markers (cached: fields repeat across renders)."""
    if not value or not any(c in value for c in "<\"“”‘’'"):
        return value or ""
    tokens: list[list] = []  # [kind, marker, raw]
    pos = 0
    for m in _TOKEN.finditer(value):
        if m.start() > pos:
            tokens.append(["text", "", value[pos:m.start()]])
        raw = m.group(0)
        if m.group(2):
            kind = "close" if m.group(1) else "open"
            tokens.append([kind, _TAG_MARK[m.group(2).lower()], raw])
        elif m.group(3) or m.group(4):
            tokens.append(["open", _TAG_MARK[(m.group(3) or m.group(4)).lower()], raw])
        elif m.group(5):
            tokens.append(["close", "span", raw])
        else:
            after_open = bool(tokens) and tokens[-1][0] == "open" and m.start() == pos
            token = _quote(value, m.start(), raw, after_open)
            if raw == "’" and token[0] == "text" and _open_single(tokens) and not value[m.end():m.end() + 1].isalnum():
                token = ["close", rich.QUOTE, raw]  # closes a curly single quote: "‘Why’ it works"
            tokens.append(token)
        pos = m.end()
    if pos < len(value):
        tokens.append(["text", "", value[pos:]])
    return _KEEP_AFTER_QUOTE.sub(_KEEP_PAIR, _resolve(tokens))


_KEEP_AFTER_QUOTE = re.compile(f"{rich.close(rich.QUOTE)}(?=[.,!?])")
_KEEP_PAIR = rich.close(rich.QUOTE) + rich.KEEP + rich.close(rich.KEEP)


def _open_single(tokens: list[list]) -> bool:
    """Whether a curly single quote opened before is still open."""
    depth = 0
    for kind, marker, raw in tokens:
        if marker == rich.QUOTE and raw in "‘’":
            depth += 1 if kind == "open" else -1 if depth else 0
    return depth > 0


def _quote(value: str, at: int, raw: str, after_open: bool = False) -> list:
    """A quote character as an opening or closing quote, an apostrophe or text; right after an
    opening quote or tag it opens ('"Title"', <span class="nocase">"Title"</span>: citeproc-js,
    fixture bugreports_NoCaseEscape)."""
    before = " " if after_open else value[at - 1] if at > 0 else " "
    after = value[at + 1] if at + 1 < len(value) else " "
    if raw in "'’" and before.isalnum() and (after.isalnum() or raw == "’"):
        return ["text", "", "’"]  # an apostrophe
    if raw in "“‘":
        return ["open", rich.QUOTE, raw]
    if raw == "”":
        return ["close", rich.QUOTE, raw]
    opening = not before.strip() or before in "([{-–—/\u00a0" or before in rich.MARKERS
    if raw == "’":
        return ["close", rich.QUOTE, raw] if not opening else ["text", "", "’"]
    if raw == "'":
        if opening and after.strip():
            return ["open", rich.QUOTE, raw]
        if not opening:
            return ["close", rich.QUOTE, raw]
        return ["text", "", "’"]
    # straight double quote: opens at a word start, closes after a word; elsewhere it is text
    if opening:
        return ["open", rich.QUOTE, raw] if after.strip() else ["text", "", raw]
    return ["close", rich.QUOTE, raw]


def _resolve(tokens: list[list]) -> str:
    stack: list[int] = []
    for n, (kind, marker, raw) in enumerate(tokens):
        if kind == "open":
            stack.append(n)
        elif kind == "close":
            match = None
            for k in range(len(stack) - 1, -1, -1):
                opener = tokens[stack[k]]
                if opener[1] == marker or (marker == "span" and opener[2].lower().startswith("<span")) \
                        or (marker == rich.QUOTE and opener[1] == rich.QUOTE and _pairs(opener[2], raw)):
                    match = k
                    break
            if match is None:
                tokens[n] = ["text", "", "’" if raw == "'" else raw]
                continue
            for k in stack[match + 1:]:
                tokens[k] = ["text", "", tokens[k][2]]
            opener = tokens[stack[match]]
            tokens[n] = ["close", opener[1], raw]
            del stack[match:]
    for k in stack:
        raw = tokens[k][2]
        tokens[k] = ["text", "", "’" if raw == "'" else raw]
    out = []
    for kind, marker, raw in tokens:
        if kind == "text":
            out.append(raw)
        elif kind == "open":
            out.append(marker + (rich.NOCASE if marker in _PROTECTED else ""))
            if marker == rich.QUOTE and raw in _TYPED:
                out.append(_TYPED[raw] + rich.close(_TYPED[raw]))
        else:
            out.append((rich.close(rich.NOCASE) if marker in _PROTECTED else "") + rich.close(marker))
    return "".join(out)


_TYPED = {"“": rich.TYPED_DOUBLE, "‘": rich.TYPED_SINGLE}
_PROTECTED = {rich.SMALLCAPS, rich.SUP, rich.SUB, rich.NODECOR}  # their text keeps its case (citeproc-js)


def _pairs(opening: str, closing: str) -> bool:
    if opening in "\"“":
        return closing in "\"”"
    return closing in "'’"


def literal(text: str) -> str:
    """A cs:text value: its markup and quotes as in a field (citeproc-js parses it; fixtures
    flipflop_QuotesInFieldNotOnNode, flipflop_QuotesNodeLevelMarkup)."""
    return parse(text)


def escape_affix(text: str) -> str:
    """An affix or term from the style: plain text, but with its own <i>… as citeproc-js allows."""
    return parse(text) if "<" in text else text
