"""Pair decisions and clusters: what ``find_groups`` returns, and how pairs become groups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Sequence

CERTAIN, LIKELY = "certain", "likely"


@dataclass(frozen=True)
class PairScore:
    """The decision on one candidate pair, with everything that explains it.

    ``scores``: raw similarities (title, container 0-1; authors overlap 0-1; year difference);
    ``levels``: the comparison level per field; ``weights``: log2(m/u) per field in bits (None =
    missing, 0 when a rule discounted it); ``match_weight``: prior + sum of weights;
    ``decided_by``: "rule: …" or "match weight" (with the cap that limited it, if any).
    """

    a: str
    b: str
    confidence: str | None  # certain, likely, or None (not duplicates)
    reason: str
    scores: dict = field(default_factory=dict)
    levels: dict = field(default_factory=dict)
    weights: dict = field(default_factory=dict)
    match_weight: float | None = None
    probability: float | None = None
    decided_by: str = ""

    def to_json(self) -> dict:
        return {"keys": [self.a, self.b], "confidence": self.confidence, "reason": self.reason,
                "decided_by": self.decided_by, "match_weight": self.match_weight, "match_probability": self.probability,
                "scores": self.scores, "levels": self.levels, "weights": self.weights}


@dataclass(frozen=True)
class Group:
    """A cluster of records that are one work, with the evidence for each pair."""

    keys: tuple[str, ...]
    confidence: str
    pairs: tuple[PairScore, ...]
    conflicts: tuple[PairScore, ...] = ()  # members joined through others that a hard rule keeps apart

    def to_json(self) -> dict:
        out = {"keys": list(self.keys), "confidence": self.confidence, "pairs": [p.to_json() for p in self.pairs]}
        if self.conflicts:
            out["conflicts"] = [p.to_json() for p in self.conflicts]
        return out


def connected_groups(keys: Sequence[str], accepted: Sequence[tuple[int, int, PairScore]]) -> list[Group]:
    """Connected components of the accepted pairs (indexes into KEYS), in input order; a group is
    certain only when every pair in it is."""
    parent = list(range(len(keys)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in accepted:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    roots = {find(i) for i, _, _ in accepted}
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        if find(i) in roots:
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
        groups.append(Group(tuple(keys[i] for i in sorted(idx)), confidence, tuple(found)))
    return groups
