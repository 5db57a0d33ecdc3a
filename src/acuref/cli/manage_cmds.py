"""Keeping the store: add (by identifier, pasted text or template), edit, set, remove, rename, retractions."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from ..wording import count
from .common import JsonOption, StoreOption, note, open_store, print_json, writable_store_path
from .completion import complete_keys


def add(
    what: Annotated[Optional[list[str]], typer.Argument(
        help="DOI (or doi.org URL), PMID, PMCID, ISBN or arXiv id, several at once; or one pasted reference "
             "(quote it); or - to read pasted references from stdin.", show_default=False, metavar="IDENTIFIER")] = None,
    store: StoreOption = None,
    edit: Annotated[bool, typer.Option("--edit", help="Review the reference in $EDITOR before adding it; "
                                       "without an identifier, start from a template.")] = False,
    merge: Annotated[bool, typer.Option("--merge", help="Merge a likely duplicate into the reference it "
                                        "duplicates (default: report it and add nothing).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")] = False,
    json_out: JsonOption = False,
) -> int:
    """Add references by DOI, PMID, PMCID, ISBN or arXiv id, from a pasted reference, or from a template.

    Identifiers are looked up at Crossref, PubMed, PMC, Open Library and arXiv (set ACUREF_MAILTO to your
    e-mail address, as Crossref and NCBI ask). Each new reference gets an author-year key; a likely
    duplicate of one in the store is reported and not added (exit 1), or merged with --merge. On a
    network or service error nothing is written (exit 7; 3 when the service has no such record).

    Prints the added references as TOML (--json: {"store", "added": [CSL-JSON items], "skipped":
    [{"key", "duplicate_of", "title"}], "merged": [{"key", "into", "title"}], "written"}).

    Example: acuref add 10.1136/bmj.305.6864.1249 --store references.toml
    """
    from ..adding import add as run_add, edit_new, references_from
    from ..errors import UsageError
    from ..model import to_csl

    if not what and not edit:
        raise UsageError("give an identifier, a pasted reference, - (stdin) or --edit")
    path = None if dry_run else writable_store_path(store)
    refs = references_from(what or [], stdin_text=sys.stdin.read() if what == ["-"] else None) if what else []
    if edit:
        refs = edit_new(refs)
        if not refs:
            note("nothing added (the template was saved unchanged)")
            return 0
    plan = run_add(path, refs, merge=merge, store=open_store(store) if dry_run else None)
    if json_out:
        print_json({"store": None if path is None else str(path), "added": [to_csl(r) for r in plan.added],
                    "skipped": [{"key": r.key, "duplicate_of": k, "title": r.title} for r, k in plan.skipped],
                    "merged": [{"key": r.key, "into": k, "title": r.title} for r, k in plan.merged],
                    "written": path is not None})
    else:
        from ..editing import reference_text

        sys.stdout.write("\n".join(reference_text(r) for r in plan.added))
    verb = "would add" if path is None else "added"
    for ref in plan.added:
        note(f"{verb} {ref.key}: {ref.first_author or '?'} {ref.year or 'n.d.'}, {ref.plain_title}")
    for ref, key in plan.merged:
        note(f"merged into {key}: {ref.plain_title}")
    for ref, key in plan.skipped:
        note(f"not added: likely duplicate of {key}: {ref.plain_title} (--merge merges it; acuref show {key})")
    from ..retractions import flags

    for ref in plan.added:
        for line in flags(ref):
            note(f"warning: {line}")
    return 1 if plan.skipped else 0


def edit(
    key: Annotated[str, typer.Argument(help="A citation key, an alias, or \"Author Year\".", show_default=False, autocompletion=complete_keys)],
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Edit one reference's TOML in $EDITOR; it is validated on save and re-opened with the problems listed.

    Saving it unchanged changes nothing; saving a text that still has problems unchanged gives up (exit 2).
    The key cannot change here (acuref rename does that). --json: {"key", "changed", "reference": CSL-JSON}.

    Example: EDITOR=nano acuref edit deluze1992 --store references.toml
    """
    from ..editing import read_reference, replace_reference
    from ..editor import edit_until_valid
    from ..errors import EditAbortedError, InvalidStoreError, Problem
    from ..keys import resolve
    from ..model import to_csl
    from ..store import dumps, loads, update

    path = writable_store_path(store)
    loaded = open_store(path)
    ref = resolve(loaded, key)

    def read(text: str):
        new, problems = read_reference(text, ref.key, "<edited>")
        if new is not None:
            try:
                loads(dumps(replace_reference(loaded, new)), str(path))
            except InvalidStoreError as exc:
                return None, [Problem("<edited>", None, None, p.message) for p in exc.problems]
        return new, problems

    from ..editing import reference_text

    new = edit_until_valid(reference_text(ref), read)
    if new is not None and new != ref:
        def change(current):
            if current.references.get(ref.key) != ref:
                raise EditAbortedError(f"{ref.key} was changed by another command while you edited it")
            return replace_reference(current, new)

        update(path, change)
        note(f"saved {ref.key}")
    else:
        note(f"{ref.key}: no change")
    if json_out:
        print_json({"key": ref.key, "changed": new is not None and new != ref, "reference": to_csl(new or ref)})


def set_cmd(
    key: Annotated[str, typer.Argument(help="A citation key or alias.", show_default=False, autocompletion=complete_keys)],
    assignments: Annotated[list[str], typer.Argument(
        help="FIELD=VALUE (FIELD= removes it), FIELD+=VALUE / FIELD-=VALUE for lists. Names: "
             "\"Family, Given; Family, Given\" ({Organisation} in braces); dates: 1992 or 1992-11-21; "
             "topics, aliases: comma-separated.", show_default=False, metavar="FIELD=VALUE")],
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Set fields of one reference, for scripts: design, topics, notes, or any CSL variable.

    Every value is validated as the store validates it (an unknown field or design fails with exit 5
    and nothing is written). Prints the reference's TOML after the change (--json: its CSL-JSON item).

    Example: acuref set zhang2014 design=randomised-trial topics+=nausea
    """
    from ..editing import Assignment, exact, replace_reference, set_fields
    from ..model import to_csl
    from ..store import update

    parsed = [Assignment.parse(a) for a in assignments]
    path = writable_store_path(store)
    result = {}

    def change(current):
        result["ref"] = set_fields(exact(current, key), parsed)
        return replace_reference(current, result["ref"])

    old, _ = update(path, change)
    ref = result["ref"]
    changed = old.references.get(ref.key) != ref
    note(f"{ref.key}: set " + ", ".join(dict.fromkeys(a.field for a in parsed)) + ("" if changed else " (no change)"))
    if json_out:
        print_json(to_csl(ref))
    else:
        from ..editing import reference_text

        sys.stdout.write(reference_text(ref))


def remove(
    key: Annotated[str, typer.Argument(help="A citation key or alias.", show_default=False, autocompletion=complete_keys)],
    store: StoreOption = None,
    force: Annotated[bool, typer.Option("--force", help="Remove it even though claims cite it; those "
                                        "citations are removed too, and listed.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Remove one reference. Refused (exit 2) while claims cite it, unless --force, which reports each claim
    it changed and each claim left citing nothing.

    --json: {"removed", "claims", "claims_citing_nothing", "distinct_updated"}.

    Example: acuref remove zhang2014a --store references.toml
    """
    from ..editing import remove as run_remove
    from ..store import update

    path = writable_store_path(store)
    result = {}

    def change(current):
        new, result["report"] = run_remove(current, key, force=force)
        return new

    update(path, change)
    report = result["report"]
    note(f"removed {report.ref.key}: {report.ref.first_author or '?'} {report.ref.year or 'n.d.'}, {report.ref.plain_title}")
    for claim in report.claims:
        note(f"claim {claim} no longer cites {report.ref.key}" + (" and now cites nothing" if claim in report.uncited else ""))
    for other in report.distinct:
        note(f"{other}: 'distinct' no longer names {report.ref.key}")
    if json_out:
        print_json(report.to_json())


def rename(
    old: Annotated[str, typer.Argument(help="The current key (or an alias of it).", show_default=False, autocompletion=complete_keys)],
    new: Annotated[str, typer.Argument(help="The new key.", show_default=False)],
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Give a reference a new key; the old key stays as an alias (so drafts citing it still work) and
    claims citing the old key cite the new one. --json: {"old", "new", "aliases", "claims"}.

    Example: acuref rename zhang2014a zhang2014nausea
    """
    from ..editing import exact, rename as run_rename
    from ..store import update

    from ..errors import StoreWriteError

    path = writable_store_path(store)
    key = exact(open_store(path), old).key
    result = {}

    def change(current):
        ref = exact(current, old)
        if ref.key != key:
            raise StoreWriteError(path, f"{old} was renamed by another command meanwhile; nothing written")
        result["old"] = ref.key
        result["claims"] = [c.id for c in current.claims if ref.key in c.cites]
        return run_rename(current, ref.key, new)

    _, after = update(path, change, renamed={key: new})  # the reference keeps the comments around it
    aliases = list(after.references[new].aliases)
    note(f"renamed {result['old']} to {new} ({result['old']} stays as an alias); "
         f"{count(len(result['claims']), 'claim')} updated")
    if json_out:
        print_json({"old": result["old"], "new": new, "aliases": aliases, "claims": result["claims"]})


def register(app: typer.Typer) -> None:
    app.command("add")(add)
    app.command("edit")(edit)
    app.command("set")(set_cmd)
    app.command("remove")(remove)
    app.command("rename")(rename)
    from .retraction_cmds import retractions

    app.command("retractions")(retractions)
