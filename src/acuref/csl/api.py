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
    cited_set = set(cited)
    everything = cited + [i for i in proc.items if i not in cited_set] if bibliography else cited
    ordered = proc.bibliography_order(everything)
    clusters = assign_positions(proc, [[_cite(c) for c in cluster] for cluster in clusters])
    disambiguate(proc, clusters, ordered)
    citations = [proc.to_format(_cluster_text(proc, cluster), fmt) for cluster in clusters]
    entries: list[tuple[str, str]] = []
    if bibliography and proc.bibliography is not None:
        from .bibliography import render_entries

        entries = [(i, proc.to_format(t, fmt) if rich.plain(t) else "") for i, t in render_entries(proc, ordered)]
    return Result(citations, entries)


def _cite(cite: dict) -> dict:
    """A cite item with its locator label as CSL 1.0.2 names it: CSL 1.0.1's "sub verbo" is the term
    "sub-verbo" (bugreports_MovePunctuationInsideQuotesForLocator)."""
    label = cite.get("label")
    if isinstance(label, str) and " " in label.strip():
        return dict(cite, label="-".join(label.split()))
    return cite


def _cluster_text(proc: Processor, cluster: list[dict]) -> str:
    """A cluster; a lone author-in-text cite prints "Author (Year)" / "Author [1]" as pandoc does:
    the cite's first names, then the cite without them inside the layout's affixes (or parentheses)."""
    if len(cluster) != 1 or not cluster[0].get("author-in-text"):
        return render_cluster(proc, cluster)
    cite = cluster[0]
    names = proc.render_item(cite["id"], cite, "citation").first_names_text or _short_author(proc.items[cite["id"]])
    rest = render_cluster(proc, [dict(cite, **{"suppress-author": True})])
    layout = proc.citation.find("layout")
    if rest and not (layout.get("prefix") or layout.get("suffix")):
        rest = f"({rest})"
    return rich.join([names, rest], " ")


def _short_author(item: dict) -> str:
    names = item.get("author") or item.get("editor") or []
    family = [n.get("family") or n.get("literal") or "" for n in names]
    if not family:
        return ""
    if len(family) == 1:
        return family[0]
    if len(family) == 2:
        return f"{family[0]} and {family[1]}"
    return f"{family[0]} et al."


__all__ = ["Processor", "Result", "entry_text", "process"]
