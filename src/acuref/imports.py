"""Bringing references into the store: read, key, spot duplicates, then add, skip or merge."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .model import Reference, Store


@dataclass
class ImportPlan:
    """What an import would do; ``store`` is the result."""

    store: Store
    added: list[Reference] = field(default_factory=list)
    skipped: list[tuple[Reference, str]] = field(default_factory=list)  # (incoming, key it duplicates)
    merged: list[tuple[Reference, str]] = field(default_factory=list)
    likely: list[tuple[Reference, str]] = field(default_factory=list)  # added, but likely duplicates of key
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (the file's key, the key it was given)
    #: why each renamed key (by the key given) could not be kept: "already in the store", "already used by an
    #: earlier reference of this import", "not usable as a key"
    rename_reasons: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"added": [r.key for r in self.added],
                "skipped": [{"key": r.key, "duplicate_of": k, "title": r.title} for r, k in self.skipped],
                "merged": [{"key": r.key, "into": k, "title": r.title} for r, k in self.merged],
                "likely_duplicates": [{"key": r.key, "likely_duplicate_of": k, "title": r.title} for r, k in self.likely],
                "renamed": [{"key": old, "as": new, "reason": self.rename_reasons.get(new, "")}
                            for old, new in self.renamed]}


def plan_import(store: Store, incoming: Sequence[Reference], *, merge: bool = False) -> ImportPlan:
    """Add ``incoming`` to ``store``: keep each file's key when it is free (else generate an author-year
    key), and report references that duplicate one already there (or an earlier one of this import):
    a certain duplicate is skipped by default, merged into it with ``merge``; a likely one is added
    and listed in ``likely`` (an editor decides, e.g. with ``acuref dedupe --interactive``)."""
    from .dedupe import find_groups, merge_records
    from .formats import unique_key
    from .keys import taken_keys

    existing = list(store)
    taken = taken_keys(store)
    in_store = set(taken)
    keyed: list[Reference] = []
    renamed: dict[str, tuple[str, str]] = {}  # key given → (the file's key, why it was not kept)
    for ref in incoming:
        key = unique_key(ref.key, taken, ref)
        if ref.key and key != ref.key:
            why = ("already in the store" if ref.key in in_store else
                   "already used by an earlier reference of this import" if ref.key in taken else "not usable as a key")
            renamed[key] = (ref.key, why)
        aliases = tuple(a for a in ref.aliases if a not in taken and a != key)
        taken.add(key)
        taken.update(aliases)
        keyed.append(ref.with_changes(key=key, aliases=aliases))
    refs = dict(store.references)
    first_of: dict[str, str] = {}
    likely_of: dict[str, str] = {}
    position = {r.key: n for n, r in enumerate(existing + keyed)}
    for group in find_groups(existing + keyed):
        ordered = sorted(group.keys, key=position.__getitem__)
        for key in ordered[1:]:
            (first_of if group.confidence == "certain" else likely_of)[key] = ordered[0]
    plan = ImportPlan(store)
    for ref in keyed:
        target = first_of.get(ref.key)
        if target is None:
            refs[ref.key] = ref
            plan.added.append(ref)
            if ref.key in likely_of:
                plan.likely.append((ref, likely_of[ref.key]))
        elif merge and target in refs:
            refs[target] = merge_records(refs[target], [ref])
            plan.merged.append((ref, target))
        else:
            plan.skipped.append((ref, target))
    plan.store = store.with_references(refs)
    # only a reference that is added keeps the key it was given: a skipped or merged one has none to report
    plan.renamed = [(renamed[r.key][0], r.key) for r in plan.added if r.key in renamed]
    plan.rename_reasons = {r.key: renamed[r.key][1] for r in plan.added if r.key in renamed}
    return plan
