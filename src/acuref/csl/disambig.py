"""Disambiguation (CSL 1.0.2 "Disambiguation"), in the spec's order, over every item of the document.

Cites that render alike (as a first cite without locator or access date) are told apart by, in turn:

1. ``disambiguate-add-names``: more names before "et al.", one at a time, each item stopping at
   the first count that makes it unique;
2. ``disambiguate-add-givenname``: initials, then full given names (where initialize-with gives
   initials), for the names of ambiguous cites (``givenname-disambiguation-rule`` "by-cite", the
   default); the global rules ("all-names", "all-names-with-initials", "primary-name",
   "primary-name-with-initials") expand every name that shares its family name with another
   person's, whether or not the cites collide;
3. ``<if disambiguate="true">`` for items still ambiguous;
4. ``disambiguate-add-year-suffix``: "a", "b"… in bibliography order, also for cites whose
   subsequent form (et-al-subsequent-min, et-al-subsequent-use-first) is ambiguous, with all its
   names where add-names is on.

Fixtures: disambiguate_*, bugreports_*Disambig* (tests/csl_suite)."""

from __future__ import annotations

from . import rich
from .evaluate import Disamb


def _render(proc, item_id: str, position: str = "first") -> str:
    ctx = proc.render_item(item_id, {"id": item_id, "position": position, "disambiguating": True}, "citation")
    return rich.plain(ctx.text)


def _subsequent_form(proc, item_id: str, add_names: bool) -> str:
    """The subsequent form, with every name when add-names may add them: cites whose whole name lists
    differ are told apart by names, not by a year suffix (disambiguate_DisambiguationHang)."""
    if not add_names:
        return _render(proc, item_id, "subsequent")
    kept = proc.disamb[item_id].names
    proc.disamb[item_id].names = max(_max_names(proc, item_id), 1)
    text = _render(proc, item_id, "subsequent")
    proc.disamb[item_id].names = kept
    return text


def _merged(*group_lists: list[list[str]]) -> list[list[str]]:
    """Groups that share an item joined into one (items ambiguous in one form or another)."""
    merged: list[set[str]] = []
    for groups in group_lists:
        for group in groups:
            joined = set(group)
            for other in [m for m in merged if m & joined]:
                joined |= other
                merged.remove(other)
            merged.append(joined)
    return [sorted(m) for m in merged]


def _groups(texts: dict[str, str]) -> list[list[str]]:
    seen: dict[str, list[str]] = {}
    for item_id, text in texts.items():
        seen.setdefault(text, []).append(item_id)
    return [ids for ids in seen.values() if len(ids) > 1]


def _names_of(proc, item_id: str) -> list[tuple[str, list]]:
    item = proc.items[item_id]
    return [(v, item[v]) for v in sorted(proc.name_variables) if isinstance(item.get(v), list)]


def disambiguate(proc, clusters, ordered: list[str]) -> None:
    citation = proc.citation
    if citation is None:
        return
    opts = citation.attrs
    add_names = opts.get("disambiguate-add-names") == "true"
    add_given = opts.get("disambiguate-add-givenname") == "true"
    add_suffix = opts.get("disambiguate-add-year-suffix") == "true"
    rule = opts.get("givenname-disambiguation-rule", "by-cite")
    uses_condition = proc.uses_disambiguate_condition
    if not (add_names or add_given or add_suffix or uses_condition):
        return
    ids = list(ordered)
    for i in ids:
        proc.disamb[i] = Disamb()
    if add_given and rule != "by-cite":
        _global_givennames(proc, ids, rule)
    texts = {i: _render(proc, i) for i in ids}
    groups = _groups(texts)
    if (add_names or (add_given and rule == "by-cite")) and groups:
        for group in groups:
            _names_and_givennames(proc, group, texts, add_names, add_given and rule == "by-cite")
        groups = _groups(texts)
    if uses_condition and groups:
        for group in groups:
            for i in group:
                proc.disamb[i].disambiguate = True
                texts[i] = _render(proc, i)
        groups = _groups(texts)
    if add_suffix and ("et-al-subsequent-min" in opts or "et-al-subsequent-use-first" in opts):
        # the subsequent form's shorter name list can make cites alike that the first form tells apart:
        # they get year suffixes too (citeproc-js; disambiguate_BasedOnEtAlSubsequent)
        groups = _merged(groups, _groups({i: _subsequent_form(proc, i, add_names) for i in ids}))
    if add_suffix and groups:
        position = {item_id: n for n, item_id in enumerate(ordered)}
        for group in groups:
            for n, i in enumerate(sorted(group, key=position.__getitem__)):
                proc.disamb[i].year_suffix = n


def _max_names(proc, item_id: str) -> int:
    return max((len(names) for _, names in _names_of(proc, item_id)), default=0)


def _collisions(texts: dict[str, str], i: str) -> int:
    return sum(1 for t in texts.values() if t == texts[i]) - 1


def _names_and_givennames(proc, group: list[str], texts: dict[str, str], add_names: bool, add_given: bool) -> None:
    """As citeproc-js: at the style's name count, then one more name at a time, given names are
    expanded (initials, then full) where they differ before another name is added; each item keeps
    the smallest name count at which it was as distinct as it got (the style's when none helped)."""
    most = max(_max_names(proc, i) for i in group) if add_names else 0
    pending = list(group)
    best = {i: (_collisions(texts, i), None) for i in group}  # item → (collisions, names count)
    for n in [None, *range(1, most + 1)]:
        if n is not None:
            for i in pending:
                proc.disamb[i].names = n
                texts[i] = _render(proc, i)
        if add_given:
            for level in (1, 2):
                if not [i for i in pending if _collisions(texts, i)]:
                    break
                colliding = [i for i in pending if _collisions(texts, i)]
                before = {i: (dict(proc.disamb[i].given), texts[i], _collisions(texts, i)) for i in colliding}
                for i in colliding:
                    for variable, names in _names_of(proc, i):
                        for index, name in enumerate(names):
                            if _differs_within(proc, pending, variable, index, name):
                                proc.disamb[i].given[(variable, index)] = level
                    texts[i] = _render(proc, i)
                after = {i: _collisions(texts, i) for i in colliding}
                for i in colliding:  # an expansion that told nothing apart is undone (citeproc-js)
                    given, text, collisions = before[i]
                    if after[i] >= collisions and proc.disamb[i].given != given:
                        proc.disamb[i].given, texts[i] = given, text
        for i in pending:
            c = _collisions(texts, i)
            if c < best[i][0]:
                best[i] = (c, n)
        pending = [i for i in pending if _collisions(texts, i)]
        if not pending:
            break
    for i in group:
        if proc.disamb[i].names != best[i][1]:
            proc.disamb[i].names = best[i][1]
            texts[i] = _render(proc, i)


def _differs_within(proc, group: list[str], variable: str, index: int, name: dict) -> bool:
    """Whether another item of the group has a different person at this place with the same family."""
    if not name.get("given"):
        return False
    for other in group:
        names = proc.items[other].get(variable) or []
        if index < len(names) and names[index].get("family") == name.get("family") \
                and _given_key(names[index].get("given")) != _given_key(name.get("given")):
            return True
    return False


def _global_givennames(proc, ids: list[str], rule: str) -> None:
    people: dict[tuple, dict[str, str]] = {}  # family → {given compared: its initials}
    for i in ids:
        for variable, names in _names_of(proc, i):
            for index, name in enumerate(names):
                if rule.startswith("primary-name") and index > 0:
                    continue
                if name.get("family"):
                    people.setdefault(_family_key(name), {})[_given_key(name.get("given"))] = \
                        _initials(name.get("given") or "")
    with_initials = rule.endswith("with-initials")
    for i in ids:
        for variable, names in _names_of(proc, i):
            for index, name in enumerate(names):
                if rule.startswith("primary-name") and index > 0:
                    continue
                given = people.get(_family_key(name), {})
                if len(given) > 1:
                    # each name goes as far as it must: initials when they tell it from the others of the
                    # family, else its full given name, or (the "-with-initials" rules) it stays as it was
                    # (CSL 1.0.2; disambiguate_ToInitialOnly, disambiguate_AllNamesWithInitialsGenerally)
                    own = _initials(name.get("given") or "")
                    shared = sum(1 for initials in given.values() if initials == own) > 1
                    level = 0 if shared and with_initials else 2 if shared else 1
                    if level:
                        proc.disamb[i].given[(variable, index)] = level


def _family_key(name: dict) -> tuple:
    return (name.get("non-dropping-particle") or "", name.get("family") or "")


def _given_key(given) -> str:
    """A given name compared without spacing or periods ("J. J." is "J.J.")."""
    return "".join((given or "").replace(".", " ").split())


def _initials(given: str) -> str:
    return "".join(part[:1] for part in given.replace(".", " ").replace("-", " ").split())
