"""Drafts as writers write them: plain text, Markdown, HTML, .docx and .odt, read into prose blocks.

A *block* is one logical paragraph (a paragraph, list item, table cell paragraph or note) as one
string: the lines of a wrapped paragraph joined with a space, words hyphenated at a line end
joined again, HTML tags dropped and entities decoded. Every character keeps its origin in the
source file (line and column, 1-based; for .docx/.odt the paragraph number and the character in
it, and the part: body, footnote N, endnote N), so a citation found in a block is reported where
it starts in the file the writer has open.

Errors: :class:`~acuref.errors.InvalidInputError` naming the file and the reason (not UTF-8, not a
.docx/.odt package, malformed XML); :class:`~acuref.errors.FileReadError` when it cannot be read.
XML is parsed with entity expansion, DTD loading and network access off.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

BODY = "body"
KINDS = ("text", "md", "html", "docx", "odt")


@dataclass
class Block:
    """One paragraph of prose; ``origin(i)`` is where its character ``i`` is in the source."""

    part: str = BODY
    text: str = ""
    _starts: list[int] = field(default_factory=list)  # block offsets where a run of source characters starts
    _lines: list[int] = field(default_factory=list)
    _columns: list[int] = field(default_factory=list)

    def add(self, text: str, line: int, column: int) -> None:
        """Append ``text``, whose first character is at ``line``:``column`` of the source, the rest after it on that line."""
        if not text:
            return
        self._starts.append(len(self.text))
        self._lines.append(line)
        self._columns.append(column)
        self.text += text

    def origin(self, index: int) -> tuple[int, int]:
        """(line, column) of the block's character ``index`` in the source."""
        if not self._starts:
            return (1, 1)
        run = max(bisect_right(self._starts, index) - 1, 0)
        return self._lines[run], self._columns[run] + index - self._starts[run]


def draft_kind(path: str) -> str:
    """The reader for a draft, from its extension: html, md, docx, odt, else text."""
    lower = path.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "md"
    if lower.endswith(".docx"):
        return "docx"
    if lower.endswith(".odt"):
        return "odt"
    return "text"


def read_draft(path: Path, kind: str | None = None) -> list[Block]:
    """The prose blocks of the draft at ``path`` (kind from the extension unless given)."""
    kind = kind or draft_kind(str(path))
    if kind == "docx":
        from .office import docx_blocks

        return docx_blocks(path)
    if kind == "odt":
        from .office import odt_blocks

        return odt_blocks(path)
    from ..formats import read_text_file

    return text_blocks(read_text_file(path), kind)


def text_blocks(text: str, kind: str = "text") -> list[Block]:
    """The blocks of a draft given as text (plain, Markdown or HTML)."""
    if kind == "html":
        return html_blocks(text)
    return _line_blocks(text, markdown=kind == "md")


# --- plain text and Markdown: paragraphs of wrapped lines ------------------------------------------

_NEW_ITEM = re.compile(r"^\s*(?:[-*+•◦▪‣]\s|\d{1,3}[.)]\s|#{1,6}\s|>)")
# a reference-list entry ("Surname, I., …", "ORG (2021) …") starts its own block even without a blank line
_ENTRY_START = re.compile(r"^\s*[A-Z\u00C0-\u00DE][\w'’\-]+,\s*[A-Z]{1,3}[.,;]|^\s*[A-Z]{2,}\s*\(\d{4}\)")
_MD_MARK = re.compile(r"(?<!\\)(?:\*+|(?<![\w])_+|_+(?![\w]))")


def _line_blocks(text: str, markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        if current is not None and (_NEW_ITEM.match(line) or (_ENTRY_START.match(line)
                                                              and current.text.rstrip().endswith((".", ")", "]")))):
            current = None
        lead = len(line) - len(line.lstrip())
        if current is None:
            current = Block()
            blocks.append(current)
        elif current.text.endswith("-") and len(current.text) > 1 and current.text[-2].isalpha() \
                and line[lead:lead + 1].islower():
            current.text = current.text[:-1]  # "elec-⏎troacupuncture": a word hyphenated at the line end
        else:
            current.add(" ", lineno, lead + 1)
        _add_line(current, line, lineno, lead, markdown)
    return blocks


def _add_line(block: Block, line: str, lineno: int, start: int, markdown: bool) -> None:
    """Add ``line[start:]`` without soft hyphens (and, in Markdown, without emphasis marks)."""
    pattern = _MD_MARK if markdown else None
    pos = start
    for m in re.finditer("\u00ad" + (f"|{pattern.pattern}" if pattern else ""), line[start:]):
        a, b = start + m.start(), start + m.end()
        block.add(line[pos:a], lineno, pos + 1)
        pos = b
    block.add(line[pos:], lineno, pos + 1)


# --- HTML: text between tags, block elements as paragraphs -----------------------------------------

_BLOCK_TAGS = frozenset("""p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 hr tr td th table thead tbody blockquote
    section article header footer aside nav figure figcaption pre title main caption""".split())
_SKIP_TAGS = frozenset(("script", "style", "head", "template"))


def html_blocks(text: str) -> list[Block]:
    """Blocks of an HTML draft: tags dropped, entities decoded, block elements separate paragraphs."""
    from html import unescape
    from html.entities import html5
    from html.parser import HTMLParser

    blocks: list[Block] = []

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.current: Block | None = None
            self.skip = 0

        def _break(self) -> None:
            self.current = None

        def handle_starttag(self, tag, attrs):
            if tag in _SKIP_TAGS:
                self.skip += 1
            if tag in _BLOCK_TAGS:
                self._break()
            elif tag == "br":
                self.handle_startendtag(tag, attrs)

        def handle_startendtag(self, tag, attrs):
            if tag in _BLOCK_TAGS:
                self._break()
            elif tag == "br" and self.current is not None and not self.current.text.endswith(" "):
                line, col = self.getpos()
                self._emit(" ", line, col + 1)  # a line break inside a paragraph

        def handle_endtag(self, tag):
            if tag in _SKIP_TAGS and self.skip:
                self.skip -= 1
            if tag in _BLOCK_TAGS:
                self._break()

        def _emit(self, chars: str, line: int, column: int) -> None:
            if self.skip:
                return
            if self.current is None:
                if not chars.strip():
                    return
                self.current = Block()
                blocks.append(self.current)
            self.current.add(chars, line, column)

        def handle_data(self, data):
            line, col = self.getpos()
            col += 1
            for m in re.finditer(r"\s+|[^\s\u00ad]+|\u00ad", data):
                piece = m.group(0)
                if piece[0].isspace():
                    if self.current is not None and not self.current.text.endswith(" "):
                        self._emit(" ", line, col)
                    newlines = piece.count("\n")
                    if newlines:
                        line += newlines
                        col = len(piece) - piece.rfind("\n")
                    else:
                        col += len(piece)
                    continue
                if piece != "\u00ad":
                    self._emit(piece, line, col)
                col += len(piece)

        def _entity(self, raw: str) -> None:
            line, col = self.getpos()
            char = unescape(raw)
            if char == raw or char == "\u00ad":
                if char == raw:  # not an entity: its text as written (without a ";" that may not be there)
                    self._emit(raw.rstrip(";"), line, col + 1)
                return
            if char.isspace():
                char = " "
            self._emit(char, line, col + 1)

        def handle_entityref(self, name):
            # Only a whole entity name decodes: html.unescape would also decode a prefix ("&lt3;" ->
            # "<3;"), several characters at one source position.
            if f"{name};" in html5:
                self._entity(f"&{name};")
            else:
                line, col = self.getpos()
                self._emit(f"&{name}", line, col + 1)

        def handle_charref(self, name):
            self._entity(f"&#{name};")

    reader = Reader()
    reader.feed(text)
    reader.close()
    for block in blocks:
        _trim(block)
    return [b for b in blocks if b.text]


def _trim(block: Block) -> None:
    """Drop trailing spaces (leading ones never get in)."""
    block.text = block.text.rstrip()
