"""Merging a duplicate group into one record."""

from __future__ import annotations

from typing import Iterable, Sequence

from ..model import Reference


def _completeness(ref: Reference) -> tuple:
    filled = sum(1 for v in ref.fields.values() if v) + bool(ref.title) + bool(ref.author) + bool(ref.issued)
    return (filled, len(ref.author), len(ref.title))


def choose_keeper(refs: Sequence[Reference]) -> Reference:
    """The record to keep: the most complete, earliest on ties."""
    return max(refs, key=lambda r: (_completeness(r), -refs.index(r)))


def merge_records(keep: Reference, others: Sequence[Reference]) -> Reference:
    """One record from a duplicate group: field by field the most complete value, nothing lost.

    The others' keys (and aliases) become aliases of the result. For each field,
    the longest value wins (more pages, a full journal name, more authors); a
    value that differs from the kept one is recorded in ``notes`` as
    "merged from KEY: field = value", so every value of every record is in the
    result or recorded with it.
    """
    fields = dict(keep.fields)
    title, author, issued = keep.title, keep.author, keep.issued
    notes = [keep.notes] if keep.notes else []
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
        lost: list[str] = []
        if other.title and other.title != title:
            if len(other.title) > len(title):
                lost.append(f"title = {title!r}") if title else None
                title = other.title
            else:
                lost.append(f"title = {other.title!r}")
        if other.author and other.author != author:
            shown = "; ".join(n.display() for n in (author if len(other.author) > len(author) else other.author))
            if len(other.author) > len(author):
                if author:
                    lost.append(f"author = {shown}")
                author = other.author
            else:
                lost.append(f"author = {shown}")
        if other.issued and other.issued != issued:
            if len(other.issued) > len(issued) and (not issued or other.issued[0] == issued[0]):
                if issued:
                    lost.append(f"issued = {'-'.join(map(str, issued))}")
                issued = other.issued
            else:
                lost.append(f"issued = {'-'.join(map(str, other.issued))}")
        for var, value in other.fields.items():
            mine = fields.get(var)
            if not mine:
                fields[var] = value
            elif mine != value:
                if isinstance(value, str) and isinstance(mine, str) and len(value) > len(mine):
                    lost.append(f"{var} = {mine!r}")
                    fields[var] = value
                else:
                    lost.append(f"{var} = {_show(value)}")
        if other.notes and other.notes not in notes:
            notes.append(other.notes)
        if other.original and other.original != keep.original:
            lost.append(f"original = {other.original!r}")
        if lost:
            notes.append(f"merged from {other.key}: " + "; ".join(lost))
    return keep.with_changes(title=title, author=author, issued=issued, fields=fields, aliases=tuple(aliases),
                             topics=tuple(topics), sources=tuple(sources), corrections=tuple(corrections),
                             name_variants=tuple(name_variants), distinct=tuple(d for d in distinct if d not in aliases),
                             design=design, notes="\n".join(notes))


def _show(value) -> str:
    if isinstance(value, tuple) and value and hasattr(value[0], "display"):
        return "; ".join(n.display() for n in value)
    if isinstance(value, tuple):
        return "-".join(map(str, value))
    return repr(value)


def merge_groups(store, groups: Iterable[Group]):
    """The store with each group merged into its most complete record (others become aliases)."""
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
    return store.with_references(refs)
