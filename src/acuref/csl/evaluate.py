"""Evaluation of CSL rendering elements for one item (CSL 1.0.2 "Rendering Elements", "Choose",
"Group", "Macro"): cs:text, cs:number, cs:label, cs:group, cs:choose; cs:names and cs:date are in
:mod:`.names` and :mod:`.dates`.

:class:`Ctx` is the state of rendering one cite or entry: the item, the cite (locator, position),
the mode (citation, bibliography, sort), disambiguation settings, and the variables called and
rendered so far, which decide cs:group suppression ("a group is suppressed if it calls at least one
variable and all the variables it calls are empty")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import numbers, rich, richtext, textcase

NUMERIC_VARIABLES = frozenset("""chapter-number citation-number collection-number edition first-reference-note-number
issue locator number number-of-pages number-of-volumes page page-first part-number printing-number section
supplement-number version volume""".split())
SHORT_FORMS = {"title": ("title-short", "shortTitle"), "container-title": ("container-title-short", "journalAbbreviation")}


@dataclass
class Disamb:
    """Per item: what disambiguation changed (CSL 1.0.2 "Disambiguation")."""

    names: int | None = None  # names shown before et al. (add-names)
    given: dict = field(default_factory=dict)  # (variable, index) → 1 initials, 2 full given name
    given_all: int = 0  # level for every name (global rules)
    year_suffix: int | None = None  # 0 → "a"
    disambiguate: int = 0  # how many disambiguate="true" tests hold, in the order a render meets them
    # what the first rendered names element of a citation holds, recorded by names.py as it renders
    # (citeproc-js's getMaxVals / getAmbigConfig): the names there, and how many the style shows
    name_count: int | None = None
    shown: int | None = None
    variable: str | None = None


@dataclass
class Ctx:
    proc: object
    item: dict
    cite: dict
    mode: str  # "citation", "bibliography" or "sort"
    disamb: Disamb
    name_opts: dict
    disambiguate_tests: int = 0  # disambiguate="…" tests met so far in this render
    called: int = 0
    rendered: int = 0
    suppressed: set = field(default_factory=set)
    year_suffix_done: bool = False
    names_seen: list = field(default_factory=list)  # (variable, names) rendered, in order (for grouping)
    first_names: str | None = None
    first_names_text: str = ""
    first_names_parts: list = field(default_factory=list)  # the first names' lists, without labels
    # cs:substitute printed a cs:text variable of its own (not a macro): subsequent-author-substitute
    # replaces it as it replaces names (citeproc-js; name_SubsequentAuthorSubstituteSingleField)
    substituted_by_variable: bool = False
    names_depth: int = 0
    substituting: object = None
    in_substitute: int = 0  # depth of cs:substitute being rendered
    substitute_filled: bool = False  # a cs:names inside the cs:substitute being rendered has printed
    rendered_vars: set = field(default_factory=set)  # variables that printed (what cs:substitute suppresses)
    text: str = ""
    sort_names: tuple | None = None  # (names-min, names-use-first, names-use-last) of a sort key

    @property
    def locale(self):
        return self.proc.locale

    def variable(self, name: str, form: str = "long"):
        if name in self.suppressed:
            return None
        if name == "locator":
            return str(self.cite.get("locator") or "").strip() or None
        if name == "citation-number":
            return self.proc.citation_numbers.get(self.item["id"])
        if name == "first-reference-note-number":
            return self.cite.get("first-reference-note-number")
        if name == "year-suffix":
            if self.mode == "sort":  # sort keys come before disambiguation (citeproc-js): no suffix in them
                return None
            n = self.disamb.year_suffix
            return suffix_letters(n) if n is not None else None
        if name == "citation-label":
            label = self.item.get("citation-label") or self.proc.citation_label(self.item)
            if self.disamb.year_suffix is not None and not self.proc.explicit_year_suffix and self.mode != "sort":
                label += suffix_letters(self.disamb.year_suffix)  # "Asth00a" (citeproc-js)
                self.year_suffix_done = True
            return label
        if form == "short" and name in SHORT_FORMS:
            for alt in SHORT_FORMS[name]:
                if self.item.get(alt):
                    return self.item[alt]
        if name == "page-first":
            value = self.item.get("page-first") or self.item.get("page")
            return re.split(r"(?:(?<!\s)|(?=\S))\s*[-–—,&]\s*", str(value))[0] if value else None  # linear
        value = self.item.get(name)
        return value if value not in (None, "", []) else None


def suffix_letters(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    n += 1
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = letters[r] + out
    return out


def render_flat(children, ctx: Ctx) -> list[str]:
    """The outputs of ``children``; a cs:choose contributes its branch's children one by one, so the
    enclosing group's delimiter goes between them (CSL 1.0.2 "Choose")."""
    out = []
    for child in children:
        if child.tag == "choose":
            for branch in child.children:
                if branch.tag == "else" or conditions_hold(branch, ctx):
                    out.extend(render_flat(branch.children, ctx))
                    break
        else:
            out.append(render(child, ctx))
    return out


def render_children(node, ctx: Ctx, delimiter: str = "") -> str:
    return rich.join(render_flat(node.children, ctx), delimiter)


def render(node, ctx: Ctx) -> str:
    handler = _HANDLERS.get(node.tag)
    return handler(node, ctx) if handler else ""


def finish(text: str, node, ctx: Ctx, english: bool = True) -> str:
    """An element's output with its formatting, affixes, quotes, text-case and display.

    ``english`` False keeps text-case="title" from changing the text: :func:`_text` passes it for a
    variable of a non-English item; terms, labels, names, groups and macros are title-cased whatever
    the item's language (citeproc-js 2.4 checks the language only in its variable output)."""
    if not text:
        return ""
    return rich.formatted(text, node.attrs, lambda t, case: textcase.apply(t, case, english, _language(ctx)))


def _language(ctx: Ctx) -> str:
    language = ctx.item.get("language")
    return language if isinstance(language, str) else ""


def _text(node, ctx: Ctx) -> str:
    attrs = node.attrs
    if "variable" in attrs:
        name = attrs["variable"]
        value = ctx.variable(name, attrs.get("form", "long"))
        if name != "year-suffix" or value is not None:  # an empty year-suffix never empties a group
            ctx.called += 1
        if value is None:
            return ""
        if name in ("page", "locator") and isinstance(value, str):
            # quotes and markup in a page or locator as in any field ('s.v. “gargoyle.”')
            text = richtext.parse(numbers.page_range(value, ctx) if name == "page" else numbers.locator_text(value, ctx))
        elif name == "citation-number":
            text = str(value)
        elif name == "year-suffix":
            ctx.year_suffix_done = True
            text = value
        else:
            text = richtext.parse(richtext.narrow_spaces(str(value)))
            if name in ("URL", "DOI"):
                text = str(value)
            elif name in numbers.RANGE_VARIABLES and numbers.is_range_list(text):
                text = numbers.dash_ranges(text, ctx)
        if not rich.plain(text):
            return ""
        ctx.rendered += 1
        ctx.rendered_vars.add(name)
        return finish(text, node, ctx, ctx.proc.english(ctx.item))
    if "macro" in attrs:
        macro = ctx.proc.macros.get(attrs["macro"])
        if macro is None:
            return ""
        # a macro is a group (suppressed when all the variables it calls are empty), and a macro that
        # is not suppressed counts as a non-empty variable for the group around it (CSL 1.0.2 "Group")
        called, rendered = ctx.called, ctx.rendered
        text = render_children(macro, ctx)
        if ctx.called != called and ctx.rendered == rendered:
            return ""
        ctx.called += 1
        ctx.rendered += 1
        return finish(text, node, ctx)
    if "term" in attrs:
        plural = attrs.get("plural") == "true"
        term = ctx.locale.term(attrs["term"], attrs.get("form", "long"), plural)
        return finish(rich.mark(rich.TERM, richtext.escape_affix(term)), node, ctx) if term else ""
    if "value" in attrs:
        return finish(richtext.literal(attrs["value"]), node, ctx)
    return ""


def _group(node, ctx: Ctx) -> str:
    called, rendered = ctx.called, ctx.rendered
    ctx.called = ctx.rendered = 0
    text = rich.join(render_flat(node.children, ctx), node.get("delimiter", ""))
    inner_called, inner_rendered = ctx.called, ctx.rendered
    ctx.called, ctx.rendered = called + inner_called, rendered + inner_rendered
    if inner_called and not inner_rendered:
        return ""
    if text and not inner_called:  # a group of terms and values that prints counts as content (citeproc-js)
        ctx.called += 1
        ctx.rendered += 1
    return finish(text, node, ctx)


def _choose(node, ctx: Ctx) -> str:
    for branch in node.children:
        if branch.tag == "else" or conditions_hold(branch, ctx):
            return render_children(branch, ctx)
    return ""


def conditions_hold(branch, ctx: Ctx) -> bool:
    tests: list[bool] = []
    attrs = branch.attrs
    for attr, values in attrs.items():
        if attr == "match":
            continue
        if attr == "type":  # one test, true for any of the types listed (citeproc-js; jgm/citeproc)
            tests.append(ctx.item.get("type") in values.split())
            continue
        for value in values.split():
            tests.append(_test(attr, value, ctx))
    if not tests:
        return False
    match = attrs.get("match", "all")
    if match == "any":
        return any(tests)
    if match == "none":
        return not any(tests)
    return all(tests)


_POSITIONS = {"first": {"first"}, "subsequent": {"subsequent", "ibid", "ibid-with-locator", "near-note"},
              "ibid": {"ibid", "ibid-with-locator"}, "ibid-with-locator": {"ibid-with-locator"},
              "near-note": {"near-note"}}


def _test(attr: str, value: str, ctx: Ctx) -> bool:
    if attr == "type":
        return ctx.item.get("type") == value
    if attr == "variable":
        if value in ("locator",):
            return bool(ctx.cite.get("locator"))
        # a condition sees the item as it is: a variable a cs:substitute printed (and so suppressed)
        # still tests true (citeproc-js: Chicago's "In" before a signed encyclopedia entry)
        suppressed, ctx.suppressed = ctx.suppressed, set()
        try:
            return ctx.variable(value) is not None
        finally:
            ctx.suppressed = suppressed
    if attr == "is-numeric":
        v = ctx.variable(value)
        return v is not None and numbers.is_numeric(str(v), value, ctx.item.get("type", ""))
    if attr == "is-uncertain-date":
        date = ctx.item.get(value)
        return bool(date is not None and getattr(date, "circa", False))
    if attr == "locator":
        label = (ctx.cite.get("label") or "page") if ctx.cite.get("locator") else None
        return label == value.replace("sub-verbo", "sub verbo") or label == value
    if attr == "position":
        if ctx.mode != "citation":
            return False
        position = ctx.cite.get("position", "first")
        held = {position}
        if position in ("ibid", "ibid-with-locator", "subsequent"):
            held.add("subsequent")
            if ctx.cite.get("near-note"):
                held.add("near-note")
        if position == "ibid-with-locator":
            held.add("ibid")
        return value in held
    if attr == "disambiguate":  # the tests are switched on one at a time (citeproc-js;
        # disambiguate_IncrementalExtraText)
        ctx.disambiguate_tests += 1
        return (ctx.disambiguate_tests <= ctx.disamb.disambiguate) == (value == "true")
    return False


def _number(node, ctx: Ctx) -> str:
    name = node.get("variable")
    ctx.called += 1
    value = ctx.variable(name)
    if value is None:
        return ""
    ctx.rendered += 1
    ctx.rendered_vars.add(name)
    text = numbers.format_number(str(value), node.get("form", "numeric"), ctx, name)
    return finish(text, node, ctx)


def _label(node, ctx: Ctx) -> str:
    name = node.get("variable")
    value = ctx.variable(name)
    if value is None:
        return ""
    if name == "locator":
        term_name = ctx.cite.get("label") or "page"
    else:
        term_name = name
    plural = numbers.label_plural(node.get("plural", "contextual"), str(value), name)
    term = ctx.locale.term(term_name, node.get("form", "long"), plural)
    return finish(richtext.escape_affix(term), node, ctx) if term else ""


def _layout_text(node, ctx: Ctx) -> str:
    return render_children(node, ctx)


def _names(node, ctx: Ctx) -> str:
    from .names import render_names

    return render_names(node, ctx)


def _date(node, ctx: Ctx) -> str:
    from .dates import render_date

    return render_date(node, ctx)


_HANDLERS = {"text": _text, "group": _group, "choose": _choose, "number": _number, "label": _label,
             "names": _names, "date": _date, "layout": _layout_text}
