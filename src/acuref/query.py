"""Selecting and searching references: filters for ``list``, ranked fuzzy ``search``, counts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .errors import UsageError
from .model import DESIGNS, Reference, Store
from .normalize import squash, words

# matched on the stripped spec: the old leading, middle and trailing \s* could share one run of spaces
# (cubic on a long run); now each \s* sits between required tokens
_RANGE = re.compile(r"(\d{4})?\s*(?:(-|–|\.\.)\s*(\d{4})?)?")


def parse_years(spec: str) -> tuple[int | None, int | None]:
    """"2010" → (2010, 2010); "2010-2020", "2010-", "-2005", "2010..2020" → ranges."""
    m = _RANGE.fullmatch(spec.strip())
    if not m or not (m.group(1) or m.group(3)):
        raise UsageError(f"--year takes a year or a range such as 2010-2020, not {spec!r}")
    low = int(m.group(1)) if m.group(1) else None
    high = int(m.group(3)) if m.group(3) else None
    if not m.group(2):
        high = low
    return low, high


def select(store: Store, *, topic: str | None = None, design: str | None = None,
           author: str | None = None, year: str | None = None,
           keys: Iterable[Reference] | None = None) -> list[Reference]:
    """References passing every given filter, in store order."""
    if design is not None and design not in DESIGNS:
        raise UsageError(f"unknown design {design!r}; one of: {', '.join(DESIGNS)}")
    low, high = parse_years(year) if year else (None, None)
    wanted_author = squash(author) if author else None
    out = []
    for ref in keys if keys is not None else store:
        if topic and topic not in ref.topics:
            continue
        if design and ref.design != design:
            continue
        if wanted_author and not any(wanted_author in squash(n.literal or n.family) for n in ref.author) \
                and not any(wanted_author in squash(v) for v in ref.name_variants):
            continue
        if low is not None and (ref.year is None or ref.year < low):
            continue
        if high is not None and (ref.year is None or ref.year > high):
            continue
        out.append(ref)
    return out


@dataclass(frozen=True)
class Hit:
    """A search result and how well it matched (0-100)."""

    ref: Reference
    score: float


def _haystack(ref: Reference) -> tuple[set[str], set[str]]:
    """(words, years) to search in: authors, title, container, topics; the year apart."""
    text = [ref.title, str(ref.get("container-title", "")), " ".join(ref.topics)]
    text += [n.literal or n.family for n in ref.author] + list(ref.name_variants)
    tokens = {w for t in text for w in words(t) if not w.isdigit()}
    years = {str(ref.year)} if ref.year else set()
    return tokens, years


def search(store: Store, query: str, limit: int = 10, min_score: float = 60.0) -> list[Hit]:
    """References ranked by how well every word of ``query`` matches authors, title, journal, year.

    Each query word scores its best fuzzy match among the reference's words
    (years must match exactly); a reference's score is the mean over query
    words, so "zhang 2014 nausea" prefers the Zhang 2014 paper about nausea.
    """
    from rapidfuzz import fuzz

    terms = [w for w in words(query) if w not in _STOP]
    if not terms:
        raise UsageError("the search query has no words to look for")
    hits = []
    for ref in store:
        tokens, years = _haystack(ref)
        total = 0.0
        for term in terms:
            if term.isdigit():
                best = 100.0 if term in years else 0.0
            elif term in tokens:
                best = 100.0
            else:
                best = max((_token_score(fuzz, term, t) for t in tokens), default=0.0)
            total += best
        score = total / len(terms)
        if score >= min_score:
            hits.append(Hit(ref, round(score, 1)))
    hits.sort(key=lambda h: (-h.score, h.ref.year or 0, h.ref.key))
    return hits[:limit]


def _token_score(fuzz, term: str, token: str) -> float:
    score = fuzz.ratio(term, token)
    if len(term) >= 4 and token.startswith(term):  # prefix: "acupunct" → "acupuncture"
        score = max(score, 90.0)
    return score


_STOP = frozenset("a an and the of in on for to with et al by".split())


def counts(store: Store) -> tuple[Counter, Counter]:
    """(topic → number of references, design → number of references)."""
    topics: Counter = Counter()
    designs: Counter = Counter()
    for ref in store:
        topics.update(ref.topics)
        designs[ref.design] += 1
    return topics, designs


