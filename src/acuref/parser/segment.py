"""A labelled run of tokens: what the CRF's labels become before normalisation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """A run of tokens with one label: the text as written, and the CRF's confidence in the label
    (the lowest marginal probability of any of its tokens, 0..1)."""

    label: str
    text: str
    confidence: float = 1.0
