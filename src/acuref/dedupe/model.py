"""Fellegi–Sunter model: m and u per comparison level, match weights in bits, estimated on the input.

Vocabulary as in Splink (moj-analytical-services/splink) and fastLink:
- m = P(level | the two records are one work), u = P(level | they are not);
- the match weight of a level is log2(m / u) (a Bayes factor in bits); a pair's match weight is
  log2(prior odds) plus the weights of its levels (a missing field adds 0), and its match
  probability is 2^w / (1 + 2^w).

Estimation (Fellegi & Sunter 1969; Winkler's EM, as in Splink's
``estimate_u_using_random_sampling`` and ``estimate_parameters_using_expectation_maximisation``):
- u from random pairs of the input that blocking did not make candidates (in a large input
  nearly every pair; in a small one this keeps its duplicates out of u), smoothed towards the
  prior u of COMPARISONS with PSEUDO_U pseudo-pairs;
- m and the share of matches among the candidate pairs by EM on the level patterns of the
  candidate pairs that no hard rule decides (a vetoed pair is known not to match; left in, the
  look-alikes that blocking gathers, such as one team's papers of one year, pull the match
  class). EM fits a two-class mixture; the non-match class of candidate pairs has its own u, a
  nuisance parameter, since blocking selects look-alikes. m is smoothed towards the prior m
  with PSEUDO_M pseudo-pairs, so a small input keeps the priors and a large one speaks for itself;
- the prior: P(two random records are one work) = expected matches among candidates / all
  pairs, smoothed with PSEUDO_PAIRS pseudo-pairs at DEFAULT_PRIOR.
EM runs on the counts of distinct level patterns (a few hundred), not on the pairs, so it costs
nothing next to the comparisons.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .compare import COMPARISONS, FIELDS, Levels

PSEUDO_M = 50.0
PSEUDO_U = 200.0
PSEUDO_PAIRS = 10000.0
DEFAULT_PRIOR = 0.001
EM_ITERATIONS = 30


@dataclass(frozen=True)
class Model:
    """m and u per field and level (tuples in COMPARISONS order), and the prior match probability."""

    m: tuple[tuple[float, ...], ...]
    u: tuple[tuple[float, ...], ...]
    prior: float
    estimated_from: int = 0  # candidate pairs EM saw (0: the priors alone)

    def weight(self, field: int, level: int | None) -> float:
        """log2(m/u) of one field's level; 0 for a missing field."""
        if level is None:
            return 0.0
        return math.log2(self.m[field][level] / self.u[field][level])

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1 - self.prior))

    def to_json(self) -> dict:
        """The model as data: per field and level, m, u and the weight in bits."""
        return {"prior": self.prior, "prior_weight": round(self.prior_weight, 2), "estimated_from_pairs": self.estimated_from,
                "fields": {c.name: {lvl: {"m": round(self.m[f][i], 5), "u": round(self.u[f][i], 7),
                                          "weight": round(self.weight(f, i), 2)} for i, lvl in enumerate(c.levels)}
                           for f, c in enumerate(COMPARISONS)}}


PRIOR_MODEL = Model(tuple(c.m for c in COMPARISONS), tuple(c.u for c in COMPARISONS), DEFAULT_PRIOR)


def _normalised(counts: list[float]) -> tuple[float, ...]:
    total = sum(counts)
    return tuple(c / total for c in counts)


def estimate_u(random_levels: Iterable[Levels]) -> tuple[tuple[float, ...], ...]:
    """u per field and level from the levels of random pairs, smoothed towards the prior u."""
    counts = [[0.0] * len(c.levels) for c in COMPARISONS]
    for levels in random_levels:
        for f, level in enumerate(levels):
            if level is not None:
                counts[f][level] += 1
    return tuple(_normalised([PSEUDO_U * c.u[i] + counts[f][i] for i in range(len(c.levels))])
                 for f, c in enumerate(COMPARISONS))


def estimate(candidate_levels: Iterable[Levels], random_levels: Iterable[Levels], records: int) -> Model:
    """A Model estimated on one input: u from its random pairs, m and the prior by EM on its candidates."""
    u = estimate_u(random_levels)
    patterns = Counter(candidate_levels)
    n_pairs = sum(patterns.values())
    m = [list(c.m) for c in COMPARISONS]
    uc = [list(c.u) for c in COMPARISONS]
    share = 0.3
    for _ in range(EM_ITERATIONS):
        m_counts = [[PSEUDO_M * c.m[i] for i in range(len(c.levels))] for c in COMPARISONS]
        u_counts = [[PSEUDO_M * c.u[i] for i in range(len(c.levels))] for c in COMPARISONS]
        matched = 0.0
        for levels, count in patterns.items():
            lm, lu = share, 1 - share
            for f, level in enumerate(levels):
                if level is not None:
                    lm *= m[f][level]
                    lu *= uc[f][level]
            p = lm / (lm + lu) if lm + lu > 0 else 0.0
            matched += p * count
            for f, level in enumerate(levels):
                if level is not None:
                    m_counts[f][level] += p * count
                    u_counts[f][level] += (1 - p) * count
        m = [list(_normalised(row)) for row in m_counts]
        uc = [list(_normalised(row)) for row in u_counts]
        share = min(max(matched / n_pairs, 1e-6), 1 - 1e-6) if n_pairs else share
    all_pairs = records * (records - 1) / 2
    prior = (share * n_pairs + PSEUDO_PAIRS * DEFAULT_PRIOR) / (all_pairs + PSEUDO_PAIRS)
    return Model(tuple(tuple(r) for r in m), u, min(prior, 0.5), n_pairs)


def field_weights(model: Model, levels: Levels) -> dict[str, float | None]:
    """Each field's weight in bits for one pair (None: missing on a side)."""
    return {name: (None if level is None else round(model.weight(f, level), 2))
            for f, (name, level) in enumerate(zip(FIELDS, levels))}
