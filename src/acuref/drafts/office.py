"""Word (.docx) and OpenDocument (.odt) drafts read into prose blocks.

Positions: ``line`` is the paragraph's number within its part (body paragraphs and table-cell
paragraphs in document order; each footnote or endnote numbered on its own, and named by the
mark Word shows for it, not its XML id: see :func:`note_marks`), ``column`` the
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
        settings = _xml(path, package, "word/settings.xml", required=False)
        for member, kind in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
            notes = _xml(path, package, member, required=False)
            if notes is None:
                continue
            shown = note_marks(document, settings, kind)
            found = []
            for note in notes.iter(f"{W}{kind}"):
                if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                # a note no body reference points at has no mark to show: named by its id, after the rest
                mark = shown.get(note.get(f"{W}id")) or (len(shown) + len(found), f"(id {note.get(f'{W}id')})")
                found.append((mark, _docx_paragraphs(note, f"{kind} {mark[1]}")))
            blocks += [b for _, paragraphs in sorted(found, key=lambda f: f[0][0]) for b in paragraphs]
    return blocks


def _number_format(document, settings, kind: str) -> tuple[int, str]:
    """(first number, w:numFmt) of the notes: the body's section properties, else settings.xml,
    else Word's defaults (footnotes 1, 2, 3; endnotes i, ii, iii)."""
    start, fmt = 1, "decimal" if kind == "footnote" else "lowerRoman"
    for root in (settings, document.find(f"{W}body/{W}sectPr")):
        props = root.find(f".//{W}{kind}Pr") if root is not None else None
        if props is None:
            continue
        if props.find(f"{W}numStart") is not None:
            value = props.find(f"{W}numStart").get(f"{W}val", "")
            start = int(value) if value.isdigit() else start
        if props.find(f"{W}numFmt") is not None:
            fmt = props.find(f"{W}numFmt").get(f"{W}val", fmt)
    return start, fmt


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerRoman", "upperRoman"):
        numerals, out = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
                         ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1)), ""
        for numeral, value in numerals:
            while n >= value:
                out, n = out + numeral, n - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("lowerLetter", "upperLetter"):  # Word: a..z, then aa..zz, aaa..
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(n)


def note_marks(document, settings, kind: str) -> dict[str, tuple[int, str]]:
    """Each note's XML id → (order, the mark Word shows): notes are numbered in the order their
    references appear in the body (ECMA-376 17.11.3: w:footnoteReference), from the document's
    numStart in its numFmt; a reference with a custom mark (w:customMarkFollows) shows the text
    that follows it and takes no number."""
    start, fmt = _number_format(document, settings, kind)
    marks: dict[str, tuple[int, str]] = {}
    number = start
    for order, ref in enumerate(document.iter(f"{W}{kind}Reference")):
        note_id = ref.get(f"{W}id")
        if note_id is None or note_id in marks:
            continue
        if ref.get(f"{W}customMarkFollows") in ("1", "true", "on"):
            run = ref.getparent()
            following = run.getnext() if run is not None else None
            custom = "".join(t.text or "" for t in following.iter(f"{W}t")) if following is not None else ""
            marks[note_id] = (order, custom.strip() or note_id)
            continue
        marks[note_id] = (order, _format_number(number, fmt))
        number += 1
    return marks


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
