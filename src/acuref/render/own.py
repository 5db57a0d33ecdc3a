"""Rendering with acuref's own CSL processor (:mod:`acuref.csl`) instead of citeproc-py."""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from ..model import Reference, to_csl
from ..styles import StyleRef


@lru_cache(maxsize=32)
def _style_node(path: str, mtime: int):
    from ..csl.xml import compile_node
    from ..styles import _parse_safely
    from pathlib import Path

    return compile_node(_parse_safely(Path(path)))


def style_node(style_ref: StyleRef):
    import os

    return _style_node(str(style_ref.path), os.stat(style_ref.path).st_mtime_ns)


def render_own(refs: Sequence[Reference], clusters, style_ref: StyleRef, locale: str | None, fmt: str,
               bibliography: bool):
    from ..csl.api import process
    from . import Entry, Rendered

    items = []
    for ref in refs:
        item = to_csl(ref, extras=False)
        item["id"] = ref.key
        items.append(item)
    cite_dicts = []
    for cluster in clusters:
        out = []
        for cite in cluster:
            d = {"id": cite.key}
            if cite.locator:
                d["locator"], d["label"] = cite.locator, cite.label or "page"
            if cite.prefix:
                d["prefix"] = cite.prefix
            if cite.suffix:
                d["suffix"] = cite.suffix
            if cite.mode == "suppress-author":
                d["suppress-author"] = True
            elif cite.mode == "author-in-text":
                d["author-in-text"] = True
            elif cite.mode == "author-only":
                d["author-only"] = True
            if getattr(cite, "note", 0):
                d["note"] = cite.note
            out.append(d)
        cite_dicts.append(out)
    result = process(style_node(style_ref), locale or style_ref.locale, items, cite_dicts, fmt, bibliography)
    entries = [Entry(i, t) for i, t in result.entries if t]
    return Rendered(result.citations, entries)
