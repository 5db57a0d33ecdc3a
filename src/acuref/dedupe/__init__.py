"""Duplicate detection by Fellegi–Sunter record linkage: normalise, block, compare, estimate, decide, cluster.

The steps, one module each (pure functions; merging is a separate, explicit step):
- ``normalise``: Features of each record (folded title, authors, year, journal, volume, first
  page, DOI, title markers);
- ``blocking``: which pairs are compared (blocking rules) and the random pairs that estimate u;
- ``compare``: per field, the comparison level of a pair;
- ``model``: m and u per level, estimated on the input itself (u from random pairs, m by EM on
  the candidate pairs), match weights in bits;
- ``rules``: hard vetoes and discounts, each a documented class of error;
- ``cluster``: PairScore, Group, connected components;
- ``merge``: one record from a group, field by field, and what undoing it needs.

Decision for a candidate pair: a veto (``rules.veto``) decides "not duplicates"; otherwise the
match weight (prior + per-field log2(m/u), a discounted field weighing 0) decides: "certain"
at >= CERTAIN_WEIGHT bits, "likely" at >= LIKELY_WEIGHT bits, else not duplicates; a cap
(``rules.capped``) turns a "certain" into "likely". The same settings hold for every input.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Sequence

from ..model import Reference
from .blocking import candidate_pairs, random_pairs
from .cluster import CERTAIN, LIKELY, Group, PairScore, connected_groups
from .compare import COMPARISONS, FIELDS, compare
from .merge import choose_keeper, merge_groups, merge_records
from .model import PRIOR_MODEL, Model, estimate
from .normalise import Features, clean_title, features
from .rules import FREQUENT_TITLE, capped, content_key, discounted, veto

CERTAIN_WEIGHT = 10.0  # bits: match probability >= 0.999
LIKELY_WEIGHT = 4.0  # bits: match probability >= 0.94

__all__ = ["CERTAIN", "LIKELY", "Features", "Group", "Model", "PairScore", "choose_keeper", "clean_title",
           "decide", "features", "find_groups", "merge_groups", "merge_records", "score_pair"]


def decide(a: Features, b: Features, model: Model, levels=None, scores=None, frequent: frozenset = frozenset()) -> PairScore:
    """The decision on one pair under MODEL, explained (see the module docstring)."""
    if levels is None:
        levels, scores = compare(a, b)
    level_names = {c.name: (None if lv is None else c.levels[lv]) for c, lv in zip(COMPARISONS, levels)}
    reason = veto(a, b, levels, frequent)
    if reason:
        return PairScore(a.key, b.key, None, reason, scores, level_names, decided_by="rule: " + reason)
    off = discounted(a, b, levels, frequent)
    weights = {}
    for f, name in enumerate(FIELDS):
        weights[name] = None if levels[f] is None else 0.0 if name in off else round(model.weight(f, levels[f]), 2)
    total = model.prior_weight + sum(w for w in weights.values() if w)
    probability = 2 ** total / (1 + 2 ** total) if total < 60 else 1.0
    agreeing = [n for n in FIELDS if weights[n] and weights[n] > 0]
    if total >= CERTAIN_WEIGHT:
        confidence = CERTAIN
    elif total >= LIKELY_WEIGHT:
        confidence = LIKELY
    else:
        confidence = None
    decided_by = "match weight"
    cap = capped(a, b, levels, frequent)
    if confidence == CERTAIN and cap:
        confidence, decided_by = LIKELY, f"match weight, capped at likely: {cap}"
    if off:
        decided_by += "; " + "; ".join(f"{k} weighs 0: {why}" for k, why in off.items())
    if confidence:
        reason = "agree on " + ", ".join(agreeing) if agreeing else "match weight"
    else:
        reason = "match weight too low"
    return PairScore(a.key, b.key, confidence, reason, scores, level_names, weights, round(total, 2),
                     round(probability, 6), decided_by)


def score_pair(a: Features, b: Features, model: Model = PRIOR_MODEL) -> PairScore:
    """The decision on one pair; without a MODEL, under the prior m, u and prior (no estimation)."""
    return decide(a, b, model)


def find_groups(refs: Sequence[Reference], progress: Callable[[int, int], None] | None = None,
                explain: dict | None = None) -> list[Group]:
    """Duplicate groups among ``refs`` (each group's keys in input order; groups ordered by first member).

    The model is estimated on ``refs`` themselves; pass a dict as EXPLAIN to receive it
    (``explain["model"]``: Model.to_json()).
    """
    from ..bulk import gc_paused

    with gc_paused():
        return _find_groups(refs, progress, explain)


def _find_groups(refs, progress, explain) -> list[Group]:
    feats = [features(r) for r in refs]
    titles = Counter(content_key(f) for f in feats if len(f.content) == 3)
    frequent = frozenset(t for t, n in titles.items() if n >= FREQUENT_TITLE)
    pairs = sorted(candidate_pairs(feats))
    compared = []  # (i, j, levels, scores) of the pairs no hard rule decides
    for n, (i, j) in enumerate(pairs):
        if progress and n % 5000 == 0:
            progress(n, len(pairs))
        levels, scores = compare(feats[i], feats[j])
        if not veto(feats[i], feats[j], levels, frequent):
            compared.append((i, j, levels, scores))
    candidates = set(pairs)
    sample = [compare(feats[i], feats[j])[0] for i, j in random_pairs(feats) if (min(i, j), max(i, j)) not in candidates]
    model = estimate((c[2] for c in compared), sample, len(feats))
    if explain is not None:
        explain["model"] = model.to_json()
    accepted = []
    for i, j, levels, scores in compared:
        result = decide(feats[i], feats[j], model, levels, scores, frequent)
        if result.confidence:
            accepted.append((i, j, result))
    if progress:
        progress(len(pairs), len(pairs))
    accepted += _identical_pairs(refs, feats, {(i, j) for i, j, _ in accepted}, frequent)
    groups = connected_groups([f.key for f in feats], accepted)
    by_key = {f.key: f for f in feats}
    return [_check_transitive(g, by_key, frequent) for g in groups]


def bibliographic_content(ref: Reference) -> str | None:
    """The record's bibliographic data as one comparable string: every CSL variable but its key
    (acuref's own fields, notes and the like left out); None when neither a title nor an identifier
    (DOI, URL, ISBN, PMID, PMCID) names the work."""
    import json

    from ..model import ACUREF_FIELDS, to_csl

    item = to_csl(ref, extras=False)
    if not ref.title and not any(item.get(v) for v in ("DOI", "URL", "ISBN", "PMID", "PMCID")):
        return None
    item.pop("id", None)
    for name in ACUREF_FIELDS + ("note",):
        item.pop(name, None)
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _identical_pairs(refs: Sequence[Reference], feats: list[Features], known: set, frequent: frozenset) -> list:
    """Records identical in every bibliographic field are one work, whatever the match weight: an
    estimated model gives sparse records (a title, an author, a year) too little evidence to be
    "certain", yet the same file imported twice must be recognised (exact matching, the first pass
    of every deduplicator). The hard rules still hold (an editor's "distinct" mark; two
    "Editorial"s of one journal and year with nothing else to tell them apart stay two)."""
    # only records that share title, year and type can be identical: the full content is built for those
    shared = Counter((r.title, r.year, r.type) for r in refs)
    first: dict[str, int] = {}
    pairs = []
    for j, ref in enumerate(refs):
        if shared[ref.title, ref.year, ref.type] < 2:
            continue
        content = bibliographic_content(ref)
        if content is None:
            continue
        i = first.setdefault(content, j)
        if i == j or (i, j) in known:
            continue
        if veto(feats[i], feats[j], compare(feats[i], feats[j])[0], frequent):
            continue
        pairs.append((i, j, PairScore(feats[i].key, feats[j].key, CERTAIN, "identical in every field",
                                      decided_by="rule: identical records")))
    return pairs


MAX_CHECKED_GROUP = 30


def _check_transitive(group: Group, by_key: dict[str, Features], frequent: frozenset) -> Group:
    """A group joined through a chain (A ~ B, B ~ C) whose members a hard rule keeps apart (A, C) is at
    most likely, with the conflicting pairs listed: --apply never merges it unasked."""
    if len(group.keys) < 3 or len(group.keys) > MAX_CHECKED_GROUP:
        return group
    joined = {frozenset((p.a, p.b)) for p in group.pairs}
    conflicts = []
    for x, a in enumerate(group.keys):
        for b in group.keys[x + 1:]:
            if frozenset((a, b)) in joined:
                continue
            levels, scores = compare(by_key[a], by_key[b])
            reason = veto(by_key[a], by_key[b], levels, frequent)
            if reason:
                conflicts.append(decide(by_key[a], by_key[b], PRIOR_MODEL, levels, scores, frequent))
    if not conflicts:
        return group
    return Group(group.keys, LIKELY, group.pairs, tuple(conflicts))
