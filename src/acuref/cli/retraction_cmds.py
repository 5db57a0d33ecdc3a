"""`acuref retractions`, and the retraction part of `acuref check --retractions`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..wording import count
from .common import JsonOption, StoreOption, note, print_json, stdout_console
from .completion import complete_keys


def retractions(
    keys: Annotated[Optional[list[str]], typer.Argument(help="Only these references (default: every one with "
                                                        "a DOI).", show_default=False, metavar="KEY",
                                                        autocompletion=complete_keys)] = None,
    store: StoreOption = None,
    no_record: Annotated[bool, typer.Option("--no-record", help="Report only; do not record the notices "
                                            "in the store.")] = False,
    fresh: Annotated[bool, typer.Option("--fresh", help="Ask Crossref again even for answers cached within "
                                        "the hour.")] = False,
    json_out: JsonOption = False,
) -> int:
    """Ask Crossref whether works were retracted, withdrawn, corrected or given an expression of concern.

    For every reference with a DOI, reads Crossref's record (its `updated-by` notices, including the
    Retraction Watch data Crossref carries), lists the notices with their dates, and records them in the
    reference's `updates` field, so `cite`, `summary` and `check` can warn. Exit 1 when any checked work
    is retracted, 7 when Crossref cannot be reached (nothing recorded then).

    --json: {"checked", "retracted": [keys], "without_doi": [keys], "references": [{"key", "doi",
    "status" (retracted, concern, corrected, ok, unknown), "updates": [{"type", "date", "doi", "source"}],
    "new": [same], "cited_by": [claim ids], "error", "notice_of": [{"type", "doi"}]}], "recorded"}.

    Example: ACUREF_MAILTO=you@example.org acuref retractions --store references.toml
    """
    from ..store import find_store

    location = find_store(store)
    report, recorded = run_check(location, keys, record=not no_record, max_age=0 if fresh else 3600)
    if json_out:
        print_json({**report.to_json(), "recorded": recorded})
    else:
        print_table(report)
    summarise(report, recorded, location)
    return 1 if report.retracted else 0


def run_check(location, keys, *, record: bool, max_age: float = 3600):
    """Check the store at ``location`` and (when writable and ``record``) record the notices; returns
    (report, whether anything was written)."""
    from ..lookup.http import Client
    from ..retractions import check, record as record_notices
    from ..store import load, update

    with Client() as client:
        report = check(load(location.path), client, keys, max_age=max_age)
    if not record or not location.writable:
        return report, False
    old, new = update(location.path, lambda current: record_notices(current, report))
    return report, old != new


def print_table(report) -> None:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("key", "status", "notice", "date", "notice DOI", "source", "cited by"):
        table.add_column(column, overflow="fold")
    for finding in report.findings:
        cited = ", ".join(finding.cited_by)
        if finding.error:
            table.add_row(finding.key, "unknown", finding.error, "", "", "", cited)
            continue
        for update in finding.updates:
            table.add_row(finding.key, finding.status, update.label + (" (new)" if update in finding.new else ""),
                          update.date, update.doi, update.source, cited)
        for kind, doi in finding.notice_of:
            table.add_row(finding.key, "notice", f"this DOI is a {kind.replace('_', ' ')} notice for", "", doi, "", cited)
    if table.rows:
        stdout_console().print(table)


def summarise(report, recorded: bool, location) -> None:
    counts: dict[str, int] = {}
    for finding in report.findings:
        state = "unknown" if finding.error else finding.status
        counts[state] = counts.get(state, 0) + 1
    parts = [f"{counts[s]} {s}" for s in ("retracted", "concern", "corrected", "ok", "unknown") if counts.get(s)]
    note(f"checked {count(len(report.findings), 'reference')} with a DOI"
         + (": " + ", ".join(parts) if parts else "")
         + (f"; {len(report.without_doi)} without a DOI" if report.without_doi else ""))
    if recorded:
        note(f"recorded the notices in {location.path}")
    elif not location.writable and any(f.updates for f in report.findings):
        note("not recorded: the bundled store is read-only (pass --store PATH or set ACUREF_STORE)")
    for finding in report.retracted:
        cited = f"; cited by {', '.join(finding.cited_by)}" if finding.cited_by else ""
        note(f"retracted: {finding.key} (DOI {finding.doi}){cited}")


def check_draft_retractions(store_option, check_report):
    """For ``acuref check --retractions``: check the works a draft cites (resolved, or every candidate of an
    ambiguous citation), record the notices, report retracted ones on stderr; returns the RetractionReport."""
    from ..store import find_store

    keys = sorted({k for r in check_report.citations if r.status != "unresolved" for k in r.keys})
    location = find_store(store_option)
    report, recorded = run_check(location, keys, record=True) if keys else (None, False)
    if report is None:
        from ..retractions import RetractionReport

        return RetractionReport()
    summarise(report, recorded, location)
    return report
