"""Names (CSL 1.0.2 "Names", "Name", "Et-al", "Substitute", "Label in cs:names", "Name-part order",
"Name Particles", "Initialize", and "Disambiguation" for add-names/add-givenname).

Name order follows the spec's tables (display; sort order with demote-non-dropping-particle never,
sort-only or display-and-sort); names in non-Latin scripts (CJK) print family then given with no
space; et al. with delimiter-precedes-et-al/-last ("contextual", "always", "never",
"after-inverted-name"), et-al-use-last ("A, B, … Z"); form="count"; editor and translator with
the same names print once with the "editortranslator" term.
Fixtures: name_*, nameattr_*, nameorder_*, etal_*, substitute_* (tests/csl_suite)."""

from __future__ import annotations


from . import rich, richtext
from .evaluate import Ctx, finish, render
from .name import _inverted, _name

NAME_OPTIONS = ("and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min", "et-al-use-first",
                "et-al-subsequent-min", "et-al-subsequent-use-first", "et-al-use-last", "initialize",
                "initialize-with", "name-as-sort-order", "sort-separator", "form", "delimiter")


def _options(name_node, ctx: Ctx) -> dict:
    opts = dict(ctx.name_opts)
    if name_node is not None:
        opts.update({k: v for k, v in name_node.attrs.items()})
    return opts


def render_names(node, ctx: Ctx) -> str:
    """A cs:names element; the outermost one rendered first in a cite is its "author" (recorded for
    grouping, subsequent-author-substitute and author-only; dropped under suppress-author)."""
    ctx.names_depth += 1
    try:
        result = _render_names(node, ctx)
    finally:
        ctx.names_depth -= 1
    if ctx.names_depth == 0 and result and ctx.first_names is None and ctx.mode != "sort":
        # compared without the role's label: "Doe, John ed." and "Doe, John" are the same author for
        # subsequent-author-substitute (citeproc-js; sort_DropNameLabelInSort, sort_SeparateAuthorsAndOthers)
        ctx.first_names = "\x1f".join(ctx.first_names_parts) or rich.plain(result)
        ctx.first_names_text = result
        if ctx.cite.get("suppress-author"):
            return ""
        if ctx.cite.get("substitute-names") is not None and not (ctx.first_names_parts and ctx.cite["substitute-names"]):
            # no name list (a title in cs:substitute), or an empty substitute: the whole cs:names output goes
            return finish(ctx.cite["substitute-names"], _affix_node(node), ctx) if ctx.cite["substitute-names"] else ""
    return result


def _render_names(node, ctx: Ctx) -> str:
    variables = [v for v in node.get("variable", "").split() if v]
    if ctx.substituting is not None and not any(c.tag in ("name", "et-al", "label") for c in node.children):
        node = _inherit(node, ctx.substituting)  # a shorthand cs:names in cs:substitute (CSL 1.0.2)
    name_node = node.find("name")
    et_al_node = node.find("et-al")
    label_node = node.find("label")
    tags = [c.tag for c in node.children]
    label_first = label_node is not None and name_node is not None and tags.index("label") < tags.index("name")
    if ctx.in_substitute and ctx.substitute_filled:
        return ""  # a cs:substitute prints the first names it reaches, even inside a cs:choose (citeproc-js)
    ctx.called += 1
    found = [(v, ctx.item.get(v)) for v in variables if v not in ctx.suppressed and ctx.item.get(v)]
    if not found:
        substitute = node.find("substitute")
        if substitute is not None:
            return _substitute(node, substitute, ctx)
        return ""
    ctx.rendered += 1
    ctx.rendered_vars.update(v for v, _ in found)
    if len(found) == 2 and {v for v, _ in found} == {"editor", "translator"} and found[0][1] == found[1][1] \
            and ctx.locale.term("editortranslator"):
        found = [("editortranslator", found[0][1])]
    opts = _options(name_node, ctx)
    parts = []
    for variable, names in found:
        parts.append(_one_variable(variable, names, name_node, et_al_node, label_node, opts, ctx, label_first))
    if opts.get("form") == "count":
        total = sum(int(p) for p in parts if p)
        return finish(str(total), node, ctx) if total else ""
    if ctx.in_substitute:  # a name variable printed in cs:substitute prints once, even within the same
        # substitute macro (CSL 1.0.2 "Substitution"; substitute_SuppressOrdinaryVariable)
        ctx.suppressed.update(v for v, _ in found)
    for variable, names in found:
        ctx.names_seen.append((variable, tuple(tuple(sorted(n.items())) for n in names)))
        if variable == "editortranslator":
            ctx.suppressed.update(("editor", "translator"))
    text = rich.join(parts, node.get("delimiter", ctx.name_opts.get("names-delimiter", "")))
    if ctx.in_substitute and text:
        ctx.substitute_filled = True
    return finish(text, node, ctx)


def _substitute(names_node, substitute, ctx: Ctx) -> str:
    """The first child of cs:substitute that prints (CSL 1.0.2 "Substitution"); once a cs:names in it
    has printed, later ones in the same cs:substitute print nothing, also those in the same cs:choose
    ("Smith, ed.", not "Smith, ed.Smith, trans." for one person as editor and translator: citeproc-js)."""
    filled, ctx.substitute_filled = ctx.substitute_filled, False
    try:
        return _substitute_children(names_node, substitute, ctx)
    finally:
        ctx.substitute_filled = filled


def _substitute_children(names_node, substitute, ctx: Ctx) -> str:
    for child in substitute.children:
        before = set(ctx.suppressed)
        called = ctx.called
        inherits = any(c.tag in ("name", "et-al", "label") for c in names_node.children)
        outer, ctx.substituting = ctx.substituting, names_node if inherits else None
        printed, ctx.rendered_vars = ctx.rendered_vars, set()
        ctx.in_substitute += 1
        try:
            text = render(child, ctx)
        finally:
            ctx.in_substitute -= 1
            ctx.substituting = outer
            printed, ctx.rendered_vars = ctx.rendered_vars, printed | ctx.rendered_vars
        ctx.called = called
        present = child.tag == "names" and any(ctx.item.get(v) for v in child.get("variable", "").split())
        if text or present:  # names that are there end the substitution even when they print nothing
            # (a given-only author in the short form: citeproc-js prints "(1988)", not the title)
            ctx.suppressed.update(printed)  # only the variables the substitute printed (citeproc-js)
            ctx.rendered += 1
            ctx.substituted_by_variable = child.tag == "text" and "variable" in child.attrs
            return finish(text, names_node, ctx) if child.tag != "names" else _affixes_only(text, names_node, ctx)
        ctx.suppressed = before
    return ""


def _affixes_only(text: str, node, ctx: Ctx) -> str:
    return finish(text, node, ctx)


def _inherit(child, parent):
    from .xml import Node

    key = ("inherit", id(child))
    found = parent.cache.get(key)
    if found is None:
        kids = [c for c in parent.children if c.tag in ("name", "et-al", "label")]
        found = parent.cache[key] = Node("names", dict(child.attrs), kids, "")
    return found


def _variables_of(node, ctx: Ctx) -> list[str]:
    out = []
    if node.tag in ("names",):
        out.extend(node.get("variable", "").split())
    elif node.tag == "text" and node.get("variable"):
        out.append(node.get("variable"))
    elif node.tag == "text" and node.get("macro"):
        macro = ctx.proc.macros.get(node.get("macro"))
        if macro is not None:
            for child in macro.children:
                out.extend(_variables_of(child, ctx))
    elif node.tag in ("date", "number") and node.get("variable"):
        out.append(node.get("variable"))
    for child in node.children if node.tag in ("group", "choose", "if", "else-if", "else") else ():
        out.extend(_variables_of(child, ctx))
    return out


def _et_al_limits(opts: dict, ctx: Ctx) -> tuple[int, int | None]:
    """(et-al-min, et-al-use-first); use-first None when the style does not set it ("0" is set: the
    names print nothing, citeproc-js; etal_UseZeroFirst)."""
    minimum = int(opts.get("et-al-min", 0) or 0)
    given = opts.get("et-al-use-first")
    first = int(given) if given not in (None, "") else None
    if ctx.mode == "citation" and ctx.cite.get("position", "first") != "first":
        minimum = int(opts.get("et-al-subsequent-min", minimum) or minimum)
        subsequent = opts.get("et-al-subsequent-use-first")
        first = int(subsequent) if subsequent not in (None, "") else first
    return minimum, first


def _one_variable(variable, names, name_node, et_al_node, label_node, opts, ctx: Ctx, label_first: bool) -> str:
    minimum, first = _et_al_limits(opts, ctx)
    count = len(names)
    shown = count
    others = variable in (ctx.item.get("truncated") or ())  # BibTeX "and others": at least one name more
    if minimum and first is not None and count + others >= minimum:
        shown = min(first, count)
    if ctx.mode == "citation" and ctx.disamb.name_count is None:
        ctx.disamb.name_count, ctx.disamb.shown, ctx.disamb.variable = count, shown, variable
    if ctx.mode != "sort" and ctx.disamb.names is not None and variable in _first_variable(ctx):
        shown = max(shown, min(count, ctx.disamb.names))
    if ctx.mode == "sort" and ctx.sort_names is not None:
        smin, sfirst, slast = ctx.sort_names
        if smin is not None and sfirst is not None and count >= smin:
            shown = min(sfirst, count)
            if slast == "true" and shown + 1 < count:
                rendered = [_name(n, i, variable, opts, name_node, ctx) for i, n in enumerate(names[:shown])]
                return ", ".join(rendered + [_name(names[-1], count - 1, variable, opts, name_node, ctx)])
    if not shown:  # et-al-use-first="0"
        return ""
    truncated = shown < count or others
    if opts.get("form") == "count":
        return str(shown)
    rendered = [_name(n, i, variable, opts, name_node, ctx) for i, n in enumerate(names[:shown])]
    rendered = [r for r in rendered if r]
    delimiter = opts.get("delimiter", ", ")
    use_last = opts.get("et-al-use-last") == "true" and shown < count and shown + 1 < count
    if use_last:
        text = delimiter.join(rendered) + delimiter + "… " + _name(names[-1], count - 1, variable, opts, name_node, ctx)
    elif truncated:
        term_name = et_al_node.get("term", "et-al") if et_al_node is not None else "et-al"
        term = ctx.locale.term(term_name) or ""
        if et_al_node is not None:
            term = finish(richtext.escape_affix(term), et_al_node, ctx)
        if ctx.mode == "sort":  # a sort key has the names only (citeproc-js; sort_AguStyleReverseGroups)
            term = ""
        if not term:
            text = delimiter.join(rendered)
        else:
            if shown < count:
                precedes = opts.get("delimiter-precedes-et-al", "contextual")
                use = _precedes(precedes, len(rendered), opts, ctx, names)
            else:  # "and others" in the data: "et al." stands where the last name would
                use = len(rendered) > 1 or _inverted(len(rendered) - 1, opts, ctx, names)
            text = delimiter.join(rendered) + (delimiter if use else " ") + term
    else:
        text = _join_with_and(rendered, opts, ctx, names)
    if name_node is not None:
        text = finish(text, _affix_node(name_node), ctx)
    if ctx.first_names is None and ctx.mode != "sort":  # the cite's first names: its "author"
        ctx.first_names_parts.append(rich.plain(text))
        if ctx.cite.get("substitute-names"):  # subsequent-author-substitute takes the names' place, the
            # label stays ("--- ed.")
            text = ctx.cite["substitute-names"] if len(ctx.first_names_parts) == 1 else ""
    if label_node is not None and ctx.mode != "sort" and text:
        term_name = variable
        plural = label_node.get("plural", "contextual")
        is_plural = plural == "always" or (plural == "contextual" and count > 1)
        term = ctx.locale.term(term_name, label_node.get("form", "long"), is_plural)
        if term:
            label = finish(richtext.escape_affix(term), label_node, ctx)
            text = label + text if label_first else text + label
    return text


def _affix_node(name_node):
    from .xml import Node

    keep = {k: v for k, v in name_node.attrs.items() if k in ("prefix", "suffix", "font-style", "font-weight",
                                                                 "font-variant", "text-decoration", "vertical-align")}
    return name_node.cache.setdefault("affix", Node("name", keep, [], ""))


def _first_variable(ctx: Ctx) -> set:
    return ctx.proc.disamb_variables


def _precedes(rule: str, shown: int, opts: dict, ctx: Ctx, names: list) -> bool:
    if rule == "always":
        return True
    if rule == "never":
        return False
    if rule == "after-inverted-name":
        return _inverted(min(shown, len(names)) - 1, opts, ctx, names)
    return shown > 1


def _join_with_and(rendered: list[str], opts: dict, ctx: Ctx, names: list) -> str:
    delimiter = opts.get("delimiter", ", ")
    if len(rendered) <= 1:
        return "".join(rendered)
    and_ = opts.get("and")
    if not and_ or ctx.mode == "sort":
        return delimiter.join(rendered)
    word = "&" if and_ == "symbol" else (ctx.locale.term("and") or "and")
    rule = opts.get("delimiter-precedes-last", "contextual")
    if rule == "always":
        use = True
    elif rule == "never":
        use = False
    elif rule == "after-inverted-name":
        use = _inverted(len(rendered) - 2, opts, ctx, names)
    else:
        use = len(rendered) > 2
    if names and len(names) >= len(rendered) and names[len(rendered) - 1].get("literal"):
        use = False  # "Physiotherapy Council & Acupuncture Board" (citeproc-js)
    head = delimiter.join(rendered[:-1])
    return f"{head}{delimiter if use else ' '}{word} {rendered[-1]}"

