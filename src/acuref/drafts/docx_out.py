"""A rendered draft as a Word document (.docx, ECMA-376 WordprocessingML), written directly.

From the document model (:mod:`acuref.drafts.document`): headings as Heading1-6, lists as Word
numbering (numbering.xml: bullets by level, and each ordered list its own decimal numbering from
its start number), links as hyperlinks to their URL (external relationships), tables as w:tbl,
block quotes indented ("Quote"), notes (the writer's and a note style's) as real footnotes; the
front matter's title, subtitle, authors, date and abstract as the first paragraphs (styles Title,
Subtitle, Author, Date, Abstract, as pandoc names them) and in docProps/core.xml.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from xml.sax.saxutils import quoteattr

from .document import Document, Paragraph, Run, Table
from .zipping import escape_xml, zip_members

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"""
_PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"""


def _style(kind: str, sid: str, name: str, ppr: str = "", rpr: str = "", based: str = "Normal") -> str:
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>'
            + (f'<w:basedOn w:val="{based}"/>' if based else "")
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "") + "</w:style>")


_STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {_W}>'
           '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
           '<w:pPr><w:spacing w:after="120"/></w:pPr></w:style>'
           + "".join(_style("paragraph", f"Heading{n}", f"heading {n}", f'<w:keepNext/><w:outlineLvl w:val="{n - 1}"/>',
                            f'<w:b/><w:sz w:val="{36 - 2 * n}"/>') for n in range(1, 7))
           + _style("paragraph", "Title", "Title", '<w:jc w:val="center"/>', '<w:b/><w:sz w:val="40"/>')
           + _style("paragraph", "Subtitle", "Subtitle", '<w:jc w:val="center"/>', '<w:sz w:val="30"/>')
           + _style("paragraph", "Author", "Author", '<w:jc w:val="center"/>')
           + _style("paragraph", "Date", "Date", '<w:jc w:val="center"/>')
           + _style("paragraph", "Abstract", "Abstract", '<w:ind w:left="720" w:right="720"/>', '<w:sz w:val="20"/>')
           + _style("paragraph", "Quote", "Block Text", '<w:ind w:left="720"/>')
           + _style("paragraph", "SourceCode", "Source Code", "", '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>')
           + _style("paragraph", "ListParagraph", "List Paragraph", '<w:ind w:left="720"/>')
           + _style("paragraph", "FootnoteText", "footnote text")
           + _style("character", "FootnoteReference", "footnote reference", "", '<w:vertAlign w:val="superscript"/>', "")
           + _style("character", "Hyperlink", "Hyperlink", "", '<w:color w:val="0563C1"/><w:u w:val="single"/>', "")
           + '<w:style w:type="table" w:styleId="Table"><w:name w:val="Table"/><w:tblPr><w:tblBorders>'
           + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
           + "</w:tblBorders></w:tblPr></w:style></w:styles>")
_BULLETS = "•◦▪•◦▪•◦▪"
# a list item's further paragraphs: numbered with an invisible bullet, so Word indents them with the
# item and readers (pandoc's among them, which writes them so) keep them in the item
_CONTINUATION = 1000


def _bibliography_style(hanging: bool) -> str:
    """pandoc's paragraph style for entries; a 0.5 inch hanging indent when the style asks for one."""
    return _style("paragraph", "Bibliography", "Bibliography",
                  '<w:ind w:left="720" w:hanging="720"/>' if hanging else "") + "</w:styles>"


def _numbering(ordered: dict[int, int]) -> str:
    """Abstract numbering 1: bullets by level; 2: decimal. num 1 = bullets; num N+1 = ordered list N."""
    def levels(ordered_list: bool, marks: str = _BULLETS) -> str:
        return "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{"decimal" if ordered_list else "bullet"}"/>'
            f'<w:lvlText w:val="{f"%{i + 1}." if ordered_list else marks[i]}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>' for i in range(9))

    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
            f'<w:num w:numId="{_CONTINUATION}"><w:abstractNumId w:val="3"/></w:num>') + "".join(
        f'<w:num w:numId="{num}"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="{level}">'
        f'<w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        for num, (level, start) in ((n, v) for n, v in ordered.items()))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {_W}>'
            f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>{levels(False)}</w:abstractNum>'
            f'<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>{levels(True)}</w:abstractNum>'
            f'<w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="multilevel"/>{levels(False, " " * 9)}'
            "</w:abstractNum>"
            f"{nums}</w:numbering>")


class _Writer:
    def __init__(self) -> None:
        self.links: dict[str, str] = {}  # URL → relationship id
        self.ordered: dict[int, tuple[int, int]] = {}  # numId → (level, start)
        self.list_nums: dict[int, int] = {}  # the model's list id → numId

    def run(self, run: Run, in_note: bool = False) -> str:
        if run.note is not None:
            return ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    f'<w:footnoteReference w:id="{run.note}"/></w:r>')
        if run.newline:
            return "<w:r><w:br/></w:r>"
        # CT_RPr's element order (17.3.2.28): rStyle, rFonts, b, i, strike, vertAlign
        props = ('<w:rStyle w:val="Hyperlink"/>' if run.link else "") + \
            ('<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>' if run.code else "") + \
            ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "") + \
            ("<w:strike/>" if run.strike else "") + (f'<w:vertAlign w:val="{run.vertical}"/>' if run.vertical else "")
        text = "</w:t><w:br/><w:t xml:space=\"preserve\">".join(escape_xml(part) for part in run.text.split("\n"))
        return (f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}"
                f'<w:t xml:space="preserve">{text}</w:t></w:r>')

    def runs(self, runs: list[Run]) -> str:
        out, n = [], 0
        while n < len(runs):
            link = runs[n].link
            if not link:
                out.append(self.run(runs[n]))
                n += 1
                continue
            group = []
            while n < len(runs) and runs[n].link == link:
                group.append(self.run(runs[n]))
                n += 1
            if link.startswith("#"):
                out.append(f"<w:hyperlink w:anchor={quoteattr(link[1:])}>{''.join(group)}</w:hyperlink>")
                continue
            rid = self.links.setdefault(link, f"rId{len(self.links) + 10}")
            out.append(f'<w:hyperlink r:id="{rid}">{"".join(group)}</w:hyperlink>')
        return "".join(out)

    def paragraph(self, paragraph: Paragraph, style: str = "") -> str:
        ppr = ""
        style = style or paragraph.style or (
            f"Heading{paragraph.heading}" if paragraph.heading else "SourceCode" if paragraph.code
            else "Quote" if paragraph.quote else "ListParagraph" if paragraph.level else "")
        # CT_PPr's element order (ECMA-376 Part 1, 17.3.1.26): pStyle, numPr, pBdr, ind; Word rejects others
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if paragraph.level:
            num = self._num(paragraph) if paragraph.list_kind else _CONTINUATION
            ppr += f'<w:numPr><w:ilvl w:val="{paragraph.level - 1}"/><w:numId w:val="{num}"/></w:numPr>'
        if paragraph.rule:
            ppr += '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
        if paragraph.quote and paragraph.level:
            ppr += f'<w:ind w:left="{720 * (paragraph.level + paragraph.quote)}"/>'
        return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{self.runs(paragraph.runs)}</w:p>"

    def _num(self, paragraph: Paragraph) -> int:
        if paragraph.list_kind == "bullet":
            return 1
        if paragraph.list_id not in self.list_nums:
            num = len(self.ordered) + 2
            self.list_nums[paragraph.list_id] = num
            self.ordered[num] = (paragraph.level - 1, paragraph.start)
        return self.list_nums[paragraph.list_id]

    def table(self, table: Table) -> str:
        width = max((len(r) for r in table.rows), default=1)
        grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(width))
        rows = []
        for n, row in enumerate(table.rows):
            header = '<w:trPr><w:tblHeader/></w:trPr>' if n < table.header else ""
            cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr><w:p>'
                            f"{self.runs([replace(r, bold=r.bold or n < table.header) for r in cell])}"
                            "</w:p></w:tc>" for cell in row + [[] for _ in range(width - len(row))])
            rows.append(f"<w:tr>{header}{cells}</w:tr>")
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
                f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def _core(title: str, authors: tuple[str, ...]) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape_xml(title)}</dc:title><dc:creator>{escape_xml('; '.join(authors))}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>')


def write_docx(doc: Document, head: list[Paragraph], title: str = "", authors: tuple[str, ...] = (),
               hanging_indent: bool = False) -> bytes:
    """The document as .docx bytes; ``head``: the front matter's paragraphs, written first; the
    bibliography's paragraphs in the style Bibliography, with a hanging indent when the CSL style has one."""
    writer = _Writer()
    body = "".join(writer.table(b) if isinstance(b, Table) else writer.paragraph(b) for b in head + doc.blocks)
    notes = []
    for number, paragraphs in enumerate(doc.notes, 1):
        inner = []
        for n, p in enumerate(paragraphs):
            if isinstance(p, Table):
                inner.append(writer.table(p))
                continue
            mark = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                    '<w:r><w:t xml:space="preserve"> </w:t></w:r>') if n == 0 else ""
            inner.append(f'<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>{mark}{writer.runs(p.runs)}</w:p>')
        notes.append(f'<w:footnote w:id="{number}">{"".join(inner) or "<w:p/>"}</w:footnote>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_W} {_R}><w:body>{body}'
                '<w:sectPr/></w:body></w:document>')
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {_W} {_R}>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                 f'</w:p></w:footnote>{"".join(notes)}</w:footnotes>')
    links = "".join(f'<Relationship Id="{rid}" Type="{_REL}/hyperlink" Target={quoteattr(url)} TargetMode="External"/>'
                    for url, rid in writer.links.items())
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/footnotes" Target="footnotes.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/numbering" Target="numbering.xml"/>{links}</Relationships>')
    notes_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{links}</Relationships>')
    return zip_members([("[Content_Types].xml", _TYPES), ("_rels/.rels", _PACKAGE_RELS),
                        ("word/_rels/document.xml.rels", rels), ("word/_rels/footnotes.xml.rels", notes_rels),
                        ("word/styles.xml", _STYLES.replace("</w:styles>", _bibliography_style(hanging_indent))), ("word/numbering.xml", _numbering(writer.ordered)),
                        ("word/document.xml", document), ("word/footnotes.xml", footnotes),
                        ("docProps/core.xml", _core(title, authors))])
