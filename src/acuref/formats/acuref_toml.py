"""Another acuref store (its ``references.toml``) read as an import file, so two writers' stores can
be merged with ``acuref import theirs.toml`` like any export.

The file is parsed and validated as a store is (:func:`acuref.store_validate.parse`): its problems come
back located, each one as a problem of the import.  Only references are imported; the store's
evidence claims are reported in a warning and left where they are.
"""

from __future__ import annotations

from ..errors import Problem
from ..wording import count
from . import ReadResult


def parse_acuref_store(text: str, path: str = "<input>") -> ReadResult:
    """The references of an acuref store file, under their own keys (aliases kept)."""
    from ..store_validate import parse

    store, problems = parse(text, path)
    result = ReadResult()
    result.problems.extend(problems)
    for ref in store.references.values():
        result.add(ref, ref.key, _line_of(text, ref.key))
    if store.claims:
        result.warnings.append(Problem(path, None, None, f"{count(len(store.claims), 'evidence claim')} "
                                       "not imported: import reads references only"))
    return result


def _line_of(text: str, key: str) -> int | None:
    at = text.find(f"[references.{key}]")
    if at < 0:
        at = text.find(f'[references."{key}"]')
    return text.count("\n", 0, at) + 1 if at >= 0 else None
