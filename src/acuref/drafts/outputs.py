"""Rendered drafts in the formats writers use: HTML, Word (.docx) and OpenDocument (.odt), and
the bibliography file of only the works a draft cites (``--bib-out``: .bib or CSL-JSON).

The rendered Markdown (body, bibliography, and the notes as ``[^n]:`` definitions) is read once
by markdown-it with pandoc's extensions (:func:`acuref.drafts.document.markdown_parser`: pipe
tables, strikeout, footnotes), so the writer's own notes and a note style's notes are the same
real notes. HTML is markdown-it's, raw HTML passed through as pandoc does; .docx and .odt are
written from the document model (:mod:`acuref.drafts.docx_out`, :mod:`acuref.drafts.odt_out`),
which refuses what they cannot carry. The front matter's title, subtitle, authors, date and
abstract head every format (pandoc's title block).
"""

from __future__ import annotations

import html as _html
import re
from typing import Sequence

from ..model import Reference
from .document import Paragraph, Run, markdown_parser, parse_document
from .rendering import BIBLIOGRAPHY_MARKER, RenderedDraft, bibliography_markdown


_BLOCK_START = re.compile(r"(?m)^(\d{1,9}|)([.)]|[#>+*-])(?=[ \t]|$)")
REFS_OPEN, REFS_CLOSE = "<!-- refs -->", "<!-- /refs -->"  # around the bibliography for the writers


def document_markdown(parts: RenderedDraft, html: bool = False) -> str:
    """The whole rendered draft as Markdown: body, bibliography (at the marker, else the end), notes.
    The bibliography's entries are fenced, for HTML as pandoc fences them (``div#refs``, with the
    class ``hanging-indent`` when the style has one), else by comments the .docx/.odt model reads."""
    body = parts.body
    bibliography = bibliography_markdown(parts)
    if bibliography:
        title, entries = "", bibliography
        if parts.front.section_title:
            title, entries = bibliography.split("\n\n", 1)
            title += "\n\n"
        # an entry is a paragraph, never a list item or heading: "1. Ho R, …" (Vancouver's citation
        # number) would be read back as an ordered list and renumbered (pandoc inserts entries unparsed)
        entries = _BLOCK_START.sub(r"\1\\\2", entries)
        hanging = " hanging-indent" if parts.hanging_indent else ""
        opening, closing = ((f'<div id="refs" class="references csl-bib-body{hanging}">', "</div>") if html
                            else (REFS_OPEN, REFS_CLOSE))
        bibliography = f"{title}{opening}\n\n{entries}\n\n{closing}"
    if BIBLIOGRAPHY_MARKER in body:
        body = body.replace(BIBLIOGRAPHY_MARKER, bibliography, 1)
    else:
        body = body.rstrip("\n") + ("\n\n" + bibliography + "\n" if bibliography else "\n")
    if parts.notes:
        body += "\n" + "\n\n".join(f"[^{label}]: {text}" for label, text in parts.notes) + "\n"
    return body


def _inline_markdown(text: str) -> list[Run]:
    doc = parse_document(text)
    return [r for b in doc.blocks if isinstance(b, Paragraph) for r in b.runs]


def front_paragraphs(parts: RenderedDraft) -> list[Paragraph]:
    """The front matter's title block as paragraphs in pandoc's styles (Title, Subtitle, Author, Date, Abstract)."""
    front = parts.front
    out = [Paragraph(_inline_markdown(text), style=style) for style, text in (
        ("Title", front.title), ("Subtitle", front.subtitle)) if text]
    out += [Paragraph(_inline_markdown(a), style="Author") for a in front.authors]
    if front.date:
        out.append(Paragraph([Run(front.date)], style="Date"))
    if front.abstract:
        out += [Paragraph(p.runs, style="Abstract") for p in parse_document(front.abstract).blocks
                if isinstance(p, Paragraph)]
    return out


# --- HTML -------------------------------------------------------------------------------------------

def _html_notes(md) -> None:
    """Notes as before this parser: ``<sup><a href="#fnN" id="fnrefN">N</a></sup>`` and a numbered list."""
    rules = md.renderer.rules

    def ref(tokens, idx, options, env):
        n = tokens[idx].meta["id"] + 1
        sub = tokens[idx].meta.get("subId", 0)
        anchor = f"fnref{n}" + (f":{sub}" if sub else "")
        return f'<sup><a href="#fn{n}" id="{anchor}">{n}</a></sup>'

    rules["footnote_ref"] = ref
    rules["footnote_block_open"] = lambda *a: '<section class="footnotes">\n<ol>\n'
    rules["footnote_block_close"] = lambda *a: "</ol>\n</section>\n"
    rules["footnote_open"] = lambda tokens, idx, *a: f'<li id="fn{tokens[idx].meta["id"] + 1}">'
    rules["footnote_close"] = lambda *a: "</li>\n"
    rules["footnote_anchor"] = lambda tokens, idx, *a: f' <a href="#fnref{tokens[idx].meta["id"] + 1}">↩</a>'


def to_html(parts: RenderedDraft, path: str = "<draft>") -> str:
    """The rendered draft as an HTML fragment: the front matter's title block first (as pandoc's
    ``header#title-block-header``), notes as a numbered list at the end. Raw HTML in the draft is
    passed through, as pandoc does; every field of a rendered citation arrives escaped. pandoc
    blocks markdown-it does not know (grid tables…) raise InvalidInputError naming their lines."""
    from ..errors import InvalidInputError
    from ..wording import count
    from .document import pandoc_only_blocks

    md = markdown_parser(html=True)
    _html_notes(md)
    markdown = document_markdown(parts, html=True)
    problems = pandoc_only_blocks(markdown, md.parse(markdown), path, parts.front.lines + 1)
    if problems:
        raise InvalidInputError(f"{path}: {count(len(problems), 'thing')} in the draft cannot be written to "
                                "HTML; nothing written", problems)
    front = parts.front
    head = ""
    if front.title or front.authors or front.date:
        inline = md.renderInline
        head = ('<header id="title-block-header">\n'
                + (f'<h1 class="title">{inline(front.title)}</h1>\n' if front.title else "")
                + (f'<p class="subtitle">{inline(front.subtitle)}</p>\n' if front.subtitle else "")
                + "".join(f'<p class="author">{inline(a)}</p>\n' for a in front.authors)
                + (f'<p class="date">{_html.escape(front.date)}</p>\n' if front.date else "")
                + (f'<div class="abstract">\n{md.render(front.abstract)}</div>\n' if front.abstract else "")
                + "</header>\n")
    return head + md.render(markdown)


# --- .docx and .odt ---------------------------------------------------------------------------------

def to_docx(parts: RenderedDraft, path: str = "<draft>") -> bytes:
    """The rendered draft as a Word document; InvalidInputError for what .docx cannot carry."""
    from .docx_out import write_docx

    doc = parse_document(document_markdown(parts), path, parts.front.lines + 1)
    return write_docx(doc, front_paragraphs(parts), parts.front.title, parts.front.authors, parts.hanging_indent)


def to_odt(parts: RenderedDraft, path: str = "<draft>") -> bytes:
    """The rendered draft as an OpenDocument text; InvalidInputError for what .odt cannot carry."""
    from .odt_out import write_odt

    return write_odt(parse_document(document_markdown(parts), path, parts.front.lines + 1), front_paragraphs(parts),
                     parts.hanging_indent)


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
