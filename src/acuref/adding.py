"""``acuref add``: new references from identifiers, pasted reference text or a template, added as import adds.

The new references get keys by the documented pattern (:func:`acuref.keys.generate_key`:
first author's surname and year, then a, b… suffixes) and go through
:func:`acuref.imports.plan_import`, so a likely duplicate of a reference already in the store is
reported (and skipped, or merged with ``merge``) exactly as ``acuref import`` reports it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from .errors import InvalidInputError, Problem
from .imports import ImportPlan
from .model import Reference, Store

#: The reference ``add --edit`` starts from. "KEY" is replaced by a generated key unless changed.
TEMPLATE = """\
# A new reference. Fill in what the source gives, save and close; saving this text unchanged adds nothing.
# Empty fields are dropped. Fields and study designs: README.md, section "The store".
[references.KEY]
type = "article-journal"
title = ""
author = [
  { family = "", given = "" },
]
# issued = 2024                       # a year, or [year, month] / [year, month, day]
container-title = ""
volume = ""
issue = ""
page = ""
DOI = ""
design = "unknown"
topics = []
notes = ""
"""
TEMPLATE_KEY = "KEY"


def references_from(args: Sequence[str], client=None, stdin_text: str | None = None) -> list[Reference]:
    """The references ``acuref add ARGS`` names: each argument an identifier (looked up), else all the
    arguments together one pasted reference; ``-`` reads pasted references from ``stdin_text``.

    Raises RemoteError/RemoteNotFoundError for a failed lookup, InvalidInputError for text that is
    neither an identifier nor a reference the text parser can read.
    """
    from .lookup import identify, lookup

    if list(args) == ["-"]:
        return parse_pasted(stdin_text or "", "<stdin>")
    identifiers = [identify(a) for a in args]
    if args and all(identifiers):
        if client is not None:
            return [lookup(i, client) for i in identifiers]
        from .lookup.http import Client

        with Client() as own:
            return [lookup(i, own) for i in identifiers]
    return parse_pasted(" ".join(args), "<argument>")


def parse_pasted(text: str, path: str) -> list[Reference]:
    """References in pasted text, through the text format's public parser (one per line or paragraph)."""
    from .formats import parse

    if not text.strip():
        raise InvalidInputError(f"{path}: nothing to add", [Problem(path, None, None, "no text")])
    result = parse(text, "text", path)
    if result.problems or not result.references:
        problems = result.problems or [Problem(path, 1, None, f"cannot read this as a reference: {text[:60]!r}")]
        raise InvalidInputError(f"{path}: not an identifier (DOI, PMID, PMCID, ISBN, arXiv id) nor a reference "
                                "acuref can read; nothing added", problems)
    return [r.with_changes(key="") for r in result.references]


def read_new_reference(text: str, path: str = "<new reference>") -> tuple[Reference | None, list[Problem]]:
    """A reference written in the editor (from :data:`TEMPLATE` or a looked-up one); empty fields are dropped.
    Its key is "" when left as ``KEY`` (a key is then generated)."""
    import tomllib

    import tomli_w

    from .editing import read_reference

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .store_validate import syntax_problem

        return None, [syntax_problem(exc, path, text)]
    refs = data.get("references")
    shown = text
    if isinstance(refs, dict) and len(refs) == 1 and set(data) == {"references"}:
        (key, table), = refs.items()
        if isinstance(table, dict):
            data = {"references": {key: _drop_empty(table)}}
            text = tomli_w.dumps(data)
    ref, problems = read_reference(text, None, path)
    if text is not shown:  # problems are located in the text as written, not in its re-dumped form
        problems = [replace(p, line=_line_in(shown, text, p.line)) for p in problems]
    if ref is not None and ref.key == TEMPLATE_KEY:
        ref = ref.with_changes(key="")
    return ref, problems


def _line_in(shown: str, dumped: str, line: int | None) -> int | None:
    """The line of ``shown`` holding what line ``line`` of ``dumped`` (tomli_w's form of it) holds:
    the same field's ``name =`` line, or the table header; ``line`` itself when neither is found."""
    from .settings import key_line

    lines = dumped.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return line
    i = line - 1
    while i > 0 and (lines[i][:1].isspace() or lines[i].startswith("]")):  # inside a multi-line array
        i -= 1
    if lines[i].startswith("["):
        return next((n for n, t in enumerate(shown.splitlines(), 1) if t.strip().startswith("[")), line)
    return key_line(shown, lines[i].partition("=")[0].strip()) or line


def _drop_empty(table: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in table.items():
        if isinstance(value, list):
            value = [v for v in value if not (isinstance(v, dict) and not any(str(x).strip() for x in v.values()))]
        if value in ("", [], {}):
            continue
        out[name] = value
    return out


def edit_new(refs: list[Reference]) -> list[Reference]:
    """Let the user complete each reference (or the template, when there is none) in the editor.
    A reference saved unchanged is kept as it was; the template saved unchanged adds nothing."""
    from .editing import reference_text
    from .editor import edit_until_valid

    if not refs:
        made = edit_until_valid(TEMPLATE, read_new_reference)
        return [made] if made is not None else []
    out = []
    for ref in refs:
        shown = reference_text(ref.with_changes(key=TEMPLATE_KEY))
        made = edit_until_valid(shown, read_new_reference)
        out.append(ref if made is None else made)
    return out


def add(path: Path | None, refs: Sequence[Reference], *, merge: bool = False, store: Store | None = None) -> ImportPlan:
    """Add ``refs`` to the store at ``path`` (atomically, under its lock), or only plan it when ``path``
    is None (``store`` is then the store to plan against). Duplicates are skipped or merged, as import does."""
    from .imports import plan_import
    from .store import update

    plans: list[ImportPlan] = []

    def change(current: Store) -> Store:
        plans.clear()
        plans.append(plan_import(current, refs, merge=merge))
        return plans[0].store

    if path is None:
        return plan_import(store or Store(), refs, merge=merge)
    update(path, change)
    return plans[0]
