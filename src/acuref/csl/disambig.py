"""Disambiguation (CSL 1.0.2 "Disambiguation"), in the spec's order, over every item of the document.

Cites that render alike (as a first cite without locator or access date) are told apart by, in turn:

1. ``disambiguate-add-names`` and 2. ``disambiguate-add-givenname`` (``givenname-disambiguation-rule``
   "by-cite", the default) together, as citeproc-js 2.4.63 interleaves them (its CSL.Disambiguation,
   mode "disNames", in citeproc_commonjs.js): one counter for the whole set of alike cites expands the
   given name at one place (initials, then full), then adds a name, and so on, and each cite keeps
   the counter at which it came apart from the first cite of the set.  The spec leaves the order
   within the set open; following citeproc-js's makes acuref print the cites Zotero prints (the
   bundled store in MLA: "R. Zhang, Lao, et al.").  The global rules ("all-names",
   "all-names-with-initials", "primary-name", "primary-name-with-initials") expand every name that
   shares its family name with another person's, whether or not the cites collide;
3. ``<if disambiguate="true">`` for items still ambiguous, one test more at a time until each is
   unique (citeproc-js);
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
        tests = _count_attr(proc.style, "disambiguate")
        for group in groups:  # one more test at a time, each item stopping once it is unique
            pending = list(group)
            for k in range(1, tests + 1):
                for i in pending:
                    proc.disamb[i].disambiguate = k
                    texts[i] = _render(proc, i)
                pending = [i for i in pending if sum(1 for t in texts.values() if t == texts[i]) > 1]
                if not pending:
                    break
        groups = _groups(texts)
    if uses_condition:
        # cites told apart in their first form may be alike in the subsequent form a note style prints
        # ("Doe" for two books); the condition is true for those too (citeproc-js;
        # bugreports_OldMhraDisambiguationFailure, disambiguate_BasedOnSubsequentFormWithBackref2)
        for group in _groups({i: _render(proc, i, "subsequent") for i in ids}):
            for i in group:
                proc.disamb[i].disambiguate = max(proc.disamb[i].disambiguate, 1)
    if add_suffix and ("et-al-subsequent-min" in opts or "et-al-subsequent-use-first" in opts):
        # the subsequent form's shorter name list can make cites alike that the first form tells apart:
        # they get year suffixes too (citeproc-js; disambiguate_BasedOnEtAlSubsequent)
        groups = _merged(groups, _groups({i: _subsequent_form(proc, i, add_names) for i in ids}))
    if add_suffix and groups:
        position = {item_id: n for n, item_id in enumerate(ordered)}
        for group in groups:
            for n, i in enumerate(sorted(group, key=position.__getitem__)):
                proc.disamb[i].year_suffix = n


def _count_attr(node, attr: str) -> int:
    return (attr in node.attrs) + sum(_count_attr(child, attr) for child in node.children)


def _max_names(proc, item_id: str) -> int:
    return max((len(names) for _, names in _names_of(proc, item_id)), default=0)


def _probe(proc, item_id: str) -> tuple[int, int, str | None]:
    """(names in the cite's first names element, how many the style shows, its variable)."""
    disamb = proc.disamb[item_id]
    disamb.name_count = disamb.shown = disamb.variable = None
    names, disamb.names = disamb.names, None
    _render(proc, item_id)
    disamb.names = names
    return disamb.name_count or 0, disamb.shown or 0, disamb.variable


def _names_and_givennames(proc, group: list[str], texts: dict[str, str], add_names: bool, add_given: bool) -> None:
    """Steps 1 and 2 for one set of cites that render alike, as citeproc-js 2.4 runs them
    (CSL.Disambiguation, mode "disNames"), so that writers get the cites Zotero prints.

    One forward-only counter (the "base") serves the whole set: it expands the given name at the
    current place (initials, then full), then adds a name, and so on until the first item's names
    are all shown.  After each step the set's first item is compared with the others: an item that
    no longer collides is settled with the best counter reached so far (only steps that told cites
    apart are kept in it), and the rest go on from the same counter.  The set is ordered as
    citeproc-js orders it: by the number of names, compared as text, then by id.  Cites still alike
    when the counter is spent keep the best counter and go on to the later steps (disambiguate
    condition, year suffix)."""
    probes = {i: _probe(proc, i) for i in group}
    order = sorted(group, key=lambda i: (str(probes[i][0]), i))  # JS compares [11] < [4] as strings
    names_max = probes[order[0]][0]
    base_names = max(shown for _, shown, _ in probes.values())
    base_given = [0] * base_names
    best_names, best_given = base_names, [0] * base_names
    givens_max = 2 if add_given else None
    settled: dict[str, tuple[int, list[int]]] = {}

    def apply(item_id: str, names: int, given: list[int]) -> str:
        disamb = proc.disamb[item_id]
        variable = probes[item_id][2]
        disamb.names = names
        if givens_max is not None:  # else the global rules have set the given names (_global_givennames)
            disamb.given = {(variable, n): level for n, level in enumerate(given) if level}
        return _render(proc, item_id)

    def capture() -> None:
        nonlocal best_names
        if givens_max is not None and place < len(base_given):
            while len(best_given) <= place:
                best_given.append(0)
            best_given[place] = base_given[place]
        best_names = base_names

    def settle(*ids: str) -> None:
        for i in ids:
            settled[i] = (best_names, list(best_given))

    lists = [order]
    init = True
    while lists:
        place, clashes = 0, [1, 0]
        while lists and lists[0]:
            current = lists[0]
            maxed = False
            if init:  # the first scan of a set (or of what remains of it) is at the counter as it is
                init = False
            else:
                more_names = givens_max is None
                if givens_max is not None:
                    if place < len(base_given) and base_given[place] < givens_max:
                        base_given[place] += 1
                    else:
                        more_names = True
                if more_names and add_names and place < names_max:
                    base_names += 1
                    place += 1
                    base_given += [0] * (base_names - len(base_given))  # a name shown can be expanded
                maxed = (not add_names or place == names_max) and (
                    givens_max is None or place >= len(base_given) or base_given[place] == givens_max)
            head = apply(current[0], base_names, base_given)
            partners = [current[0]] + [i for i in current[1:] if apply(i, base_names, base_given) == head]
            others = [i for i in current[1:] if i not in partners]
            clashes = [clashes[1], len(partners) - 1]
            if clashes[1] == 0 and len(others) == 1:
                capture()
                settle(partners[0], others[0])
                lists[0] = []
            elif clashes[1] == 0:
                capture()
                settle(partners[0])
                lists[0] = others
                init = bool(others)
            elif len(others) == 1:
                capture()
                settle(others[0])
                lists[0] = partners
            elif clashes[1] < clashes[0]:
                capture()
                lists[0] = partners
                lists.append(others)
            elif maxed:  # the counter is spent: what is still alike goes on to the later steps
                settle(*[i for remaining in lists for i in remaining])
                lists = [[]]
        lists = lists[1:]
    for i in group:
        names, given = settled.get(i, (best_names, best_given))
        texts[i] = apply(i, names, given)


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
