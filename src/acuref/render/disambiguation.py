"""CSL disambiguation (CSL 1.0.2 spec, "Disambiguation"): add-givenname (with the
givenname-disambiguation-rule), add-names, <if disambiguate="true">, and year suffixes, computed
over the whole document before anything is rendered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ..styles import CSL_NS
from .engine import Cite, _cluster, _processor, _source

# --- year suffixes ------------------------------------------------------------------------------


class _SuffixedYear(int):
    """A year that prints with its disambiguating suffix ("2014a") wherever citeproc renders it."""

    suffix = ""

    def __new__(cls, year: int, suffix: str):
        obj = super().__new__(cls, year)
        obj.suffix = suffix
        return obj

    def __str__(self) -> str:
        from ..citeproc_fixes import SORTING

        return str(int(self)) if SORTING.get() else f"{int(self)}{self.suffix}"

    def __abs__(self):
        return self


def _suffix(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]


# --- rendering ----------------------------------------------------------------------------------


def _citation_options(style) -> dict[str, str]:
    citation = style.root.find(f"{CSL_NS}citation")
    return dict(citation.attrib) if citation is not None else {}


def _bibliography_options(style) -> dict[str, str]:
    bib = style.root.find(f"{CSL_NS}bibliography")
    return dict(bib.attrib) if bib is not None else {}


def _initialize_with(style) -> str:
    citation = style.root.find(f"{CSL_NS}citation")
    names = list(style.root.iter(f"{CSL_NS}name")) if citation is None else list(citation.iter(f"{CSL_NS}name"))
    for name in names + list(style.root.iter(f"{CSL_NS}name")):
        if name.get("initialize-with") is not None:
            return name.get("initialize-with")
    return ". "


def _initials(given: str, sep: str) -> str:
    parts = [p for p in re.split(r"[\s.\-]+", given) if p]
    return sep.join(p[0] + "" for p in parts).strip() + sep.strip() if parts else ""


def _plain_alone(style, source, ids: Sequence[str], add_names: dict | None = None) -> dict[str, str]:
    """Each item's citation rendered alone, in plain text: what disambiguation compares."""
    from ..citeproc_fixes import ADD_NAMES

    bib = _processor(style, source)
    citations = {i: _cluster([Cite(i)], {i: i}) for i in ids}
    for c in citations.values():
        bib.register(c)
    token = ADD_NAMES.set(add_names or {})
    try:
        return {i: str(bib.cite(c, lambda item: None)) for i, c in citations.items()}
    finally:
        ADD_NAMES.reset(token)


@dataclass
class _Disambiguation:
    cite_source: object
    suffixes: dict[str, str]
    add_names: dict[str, int]
    ambiguous: frozenset
    sort_family: dict[str, str] = field(default_factory=dict)


def _disambiguate(style, items: list[dict], source, order) -> _Disambiguation:
    """CSL disambiguation, in citeproc-js's order: initials for first authors who share a surname,
    then more names before "et al.", then the items still alike (for <if disambiguate="true">),
    then year suffixes for those, assigned in bibliography order.

    Every item's citation is rendered once; each later step re-renders only the items it changed,
    which keeps a 1,000-reference bibliography near-linear."""
    options = _citation_options(style)
    result = _Disambiguation(source, {}, {}, frozenset())
    if not any(options.get(o) == "true" for o in ("disambiguate-add-year-suffix", "disambiguate-add-givenname",
                                                   "disambiguate-add-names")):
        return result
    ids = [item["id"] for item in items]
    by_id = {item["id"]: item for item in items}
    texts = _plain_alone(style, source, ids)
    groups = _collisions(texts)
    if options.get("disambiguate-add-givenname") == "true":
        rule = options.get("givenname-disambiguation-rule", "by-cite")
        if rule == "by-cite":  # initials only where they tell ambiguous cites apart
            expand = [i for g in groups if len({_first_given(by_id[i]) for i in g}) > 1 for i in g]
        else:  # global rules: every first author who shares a surname with another person gets initials
            people: dict[str, set[str]] = {}
            for item in items:
                for name in (item.get("author") or [])[:1]:
                    if name.get("family"):
                        people.setdefault(_full_family(name), set()).add(_first_given(item))
            expand = [item["id"] for item in items if (item.get("author") or [{}])[0].get("family")
                      and len(people.get(_full_family(item["author"][0]), ())) > 1]
        sep = _initialize_with(style)
        changed = []
        for i in expand:
            author = by_id[i].get("author")
            if author and author[0].get("given") and author[0].get("family"):
                item = {**by_id[i], "author": [{**author[0]}, *author[1:]]}
                result.sort_family[i] = author[0]["family"]
                # initials before a particle: "A. dos Smith", never "dos A. Smith"
                family = _full_family(item["author"][0])
                item["author"][0].pop("non-dropping-particle", None)
                item["author"][0]["family"] = f"{_initials(author[0]['given'], sep)} {family}".strip()
                changed.append(item)
        if changed:
            result.cite_source = _source(changed)  # the changed items, sharing the unchanged references
            for item_id, reference in source.items():
                result.cite_source.setdefault(item_id, reference)
            texts.update(_plain_alone(style, result.cite_source, [item["id"] for item in changed]))
            groups = _collisions(texts)
    if options.get("disambiguate-add-names") == "true" and groups:
        first = int(options.get("et-al-use-first", "1") or 1)
        for group in groups:
            most = max(len(by_id[i].get("author") or []) for i in group)
            for n in range(first + 1, most + 1):
                if not _names_differ(by_id, group, n):
                    continue  # the first n names are the same for two of them: rendering cannot differ
                trial = {**result.add_names, **{i: n for i in group}}
                rendered = _plain_alone(style, result.cite_source, group, trial)
                if len(set(rendered.values())) == len(group):
                    result.add_names.update({i: n for i in group})
                    texts.update(rendered)
                    break
        groups = _collisions(texts)
    result.ambiguous = frozenset(i for g in groups for i in g)
    if options.get("disambiguate-add-year-suffix") == "true" and groups:
        position = {key: n for n, key in enumerate(order())}
        for group in groups:
            for n, i in enumerate(sorted(group, key=position.__getitem__)):
                result.suffixes[i] = _suffix(n)
    return result


def _names_differ(by_id: dict[str, dict], group: Sequence[str], n: int) -> bool:
    """Whether the first ``n`` authors tell every item of the group apart (else more names cannot help yet)."""
    heads = {tuple(tuple(sorted(name.items())) for name in (by_id[i].get("author") or [])[:n]) for i in group}
    return len(heads) == len(group)


def _first_given(item: dict) -> str:
    author = item.get("author") or [{}]
    return (author[0].get("given") or "").replace(" ", "")


def _collisions(rendered: dict[str, str]) -> list[list[str]]:
    seen: dict[str, list[str]] = {}
    for item_id, text in rendered.items():
        seen.setdefault(text, []).append(item_id)
    return [ids for ids in seen.values() if len(ids) > 1]


def _full_family(name: dict) -> str:
    """The family name with its non-dropping particle: "dos Smith" and "Smith" are different people."""
    return " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)


def _apply_suffixes(source, suffixes: dict[str, str]) -> None:
    for item_id, suffix in suffixes.items():
        issued = source[item_id].get("issued")
        if issued is not None and "year" in issued:
            issued["year"] = _SuffixedYear(issued["year"], suffix)
        elif issued is None:  # undated: styles print the year-suffix variable after "n.d." ("n.d.-a", case cite/15)
            source[item_id]["year_suffix"] = suffix
