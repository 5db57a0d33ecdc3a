"""Evidence summaries: claims by condition and study design."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import JsonOption, StoreOption, note, open_store, print_json, stdout_console


def summary(
    store: StoreOption = None,
    topic: Annotated[Optional[str], typer.Option(help="Only claims of this topic (e.g. electroacupuncture).")] = None,
    condition: Annotated[Optional[str], typer.Option(help="Only conditions or groups containing this word.")] = None,
    style: Annotated[str, typer.Option("--style", "-s", help="CSL style for citations and references.")] = "harvard-cite-them-right",
    locale: Annotated[Optional[str], typer.Option("--locale", help="Locale such as en-GB.")] = None,
    to: Annotated[str, typer.Option("--to", help="terminal, md or html.")] = "terminal",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Summarise the evidence: claims by condition, their citations, study designs and flags.

    Each condition shows its strongest study design and counts by design; claims supported
    only by weak designs (or nothing), citing an off-topic reference, or a reference of unknown
    design are flagged. The bibliography of everything cited ends the summary.

    Example: acuref summary --topic electroacupuncture --style apa --to md
    """
    import sys

    from ..errors import UsageError
    from ..evidence import build_summary
    from ..summary_render import to_html, to_markdown

    if to not in ("terminal", "md", "html"):
        raise UsageError(f"--to takes terminal, md or html, not {to!r}")
    fmt = {"terminal": "text", "md": "md", "html": "html"}[to]
    result = build_summary(open_store(store), topic=topic, condition=condition, style=style, locale=locale, fmt=fmt)
    if not result.conditions:
        note("no claims match")
    if json_out:
        print_json(result.to_json())
        return
    if to == "terminal":
        _terminal(result)
        return
    text = to_markdown(result) if to == "md" else to_html(result)
    if output:
        from ..store import write_atomic

        write_atomic(output, text)
        note(f"wrote {output}")
    else:
        sys.stdout.write(text)


def _terminal(result) -> None:
    from rich.table import Table

    from ..evidence import counts_phrase
    from ..model import DESIGNS
    from ..summary_render import FLAG_LABELS

    console = stdout_console()
    table = Table(box=None, pad_edge=False, header_style="bold", title=f"Cited evidence: {counts_phrase(result.designs)}",
                  title_justify="left")
    for column in ("group", "condition", "citation", "strongest design", "flags"):
        table.add_column(column, overflow="fold")
    for cond in result.conditions:
        for item in cond.claims:
            table.add_row(cond.group, cond.condition, item.citation or "—",
                          DESIGNS[cond.strongest][1] if cond.strongest else "none",
                          ", ".join(FLAG_LABELS[f] for f in item.flags))
    console.print(table)
    console.print()
    for _, text in result.bibliography:
        console.print(text, highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.command("summary")(summary)
