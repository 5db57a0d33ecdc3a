"""Rendered drafts in the formats writers use: HTML, Word (.docx) and OpenDocument (.odt), and
the bibliography file of only the works a draft cites (``--bib-out``: .bib or CSL-JSON).

The body is the rendered Markdown, read by markdown-it (CommonMark) into paragraphs, headings
and list items whose inline runs keep emphasis (italic), strong (bold), ``^sup^``/``~sub~``
and code. Generated notes become real footnotes: ``w:footnoteReference`` with a
``word/footnotes.xml`` part in .docx, ``text:note`` in .odt, an ``<ol>`` of notes in HTML.
Packages are written by hand (zipfile, every text XML-escaped) so the output is the same bytes
for the same input.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Sequence
from xml.sax.saxutils import escape as _xml_escape

from ..model import Reference
from .rendering import BIBLIOGRAPHY_MARKER, RenderedDraft

_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_SUPSUB = re.compile(r"(?<!\\)\^([^\s^]+)\^|(?<![\\~])~([^\s~]+)~(?!~)")


@dataclass
class Run:
    text: str = ""
    italic: bool = False
    bold: bool = False
    vertical: str = ""  # "superscript" | "subscript" | ""
    code: bool = False
    note: str | None = None  # a footnote reference (label) instead of text


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)
    heading: int = 0
    bullet: bool = False


def _escape_xml(text: str) -> str:
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    return _xml_escape(text)


def markdown_paragraphs(markdown: str) -> list[Paragraph]:
    """Paragraphs (with runs) of a Markdown text; ``[^n]`` becomes a note reference run."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).parse(markdown)
    out: list[Paragraph] = []
    heading, bullet = 0, 0
    for token in tokens:
        if token.type == "heading_open":
            heading = int(token.tag[1:])
        elif token.type == "heading_close":
            heading = 0
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            bullet += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            bullet -= 1
        elif token.type in ("inline",):
            out.append(Paragraph(_runs(token.children or []), heading, bool(bullet)))
        elif token.type in ("fence", "code_block"):
            out.append(Paragraph([Run(token.content.rstrip("\n"), code=True)]))
    return out


def _runs(children) -> list[Run]:
    runs: list[Run] = []
    italic = bold = False
    for child in children:
        kind = child.type
        if kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", italic, bold))
        elif kind == "code_inline":
            runs.append(Run(child.content, italic, bold, code=True))
        elif kind == "text":
            runs += _text_runs(child.content, italic, bold)
    return runs


def _text_runs(text: str, italic: bool, bold: bool) -> list[Run]:
    runs: list[Run] = []
    pos = 0
    for m in _NOTE_REF.finditer(text):
        runs += _supsub_runs(text[pos:m.start()], italic, bold)
        runs.append(Run(note=m.group(1)))
        pos = m.end()
    runs += _supsub_runs(text[pos:], italic, bold)
    return runs


def _supsub_runs(text: str, italic: bool, bold: bool) -> list[Run]:
    runs, pos = [], 0
    for m in _SUPSUB.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos:m.start()], italic, bold))
        runs.append(Run(m.group(1) or m.group(2), italic, bold, "superscript" if m.group(1) else "subscript"))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:], italic, bold))
    return runs


def _document_markdown(parts: RenderedDraft) -> str:
    body = parts.body
    bibliography = "\n\n".join(parts.bibliography)
    if BIBLIOGRAPHY_MARKER in body:
        return body.replace(BIBLIOGRAPHY_MARKER, bibliography, 1)
    return body.rstrip("\n") + ("\n\n" + bibliography + "\n" if parts.bibliography else "\n")


# --- HTML -------------------------------------------------------------------------------------------

def to_html(parts: RenderedDraft) -> str:
    """The rendered draft as an HTML fragment; generated notes as a numbered list at the end."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    labels = [label for label, _ in parts.notes]

    def with_refs(html: str) -> str:
        def ref(m: re.Match) -> str:
            label = m.group(1)
            if label not in labels:
                return m.group(0)
            return f'<sup><a href="#fn{label}" id="fnref{label}">{label}</a></sup>'

        return _NOTE_REF.sub(ref, html)

    out = with_refs(md.render(_document_markdown(parts)))
    if parts.notes:
        items = "".join(f'<li id="fn{label}">{md.renderInline(text)} <a href="#fnref{label}">↩</a></li>\n'
                        for label, text in parts.notes)
        out += f'<section class="footnotes">\n<ol>\n{items}</ol>\n</section>\n'
    return out


# --- .docx ------------------------------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCX_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"""
_DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""
_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>"""
_DOCX_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {_W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>""" + "".join(
    f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/><w:basedOn w:val="Normal"/>'
    f'<w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>' for n in range(1, 7)) + """<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>"""


def _docx_run(run: Run, note_ids: dict[str, int]) -> str:
    if run.note is not None:
        if run.note not in note_ids:
            return _docx_run(Run(f"[^{run.note}]"), note_ids)
        return ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{note_ids[run.note]}"/></w:r>')
    props = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "") + \
        (f'<w:vertAlign w:val="{run.vertical}"/>' if run.vertical else "") + \
        ('<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>' if run.code else "")
    return (f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}"
            f'<w:t xml:space="preserve">{_escape_xml(run.text)}</w:t></w:r>')


def _docx_paragraph(paragraph: Paragraph, note_ids: dict[str, int], style: str = "") -> str:
    style = style or (f"Heading{paragraph.heading}" if paragraph.heading else "ListBullet" if paragraph.bullet else "")
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(_docx_run(r, note_ids) for r in paragraph.runs)}</w:p>"


def to_docx(parts: RenderedDraft) -> bytes:
    """The rendered draft as a Word document, generated notes as real footnotes."""
    note_ids = {label: n for n, (label, _) in enumerate(parts.notes, 1)}
    body = "".join(_docx_paragraph(p, note_ids) for p in markdown_paragraphs(_document_markdown(parts)))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_W}><w:body>{body}'
                '<w:sectPr/></w:body></w:document>')
    notes = []
    for label, text in parts.notes:
        runs = "".join(_docx_run(r, {}) for p in markdown_paragraphs(text) for r in p.runs)
        notes.append(f'<w:footnote w:id="{note_ids[label]}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                     '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                     f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>')
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {_W}>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                 f'</w:p></w:footnote>{"".join(notes)}</w:footnotes>')
    return _zip([("[Content_Types].xml", _DOCX_TYPES), ("_rels/.rels", _DOCX_RELS),
                 ("word/_rels/document.xml.rels", _DOCUMENT_RELS), ("word/styles.xml", _DOCX_STYLES),
                 ("word/document.xml", document), ("word/footnotes.xml", footnotes)])


def _zip(members: Sequence[tuple[str, str]], stored_first: bool = False) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for n, (name, text) in enumerate(members):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if stored_first and n == 0 else zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


# --- .odt -------------------------------------------------------------------------------------------

_ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
_ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"""
_ODT_STYLES = ('<office:automatic-styles>'
               '<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>'
               '<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
               '<style:style style:name="BI" style:family="text"><style:text-properties fo:font-style="italic" fo:font-weight="bold"/></style:style>'
               '<style:style style:name="Sup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>'
               '<style:style style:name="Sub" style:family="text"><style:text-properties style:text-position="sub 58%"/></style:style>'
               '<style:style style:name="Code" style:family="text"><style:text-properties style:font-name="Courier New" fo:font-family="Courier New"/></style:style>'
               '</office:automatic-styles>')


def _odt_text(text: str) -> str:
    """Text with runs of spaces as text:s, as ODF requires."""
    escaped = _escape_xml(text)
    return re.sub(r"  +", lambda m: f' <text:s text:c="{len(m.group(0)) - 1}"/>', escaped)


def _odt_runs(runs: Sequence[Run], notes: dict[str, str]) -> str:
    out = []
    for run in runs:
        if run.note is not None:
            if run.note in notes:
                body = "".join(f"<text:p>{_odt_runs(p.runs, {})}</text:p>" for p in markdown_paragraphs(notes[run.note]))
                out.append(f'<text:note text:id="ftn{_escape_xml(run.note)}" text:note-class="footnote">'
                           f"<text:note-citation>{_escape_xml(run.note)}</text:note-citation>"
                           f"<text:note-body>{body}</text:note-body></text:note>")
            else:
                out.append(_odt_text(f"[^{run.note}]"))
            continue
        style = ("Code" if run.code else "Sup" if run.vertical == "superscript" else "Sub" if run.vertical
                 else "BI" if run.italic and run.bold else "I" if run.italic else "B" if run.bold else "")
        text = _odt_text(run.text)
        out.append(f'<text:span text:style-name="{style}">{text}</text:span>' if style else text)
    return "".join(out)


def to_odt(parts: RenderedDraft) -> bytes:
    """The rendered draft as an OpenDocument text, generated notes as real footnotes."""
    notes = dict(parts.notes)
    body = []
    for paragraph in markdown_paragraphs(_document_markdown(parts)):
        inner = _odt_runs(paragraph.runs, notes)
        if paragraph.heading:
            body.append(f'<text:h text:outline-level="{paragraph.heading}">{inner}</text:h>')
        else:
            body.append(f"<text:p>{inner}</text:p>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODT_NS} office:version="1.2">'
               f"{_ODT_STYLES}<office:body><office:text>{''.join(body)}</office:text></office:body>"
               "</office:document-content>")
    return _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("META-INF/manifest.xml", _ODT_MANIFEST),
                 ("content.xml", content)], stored_first=True)


# --- the works a draft cites ------------------------------------------------------------------------

def bib_out(refs: Sequence[Reference], path: str) -> str:
    """The cited works as BibTeX (``.bib``) or CSL-JSON (``.json``), chosen by the file's extension."""
    from ..errors import UsageError
    from ..formats import export

    lower = path.lower()
    if lower.endswith((".bib", ".bibtex")):
        return export(refs, "bibtex")
    if lower.endswith(".json"):
        return export(refs, "csl-json")
    raise UsageError(f"--bib-out writes .bib or .json (CSL-JSON), not {path!r}")
