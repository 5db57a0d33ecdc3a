"""Duplicate detection: normalise, block, score, decide by written rules, cluster. Merging is separate.

Normalisation (before any comparison): case, accents and punctuation folded;
HTML/LaTeX markup and language tags ("[Chinese]", "[Article in German]")
removed from titles; DOIs without their URL prefix; pages reduced to the first
page and expanded ranges ("221-8" = 221-228); authors reduced to
(surname, first initial) whatever the name order or initials style.

Blocking keeps the cost near-linear: only records sharing a block key are
compared: the DOI, the first 30 characters of the normalised title, the last
four title words, first author + year, and year + volume + first page. A block
larger than 300 records is skipped for that key (other keys still pair its
members), so a common surname never makes the run quadratic.

Decision, for a candidate pair, in order:

1. Vetoes (never duplicates): both DOIs present and different; one record an
   erratum/correction/retraction notice and the other not; one a conference
   abstract (type, genre, or container naming a congress/meeting/conference/
   proceedings/abstracts, dissertation abstracts excepted) and the other a journal
   article, unless both give the same volume and first page (one item indexed
   twice); years more than one apart; titles carrying different numbers (digits or
   roman numerals: parts, phases, series); journals clearly different (similarity
   < 60, abbreviation-aware) unless volume and first page agree.
2. Same DOI: **certain**. A thesis and its Dissertation Abstracts listing with the
   same title and authors: **likely**, whatever the journal, volume or pages.
3. Title similarity (rapidfuzz token-set and plain ratio on normalised titles):
   - >= 97 with the same volume, first page and year: **certain** (author lists may
     disagree: group authors, swapped name order);
   - >= 97 with author overlap >= 0.5 (or no authors on one side): **certain** when
     at least one of year, volume or first page agrees and nothing disagrees,
     **likely** otherwise; when volume or first page disagree, **likely** only with
     author overlap >= 0.67 in the same journal and year (a typo), else not
     duplicates (the same title elsewhere, or a year later, is another publication);
   - >= 90 with author overlap >= 0.67 and the same year: **likely**, upgraded to
     certain when container, volume and first page all agree;
   - otherwise not duplicates: same authors and year with clearly different titles
     are different works.
Clusters are the connected components of accepted pairs; a cluster is certain
only when every pair in it is. Pairs an editor marked ``distinct`` are never
proposed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from .model import Reference
from .normalize import fold

CERTAIN, LIKELY = "certain", "likely"

_BRACKETED = re.compile(r"\[[^\]]*\]")
_MARKUP = re.compile(r"<[^>]+>|\\[a-zA-Z]+\s*|[{}$]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ERRATUM = re.compile(r"^(?:errat(?:um|a)|corrigend(?:um|a)|correction|retraction|notice of retraction|retracted)\b")
_THESIS = re.compile(r"\b(?:dissertation|thesis|ph ?d)\b")
_ABSTRACT_VENUE = re.compile(r"\b(?:abstracts?|congress|meeting|conference|proceedings|symposium)\b")
_PAGE_COUNT = re.compile(r"\s*\d+\s*p{1,2}\.?\s*")
_FIRST_PAGE = re.compile(r"\s*[A-Za-z]*0*(\d+)")
_NOT_DIGIT = re.compile(r"\D")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)")


@dataclass(frozen=True)
class Features:
    """What matching compares, computed once per record."""

    key: str
    title: str
    title_words: tuple[str, ...]
    authors: tuple[tuple[str, frozenset], ...]  # (surname, every name token) per author
    year: int | None
    container: str
    volume: str
    first_page: str
    doi: str
    numbers: tuple[str, ...]  # digits and roman numerals of the title
    erratum: bool
    abstract: bool
    thesis: bool
    distinct: frozenset[str]


def _pages(value: str) -> str:
    """The first page ("S221-8" → "221"); a page count such as "215 p" or "12 pp" is not a page."""
    if _PAGE_COUNT.fullmatch(value or ""):
        return ""
    m = _FIRST_PAGE.match(value or "")
    return m.group(1) if m else ""


def clean_title(title: str) -> str:
    """Markup removed; a wholly bracketed (translated) title unwrapped; other bracketed notes
    ("[Chinese]", "[Review] [33 refs]", "[Erratum appears in …]") dropped."""
    title = _MARKUP.sub(" ", title).strip()
    m = re.match(r"^\[([^\]]+)\]\s*\.?\s*(.*)$", title)
    if m and (not m.group(2) or _BRACKETED.fullmatch(m.group(2).strip(". ")) or not _BRACKETED.sub("", m.group(2)).strip(". ")):
        title = m.group(1)
    return _BRACKETED.sub(" ", title)


def _fold(text: str) -> str:
    """``fold(text)``; ASCII text (most of any export) is only lower-cased, which gives the same result
    at a fraction of the cost (fold's cache cannot hold 100,000 records' strings)."""
    return text.lower() if text.isascii() else fold(text)


def features(ref: Reference) -> Features:
    title_norm = " ".join(_NON_WORD.split(_fold(clean_title(ref.title)))).strip()
    authors = []
    for name in ref.author:
        family = _NON_WORD.sub("", _fold(name.literal or name.family))
        tokens = frozenset(t for t in _NON_WORD.split(_fold(f"{name.literal} {name.family} {name.given}"))
                           if len(t) > 1 and t != "null")
        if family:
            authors.append((family, tokens))
    fields = ref.fields
    container_text = str(fields.get("container-title", ""))
    container = " ".join(_NON_WORD.split(_fold(_BRACKETED.sub(" ", container_text)))).strip()
    genre = _fold(str(fields.get("genre", "")))
    volume = _NOT_DIGIT.sub("", str(fields.get("volume", "")))
    doi = _DOI_PREFIX.sub("", _fold(str(fields.get("DOI", ""))).strip())
    degree_text = " ".join(_NON_WORD.split(_fold(" ".join(str(fields.get(v, "")) for v in ("container-title", "volume", "genre")))))
    return Features(
        key=ref.key, title=title_norm, title_words=tuple(title_norm.split()), authors=tuple(authors), year=ref.year,
        container=container, volume=volume.lstrip("0"), first_page=_pages(str(fields.get("page", ""))), doi=doi,
        numbers=_numbers(title_norm),
        erratum=bool(_ERRATUM.search(title_norm)),
        abstract=ref.type == "paper-conference" or "abstract" in genre
        or (bool(_ABSTRACT_VENUE.search(container)) and "dissertation" not in container),
        thesis=ref.type == "thesis" or bool(_THESIS.search(degree_text)),
        distinct=frozenset(ref.distinct) | frozenset(ref.aliases),
    )


def block_keys(f: Features) -> list[str]:
    keys = []
    if f.doi:
        keys.append("d:" + f.doi)
    if len(f.title) >= 10:
        keys.append("t:" + f.title[:30])
        if len(f.title_words) >= 4:
            keys.append("e:" + " ".join(f.title_words[-4:]))
    if f.authors and f.year:
        keys.append(f"a:{f.authors[0][0]}:{f.year}")
    if f.year and f.volume and f.first_page:
        keys.append(f"v:{f.year}:{f.volume}:{f.first_page}")
    return keys


MAX_BLOCK = 300


def candidate_pairs(feats: Sequence[Features]) -> set[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for k in block_keys(f):
            blocks[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
    return pairs


@dataclass(frozen=True)
class PairScore:
    a: str
    b: str
    confidence: str | None  # certain, likely, or None (not duplicates)
    reason: str
    scores: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"keys": [self.a, self.b], "confidence": self.confidence, "reason": self.reason, "scores": self.scores}


def _author_overlap(a: Features, b: Features) -> float | None:
    """Share of the shorter author list found in the other, whatever the name order
    ("Wu, Ching-yi" ~ "Ching-yi, Wu"), allowing a typo in a surname."""
    if not a.authors or not b.authors:
        return None
    from rapidfuzz import fuzz

    def found(x: tuple[str, frozenset], others) -> bool:
        surname = x[0]
        return any(surname == y[0] or surname in y[1] or y[0] in x[1] for y in others) or \
            any(fuzz.ratio(surname, y[0]) >= 80 for y in others if len(surname) > 3)

    short, other = (a.authors, b.authors) if len(a.authors) <= len(b.authors) else (b.authors, a.authors)
    return sum(1 for x in short if found(x, other)) / len(short)


def score_pair(a: Features, b: Features) -> PairScore:
    """Decide whether two records are the same work, by the rules in the module docstring."""
    from rapidfuzz import fuzz

    scores: dict[str, object] = {}

    def no(reason: str) -> PairScore:
        return PairScore(a.key, b.key, None, reason, scores)

    if b.key in a.distinct or a.key in b.distinct:
        return no("marked distinct by an editor")
    if a.doi and b.doi:
        scores["doi"] = 100 if a.doi == b.doi else 0
        if a.doi != b.doi:
            return no("different DOIs")
    if a.erratum != b.erratum:
        return no("an erratum and an article")
    same_place = bool(a.volume and a.volume == b.volume and a.first_page and a.first_page == b.first_page)
    if a.abstract != b.abstract and not same_place:
        return no("a conference abstract and a journal article")
    if a.year and b.year:
        scores["year"] = a.year - b.year
        if abs(a.year - b.year) > 1:
            return no("years more than one apart")
    if a.volume and b.volume:
        scores["volume"] = 100 if a.volume == b.volume else 0
    if a.first_page and b.first_page:
        scores["page"] = 100 if a.first_page == b.first_page else 0
    if not same_place and a.numbers != b.numbers:
        return no("the titles carry different numbers (parts, series, trial phases)")
    title = max(fuzz.ratio(a.title, b.title), fuzz.token_set_ratio(a.title, b.title)) if a.title and b.title else 0.0
    scores["title"] = round(title, 1)
    authors = _author_overlap(a, b)
    scores["authors"] = None if authors is None else round(authors, 2)
    if a.container and b.container:
        scores["container"] = round(_container_score(a.container, b.container), 1)
    conflict = scores.get("volume") == 0 or scores.get("page") == 0
    if a.doi and a.doi == b.doi:  # before the journal test: one DOI is one work, however the journal is written
        return PairScore(a.key, b.key, CERTAIN, "same DOI", scores)
    if a.thesis and b.thesis and title >= 97 and authors is not None and authors >= 0.67:
        return PairScore(a.key, b.key, LIKELY, "a thesis and its dissertation-abstracts listing", scores)
    if not same_place and scores.get("container", 100) < 60:
        return no("different journals")
    agree = sum(1 for s in ("volume", "page") if scores.get(s) == 100) + (scores.get("year") == 0)
    if title >= 97 and same_place and scores.get("year", 0) == 0:
        return PairScore(a.key, b.key, CERTAIN, "same title, volume and first page", scores)
    if title >= 97 and (authors is None or authors >= 0.5):
        if conflict:  # a typo in volume or pages happens within one journal; across journals it is another publication
            if authors is not None and authors >= 0.67 and scores.get("container", 0) >= 80 and scores.get("year") == 0:
                return PairScore(a.key, b.key, LIKELY, "same title, authors and journal, but volume or pages differ", scores)
            return no("same title, but another journal, volume or pages")
        confidence = CERTAIN if agree >= 1 else LIKELY
        return PairScore(a.key, b.key, confidence, "same title" + (" and authors" if authors else ""), scores)
    if conflict:
        return no("different volume or pages")
    if title >= 90 and authors is not None and authors >= 0.67 and scores.get("year") == 0:
        full = scores.get("volume") == 100 and scores.get("page") == 100 and scores.get("container", 0) >= 80
        return PairScore(a.key, b.key, CERTAIN if full else LIKELY, "near-identical title, same authors and year", scores)
    if authors and authors >= 0.67 and scores.get("year") == 0:
        return no("same authors and year, but different titles")
    return no("titles differ")


_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$")


def _numbers(title: str) -> tuple[str, ...]:
    """Digits and roman numerals of a title, which tell parts and phases apart."""
    return tuple(w for w in title.split() if w.isdigit() or _ROMAN.match(w))


_CONTAINER_STOP = frozenset(("of", "the", "and", "for", "in", "de", "la"))


def _container_score(a: str, b: str) -> float:
    """Similarity of journal names, abbreviation-aware ("j altern complement med" ~ the full name,
    "lab invest" ~ "laboratory investigation"): 95 when either abbreviates the other."""
    from rapidfuzz import fuzz

    if a == b:
        return 100.0
    x = [w for w in a.split() if w not in _CONTAINER_STOP]
    y = [w for w in b.split() if w not in _CONTAINER_STOP]
    if _abbreviates(x, y) or _abbreviates(y, x):
        return 95.0
    return float(fuzz.ratio(a, b))


def _abbreviates(short: list[str], full: list[str]) -> bool:
    """Each word of SHORT begins a word of FULL, in order, the first words together."""
    if not short or not full or len(short) > len(full) or not full[0].startswith(short[0]):
        return False
    i = 0
    for word in short:
        while i < len(full) and not full[i].startswith(word):
            i += 1
        if i == len(full):
            return False
        i += 1
    return True


@dataclass(frozen=True)
class Group:
    """A cluster of records that are one work, with the evidence for each pair."""

    keys: tuple[str, ...]
    confidence: str
    pairs: tuple[PairScore, ...]

    def to_json(self) -> dict:
        return {"keys": list(self.keys), "confidence": self.confidence, "pairs": [p.to_json() for p in self.pairs]}


def find_groups(refs: Sequence[Reference], progress: Callable[[int, int], None] | None = None) -> list[Group]:
    """Duplicate groups among ``refs`` (each group's keys in input order; groups ordered by first member)."""
    from .bulk import gc_paused

    with gc_paused():
        return _find_groups(refs, progress)


def _find_groups(refs: Sequence[Reference], progress: Callable[[int, int], None] | None) -> list[Group]:
    feats = [features(r) for r in refs]
    pairs = sorted(candidate_pairs(feats))
    parent = list(range(len(feats)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    accepted: list[tuple[int, int, PairScore]] = []
    for n, (i, j) in enumerate(pairs):
        if progress and n % 5000 == 0:
            progress(n, len(pairs))
        result = score_pair(feats[i], feats[j])
        if result.confidence:
            accepted.append((i, j, result))
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(feats)):
        members[find(i)].append(i)
    edges: dict[int, list[PairScore]] = defaultdict(list)
    for i, _, result in accepted:
        edges[find(i)].append(result)
    groups = []
    for root, idx in sorted(members.items(), key=lambda kv: min(kv[1])):
        if len(idx) < 2:
            continue
        found = edges[root]
        confidence = CERTAIN if all(p.confidence == CERTAIN for p in found) else LIKELY
        groups.append(Group(tuple(feats[i].key for i in sorted(idx)), confidence, tuple(found)))
    return groups


# --- merging ----------------------------------------------------------------------------------------


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
