"""A rendered draft as an OpenDocument text (.odt, ODF 1.2), written directly.

From the document model (:mod:`acuref.drafts.document`). The package has ``styles.xml`` with the
named paragraph styles (Standard, Text body, Heading 1-6, Title, Subtitle, Author, Date, Abstract,
Quotations, Preformatted Text, Footnote, Table Contents), which ODF readers require (pandoc
refuses an .odt without it: "Could not find styles.xml"); lists as text:list (bullets, or
numbers from the list's start), links as text:a, tables as table:table, notes as text:note.
"""

from __future__ import annotations

import re
from dataclasses import replace
from xml.sax.saxutils import quoteattr

from .document import Document, Paragraph, Run, Table
from .zipping import escape_xml, zip_members

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
       'xmlns:xlink="http://www.w3.org/1999/xlink"')
_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>"""


def _paragraph_style(name: str, display: str, paragraph: str = "", text: str = "", parent: str = "Standard") -> str:
    return (f'<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph"'
            + (f' style:parent-style-name="{parent}"' if parent else "") + ">"
            + (f"<style:paragraph-properties {paragraph}/>" if paragraph else "")
            + (f"<style:text-properties {text}/>" if text else "") + "</style:style>")


_CENTER = 'fo:text-align="center"'
_STYLES = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {_NS} office:version="1.2"><office:styles>'
           + _paragraph_style("Standard", "Standard", "", "", "")
           + _paragraph_style("Text_20_body", "Text body", 'fo:margin-bottom="0.21cm"')
           + "".join(_paragraph_style(f"Heading_20_{n}", f"Heading {n}", 'fo:margin-top="0.42cm" fo:keep-with-next="always"',
                                      f'fo:font-size="{20 - 1.5 * n:g}pt" fo:font-weight="bold"')
                     for n in range(1, 7))
           + _paragraph_style("Title", "Title", _CENTER, 'fo:font-size="20pt" fo:font-weight="bold"')
           + _paragraph_style("Subtitle", "Subtitle", _CENTER, 'fo:font-size="15pt"')
           + _paragraph_style("Author", "Author", _CENTER)
           + _paragraph_style("Date", "Date", _CENTER)
           + _paragraph_style("Abstract", "Abstract", 'fo:margin-left="1.27cm" fo:margin-right="1.27cm"', 'fo:font-size="10pt"')
           + _paragraph_style("Quotations", "Quotations", 'fo:margin-left="1cm" fo:margin-bottom="0.21cm"')
           + _paragraph_style("Preformatted_20_Text", "Preformatted Text", "",
                              'style:font-name="Courier New" fo:font-family="Courier New"')
           + _paragraph_style("Footnote", "Footnote", "", 'fo:font-size="10pt"')
           + _paragraph_style("Table_20_Contents", "Table Contents")
           + _paragraph_style("Horizontal_20_Line", "Horizontal Line",
                              'fo:border-bottom="0.06pt solid #000000" fo:padding="0cm"')
           + "</office:styles></office:document-styles>")
_AUTOMATIC = ('<office:automatic-styles>'
              '<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>'
              '<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
              '<style:style style:name="BI" style:family="text"><style:text-properties fo:font-style="italic" fo:font-weight="bold"/></style:style>'
              '<style:style style:name="S" style:family="text"><style:text-properties style:text-line-through-style="solid"/></style:style>'
              '<style:style style:name="Sup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>'
              '<style:style style:name="Sub" style:family="text"><style:text-properties style:text-position="sub 58%"/></style:style>'
              '<style:style style:name="Code" style:family="text"><style:text-properties style:font-name="Courier New" fo:font-family="Courier New"/></style:style>'
              '<text:list-style style:name="LB">' + "".join(
                  f'<text:list-level-style-bullet text:level="{n}" text:bullet-char="{"•◦▪"[(n - 1) % 3]}">'
                  f'<style:list-level-properties text:space-before="{0.635 * (n - 1):.3f}cm" text:min-label-width="0.635cm"/>'
                  "</text:list-level-style-bullet>" for n in range(1, 11)) + '</text:list-style>'
              '{numbered}'
              '</office:automatic-styles>')


def _numbered_style(start: int) -> str:
    """A numbered list style counting from ``start`` (on the level style, where pandoc's reader looks,
    besides the item's text:start-value that LibreOffice reads)."""
    return (f'<text:list-style style:name="LN{start}">' + "".join(
        f'<text:list-level-style-number text:level="{n}" style:num-suffix="." style:num-format="1"'
        f' text:start-value="{start}"><style:list-level-properties text:space-before="{0.635 * (n - 1):.3f}cm"'
        ' text:min-label-width="0.635cm"/></text:list-level-style-number>' for n in range(1, 11)) + "</text:list-style>")


def _text(text: str) -> str:
    """Text with runs of spaces as text:s, as ODF requires."""
    return re.sub(r"  +", lambda m: f' <text:s text:c="{len(m.group(0)) - 1}"/>', escape_xml(text))


class _Writer:
    def __init__(self, notes: list[list]) -> None:
        self.notes = notes
        self.starts: set[int] = set()  # the start numbers of the ordered lists written

    def run(self, run: Run) -> str:
        if run.note is not None:
            body = "".join(self.block(p, "Footnote") for p in self.notes[run.note - 1])
            return (f'<text:note text:id="ftn{run.note}" text:note-class="footnote">'
                    f"<text:note-citation>{run.note}</text:note-citation><text:note-body>{body}</text:note-body></text:note>")
        if run.newline:
            return "<text:line-break/>"
        style = ("Code" if run.code else "Sup" if run.vertical == "superscript" else "Sub" if run.vertical
                 else "S" if run.strike else "BI" if run.italic and run.bold else "I" if run.italic
                 else "B" if run.bold else "")
        text = "<text:line-break/>".join(_text(part) for part in run.text.split("\n"))
        return f'<text:span text:style-name="{style}">{text}</text:span>' if style else text

    def runs(self, runs: list[Run]) -> str:
        out, n = [], 0
        while n < len(runs):
            link = runs[n].link
            group = []
            while n < len(runs) and runs[n].link == link:
                group.append(self.run(runs[n]))
                n += 1
                if not link:
                    break
            out.append(f'<text:a xlink:type="simple" xlink:href={quoteattr(link)}>{"".join(group)}</text:a>'
                       if link else "".join(group))
        return "".join(out)

    def block(self, block, default: str = "Text_20_body") -> str:
        if isinstance(block, Table):
            return self.table(block)
        if block.heading:
            return (f'<text:h text:style-name="Heading_20_{block.heading}" text:outline-level="{block.heading}">'
                    f"{self.runs(block.runs)}</text:h>")
        style = (block.style or ("Preformatted_20_Text" if block.code else "Quotations" if block.quote
                                 else "Horizontal_20_Line" if block.rule else default))
        return f'<text:p text:style-name="{style}">{self.runs(block.runs)}</text:p>'

    def table(self, table: Table) -> str:
        width = max((len(r) for r in table.rows), default=1)
        rows = []
        for n, row in enumerate(table.rows):  # header rows as bold rows: pandoc's reader skips table-header-rows
            cells = "".join(f'<table:table-cell office:value-type="string"><text:p text:style-name="Table_20_Contents">'
                            f"{self.runs([replace(r, bold=r.bold or n < table.header) for r in cell])}</text:p>"
                            "</table:table-cell>" for cell in row + [[] for _ in range(width - len(row))])
            rows.append(f"<table:table-row>{cells}</table:table-row>")
        return (f'<table:table><table:table-column table:number-columns-repeated="{width}"/>'
                + "".join(rows) + "</table:table>")

    def body(self, blocks: list) -> str:
        """Blocks, list paragraphs nested in text:list elements (one list per model list id)."""
        out: list[str] = []
        open_lists: list[int] = []  # list ids, outermost first
        for block in blocks:
            level = 0 if isinstance(block, Table) else block.level
            list_id = 0 if isinstance(block, Table) else block.list_id
            while len(open_lists) > level or (open_lists and len(open_lists) == level and block.list_kind
                                               and open_lists[-1] != list_id):
                out.append("</text:list-item></text:list>")
                open_lists.pop()
            if level and block.list_kind:
                if len(open_lists) == level:
                    out.append("</text:list-item><text:list-item>")
                else:
                    style = "LB"
                    if block.list_kind == "ordered":
                        style = f"LN{block.start}"
                        self.starts.add(block.start)
                    start = f' text:start-value="{block.start}"' if block.list_kind == "ordered" and block.start != 1 else ""
                    out.append(f'<text:list text:style-name="{style}"><text:list-item{start}>')
                    open_lists.append(list_id)
            out.append(self.block(block))
        out.append("</text:list-item></text:list>" * len(open_lists))
        return "".join(out)


def write_odt(doc: Document, head: list[Paragraph], hanging_indent: bool = False) -> bytes:
    """The document as .odt bytes; ``head``: the front matter's paragraphs, written first; the
    bibliography's paragraphs in the style Bibliography, with a hanging indent when the CSL style has one."""
    writer = _Writer(doc.notes)
    body = writer.body(head + doc.blocks)
    automatic = _AUTOMATIC.replace("{numbered}", "".join(_numbered_style(n) for n in sorted(writer.starts)))
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_NS} office:version="1.2">'
               f"{automatic}<office:body><office:text>{body}</office:text></office:body>"
               "</office:document-content>")
    return zip_members([("mimetype", "application/vnd.oasis.opendocument.text"), ("META-INF/manifest.xml", _MANIFEST),
                        ("styles.xml", _STYLES.replace("</office:styles>", _paragraph_style(
                            "Bibliography", "Bibliography", 'fo:margin-left="1.27cm" fo:text-indent="-1.27cm"'
                            if hanging_indent else 'fo:margin-bottom="0.21cm"') + "</office:styles>")),
                        ("content.xml", content)], stored_first=True)
