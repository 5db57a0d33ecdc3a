"""One call renders a document's citations and bibliography with acuref's CSL processor."""

from __future__ import annotations

from dataclasses import dataclass

from . import rich
from .cluster import render_cluster
from .engine import Processor, entry_text
from .positions import assign_positions


@dataclass
class Result:
    citations: list[str]
    entries: list[tuple[str, str]]  # (item id, text); "" where the style prints nothing


def process(style, lang: str | None, items: list[dict], clusters: list[list[dict]], fmt: str,
            bibliography: bool = True, processor: Processor | None = None) -> Result:
    """Render ``clusters`` (lists of cite dicts: id, locator, label, prefix, suffix, suppress-author,
    author-only, note) and, with ``bibliography``, an entry for every item, in ``fmt``."""
    from .disambig import disambiguate

    proc = processor or Processor(style, lang)
    proc.set_items(items)
    cited = list(dict.fromkeys(c["id"] for cluster in clusters for c in cluster))
    everything = cited + [i for i in proc.items if i not in set(cited)] if bibliography else cited
    ordered = proc.bibliography_order(everything)
    clusters = assign_positions(proc, clusters)
    disambiguate(proc, clusters, ordered)
    citations = [proc.to_format(render_cluster(proc, cluster), fmt) for cluster in clusters]
    entries: list[tuple[str, str]] = []
    if bibliography and proc.bibliography is not None:
        from .bibliography import render_entries

        entries = [(i, proc.to_format(t, fmt) if rich.plain(t) else "") for i, t in render_entries(proc, ordered)]
    return Result(citations, entries)


__all__ = ["Processor", "Result", "entry_text", "process"]
