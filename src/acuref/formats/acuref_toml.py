"""Another acuref store (its ``references.toml``) read as an import file, so two writers' stores can
be merged with ``acuref import theirs.toml`` like any export.

The file is parsed and validated as a store is (:func:`acuref.store_validate.parse`): its problems come
back located, each one as a problem of the import.  Only references are imported; the store's
evidence claims are reported in a warning and left where they are.
"""

from __future__ import annotations

import re

from ..errors import Problem
from ..wording import count
from . import ReadResult


def parse_acuref_store(text: str, path: str = "<input>") -> ReadResult:
    """The references of an acuref store file, under their own keys (aliases kept)."""
    from ..store_validate import parse

    store, problems = parse(text, path)
    result = ReadResult()
    result.problems.extend(problems)
    lines = _table_lines(text)
    for ref in store.references.values():
        result.add(ref, ref.key, lines.get(ref.key))
    if store.claims:
        result.warnings.append(Problem(path, None, None, f"{count(len(store.claims), 'evidence claim')} "
                                       "not imported: import reads references only"))
    return result


_TABLE = re.compile(r'^\[references\.(?:([A-Za-z0-9_:.-]+)|"([^"\n]*)")\][ \t]*$', re.M)


def _table_lines(text: str) -> dict[str, int]:
    """key → the line of its ``[references.KEY]`` table, in one pass over the text."""
    lines, line, at = {}, 1, 0
    for m in _TABLE.finditer(text):
        line += text.count("\n", at, m.start())
        at = m.start()
        lines.setdefault(m.group(1) or m.group(2), line)
    return lines
