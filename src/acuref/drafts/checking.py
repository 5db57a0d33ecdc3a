"""acuref check: find a draft's author-year citations and resolve each, its reference list first.

When the draft carries its own reference list, each citation is matched against the list's
entries first (its own list's, when the draft has several: see :func:`_own_list_first`) and each entry against the store (:func:`~acuref.drafts.resolving.entry_reference`):
the list says which of several same-name, same-year works the writer meant. The report also says
which list entries no citation uses and which citations the list lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from ..model import Store
from .finding import ListEntry, find_in_blocks
from .reading import Block, read_draft, text_blocks
from .resolving import FUZZY, OK, STATUSES, UNRESOLVED, Resolution, decide, entry_fits, entry_reference, \
    resolve_citation


@dataclass(frozen=True)
class CheckReport:
    """Every citation's resolution, the store's uncited keys, and the draft's reference list:
    its entries, the store key each stands for (or None), and the entries no citation uses."""

    citations: tuple[Resolution, ...]
    uncited: tuple[str, ...] = field(default=())
    entries: tuple[ListEntry, ...] = field(default=())
    entry_keys: tuple[str | None, ...] = field(default=())
    unused: tuple[int, ...] = field(default=())  # indices into entries

    @property
    def ok(self) -> bool:
        return all(r.status == OK for r in self.citations)

    @property
    def missing_from_list(self) -> tuple[Resolution, ...]:
        """Citations the draft's own reference list lacks (empty when the draft has no list)."""
        return tuple(r for r in self.citations if r.in_list is False)

    def to_json(self) -> dict:
        """``{"citations": [{text, line, column, part, status, keys, reason[, likeliest][, in_list]}],
        "uncited": [key], "reference_list": {"entries": int, "unused": [{text, line, column, part, key}],
        "missing": [{text, line, column, part}]}}``"""
        return {
            "citations": [r.to_json() for r in self.citations],
            "uncited": list(self.uncited),
            "reference_list": {
                "entries": len(self.entries),
                "unused": [{"text": self.entries[i].text, "line": self.entries[i].line,
                            "column": self.entries[i].column, "part": self.entries[i].part,
                            "key": self.entry_keys[i]} for i in self.unused],
                "missing": [{"text": r.citation.text, "line": r.citation.line, "column": r.citation.column,
                             "part": r.citation.part} for r in self.missing_from_list],
            },
        }


def check_blocks(store: Store, blocks: Sequence[Block]) -> CheckReport:
    """Find and resolve every citation of a draft's blocks (see :mod:`acuref.drafts.reading`)."""
    citations, entries = find_in_blocks(list(blocks))
    refs = [entry_reference(store, e) for e in entries]
    used: set[int] = set()
    resolutions = []
    for citation in citations:
        if not entries:
            resolutions.append(resolve_citation(store, citation))
            continue
        fits = _own_list_first(citation, [i for i, e in enumerate(entries) if entry_fits(citation, e)], entries)
        status, reason = OK, ""
        if not fits:
            fits = _own_list_first(citation, [i for i, e in enumerate(entries) if entry_fits(citation, e, fuzzy=True)],
                                   entries)
            if fits:
                status = FUZZY
                reason = (f"{citation.surname!r} is a near spelling of {entries[fits[0]].surnames[0]!r} "
                          "in the draft's reference list")
        if not fits:
            resolution = resolve_citation(store, citation)
            # a variant name ("Zhishun" for Liu Zhishun) can still reach a listed work through the store
            listed = [i for i, r in enumerate(refs) if r is not None and resolution.status != UNRESOLVED
                      and r.key in resolution.keys]
            used.update(listed)
            resolutions.append(replace(resolution, in_list=bool(listed)))
            continue
        used.update(fits)
        found = [refs[i] for i in fits if refs[i] is not None]
        if not found:
            first = entries[fits[0]]
            resolutions.append(Resolution(citation, UNRESOLVED, (), f"in the draft's reference list "
                                          f"(line {first.line}) but not in the store", in_list=True))
            continue
        resolutions.append(replace(decide(citation, found, status, reason), in_list=True))
    cited = {k for r in resolutions if r.status != UNRESOLVED for k in r.keys}
    unused = tuple(i for i in range(len(entries)) if i not in used and (refs[i] is None or refs[i].key not in cited))
    return CheckReport(tuple(resolutions), tuple(k for k in store.references if k not in cited), tuple(entries),
                       tuple(r.key if r else None for r in refs), unused)


def _own_list_first(citation, fits: list[int], entries: Sequence[ListEntry]) -> list[int]:
    """The fitting entries of the citation's own reference list (the first after it: its article's
    or chapter's) when it has any, else every fitting entry: a nearer list says more of what the
    writer meant than any other evidence (a draft that joins several articles has several lists)."""
    own = [i for i in fits if entries[i].section == citation.section]
    return own or fits


def check(store: Store, text: str, kind: str = "text") -> CheckReport:
    """Check a draft given as text (plain, Markdown or HTML)."""
    return check_blocks(store, text_blocks(text, kind))


def check_file(store: Store, path: Path) -> CheckReport:
    """Check a draft file of any kind :func:`~acuref.drafts.reading.read_draft` reads."""
    return check_blocks(store, read_draft(path))


def summarise(resolutions: Sequence[Resolution]) -> dict[str, int]:
    return {s: sum(1 for r in resolutions if r.status == s) for s in STATUSES}
