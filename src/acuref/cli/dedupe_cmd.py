"""``acuref dedupe`` without Typer: the command's body, run by the Typer command and by the fast path.

Who decides what: ``--apply`` merges only "certain" groups; "likely" ones are merged only when
an editor says so, group by group with ``--interactive`` or all at once with
``--include-likely``. Every merge records what it replaced beside the store
(``dedupe.undo``), so ``--undo`` restores the records of the last merge.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..wording import count
from .common import note, open_store, print_json, read_files, stdout_console, writable_store_path


def dedupe(file: Path | None = None, store: Path | None = None, fmt: str = "auto", apply: bool = False,
           interactive: bool = False, exit_code: bool = False, json_out: bool = False,
           include_likely: bool = False, undo: bool = False) -> int:
    """Find the duplicate groups of FILE (read-only) or of the store; merge them with APPLY or INTERACTIVE."""
    from ..dedupe import find_groups
    from ..errors import UsageError

    if undo:
        if file is not None or apply or interactive or include_likely:
            raise UsageError("--undo works alone, on the store")
        return _undo(store, json_out)
    if include_likely and not apply:
        raise UsageError("--include-likely goes with --apply")
    if file is not None:
        if apply or interactive:
            raise UsageError("--apply and --interactive work on the store; a FILE is only checked")
        refs = read_files([file], fmt, skip_invalid=False)
    else:
        refs = list(open_store(store))
    explain: dict = {}
    groups = find_groups(refs, progress=_progress(len(refs)), explain=explain)
    merged = groups
    if interactive:
        merged = _interactive(groups, refs, store)
    elif apply:
        merged = _apply(store, include_likely)
    if json_out:
        _print_json_lines(groups, explain.get("model"), [list(g.keys) for g in merged] if apply or interactive else None)
    else:
        if not interactive:
            _print_groups(groups, refs)
        if file is None and groups and not apply and not interactive:
            note("dry run: nothing written; --apply merges the certain groups, --interactive decides one by one")
    likely = sum(1 for g in groups if g.confidence == "likely")
    note(f"{count(len(groups), 'duplicate group')} ({len(groups) - likely} certain, "
         f"{likely} likely) among {count(len(refs), 'reference')}")
    return 1 if exit_code and groups else 0


def _print_json_lines(groups, model, merged) -> None:
    """{"groups": [...], "model": {...}[, "merged": [...]]} with one group per line: JSON written
    without indentation uses the C encoder, several times faster on 10,000 groups."""
    import json

    write = sys.stdout.write
    write('{"groups": [')
    for n, group in enumerate(groups):
        write(("\n" if n == 0 else ",\n") + json.dumps(group.to_json(), ensure_ascii=False))
    write('\n],\n"model": ' + json.dumps(model, ensure_ascii=False))
    if merged is not None:
        write(',\n"merged": ' + json.dumps(merged, ensure_ascii=False))
    write("}\n")


def _progress(total: int):
    if total < 5000 or not sys.stderr.isatty():
        return None
    from rich.progress import Progress

    progress = Progress(transient=True, console=None)
    task = progress.add_task("comparing", total=None)
    progress.start()

    def update(done: int, pairs: int) -> None:
        progress.update(task, total=pairs, completed=done)
        if done >= pairs:
            progress.stop()

    return update


def explain_pair(pair) -> str:
    """One line: the decision, the match weight, what decided, and each field's level and weight."""
    head = f"{pair.a} ~ {pair.b}: {pair.confidence or 'not duplicates'}"
    if pair.match_weight is not None:
        head += f", match weight {pair.match_weight:+.1f} bits (p = {pair.probability:.4f})"
    fields = []
    for name, level in pair.levels.items():
        if level is None:
            continue
        weight = pair.weights.get(name)
        fields.append(f"{name} {level}" + (f" {weight:+.1f}" if weight is not None else ""))
    return f"{head}; decided by {pair.decided_by}: {pair.reason} [{', '.join(fields)}]"


def _print_groups(groups, refs, numbers: tuple[int, int] | None = None) -> None:
    from rich.markup import escape
    from rich.table import Table

    by_key = {r.key: r for r in refs}
    console = stdout_console()
    for n, group in enumerate(groups, 1):
        where = numbers if numbers else (n, len(groups))
        table = Table(title=f"group {where[0]} of {where[1]}: {group.confidence}", title_justify="left", box=None,
                      pad_edge=False, header_style="bold")
        for column in ("key", "first author", "year", "title", "journal", "volume", "page"):
            table.add_column(column, overflow="fold")
        for key in group.keys:
            ref = by_key.get(key)
            if ref is None:
                table.add_row(escape(key), "", "", "", "", "", "")
                continue
            table.add_row(*(escape(str(v)) for v in (key, ref.first_author, ref.year or "", ref.plain_title,
                                                      ref.fields.get("container-title", ""), ref.fields.get("volume", ""),
                                                      ref.fields.get("page", ""))))
        console.print(table)
        for pair in group.pairs:
            console.print("  " + escape(explain_pair(pair)))
        for pair in group.conflicts:
            console.print("  conflict (so at most likely): " + escape(f"{pair.a} ~ {pair.b}: {pair.reason}"))
        console.print()


def _write_with_undo(path: Path, groups_of) -> list:
    """Merge the groups ``groups_of(current store)`` chooses, under the lock, recording the undo file
    in the same update. Returns the groups merged."""
    from ..dedupe import merge_groups
    from ..dedupe.undo import record, undo_path
    from ..store import update, write_atomic

    done: dict = {}

    def change(current):
        groups, current = groups_of(current)
        undo: list = []
        new = merge_groups(current, groups, undo=undo)
        if undo:
            write_atomic(undo_path(path), record(undo))
        kept = {merged.key for merged, _ in undo}
        done["groups"] = [g for g in groups if kept.intersection(g.keys)]
        return new

    update(path, change)
    return done.get("groups", [])


def _apply(store_option, include_likely: bool):
    from ..dedupe import CERTAIN, find_groups

    path = writable_store_path(store_option)
    skipped: dict = {}

    def choose(current):
        fresh = find_groups(list(current))  # the latest store, under the lock
        chosen = [g for g in fresh if include_likely or g.confidence == CERTAIN]
        skipped["likely"] = [g for g in fresh if g not in chosen]
        return chosen, current

    merged = _write_with_undo(path, choose)
    for group in merged:
        note(f"merged: {', '.join(group.keys)}")
    if skipped.get("likely"):
        note(f"{count(len(skipped['likely']), 'likely group')} not merged: decide them with --interactive, "
             "or merge them all with --apply --include-likely")
    if merged:
        note("undo with: acuref dedupe --undo")
    return merged


CHOICES = {"m": "merge", "a": "apart", "s": "skip", "q": "quit"}


def _ask(prompt: str) -> str:
    """One answer from stdin: m, a, s or q; asks again after anything else. EOF (Ctrl-D) and
    Ctrl-C count as quit."""
    while True:
        sys.stderr.write(prompt)
        sys.stderr.flush()
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            return "quit"
        if not line:  # end of input
            sys.stderr.write("\n")
            return "quit"
        answer = line.strip().lower()
        if answer in CHOICES:
            return CHOICES[answer]
        if answer in CHOICES.values() or answer == "keep apart":
            return "apart" if answer == "keep apart" else answer
        sys.stderr.write(f"please answer m, a, s or q (not {line.strip()!r})\n")


def _interactive(groups, refs, store_option):
    """Ask group by group; write every decision made, also when the editor quits (q, Ctrl-C, Ctrl-D)."""
    path = writable_store_path(store_option)
    to_merge, apart = [], []
    quit_at = None
    try:
        for n, group in enumerate(groups, 1):
            _print_groups([group], refs, numbers=(n, len(groups)))
            answer = _ask(f"group {n} of {len(groups)} ({group.confidence}): [m]erge, keep [a]part, [s]kip, [q]uit? ")
            if answer == "quit":
                quit_at = n
                break
            if answer == "merge":
                to_merge.append(group)
            elif answer == "apart":
                apart.append(group)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        quit_at = len(to_merge) + len(apart) + 1

    def choose(current):
        refs_now = dict(current.references)
        for group in apart:
            for key in group.keys:
                if key in refs_now:
                    others = tuple(k for k in group.keys if k != key and k not in refs_now[key].distinct)
                    refs_now[key] = refs_now[key].with_changes(distinct=refs_now[key].distinct + others)
        return [g for g in to_merge if all(k in refs_now for k in g.keys)], current.with_references(refs_now)

    merged = _write_with_undo(path, choose) if (to_merge or apart) else []
    undecided = len(groups) - len(to_merge) - len(apart)
    if quit_at is not None:
        note(f"stopped at group {quit_at} of {len(groups)}: the decisions made so far are saved")
    note(f"{len(merged)} merged, {len(apart)} kept apart (remembered), {undecided} not decided")
    if merged:
        note("undo with: acuref dedupe --undo")
    return merged


def _undo(store_option, json_out: bool) -> int:
    from ..dedupe.undo import read, restore, undo_path
    from ..store import update

    path = writable_store_path(store_option)
    data = read(undo_path(path))
    restored: dict = {}

    def change(current):
        new, keys = restore(current, data)
        restored["keys"] = keys
        return new

    update(path, change)
    undo_path(path).unlink(missing_ok=True)
    if json_out:
        print_json({"restored": restored["keys"]})
    note(f"restored {count(len(restored['keys']), 'record')}: {', '.join(restored['keys'])}")
    return 0
