"""Names (CSL 1.0.2 "Names", "Name", "Disambiguation", "Sorting", "Bibliography-specific options").

- sort keys use the first author's family name as stored, not as disambiguation changed it
  (state.SORT_FAMILY); demote-non-dropping-particle="sort-only" sorts "van den Berg" under B;
- disambiguate-add-names: citeproc-py has none; the items that need it show more names before
  "et al." (state.ADD_NAMES), in citations and, as citeproc-js does, in their bibliography entries;
- subsequent-author-substitute ("complete-all"): the first cs:names of an entry is recorded and
  replaced by the substitute (state.ENTRY_NAMES);
- initialize="false" (311 styles, MLA among them), which citeproc-py ignores: full given names
  stay whole; only initials already there get the initialize-with mark ("James T" → "James T.").
Fixtures: name_*, nameattr_*, sort_*, disambiguate_* in tests/csl_suite/passing.txt."""

from __future__ import annotations

import re

from .state import ADD_NAMES, CURRENT_ITEM, ENTRY_NAMES, SORT_FAMILY


def install(model) -> None:
    original_process = model.Name.process
    original_option = model.Name.get_option

    def name_process(self, item, variable, context=None, sort_options=None, **kwargs):
        key = getattr(item, "key", None)
        token = CURRENT_ITEM.set(key)
        original = SORT_FAMILY.get().get(key) if sort_options is not None and variable == "author" else None
        first = (item.reference.get("author") or [None])[0] if original is not None else None
        shown = first.get("family") if first is not None else None
        if first is not None:
            first["family"] = original
        try:
            return original_process(self, item, variable, context=context, sort_options=sort_options, **kwargs)
        finally:
            if first is not None:
                first["family"] = shown
            CURRENT_ITEM.reset(token)

    def name_option(self, name, context=None, sort_options=None):
        value = original_option(self, name, context, sort_options)
        if name == "demote-non-dropping-particle" and sort_options is not None and value == "sort-only":
            return "display-and-sort"  # sort "van den Berg" under B, as the style asks
        if name == "et-al-use-first" and sort_options is None:
            wanted = ADD_NAMES.get().get(CURRENT_ITEM.get())
            if wanted:  # citeproc-js shows the added names in bibliography entries too
                return max(value, wanted)
        return value

    model.Name.process = name_process
    model.Name.get_option = name_option

    original_names_process = model.Names.process

    def names_process(self, item, names_context=None, context=None, **kwargs):
        entry = ENTRY_NAMES.get()
        if entry is None or kwargs.get("sort_options") is not None:
            return original_names_process(self, item, names_context=names_context, context=context, **kwargs)
        entry.depth += 1
        try:
            text = original_names_process(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            entry.depth -= 1
        if entry.depth == 0 and entry.first is None and text:
            entry.first = str(text)
            if entry.substitute is not None:
                return self.preformat(entry.substitute)
        return text

    model.Names.process = names_process

    original_initialize = model.Name.initialize

    def initialize(self, given, mark, context):
        if _inherited(self, "initialize") != "false":
            return original_initialize(self, given, mark, context)
        if all(len(part) == 1 for part in re.split(r"[\s.\-]+", given) if part):
            return original_initialize(self, given, mark, context)
        return " ".join(token[0] + mark.rstrip() if re.fullmatch(r"[^\W\d_]\.?", token) else token
                        for token in given.split())

    model.Name.initialize = initialize


def _inherited(element, attribute: str) -> str | None:
    """An inheritable name option: on the element, else its cs:citation/cs:bibliography, else cs:style."""
    value = element.get(attribute)
    if value is not None:
        return value
    for ancestor in element.iterancestors():
        if ancestor.tag.endswith(("}citation", "}bibliography", "}style")) and ancestor.get(attribute) is not None:
            return ancestor.get(attribute)
    return None
