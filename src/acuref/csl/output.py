"""Rendered text (:mod:`.rich`) → text, HTML, Markdown or RTF.

Escaping happens here, once, for every character that did not come from a marker, so no field
reaches HTML, Markdown or RTF unescaped.  Flip-flops (CSL 1.0.2 "Formatting": italic inside
italic prints upright, bold inside bold normal weight, small caps inside small caps normal; quotes
inside quotes the locale's inner quotes), the locale's quote marks and punctuation-in-quote
("Locale Options") are resolved here.  HTML follows citeproc-js's markup, as the CSL test suite
expects it.
"""

from __future__ import annotations

import re

from . import rich

FORMATS = ("text", "html", "md", "rtf")

_HTML = {
    rich.ITALIC: ("<i>", "</i>"), rich.BOLD: ("<b>", "</b>"), rich.SUP: ("<sup>", "</sup>"),
    rich.SUB: ("<sub>", "</sub>"), rich.SMALLCAPS: ('<span style="font-variant:small-caps;">', "</span>"),
    rich.NORMAL_STYLE: ('<span style="font-style:normal;">', "</span>"),
    rich.NORMAL_WEIGHT: ('<span style="font-weight:normal;">', "</span>"),
    rich.NORMAL_VARIANT: ('<span style="font-variant:normal;">', "</span>"),
    rich.UNDERLINE: ('<span style="text-decoration:underline;">', "</span>"),
    rich.BLOCK: ('<div class="csl-block">', "</div>"), rich.LEFT_MARGIN: ('<div class="csl-left-margin">', "</div>"),
    rich.RIGHT_INLINE: ('<div class="csl-right-inline">', "</div>"), rich.INDENT: ('<div class="csl-indent">', "</div>"),
}
_MD = {rich.ITALIC: ("*", "*"), rich.BOLD: ("**", "**"), rich.SUP: ("^", "^"), rich.SUB: ("~", "~"),
       rich.SMALLCAPS: ("[", "]{.smallcaps}"), rich.UNDERLINE: ("[", "]{.underline}")}
_RTF = {rich.ITALIC: ("{\\i ", "}"), rich.BOLD: ("{\\b ", "}"), rich.SUP: ("{\\super ", "}"),
        rich.SUB: ("{\\sub ", "}"), rich.SMALLCAPS: ("{\\scaps ", "}"), rich.NORMAL_STYLE: ("{\\i0 ", "}"),
        rich.NORMAL_WEIGHT: ("{\\b0 ", "}"), rich.NORMAL_VARIANT: ("{\\scaps0 ", "}"), rich.UNDERLINE: ("{\\ul ", "}")}
_TABLES = {"html": _HTML, "md": _MD, "rtf": _RTF, "text": {}}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^])")


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _escape_rtf(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) > 127:
            code = ord(ch)
            if code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10) - 65536}?\\u{0xDC00 + (code & 0x3FF) - 65536}?")
            else:
                out.append(f"\\u{code - 65536 if code > 32767 else code}?")
        else:
            out.append(ch)
    return "".join(out)


_ESCAPE = {"text": str, "html": _escape_html, "md": _escape_md, "rtf": _escape_rtf}
_PUNCT_AFTER_QUOTE = re.compile(f"({rich.close(rich.QUOTE)}[{rich.MARKERS.replace(rich.KEEP, '')}]*)([.,!?]+)")
#: curly quotes typed in a field print as typed outside other quotes (citeproc-js)
_TYPED = {rich.TYPED_DOUBLE: ("“", "”"), rich.TYPED_SINGLE: ("‘", "’")}
_FLIP = {rich.ITALIC: rich.NORMAL_STYLE, rich.BOLD: rich.NORMAL_WEIGHT, rich.SMALLCAPS: rich.NORMAL_VARIANT}
_UNFLIP = {v: k for k, v in _FLIP.items()}


def punctuation_in_quote(text: str) -> str:
    """Commas, periods, "!" and "?" after a closing quote move inside it (en-US: “Title,”), unless they
    follow it inside one field or affix (:data:`rich.KEEP`). citeproc-js; fixtures
    punctuation_FullMontyQuotesIn, affix_CommaAfterQuote, label_EditorTranslator2."""
    return _PUNCT_AFTER_QUOTE.sub(lambda m: m.group(2) + m.group(1), text)


def render(text: str, fmt: str, quotes: tuple[str, str, str, str], punct_in_quote: bool = False) -> str:
    """The final string in ``fmt``; ``quotes`` = (open, close, open-inner, close-inner)."""
    if punct_in_quote:
        text = punctuation_in_quote(text)
    table = _TABLES[fmt]
    escape = _ESCAPE[fmt]
    out: list[str] = []
    stack: list[tuple[str, str, bool]] = []  # (marker as written, marker as rendered, state before)
    state = {rich.ITALIC: False, rich.BOLD: False, rich.SMALLCAPS: False}
    quote_depth = 0
    buffer: list[str] = []
    for at, ch in enumerate(text):
        if ch not in rich.MARKERS:
            buffer.append(ch)
            continue
        if buffer:
            out.append(escape("".join(buffer)))
            buffer = []
        if (ord(ch) - 0xE000) % 2 == 0:  # opening
            shown, kind, before = ch, None, False
            if ch in _FLIP:
                kind = ch
                before = state[kind]
                shown = _FLIP[ch] if before else ch  # italic inside italic: upright
                state[kind] = not before
            elif ch in _UNFLIP:
                kind = _UNFLIP[ch]
                before = state[kind]
                state[kind] = False
                if not before:
                    shown = ""  # "normal" with nothing to undo prints nothing
            if ch == rich.NODECOR:  # each formatting in force is undone inside ("<i>Lessard <span
                # style="font-style:normal;">v.</span> Schmidt</i>")
                undone = [k for k in (rich.ITALIC, rich.SMALLCAPS, rich.BOLD) if state[k]]
                out.extend(table.get(_FLIP[k], ("", ""))[0] for k in undone)
                stack.append((ch, "".join(undone), dict(state)))
                for k in undone:
                    state[k] = False
                continue
            if ch == rich.QUOTE:
                typed = _TYPED.get(text[at + 1:at + 2]) if not quote_depth else None
                out.append(escape(typed[0] if typed else quotes[2] if quote_depth % 2 else quotes[0]))
                quote_depth += 1
                stack.append((ch, typed[1] if typed else "", before))
                continue
            elif ch != rich.NOCASE and shown:
                out.append(table.get(shown, ("", ""))[0])
            stack.append((ch, shown, before))
        else:
            if not stack:
                continue
            written, shown, before = stack.pop()
            if written == rich.NODECOR:
                out.extend(table.get(_FLIP[k], ("", ""))[1] for k in reversed(shown))
                state = before
                continue
            if written == rich.QUOTE:
                quote_depth -= 1
                out.append(escape(shown or (quotes[3] if quote_depth % 2 else quotes[1])))
            elif written != rich.NOCASE and shown:
                out.append(table.get(shown, ("", ""))[1])
                if written == rich.LEFT_MARGIN and fmt != "html":
                    out.append(_MARGIN)
            kind = written if written in _FLIP else _UNFLIP.get(written)
            if kind:
                state[kind] = before
    if buffer:
        out.append(escape("".join(buffer)))
    text = "".join(out)
    if _MARGIN in text:  # second-field-align outside HTML: one space between the number and the entry
        text = re.sub(rf"[ \t]*{_MARGIN}[ \t]*", " ", text)
    return text


_MARGIN = "\x00margin\x00"
