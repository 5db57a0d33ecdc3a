"""Sorting (CSL 1.0.2 "Sorting"): cs:sort keys by variable or macro, ascending or descending.

Names sort family-first for every name ("name-as-sort-order" all) with the key's names-min /
names-use-first / names-use-last; dates by their [year, month, day] (ranges by start then end);
numbers numerically; text ignoring markup, case and accents (so "Ångström" sorts with A, not after
Z), with the exact text as tie-breaker.  Items with an empty key sort after the others in either
direction.  Fixtures: sort_* (tests/csl_suite)."""

from __future__ import annotations

import re
import unicodedata
from functools import cmp_to_key

from . import rich
from .evaluate import NUMERIC_VARIABLES, Ctx, render, render_children


_IGNORED = re.compile(r"[\"“”‘«»,.;:!?()\[\]{}]")


def collation_key(text: str) -> tuple:
    plain = rich.plain(text)
    plain = re.sub(r"^[\W_]+", "", plain)  # leading quotes, brackets, apostrophes
    plain = _IGNORED.sub("", plain.replace("’", " ").replace("'", " "))
    decomposed = unicodedata.normalize("NFKD", plain)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    base = base.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    return (base, plain)


def _key_value(key, item: dict, proc) -> object:
    from .evaluate import Disamb

    disamb = proc.disamb.get(item["id"]) or Disamb()
    opts = dict(proc.name_opts_for("bibliography" if proc.sorting_for == "bibliography" else "citation"))
    ctx = Ctx(proc, item, {}, "sort", disamb, opts)
    ctx.sort_names = (_int(key.get("names-min")), _int(key.get("names-use-first")), key.get("names-use-last"))
    if key.get("variable"):
        variable = key.get("variable")
        if variable == "citation-number":
            return proc.citation_numbers.get(item["id"])
        value = ctx.variable(variable)
        if value is None:
            return None
        if variable in proc.name_variables:
            from .xml import Node

            node = Node("names", {"variable": variable}, [Node("name", {}, [], "")], "")
            return collation_key(render(node, ctx))
        if hasattr(value, "sort_key"):
            return value.sort_key()
        if variable in NUMERIC_VARIABLES:
            m = re.match(r"\s*(\d+)", str(value))
            return (int(m.group(1)), str(value)) if m else (10**9, str(value))
        from .richtext import parse

        return collation_key(parse(str(value)))
    macro = proc.macros.get(key.get("macro"))
    if macro is None:
        return None
    text = render_children(macro, ctx)
    return collation_key(text) if rich.plain(text) else None


def _int(value):
    return int(value) if value not in (None, "") else None


def key_values(items: list[dict], sort_node, proc, for_: str) -> tuple[dict[str, list], list[bool]]:
    """({item id: [the value of each key]}, [whether each key is descending]) for ``sort_node``."""
    keys = [k for k in sort_node.children if k.tag == "key"]
    proc.sorting_for = for_
    values = {item["id"]: [_key_value(k, item, proc) for k in keys] for item in items}
    return values, [k.get("sort", "ascending") == "descending" for k in keys]


def compare_values(a: list, b: list, directions: list[bool]) -> int:
    """-1, 0 or 1: key by key, an empty value after the others in either direction."""
    for va, vb, descending in zip(a, b, directions):
        if va == vb:
            continue
        if va is None or va == "":
            return 1
        if vb is None or vb == "":
            return -1
        try:
            less = va < vb
        except TypeError:
            less = str(va) < str(vb)
        result = -1 if less else 1
        return -result if descending else result
    return 0


def sort_items(items: list[dict], sort_node, proc, for_: str) -> list[dict]:
    """``items`` in the order of ``sort_node``'s keys (stable: ties keep their order)."""
    if sort_node is None or not items:
        return list(items)
    values, directions = key_values(items, sort_node, proc, for_)
    return sorted(items, key=cmp_to_key(lambda a, b: compare_values(values[a["id"]], values[b["id"]], directions)))
