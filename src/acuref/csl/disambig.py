"""Disambiguation (CSL 1.0.2 "Disambiguation"). Placeholder replaced below."""

from __future__ import annotations


def disambiguate(proc, clusters, ordered) -> None:
    return None
