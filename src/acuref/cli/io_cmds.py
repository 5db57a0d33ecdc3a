"""Moving references in and out: import, export, dedupe."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..wording import count
from . import fast
from .completion import complete_designs, complete_key_list, complete_topics
from .common import FORMAT, JsonOption, StoreOption, note, open_store, print_json, read_files, writable_store_path

FormatOption = Annotated[str, FORMAT.typer()]


def import_refs(
    files: Annotated[list[Path], typer.Argument(help="Reference files (BibTeX, BibLaTeX, RIS, PubMed .nbib, Web of Science, "
                                                     "EndNote XML, CSL-JSON, CSL-YAML or plain text); - reads standard input.",
                                                show_default=False)],
    store: StoreOption = None,
    fmt: FormatOption = FORMAT.default,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be added, skipped or merged (for plain text, each field read; "
                                                          "'?' marks one to check); write nothing.")] = False,
    merge: Annotated[bool, typer.Option("--merge", help="Merge duplicates of existing references instead of skipping them.")] = False,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Import the readable entries even if some are not.")] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Text encoding of the files (default: detected).")] = None,
    json_out: JsonOption = False,
) -> None:
    """Import references; keys are the file's own when free, else author-year (deluze1992, deluze1992a…).

    A reference certainly matching one already in the store (same model as `acuref dedupe`) is
    skipped, or merged with --merge; a likely match is added and reported, for an editor to decide
    (`acuref dedupe --interactive`). If any entry cannot be read, nothing is written unless --skip-invalid.

    Example: acuref import scholar.txt pubmed.ris --dry-run
    """
    from ..imports import plan_import
    from ..store import load, update

    incoming = read_files(files, fmt, skip_invalid, encoding=encoding, importing=True)
    path = writable_store_path(store) if not dry_run else None
    if dry_run:
        from ..store import find_store

        location = find_store(store)  # a store not written yet counts as empty
        plan = plan_import(load(location.path, missing_ok=location.writable), incoming, merge=merge)
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
        if dry_run:
            from .text_preview import field_lines
        for ref in plan.added:
            print(f"{verb}add    {ref.key}  {ref.first_author} {ref.year or ''}  {ref.plain_title[:70]}")
            for line in field_lines(ref) if dry_run else ():  # what the text parser read, "?" where unsure
                print(line)
        for ref, key in plan.merged:
            print(f"{verb}merge  {ref.key} into {key}")
        for ref, key in plan.skipped:
            print(f"{verb}skip   {ref.key}: duplicate of {key}")
        for ref, key in plan.likely:
            print(f"{verb}add    {ref.key}: likely duplicate of {key}, added; decide with: acuref dedupe --interactive")
            for line in field_lines(ref) if dry_run else ():
                print(line)
    for old, new in plan.renamed:
        why = plan.rename_reasons.get(new, "already taken")
        note(f"key {old!r} is {why}: {'would be ' if dry_run else ''}imported as {new!r}")
    note(f"{len(plan.added)} added, {len(plan.merged)} merged, {len(plan.skipped)} skipped"
         + (f", {count(len(plan.likely), 'likely duplicate')} added for review" if plan.likely else "") + (" (dry run)" if dry_run else ""))


def export(
    store: StoreOption = None,
    to: Annotated[str, typer.Option("--to", "--format", help="text, md, html, docx, rtf (formatted) or bibtex, biblatex, ris, "
                                                          "csl-json, csl-yaml.")] = "text",
    style: Annotated[Optional[str], fast.CITE["style"].typer()] = None,
    locale: Annotated[Optional[str], fast.CITE["locale"].typer()] = None,
    keys: Annotated[Optional[str], typer.Option("--keys", help="Comma-separated keys, aliases or \"Author Year\".",
                                                autocompletion=complete_key_list)] = None,
    topic: Annotated[Optional[str], typer.Option("--topic", help="Only references with this topic.",
                                                 autocompletion=complete_topics)] = None,
    design: Annotated[Optional[str], typer.Option("--design", help="Only references with this design.",
                                                  autocompletion=complete_designs)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")] = None,
) -> None:
    """Export a bibliography: formatted in a CSL style, or as BibTeX, RIS or CSL-JSON.

    Example: acuref export --to html --style apa --topic electroacupuncture -o refs.html
    """
    from .. import settings
    from ..exporting import export_bytes
    from ..keys import resolve_many
    from ..query import select
    from ..store import write_atomic

    loaded = open_store(store)
    chosen = resolve_many(loaded, [k.strip() for k in keys.split(",") if k.strip()]) if keys else None
    refs = select(loaded, topic=topic, design=design, keys=chosen)
    data = export_bytes(refs, to, style=settings.style(style), locale=settings.locale(locale))
    from ..exporting import dropped_fields

    lost = dropped_fields(refs, to, data)
    if lost:
        note(f"warning: {to} cannot carry every field; not kept: "
             + ", ".join(f"{var} ({count(n, 'reference')})" for var, n in sorted(lost.items())))
    if output is None:
        if to == "docx":
            from ..errors import UsageError

            raise UsageError("--to docx writes a binary file: give -o FILE.docx")
        sys.stdout.write(data.decode("utf-8"))
    else:
        write_atomic(output, data)
        note(f"wrote {count(len(refs), 'reference')} to {output}")


def dedupe(
    file: Annotated[Optional[Path], typer.Argument(help=fast.DEDUPE_FILE_HELP)] = None,
    store: StoreOption = fast.DEDUPE["store"].default,
    fmt: Annotated[str, fast.DEDUPE["fmt"].typer()] = fast.DEDUPE["fmt"].default,
    apply: Annotated[bool, fast.DEDUPE["apply"].typer()] = fast.DEDUPE["apply"].default,
    interactive: Annotated[bool, fast.DEDUPE["interactive"].typer()] = fast.DEDUPE["interactive"].default,
    exit_code: Annotated[bool, fast.DEDUPE["exit_code"].typer()] = fast.DEDUPE["exit_code"].default,
    json_out: JsonOption = fast.DEDUPE["json_out"].default,
    include_likely: Annotated[bool, fast.DEDUPE["include_likely"].typer()] = fast.DEDUPE["include_likely"].default,
    undo: Annotated[bool, fast.DEDUPE["undo"].typer()] = fast.DEDUPE["undo"].default,
) -> int:
    """Find references that are the same work written differently, explain why, and merge them.

    Each group has a confidence (certain / likely), and for each pair the match weight, each
    field's comparison level and weight, and the rule or weight that decided. --apply merges the
    certain groups only; likely ones need --interactive (m/a/s/q per group; quitting keeps the
    decisions made) or --apply --include-likely. Merging keeps the best value of each field,
    turns the other keys into aliases (so every citation still resolves) and records every other
    value in notes; --undo restores the records of the last merge.

    Example: acuref dedupe search-results.bib --json
    """
    from .dedupe_cmd import dedupe as run_dedupe

    return run_dedupe(file, store, fmt, apply, interactive, exit_code, json_out, include_likely, undo)


def register(app: typer.Typer) -> None:
    app.command("import")(import_refs)
    app.command("export")(export)
    app.command("dedupe")(dedupe)
