"""Formatted bibliographies as files: text, Markdown, a standalone HTML page, RTF and Word (.docx)."""

from __future__ import annotations

import html
import re
from typing import Sequence

from .model import Reference

FORMATTED = ("text", "md", "html", "rtf", "docx")
DATA = ("bibtex", "biblatex", "ris", "csl-json", "csl-yaml")
_READ_AS = {"bibtex": "bibtex", "biblatex": "bibtex", "ris": "ris", "csl-json": "csl-json", "csl-yaml": "csl-yaml"}


def dropped_fields(refs: Sequence[Reference], to: str, data: bytes) -> dict[str, int]:
    """Which fields a data export could not carry: the exported DATA is read back and compared with
    REFS, field by field (CSL variables and acuref's own). Returns {field: number of references}."""
    from .formats import parse
    from .formats.common import same_pages
    from .model import to_csl

    if to not in _READ_AS or not refs:
        return {}
    back = {r.key: r for r in parse(data.decode("utf-8"), _READ_AS[to], "<export>").references}
    lost: dict[str, int] = {}
    for ref in refs:
        before = to_csl(ref)
        after = to_csl(back[ref.key]) if ref.key in back else {}
        for var, value in before.items():
            if var == "page" and same_pages(after.get(var), value):
                continue  # "123–130" comes back "123-130": the same range, printed alike by every style
            if var not in ("id", "missing") and after.get(var) != value:
                lost[var] = lost.get(var, 0) + 1
    return lost


def export_bytes(refs: Sequence[Reference], to: str, *, style: str, locale: str | None = None) -> bytes:
    """The exported file's bytes."""
    if to in DATA:
        from .formats import export

        return export(refs, to).encode("utf-8")
    if to not in FORMATTED:
        from .errors import UsageError

        raise UsageError(f"unknown export format {to!r}; one of: {', '.join(FORMATTED + DATA)}")
    from .render import render

    _require_bibliography(style)
    fmt = {"docx": "html"}.get(to, to)
    entries = [e.text for e in render(refs, [], style=style, locale=locale, fmt=fmt, cache=True).bibliography]
    if to == "html":
        return html_page(entries, f"Bibliography ({style})").encode("utf-8")
    if to == "rtf":
        return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24\n"
                + "".join(f"{{\\pard\\sa120\\fi-360\\li360 {e}\\par}}\n" for e in entries) + "}\n").encode("ascii")
    if to == "docx":
        return docx_bytes(entries)
    return "".join(e + ("\n\n" if to == "md" else "\n") for e in entries).encode("utf-8")


def _require_bibliography(style: str) -> None:
    """Raise NoBibliographyError for a style without a <bibliography> (chicago-notes): nothing to export."""
    from .errors import NoBibliographyError
    from .styles import find_style, style_kind, styles_dir

    ref = find_style(style)
    if style_kind(ref).has_bibliography:
        return
    hint = f"its citations are notes (acuref cite KEY --style {style})"
    sibling = ref.id.replace("-notes", "-notes-bibliography", 1) if "-notes" in ref.id else f"{ref.id}-bibliography"
    if sibling != ref.id and (styles_dir() / f"{sibling}.csl").is_file():
        hint += f"; {sibling} has one"
    raise NoBibliographyError(ref.id, hint)


def html_page(entries: Sequence[str], title: str) -> str:
    """A standalone page (templates/bibliography.html.j2, autoescaped); entries are the renderer's escaped HTML."""
    from .html_templates import render_page, rendered

    return render_page("bibliography.html.j2", title=title, entries=[rendered(e) for e in entries])


_TAGS = re.compile(r'(<i>|</i>|<b>|</b>|<sup>|</sup>|<sub>|</sub>|<span style="font-variant:small-caps;">|</span>)')


def docx_bytes(entries: Sequence[str]) -> bytes:
    """A Word document, one paragraph per entry, the style's italics, bold, small caps, super- and
    subscripts as real run formatting (from the renderer's limited, escaped HTML)."""
    from io import BytesIO

    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(12)
    for entry in entries:
        paragraph = document.add_paragraph()
        state = {"i": False, "b": False, "sup": False, "sub": False, "sc": False}
        stack: list[str] = []
        for part in _TAGS.split(entry):
            if not part:
                continue
            if _TAGS.fullmatch(part):
                closing = part.startswith("</")
                name = "sc" if "small-caps" in part else part.strip("</>")
                if closing:
                    name = stack.pop() if stack else name
                    state[name] = False
                else:
                    stack.append(name)
                    state[name] = True
                continue
            run = paragraph.add_run(html.unescape(part))
            run.italic = state["i"] or None
            run.bold = state["b"] or None
            run.font.small_caps = state["sc"] or None
            run.font.superscript = state["sup"] or None
            run.font.subscript = state["sub"] or None
    _own_properties(document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _own_properties(document) -> None:
    """Core properties that describe this file, not python-docx's template (its "python-docx"
    creator and description, 2013 dates): Word's File > Info shows them to every recipient. The
    template's thumbnail (another document's picture) and app.xml ("Microsoft Macintosh Word",
    zero counts) are left out; both parts are optional (ECMA-376 Part 2, 11.1)."""
    from datetime import datetime, timezone

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    props.title, props.subject, props.author, props.comments = "Bibliography", "", "", ""
    props.keywords, props.category, props.last_modified_by, props.revision = "", "", "", 1
    props.created = props.modified = now
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package_rels[rid]
