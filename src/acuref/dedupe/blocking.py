"""Blocking rules: which pairs are compared at all, and the random pairs that estimate u.

Only records sharing a block key are compared, which keeps the cost near-linear. Keys (record
linkage "blocking rules", one OR-ed rule each): the DOI; the first 30 characters of the
normalised title; its last four words; the first author's surname + year; the two
alphabetically first surnames + year (authors listed in another order); year + volume + first
page. A block larger than MAX_BLOCK records is skipped for that key (the other keys still pair
its members), so a common surname or a generic title never makes the run quadratic.

Each key is a partition: records in different blocks of one key are never compared under it,
so the pairs of each block can be generated and scored on a different worker (see README,
"Deduplicating millions of records").
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Sequence

from .normalise import Features

MAX_BLOCK = 300


def block_keys(f: Features) -> list[str]:
    """The block keys of one record (strings prefixed by the rule that made them)."""
    keys = []
    if f.doi:
        keys.append("d:" + f.doi)
    if len(f.title) >= 10:
        keys.append("t:" + f.title[:30])
        if len(f.title_words) >= 4:
            keys.append("e:" + " ".join(f.title_words[-4:]))
    if f.authors and f.year:
        keys.append(f"a:{f.authors[0][0]}:{f.year}")
        if len(f.authors) >= 2:
            keys.append("s:" + ":".join(sorted(a[0] for a in f.authors)[:2]) + f":{f.year}")
    if f.year and f.volume and f.first_page:
        keys.append(f"v:{f.year}:{f.volume}:{f.first_page}")
    return keys


def candidate_pairs(feats: Sequence[Features]) -> set[tuple[int, int]]:
    """Index pairs (i < j) sharing at least one block key in a block of at most MAX_BLOCK records."""
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


def random_pairs(feats: Sequence[Features], size: int = 1500, seed: int = 16) -> list[tuple[int, int]]:
    """Up to SIZE distinct random index pairs (every pair when there are fewer), for estimating u.

    Drawn over the records sorted by key with a fixed seed, so the sample (and every estimate
    made from it) does not depend on the input order.
    """
    n = len(feats)
    order = sorted(range(n), key=lambda i: feats[i].key)
    total = n * (n - 1) // 2
    if total <= size:
        return [(order[x], order[y]) for x in range(n) for y in range(x + 1, n)]
    rng = random.Random(seed)
    seen: set[tuple[int, int]] = set()
    while len(seen) < size:
        x, y = rng.randrange(n), rng.randrange(n)
        if x != y:
            seen.add((min(x, y), max(x, y)))
    return [(order[x], order[y]) for x, y in sorted(seen)]
