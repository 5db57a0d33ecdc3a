"""Merging a duplicate group into one record, field by field the best value, nothing lost.

Best value per field (every other value recorded in ``notes`` under the key it came from):
- title: the clean form (language tags such as "[Chinese]", trailing bracketed notes and the
  brackets of a translated title removed, ``normalise.clean_title``); among clean forms, one not
  in capitals, then the longest;
- author: the longest list; each name in its fullest form found in any record ("Wang, Xiaoming"
  over "Wang, X.": same surname, compatible initials);
- page: a full range over an abbreviated one ("221-228" over "221-8"; an abbreviated range alone
  is written out in full);
- issued: the most precise date of the same year;
- other text fields: the longest value; any field only one record has is taken.
The others' keys and aliases become aliases of the result; topics, sources, corrections, name
variants and editors' "distinct" marks are united.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..model import Name, Reference
from .normalise import _fold, clean_title

_RANGE = re.compile(r"^\s*([A-Za-z]*)(\d+)\s*-\s*([A-Za-z]*)(\d+)\s*$")


def _completeness(ref: Reference) -> tuple:
    filled = sum(1 for v in ref.fields.values() if v) + bool(ref.title) + bool(ref.author) + bool(ref.issued)
    return (filled, len(ref.author), len(clean_title(ref.title)))


def choose_keeper(refs: Sequence[Reference]) -> Reference:
    """The record to keep (its key stays): the most complete, earliest on ties."""
    return max(refs, key=lambda r: (_completeness(r), -refs.index(r)))


def full_pages(value: str) -> str:
    """A page range written out in full ("221-8" → "221-228", "S12-4" → "S12-14"); anything else unchanged."""
    m = _RANGE.match(value or "")
    if not m:
        return value
    prefix, start, end_prefix, end = m.groups()
    if len(end) < len(start) and not end_prefix:
        end = start[: len(start) - len(end)] + end
    return f"{prefix}{start}-{end_prefix}{end}"


def best_title(titles: Sequence[str]) -> str:
    """The clean title: tags and bracketed notes removed; not in capitals; then the longest."""
    cleaned = [clean_title(t) for t in titles if t]
    cleaned = [c for c in cleaned if c]
    if not cleaned:
        return titles[0] if titles else ""
    return max(cleaned, key=lambda t: (not t.isupper(), len(t.rstrip(".")), not t.endswith(".")))


def _same_person(a: Name, b: Name) -> bool:
    if a.literal or b.literal:
        return _fold(a.literal or a.family) == _fold(b.literal or b.family)
    if _fold(a.family) != _fold(b.family):
        return False
    ga, gb = _fold(a.given).strip(". "), _fold(b.given).strip(". ")
    return not ga or not gb or ga[0] == gb[0]


def _fullness(name: Name) -> int:
    return sum(c.isalpha() for c in name.given) * 2 + sum(1 for v in (name.non_dropping_particle, name.suffix) if v)


def best_authors(lists: Sequence[tuple[Name, ...]]) -> tuple[Name, ...]:
    """The longest author list, each name in its fullest form found in any list."""
    base = max(lists, key=len) if lists else ()
    out = []
    for name in base:
        forms = [n for names in lists for n in names if _same_person(name, n)]
        out.append(max(forms, key=_fullness) if forms else name)
    return tuple(out)


def best_pages(values: Sequence[str]) -> str:
    """A full range over an abbreviated one; the longest once written out."""
    return max((full_pages(v) for v in values if v), key=len, default="")


def _show(value) -> str:
    if isinstance(value, tuple) and value and isinstance(value[0], Name):
        return "; ".join(n.display() for n in value)
    if isinstance(value, tuple):
        return "-".join(map(str, value))
    return repr(value)


def merge_records(keep: Reference, others: Sequence[Reference]) -> Reference:
    """One record from a duplicate group (KEEP's key), field by field the best value (module docstring).

    Every value of every record is either in the result or recorded in its notes, one line per
    record that had one: "merged from KEY: field = value; ...", KEY being the record the value
    came from (the kept record's own replaced values included).
    """
    members = [keep, *others]
    title = best_title([m.title for m in members])
    author = best_authors([m.author for m in members if m.author])
    years = [m.issued for m in members if m.issued]
    issued = keep.issued or (years[0] if years else ())
    for value in years:
        if value[0] == (issued[0] if issued else value[0]) and len(value) > len(issued):
            issued = value
    fields: dict = {}
    for var in dict.fromkeys(v for m in members for v in m.fields):
        values = [m.fields.get(var) for m in members if m.fields.get(var)]
        if not values:
            fields[var] = next(m.fields[var] for m in members if var in m.fields)
        elif var == "page" and all(isinstance(v, str) for v in values):
            fields[var] = best_pages(values)
        elif all(isinstance(v, str) for v in values):
            fields[var] = max(values, key=len)
        else:
            fields[var] = values[0]
    chosen = {"title": title, "author": author, "issued": issued, **fields}
    notes = [keep.notes] if keep.notes else []
    for m in members:
        lost = []
        for var, value in (("title", m.title), ("author", m.author), ("issued", m.issued), *m.fields.items()):
            if value and value != chosen.get(var):
                lost.append(f"{var} = {_show(value)}")
        if m.original and m.original != keep.original and m is not keep:
            lost.append(f"original = {m.original!r}")
        if m is not keep and m.notes and m.notes not in notes:
            notes.append(m.notes)
        if lost:
            notes.append(f"merged from {m.key}: " + "; ".join(lost))
    aliases = list(keep.aliases)
    topics, sources, corrections = list(keep.topics), list(keep.sources), list(keep.corrections)
    name_variants, distinct = list(keep.name_variants), list(keep.distinct)
    design = keep.design
    for other in others:
        for alias in (other.key, *other.aliases):
            if alias != keep.key and alias not in aliases:
                aliases.append(alias)
        for target, values in ((topics, other.topics), (sources, other.sources), (corrections, other.corrections),
                               (name_variants, other.name_variants), (distinct, other.distinct)):
            target.extend(v for v in values if v not in target)
        if design == "unknown" and other.design != "unknown":
            design = other.design
    return keep.with_changes(title=title, author=author, issued=issued, fields=fields, aliases=tuple(aliases),
                             topics=tuple(topics), sources=tuple(sources), corrections=tuple(corrections),
                             name_variants=tuple(name_variants), distinct=tuple(d for d in distinct if d not in aliases),
                             design=design, notes="\n".join(notes))


def merge_groups(store, groups: Iterable, undo: list | None = None):
    """The store with each group merged into its most complete record (others become aliases).

    Pass a list as UNDO to receive, per merge, (merged record, the records it replaced), in
    store order: what ``undo.restore`` needs.
    """
    refs = dict(store.references)
    for group in groups:
        members = [refs[k] for k in group.keys if k in refs]
        if len(members) < 2:
            continue
        keep = choose_keeper(members)
        merged = merge_records(keep, [m for m in members if m is not keep])
        for m in members:
            if m is not keep:
                del refs[m.key]
        refs[keep.key] = merged
        if undo is not None:
            undo.append((merged, members))
    return store.with_references(refs)
