"""Drafts: audit the author-year citations of an article (check)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..wording import count
from .fast import CITE
from .common import JsonOption, StoreOption, note, open_store, print_json, stdout_console


def read_draft(path: Path) -> str:
    """A draft's text (UTF-8, or UTF-16 with BOM); unreadable or undecodable files are located errors."""
    from ..formats import read_text_file

    return read_text_file(path)


def check(
    draft: Annotated[Path, typer.Argument(help="A draft: Markdown, plain text, HTML, .docx or .odt.", show_default=False)],
    store: StoreOption = None,
    uncited: Annotated[bool, typer.Option("--uncited", help="Also list the store's references the draft never cites.")] = False,
    retractions: Annotated[bool, typer.Option("--retractions", help="Also ask Crossref whether the works cited were "
                                              "retracted or corrected (exit 1 if one was retracted).")] = False,
    json_out: JsonOption = False,
) -> int:
    """Audit a draft's author-year citations against the store (exit 1 when any is not ok).

    Finds citations such as "Zhang et al (2022)", "(Hayhoe, 2010, Lin et al, 2002)" or
    "Ezzo, Streitberger and Schneider, 2006" and gives each a status: ok, fuzzy (misspelt
    surname), ambiguous (several references fit; the likelier one named), mismatch (year off by
    one, or "et al." for one or two authors) or unresolved (with the nearest references).

    Example: acuref check article.md --uncited
    """
    from ..drafts.checking import check_file, summarise
    from ..drafts.resolving import STATUSES

    report = check_file(open_store(store), draft)
    notices = None
    if retractions:
        from .retraction_cmds import check_draft_retractions

        notices = check_draft_retractions(store, report)
    if json_out:
        data = report.to_json()
        if not uncited:
            data["uncited"] = []
        if notices is not None:
            data["retractions"] = notices.to_json()
        print_json(data)
    else:
        from rich.table import Table

        console = stdout_console()
        for status in STATUSES:
            rows = [r for r in report.citations if r.status == status]
            if not rows:
                continue
            table = Table(title=f"{status} ({len(rows)})", title_justify="left", box=None, pad_edge=False,
                          show_header=False)
            for column in ("where", "citation", "keys", "why"):
                table.add_column(column, overflow="fold")
            for r in rows:
                keys = ", ".join(f"{k} (likelier)" if k == r.likeliest else k for k in r.keys)
                if status == "unresolved" and keys:
                    keys = "nearest: " + keys
                part = "" if r.citation.part == "body" else f"{r.citation.part}:"
                table.add_row(f"{draft}:{part}{r.citation.line}:{r.citation.column}", r.citation.text, keys, r.reason)
            console.print(table)
            console.print()
        for i in report.unused:
            entry = report.entries[i]
            console.print(f"{draft}:{entry.line}:{entry.column}: reference-list entry no citation uses: "
                          f"{entry.text[:70]}", markup=False, highlight=False)
        for r in report.missing_from_list:
            console.print(f"{draft}:{r.citation.line}:{r.citation.column}: the draft's reference list lacks "
                          f"{r.citation.text}", markup=False, highlight=False)
        if uncited:
            console.print(f"uncited ({len(report.uncited)}): " + ", ".join(report.uncited))
    counts = summarise(report.citations)
    note(f"{count(len(report.citations), 'citation')}: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    return 0 if report.ok and not (notices and notices.retracted) else 1




def render_cmd(
    draft: Annotated[Path, typer.Argument(help="A Markdown draft with pandoc citations: [@key], [see @a; @b, p. 12], @key [p. 4], [-@key].", show_default=False)],
    store: StoreOption = None,
    style: Annotated[Optional[str], CITE["style"].typer()] = None,
    locale: Annotated[Optional[str], CITE["locale"].typer()] = None,
    to: Annotated[str, typer.Option("--to", help="md, html, text, docx or odt.")] = "md",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")] = None,
    bib_out: Annotated[Optional[Path], typer.Option("--bib-out", help="Also write the works the draft cites to this .bib or .json (CSL-JSON) file.")] = None,
) -> None:
    """Format a draft's pandoc citations in a style and add the bibliography.

    The bibliography goes where the draft has <!-- bibliography -->, else at the end. A YAML
    front matter is read as pandoc reads it: title, author and date head the output; csl:,
    bibliography:, references: and lang: are used unless --style/--locale say otherwise. What
    a format cannot carry (an image in .docx, raw HTML in .odt...) is refused, named. Note styles
    (e.g. chicago-notes-bibliography) put each citation in a footnote. Keys may be aliases; every
    unknown key is listed with its line and a suggestion, and nothing is written. docx and odt
    need -o.

    Example: acuref render article.md --style apa --to docx -o article.docx --bib-out cited.bib
    """
    import sys

    from ..drafts.rendering import assemble, render_parts
    from ..errors import UsageError

    if to not in ("md", "html", "text", "docx", "odt"):
        raise UsageError(f"--to takes md, html, text, docx or odt, not {to!r}")
    if to in ("docx", "odt") and output is None:
        raise UsageError(f"--to {to} writes a binary file: give -o FILE")
    if bib_out is not None and not str(bib_out).lower().endswith((".bib", ".bibtex", ".json")):
        raise UsageError(f"--bib-out writes .bib or .json (CSL-JSON), not {str(bib_out)!r}")
    from .. import settings

    if draft.suffix.lower() in (".docx", ".odt", ".doc", ".rtf"):
        raise UsageError(f"{draft}: render reads Markdown or text drafts with pandoc citations ([@key]), not "
                         f"{draft.suffix.lower()[1:]} files; convert it first (pandoc {draft.name} -t markdown -o "
                         f"{draft.stem}.md), or audit its author-year citations with: acuref check {draft.name}")
    from ..drafts.frontmatter import draft_settings

    text = read_draft(draft)
    opened, style, locale = draft_settings(open_store(store), text, draft, style, locale)
    parts = render_parts(opened, text, style=settings.style(style), locale=settings.locale(locale),
                         fmt="text" if to == "text" else "md", path=str(draft))
    for warning in parts.warnings:
        note(f"warning: {warning}")
    if to == "html":
        from ..drafts.outputs import to_html

        result: str | bytes = to_html(parts, str(draft))
    elif to == "docx":
        from ..drafts.outputs import to_docx

        result = to_docx(parts, str(draft))
    elif to == "odt":
        from ..drafts.outputs import to_odt

        result = to_odt(parts, str(draft))
    else:
        result = assemble(parts, "text" if to == "text" else "md")
    from ..store import write_atomic

    if bib_out is not None:
        from ..drafts.outputs import bib_out as bibliography_file

        write_atomic(bib_out, bibliography_file(parts.cited, str(bib_out)))
        note(f"wrote {bib_out} ({count(len(parts.cited), 'work')})")
    if output:
        write_atomic(output, result)
        note(f"wrote {output}")
    else:
        sys.stdout.write(result)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("render")(render_cmd)
