"""``acuref dedupe`` without Typer: the command's body, run by the Typer command and by the fast path."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import note, open_store, print_json, read_files, stdout_console, writable_store_path


def dedupe(file: Path | None = None, store: Path | None = None, fmt: str = "auto", apply: bool = False,
           interactive: bool = False, exit_code: bool = False, json_out: bool = False) -> int:
    """Find the duplicate groups of FILE (read-only) or of the store; merge them with APPLY or INTERACTIVE."""
    from ..dedupe import find_groups

    if file is not None:
        if apply or interactive:
            from ..errors import UsageError

            raise UsageError("--apply and --interactive work on the store; a FILE is only checked")
        refs = read_files([file], fmt, skip_invalid=False)
    else:
        refs = list(open_store(store))
    groups = find_groups(refs, progress=_progress(len(refs)))
    if interactive:
        groups = _interactive(groups, refs, store)
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


def _interactive(groups, refs, store_option):
    import typer

    from ..dedupe import merge_groups
    from ..store import update

    path = writable_store_path(store_option)
    to_merge, apart = [], []
    for n, group in enumerate(groups, 1):
        _print_groups([group], refs)
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
