"""The order of the cites in a citation cluster (CSL 1.0.2 "Sorting" applied to cs:citation), as
citeproc-js 2.4.63 orders them: by the citation's cs:sort keys, a cite with a prefix or suffix moving
with its cite; in an in-text style that groups cites (collapse, cite-group-delimiter), cites with the
same names gathered where the first of them sorts (citeproc-js opt.grouped_sort).
Fixtures: sort_*Cite*, collapse_*, disambiguate_ByCiteIncremental2 (tests/csl_suite)."""

from __future__ import annotations

from functools import cmp_to_key

from .sort import sort_items


def sorted_cites(proc, cites: list[dict]) -> list[dict]:
    """The cluster's cites in the order the citation's cs:sort gives (or as written, without one)."""
    sort = proc.citation.find("sort")
    if sort is None or len(cites) < 2:
        return cites
    if _grouped_sort(proc, sort):
        return _sort_grouped(proc, sort, cites)
    return _sort_run(proc, sort, cites)  # affixes move with their cites (citeproc-js)


def _plain_names(proc, cite: dict) -> list[str]:
    """The cite's first names as printed with the given names disambiguation added but not the names
    (et al. as the style has it): what citeproc-js groups by ("A. Patel" apart from "R. Patel", but
    two "Baines et al." together: disambiguate_ByCiteIncremental2)."""
    from .evaluate import Ctx, Disamb, render_children

    done = proc.disamb.get(cite["id"]) or Disamb()
    disamb = Disamb(given=dict(done.given), given_all=done.given_all)
    ctx = Ctx(proc, proc.items[cite["id"]], cite, "citation", disamb, proc.name_opts_for("citation"))
    render_children(proc.citation.find("layout"), ctx)
    return ctx.first_names_parts


def _grouped_sort(proc, sort) -> bool:
    """Whether cites are sorted in groups of the same names: an in-text style whose citation groups
    cites (collapse, cite-group-delimiter) and is not sorted by citation number (citeproc-js 2.4.63
    opt.grouped_sort)."""
    attrs = proc.citation.attrs
    by_number = any(k.get("variable") == "citation-number" for k in sort.children if k.tag == "key")
    return proc.style.get("class") == "in-text" and not by_number and attrs.get("collapse") != "citation-number" \
        and bool(attrs.get("collapse") or attrs.get("cite-group-delimiter"))


def _sort_grouped(proc, sort, cites: list[dict]) -> list[dict]:
    """Cites sorted as citeproc-js sorts a grouping citation (processCitationCluster, "grouped sort"):
    first by their names as printed (none after the others), then by the style's keys; each run of
    cites with the same names then takes the first key of its first cite and its place in that order,
    and the cites are sorted again by that key and the style's keys.  So cites of one author stay
    together where the first of them sorts, ties on the style's keys go in the order of the names
    ("Mendoza, 2013; Ng and Leung, 2013" under a year-only sort), and cites that print no names at all
    (a title in their place) gather after the first of them."""
    from .sort import collation_key, compare_values, key_values

    values, directions = key_values([proc.items[c["id"]] for c in cites], sort, proc, "citation")
    names = []
    for c in cites:
        parts = [p for p in _plain_names(proc, c) if p]
        names.append(collation_key("\x1f".join(parts)) if parts else None)

    def by_names(a: int, b: int) -> int:
        if names[a] != names[b]:
            if names[a] is None or names[b] is None:
                return 1 if names[a] is None else -1
            return -1 if names[a] < names[b] else 1
        return compare_values(values[cites[a]["id"]], values[cites[b]["id"]], directions)

    first = sorted(range(len(cites)), key=cmp_to_key(by_names))
    group_key: dict[int, tuple] = {}
    last, lead = object(), None
    for position, n in enumerate(first):
        if names[n] != last:
            last, lead = names[n], values[cites[n]["id"]][0]
        group_key[n] = (lead, position)

    def by_group(a: int, b: int) -> int:
        (lead_a, pos_a), (lead_b, pos_b) = group_key[a], group_key[b]
        result = compare_values([lead_a], [lead_b], directions[:1])
        if result:
            return result
        if pos_a != pos_b:
            return -1 if pos_a < pos_b else 1
        return compare_values(values[cites[a]["id"]], values[cites[b]["id"]], directions)

    return [cites[n] for n in sorted(range(len(cites)), key=cmp_to_key(by_group))]


def _sort_run(proc, sort, run: list[dict]) -> list[dict]:
    if len(run) < 2:
        return run
    by_id = {}
    for cite in run:
        by_id.setdefault(cite["id"], []).append(cite)
    items = sort_items([proc.items[c["id"]] for c in run], sort, proc, "citation")
    return [by_id[i["id"]].pop(0) for i in items]
