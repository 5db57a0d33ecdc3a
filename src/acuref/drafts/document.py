"""A rendered Markdown draft as a document model for the .docx and .odt writers.

Parsed with markdown-it-py (CommonMark) plus the extensions pandoc's Markdown has and writers
use: pipe tables and ``~~strikeout~~`` (markdown-it's own GFM rules), footnotes ``[^n]`` /
``[^n]: …`` and inline notes ``^[…]`` (mdit-py-plugins' footnote plugin), and pandoc's
``^super^``/``~sub~``. Blocks: paragraphs, headings, bullet and ordered lists (nested, with their
start number), block quotes, code, rules and tables; inline: emphasis, strong, code, links (their
URL kept), line breaks, notes.

What a word processor file cannot carry from this model is refused, every instance at once, with
its line (:class:`~acuref.errors.InvalidInputError`): images, raw HTML blocks and HTML tags other
than the formatting ones mapped here (``sup``, ``sub``, ``em``/``i``, ``strong``/``b``, ``s``/``del``,
``span``, ``br``, comments). Pandoc drops raw HTML from .docx silently; we say so instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SUPSUB = re.compile(r"(?<!\\)\^([^\s^]+)\^|(?<![\\~])~([^\s~]+)~(?!~)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>\Z")
_FORMAT_TAGS = {"sup": "superscript", "sub": "subscript", "em": "italic", "i": "italic", "strong": "bold",
                "b": "bold", "s": "strike", "del": "strike", "span": "", "br": ""}


def markdown_parser(html: bool = False):
    """The Markdown reader shared by every output: CommonMark, pipe tables, strikeout, footnotes."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark", {"html": html}).enable(["table", "strikethrough"]).use(footnote_plugin)


@dataclass
class Run:
    text: str = ""
    italic: bool = False
    bold: bool = False
    vertical: str = ""  # "superscript" | "subscript" | ""
    code: bool = False
    strike: bool = False
    note: int | None = None  # a reference to note number N (1-based) instead of text
    link: str = ""  # the URL of the link this run is part of
    newline: bool = False  # a hard line break instead of text


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)
    heading: int = 0
    list_kind: str = ""  # "bullet" | "ordered": the first paragraph of a list item
    level: int = 0  # list nesting depth (1 = top level) of the item the paragraph is in
    list_id: int = 0  # which list (ordered lists each restart their numbering)
    start: int = 1  # an ordered list's first number
    quote: int = 0  # block quote depth
    code: bool = False
    rule: bool = False
    style: str = ""  # a named style of the writer (Title, Author, Date, Abstract, Bibliography)


@dataclass
class Table:
    rows: list[list[list[Run]]] = field(default_factory=list)
    header: int = 0  # how many of the rows are header rows


@dataclass
class Document:
    blocks: list = field(default_factory=list)  # Paragraph | Table
    notes: list[list[Paragraph]] = field(default_factory=list)  # note N is notes[N - 1]


def parse_document(markdown: str, path: str = "<draft>", first_line: int = 1) -> Document:
    """The document model of a Markdown text whose first line is line ``first_line`` of the file
    at ``path``; InvalidInputError listing everything it cannot carry, by line."""
    from ..errors import InvalidInputError, Problem

    tokens = markdown_parser(html=True).parse(markdown)
    doc = Document()
    problems: list[Problem] = pandoc_only_blocks(markdown, tokens, path, first_line)
    lists: list[list] = []  # [kind, id, start, items seen]
    quote, heading, pending_item = 0, 0, ""
    table: Table | None = None
    row: list | None = None
    in_head = False
    note: list[Paragraph] | None = None
    list_count = 0
    in_refs = False
    for token in tokens:
        kind = token.type
        line = token.map[0] + first_line if token.map else None
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_count += 1
            lists.append(["bullet" if kind.startswith("bullet") else "ordered", list_count,
                          int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            pending_item = lists[-1][0]
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = 0
        elif kind == "table_open":
            table = Table()
        elif kind == "table_close":
            (note if note is not None else doc.blocks).append(table)
            table = None
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None:
            table.rows.append(row)
            table.header += in_head
        elif kind == "footnote_open":
            note = []
            doc.notes.append(note)
        elif kind == "footnote_close":
            note = None
        elif kind == "html_block" and token.content.strip() in ("<!-- refs -->", "<!-- /refs -->"):
            in_refs = token.content.strip() == "<!-- refs -->"  # the bibliography (outputs.document_markdown)
        elif kind == "html_block":
            if not re.fullmatch(r"\s*(?:<!--.*?-->\s*)+", token.content, re.S):
                problems.append(Problem(path, line, None, f"raw HTML block {token.content.strip()[:40]!r}: "
                                                          "a word processor file cannot carry it"))
        elif kind == "inline":
            runs = _runs(token.children or [], path, line, problems)
            if table is not None and row is not None:
                row.append(runs)
                continue
            paragraph = Paragraph(runs, heading, pending_item, len(lists), lists[-1][1] if lists else 0,
                                  lists[-1][2] if lists else 1, quote, style="Bibliography" if in_refs else "")
            pending_item = ""
            (note if note is not None else doc.blocks).append(paragraph)
        elif kind in ("fence", "code_block"):
            (note if note is not None else doc.blocks).append(
                Paragraph([Run(token.content.rstrip("\n"), code=True)], level=len(lists), quote=quote, code=True))
        elif kind == "hr":
            doc.blocks.append(Paragraph(rule=True))
    if problems:
        from ..wording import count

        raise InvalidInputError(f"{path}: {count(len(problems), 'thing')} in the draft cannot be written to this "
                                "format; nothing written", problems)
    return doc


# pandoc Markdown blocks that CommonMark reads as something else (a paragraph of "+---+" lines, a
# setext heading over a dashed line, text with ":::" lines): refused rather than written garbled
_PANDOC_ONLY = (
    (re.compile(r"\+(?:[-=:]+\+){2,}\s*"), "a grid table: write it as a pipe table (| a | b |)"),
    (re.compile(r"\s*-{2,}(?:[ \t]+-{2,})+\s*"), "a simple or multiline table: write it as a pipe table (| a | b |)"),
    (re.compile(r":{3,}.*"), "a fenced div (:::): acuref render cannot carry it"),
    (re.compile(r"[:~][ \t]{1,3}\S.*"), "a definition list (term, then ': definition'): write it as a list"),
)


def pandoc_only_blocks(markdown: str, tokens, path: str, first_line: int = 1) -> list:
    """Problems for pandoc Markdown blocks markdown-it does not know (grid and simple tables, fenced
    divs, definition lists), found on the source lines of its paragraphs, headings and rules (so
    code blocks, which may show such lines, are never flagged). The pandoc manual, "Pandoc's Markdown"."""
    from ..errors import Problem

    lines = markdown.splitlines()
    problems: list = []
    seen: set[str] = set()
    for token in tokens:
        if token.type not in ("paragraph_open", "heading_open", "hr") or not token.map:
            continue
        for n in range(token.map[0], min(token.map[1], len(lines))):
            text = lines[n].lstrip(" >")
            what = next((what for pattern, what in _PANDOC_ONLY if pattern.fullmatch(text)
                         and (n > token.map[0] or not what.startswith("a definition"))), None)  # after its term
            if what and what not in seen:  # once per block: its first line
                seen.add(what)
                problems.append(Problem(path, n + first_line, None, what))
        seen.clear()
    return problems


def _runs(children, path: str, line: int | None, problems: list) -> list[Run]:
    from ..errors import Problem

    runs: list[Run] = []
    state = {"italic": False, "bold": False, "strike": False, "superscript": False, "subscript": False}
    link = ""

    def run(text: str, **extra) -> Run:
        vertical = "superscript" if state["superscript"] else "subscript" if state["subscript"] else ""
        values = dict(italic=state["italic"], bold=state["bold"], strike=state["strike"], vertical=vertical, link=link)
        values.update(extra)
        return Run(text, **values)

    for child in children:
        kind = child.type
        if kind in ("em_open", "em_close"):
            state["italic"] = kind == "em_open"
        elif kind in ("strong_open", "strong_close"):
            state["bold"] = kind == "strong_open"
        elif kind in ("s_open", "s_close"):
            state["strike"] = kind == "s_open"
        elif kind == "link_open":
            link = child.attrGet("href") or ""
        elif kind == "link_close":
            link = ""
        elif kind == "softbreak":
            runs.append(run(" "))
        elif kind == "hardbreak":
            runs.append(run("", newline=True))
        elif kind == "code_inline":
            runs.append(run(child.content, code=True))
        elif kind == "footnote_ref":
            runs.append(Run(note=child.meta["id"] + 1))
        elif kind == "text":
            runs += _supsub(child.content, run)
        elif kind == "image":
            problems.append(Problem(path, line, None, f"image {child.attrGet('src')!r}: acuref render does not "
                                                      "embed images; render this draft with pandoc"))
        elif kind == "html_inline":
            tag = _TAG.match(child.content)
            if child.content.startswith("<!--"):
                continue
            if tag is None or tag.group(2).lower() not in _FORMAT_TAGS:
                problems.append(Problem(path, line, None, f"raw HTML {child.content[:40]!r}: a word processor "
                                                          "file cannot carry it"))
                continue
            name = tag.group(2).lower()
            if name == "br":
                runs.append(run("", newline=True))
            elif _FORMAT_TAGS[name]:
                state[_FORMAT_TAGS[name]] = not tag.group(1)
    return runs


def _supsub(text: str, run) -> list[Run]:
    runs, pos = [], 0
    for m in _SUPSUB.finditer(text):
        if m.start() > pos:
            runs.append(run(text[pos:m.start()]))
        runs.append(run(m.group(1) or m.group(2), vertical="superscript" if m.group(1) else "subscript"))
        pos = m.end()
    if pos < len(text):
        runs.append(run(text[pos:]))
    return runs
