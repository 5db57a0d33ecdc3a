"""Word (.docx) and OpenDocument (.odt) drafts read into prose blocks.

Positions: ``line`` is the paragraph's number within its part (body paragraphs and table-cell
paragraphs in document order; each footnote or endnote numbered on its own), ``column`` the
character in that paragraph, 1-based. Deleted text (tracked changes) and field instructions
(e.g. a Zotero field's JSON) are not prose and are skipped; soft hyphens are dropped and
non-breaking hyphens kept as "-".

The package's XML is parsed by lxml with entity expansion, DTD loading and network access off.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .reading import BODY, Block

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _invalid(path: Path, reason: str):
    from ..errors import InvalidInputError, Problem

    return InvalidInputError(f"{path} is not a readable draft", [Problem(str(path), None, None, reason)])


def _package(path: Path, kind: str) -> zipfile.ZipFile:
    from ..errors import FileReadError

    try:
        return zipfile.ZipFile(path)
    except OSError as exc:
        raise FileReadError(path, exc.strerror or str(exc)) from None
    except zipfile.BadZipFile:
        raise _invalid(path, f"not a .{kind} file (not a ZIP package)") from None


def _xml(path: Path, package: zipfile.ZipFile, member: str, required: bool = True):
    from lxml import etree

    try:
        data = package.read(member)
    except KeyError:
        if required:
            raise _invalid(path, f"{member} is missing from the package") from None
        return None
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise _invalid(path, f"{member} cannot be read: {exc}") from None
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _invalid(path, f"{member}: malformed XML: {exc}") from None


# --- .docx -----------------------------------------------------------------------------------------

def docx_blocks(path: Path) -> list[Block]:
    """Blocks of a Word draft: body paragraphs (tables included, in order), then footnotes and endnotes."""
    with _package(path, "docx") as package:
        document = _xml(path, package, "word/document.xml")
        body = document.find(f"{W}body")
        if body is None:
            raise _invalid(path, "word/document.xml has no w:body")
        blocks = _docx_paragraphs(body, BODY)
        for member, kind in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
            notes = _xml(path, package, member, required=False)
            if notes is None:
                continue
            for note in notes.iter(f"{W}{kind}"):
                if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                blocks += _docx_paragraphs(note, f"{kind} {note.get(f'{W}id')}")
    return blocks


def _docx_paragraphs(root, part: str) -> list[Block]:
    blocks = []
    for number, paragraph in enumerate(root.iter(f"{W}p"), 1):
        block = Block(part=part)
        for piece in _docx_text(paragraph):
            block.add(piece, number, len(block.text) + 1)
        block.text = block.text.rstrip()
        if block.text.strip():
            blocks.append(block)
    return blocks


def _docx_text(paragraph):
    for element in paragraph.iter():
        tag = element.tag
        if tag == f"{W}t":
            yield element.text or ""
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            # a w:p nested in a text box is walked as its own paragraph; skip its runs here
            yield " "
        elif tag == f"{W}noBreakHyphen":
            yield "-"
        elif tag == f"{W}p" and element is not paragraph:
            break


# --- .odt ------------------------------------------------------------------------------------------

def odt_blocks(path: Path) -> list[Block]:
    """Blocks of an OpenDocument text: paragraphs and headings (tables included), then the notes."""
    with _package(path, "odt") as package:
        content = _xml(path, package, "content.xml")
    text = content.find(f"{OFFICE}body/{OFFICE}text")
    if text is None:
        raise _invalid(path, "content.xml has no office:text body")
    blocks: list[Block] = []
    notes: list[Block] = []
    number = 0
    for paragraph in text.iter(f"{TEXT}p", f"{TEXT}h"):
        if _inside_note(paragraph, text):
            continue
        number += 1
        block = Block(part=BODY)
        _odt_text(paragraph, block, number, notes)
        block.text = block.text.rstrip()
        if block.text.strip():
            blocks.append(block)
    return blocks + notes


def _inside_note(element, root) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not root:
        if parent.tag == f"{TEXT}note":
            return True
        parent = parent.getparent()
    return False


def _odt_text(element, block: Block, number: int, notes: list[Block]) -> None:
    def add(chars: str) -> None:
        block.add(chars.replace("\u00ad", ""), number, len(block.text) + 1)

    if element.text:
        add(element.text)
    for child in element:
        tag = child.tag
        if tag == f"{TEXT}s":
            add(" " * int(child.get(f"{TEXT}c", "1") or 1))
        elif tag in (f"{TEXT}tab", f"{TEXT}line-break"):
            add(" ")
        elif tag == f"{TEXT}note":
            label = child.findtext(f"{TEXT}note-citation") or str(len(notes) + 1)
            kind = "endnote" if child.get(f"{TEXT}note-class") == "endnote" else "footnote"
            body = child.find(f"{TEXT}note-body")
            for n, paragraph in enumerate(body.iter(f"{TEXT}p", f"{TEXT}h") if body is not None else (), 1):
                note = Block(part=f"{kind} {label}")
                _odt_text(paragraph, note, n, notes)
                if note.text.strip():
                    notes.append(note)
        elif tag in (f"{TEXT}tracked-changes", f"{OFFICE}annotation"):
            pass
        else:
            _odt_text(child, block, number, notes)
        if child.tail:
            add(child.tail)
