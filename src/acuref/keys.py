"""Citation keys: resolve keys, aliases and "Author Year" queries; generate new keys."""

from __future__ import annotations

import re
from typing import Iterable

from .errors import AmbiguousError, NotFoundError
from .model import Reference, Store
from .normalize import squash, words

# "Author [et al.][,] [(]Year[a][)]", read from the end: the year (a bounded pattern tried at each
# position), then an optional "et al."; the name is what is left. The old single pattern had two lazy
# ".*?" around "[\s,]+" and took seconds on a long query (the brief: no unbounded backtracking).
_YEAR_END = re.compile(r"\(?(?P<year>\d{4})(?P<suffix>[a-z]?)\)?$", re.I)
_ET_AL_END = re.compile(r"[\s,]et\s{1,9}al\.?[\s,]{0,9}$", re.I)


def resolve(store: Store, query: str) -> Reference:
    """The one reference ``query`` names: a key, an alias, or "Author Year" ("deluze 1992").

    Raises :class:`AmbiguousError` listing the candidates when several works
    fit, and :class:`NotFoundError` with suggestions when none does.
    """
    refs = store.references
    if query in refs:
        return refs[query]
    aliases = store.alias_index()
    if query in aliases:
        return refs[aliases[query]]
    lowered = query.strip().lower()  # keys are case-insensitive, nothing more: "zhang 2014" is a query
    for key in refs:
        if key.lower() == lowered:
            return refs[key]
    for alias, key in aliases.items():
        if alias.lower() == lowered:
            return refs[key]
    candidates = author_year_matches(store, query)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise AmbiguousError(query, [describe(r) for r in candidates])
    raise NotFoundError(query, suggest(store, query))


def resolve_many(store: Store, queries: Iterable[str]) -> list[Reference]:
    return [resolve(store, q) for q in queries]


def author_year_matches(store: Store, query: str) -> list[Reference]:
    """References whose first author (or a known variant) and year fit "Author [et al] Year"."""
    parsed = author_year(query)
    if not parsed:
        return []
    name, year = squash(parsed[0]), parsed[1]
    return [r for r in store if r.year == year and name in _surname_forms(r)]


def author_year(query: str) -> tuple[str, int] | None:
    """("Deluze", 1992) for "Deluze 1992", "Deluze et al., (1992a)", "van der Berg, 2001"; None when the query
    does not end in a year after a space, a comma or "et al.", or names no one. Linear in the query's length:
    only its last 30 characters are matched against patterns, the name is what is left."""
    text = query.strip()
    tail = text[-30:]
    m = _YEAR_END.search(tail)
    if not m:
        return None
    before = text[: len(text) - len(tail) + m.start()]
    et_al = _ET_AL_END.search(before[-30:])
    if et_al:
        name = before[: len(before) - len(before[-30:]) + et_al.start()]
    elif before[-1:].isspace() or before.endswith(","):
        name = before
    else:
        return None
    name = name.strip().rstrip(",").strip()
    if not any(c.isalpha() for c in name):
        return None
    return name, int(m.group("year"))


def _surname_forms(ref: Reference) -> set[str]:
    forms = {squash(v) for v in ref.name_variants}
    if ref.author:
        first = ref.author[0]
        forms.add(squash(first.literal or first.family))
        if first.non_dropping_particle:
            forms.add(squash(first.non_dropping_particle + first.family))
    return forms


def describe(ref: Reference) -> str:
    """"zhang2014 (Zhang 2014: Mechanisms of Acupuncture…)", for candidate lists."""
    title = ref.title if len(ref.title) <= 60 else ref.title[:57] + "…"
    return f"{ref.key} ({ref.first_author or '?'} {ref.year or 'n.d.'}: {title})"


def suggest(store: Store, query: str, limit: int = 3) -> list[str]:
    """Keys that look like ``query`` (misspelt key, wrong year, alias), best first."""
    from rapidfuzz import fuzz, process

    choices: dict[str, str] = {}
    for ref in store:
        label = f"{ref.first_author} {ref.year or ''}".strip()
        choices[ref.key] = ref.key
        choices[ref.key + "\0name"] = label
        for alias in ref.aliases:
            choices[ref.key + "\0" + alias] = alias
    found = process.extract(query.lower(), {k: v.lower() for k, v in choices.items()},
                            scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=70)
    out: list[str] = []
    for _, _, choice_key in found:
        key = choice_key.split("\0")[0]
        if key not in out:
            out.append(key)
    return out[:limit]


def base_key(ref: Reference) -> str:
    """The author-year stem of a generated key: first author's surname, folded, then the year.

    An organisation (a literal name of several words) gives the initials of its capitalised words, as
    JabRef's citation-key generator abbreviates an institution (BracketedPattern.generateInstitutionKey,
    docs.jabref.org "Citation key patterns"): "World Health Organization" → "who". A name with no Latin
    letters (王, Παπαδόπουλος) is kept in its own script, as pandoc's citation keys allow, rather than
    folded away to nothing."""
    stem = ""
    if ref.author:
        first = ref.author[0]
        surname = first.family or (_initials(first.literal) if first.literal else "")
        stem = "".join(words(surname)) or "".join(c for c in surname.lower() if c.isalnum())
    if not stem:
        stem = "".join(words(ref.title)[:1]) or "anon"
    return stem + (str(ref.year) if ref.year else "nd")


_MINOR = frozenset("a an and at for in of on the to und des der die le la les et de du".split())


def _initials(literal: str) -> str:
    """"World Health Organization" → "WHO"; "National Institute for Health and Care Excellence" → "NIHCE";
    a one-word name ("UNICEF", "Cochrane") as it is."""
    names = literal.split()
    if len(names) == 1:
        return literal
    if names[0].lower() == "the":
        names = names[1:]
    initials = "".join(w[0] for w in names if w[:1].isupper() and w.lower() not in _MINOR)
    return initials if len(initials) >= 2 else names[0]


def generate_key(ref: Reference, taken: set[str]) -> str:
    """``deluze1992``, then ``deluze1992a``, ``deluze1992b``… never one in ``taken``."""
    stem = base_key(ref)
    if stem not in taken:
        return stem
    for suffix in _suffixes():
        if stem + suffix not in taken:
            return stem + suffix
    raise AssertionError("unreachable")


def _suffixes():
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    for a in letters:
        for b in letters:
            yield a + b
    n = 1
    while True:
        yield f"-{n}"
        n += 1


def taken_keys(store: Store) -> set[str]:
    """Every key and alias in the store: none may be generated again."""
    return set(store.references) | set(store.alias_index())
