"""Moving references in and out: import, export, dedupe."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import JsonOption, StoreOption, note, open_store, print_json, stdout_console, writable_store_path

FormatOption = Annotated[str, typer.Option("--format", "-f", help="auto, bibtex, ris, csl-json or text.")]


def _read_all(files: list[Path], fmt: str, skip_invalid: bool):
    from ..errors import InvalidInputError
    from ..formats import read_file

    refs, problems = [], []
    for path in files:
        result = read_file(path, fmt)
        refs.extend(result.references)
        problems.extend(result.problems)
    if problems and not skip_invalid:
        n = len(problems)
        raise InvalidInputError(f"{n} entr{'ies' if n != 1 else 'y'} could not be read; nothing was imported "
                                "(--skip-invalid imports the rest)", problems)
    for problem in problems:
        note(f"skipped: {problem}")
    return refs


def import_refs(
    files: Annotated[list[Path], typer.Argument(help="BibTeX, RIS, CSL-JSON or plain-text reference files.", show_default=False)],
    store: StoreOption = None,
    fmt: FormatOption = "auto",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be added, skipped or merged; write nothing.")] = False,
    merge: Annotated[bool, typer.Option("--merge", help="Merge duplicates of existing references instead of skipping them.")] = False,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Import the readable entries even if some are not.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Import references; keys are the file's own when free, else author-year (deluze1992, deluze1992a…).

    A reference matching one already in the store (same rules as `acuref dedupe`) is skipped,
    or merged with --merge. If any entry cannot be read, nothing is written unless --skip-invalid.

    Example: acuref import scholar.txt pubmed.ris --dry-run
    """
    from ..imports import plan_import
    from ..store import load, update

    incoming = _read_all(files, fmt, skip_invalid)
    path = writable_store_path(store) if not dry_run else None
    if dry_run:
        from .common import open_store as _open

        plan = plan_import(_open(store), incoming, merge=merge)
    else:
        holder = {}

        def change(current):
            holder["plan"] = plan_import(current, incoming, merge=merge)
            return holder["plan"].store

        update(path, change)
        plan = holder["plan"]
        load(path)  # the written store reads back
    if json_out:
        print_json({**plan.to_json(), "dry_run": dry_run})
    else:
        verb = "would " if dry_run else ""
        for ref in plan.added:
            print(f"{verb}add    {ref.key}  {ref.first_author} {ref.year or ''}  {ref.title[:70]}")
        for ref, key in plan.merged:
            print(f"{verb}merge  {ref.key} into {key}")
        for ref, key in plan.skipped:
            print(f"{verb}skip   {ref.key}: duplicate of {key}")
    note(f"{len(plan.added)} added, {len(plan.merged)} merged, {len(plan.skipped)} skipped" + (" (dry run)" if dry_run else ""))


def export(
    store: StoreOption = None,
    to: Annotated[str, typer.Option("--to", "--format", help="text, md, html, docx, rtf (formatted) or bibtex, ris, csl-json.")] = "text",
    style: Annotated[str, typer.Option("--style", "-s", help="CSL style for formatted output.")] = "harvard-cite-them-right",
    locale: Annotated[Optional[str], typer.Option("--locale", help="Locale such as en-GB.")] = None,
    keys: Annotated[Optional[str], typer.Option("--keys", help="Comma-separated keys, aliases or \"Author Year\".")] = None,
    topic: Annotated[Optional[str], typer.Option("--topic", help="Only references with this topic.")] = None,
    design: Annotated[Optional[str], typer.Option("--design", help="Only references with this design.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")] = None,
) -> None:
    """Export a bibliography: formatted in a CSL style, or as BibTeX, RIS or CSL-JSON.

    Example: acuref export --to html --style apa --topic electroacupuncture -o refs.html
    """
    from ..exporting import export_bytes
    from ..keys import resolve_many
    from ..query import select
    from ..store import write_atomic

    loaded = open_store(store)
    chosen = resolve_many(loaded, [k.strip() for k in keys.split(",") if k.strip()]) if keys else None
    refs = select(loaded, topic=topic, design=design, keys=chosen)
    data = export_bytes(refs, to, style=style, locale=locale)
    if output is None:
        if to == "docx":
            from ..errors import UsageError

            raise UsageError("--to docx writes a binary file: give -o FILE.docx")
        sys.stdout.write(data.decode("utf-8"))
    else:
        write_atomic(output, data)
        note(f"wrote {len(refs)} references to {output}")


def dedupe(
    file: Annotated[Optional[Path], typer.Argument(help="A reference file to check instead of the store (read-only).")] = None,
    store: StoreOption = None,
    fmt: FormatOption = "auto",
    apply: Annotated[bool, typer.Option("--apply", help="Merge the groups into the store (default: a dry run).")] = False,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Decide group by group: merge, keep apart, skip.")] = False,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when duplicates are found.")] = False,
    json_out: JsonOption = False,
) -> int:
    """Find references that are the same work written differently, explain why, and merge them.

    Each group has a confidence (certain / likely), and for each pair the reason and the
    per-field scores. Merging keeps the most complete value of each field, turns the other keys
    into aliases (so every citation still resolves) and records every differing value in notes.

    Example: acuref dedupe search-results.bib --json
    """
    from ..dedupe import find_groups

    if file is not None:
        if apply or interactive:
            from ..errors import UsageError

            raise UsageError("--apply and --interactive work on the store; a FILE is only checked")
        refs = _read_all([file], fmt, skip_invalid=False)
    else:
        refs = list(open_store(store))
    groups = find_groups(refs, progress=_progress(len(refs)))
    if interactive:
        groups = _interactive(groups, store)
    elif apply:
        groups = _apply(groups, store)
    if json_out:
        print_json({"groups": [g.to_json() for g in groups]})
    else:
        _print_groups(groups, refs)
        if file is None and groups and not apply and not interactive:
            note("dry run: nothing written; --apply merges these groups, --interactive decides one by one")
    note(f"{len(groups)} duplicate group{'s' if len(groups) != 1 else ''} among {len(refs)} references")
    return 1 if exit_code and groups else 0


def _progress(total: int):
    if total < 5000 or not sys.stderr.isatty():
        return None
    from rich.progress import Progress

    progress = Progress(transient=True, console=None)
    task = progress.add_task("comparing", total=None)
    progress.start()

    def update(done: int, pairs: int) -> None:
        progress.update(task, total=pairs, completed=done)
        if done + 5000 >= pairs:
            progress.stop()

    return update


def _print_groups(groups, refs) -> None:
    from rich.table import Table

    by_key = {r.key: r for r in refs}
    console = stdout_console()
    for n, group in enumerate(groups, 1):
        table = Table(title=f"group {n}: {group.confidence}", title_justify="left", box=None, pad_edge=False, header_style="bold")
        for column in ("key", "first author", "year", "title"):
            table.add_column(column, overflow="fold")
        for key in group.keys:
            ref = by_key.get(key)
            table.add_row(key, ref.first_author if ref else "", str(ref.year or "") if ref else "", ref.title if ref else "")
        console.print(table)
        for pair in group.pairs:
            scores = ", ".join(f"{k} {v}" for k, v in pair.scores.items() if v is not None)
            console.print(f"  {pair.a} ~ {pair.b}: {pair.confidence}, {pair.reason} ({scores})")
        console.print()


def _apply(groups, store_option):
    from ..dedupe import find_groups, merge_groups
    from ..store import update

    path = writable_store_path(store_option)
    applied = {}

    def change(current):
        fresh = find_groups(list(current))  # the latest store, under the lock
        applied["groups"] = fresh
        return merge_groups(current, fresh)

    update(path, change)
    for group in applied["groups"]:
        note(f"merged: {', '.join(group.keys)}")
    return applied["groups"]


def _interactive(groups, store_option):
    from ..dedupe import merge_groups
    from ..store import update

    path = writable_store_path(store_option)
    to_merge, apart = [], []
    for n, group in enumerate(groups, 1):
        _print_groups([group], list(open_store(store_option)))
        answer = typer.prompt(f"group {n}/{len(groups)}: [m]erge, keep [a]part, [s]kip", default="s").strip().lower()
        if answer.startswith("m"):
            to_merge.append(group)
        elif answer.startswith("a"):
            apart.append(group)

    def change(current):
        refs = dict(current.references)
        for group in apart:
            for key in group.keys:
                if key in refs:
                    others = tuple(k for k in group.keys if k != key and k not in refs[key].distinct)
                    refs[key] = refs[key].with_changes(distinct=refs[key].distinct + others)
        return merge_groups(current.with_references(refs), [g for g in to_merge if all(k in refs for k in g.keys)])

    if to_merge or apart:
        update(path, change)
    note(f"{len(to_merge)} merged, {len(apart)} kept apart (remembered), {len(groups) - len(to_merge) - len(apart)} skipped")
    return to_merge


def register(app: typer.Typer) -> None:
    app.command("import")(import_refs)
    app.command("export")(export)
    app.command("dedupe")(dedupe)
