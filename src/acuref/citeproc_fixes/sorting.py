"""Sorting (CSL 1.0.2 "Sorting").

- a sort key given by a macro that calls another macro (``<text macro=…>``) lost the sort options,
  so names were compared in display order ("Lin, J. G., M. W. Lo" before "…, P. Kotha") rather than
  family-first as CSL sorts them;
- year suffixes are not part of sort keys (state.SORTING, read by render's suffixed years);
- a lone cite needs no sort keys (each costs macro renderings).
Fixtures: sort_* in tests/csl_suite/passing.txt."""

from __future__ import annotations

from .state import SORTING


def install(model) -> None:
    original_text_process = model.Text.process

    def text_process(self, item, context=None, **kwargs):
        sort_options = kwargs.get("sort_options")
        if "macro" in self.attrib and sort_options is not None:
            try:
                language = item.reference.language[:2]
            except Exception:  # noqa: BLE001 - citeproc's VariableError when there is no language
                language = self.get_root().get("default-locale", "en")[:2]
            macro = self.get_macro(self.get("macro"))
            return macro.render(item, context if context is not None else self, sort_options=sort_options), language
        return original_text_process(self, item, context=context, **kwargs)

    model.Text.process = text_process

    original_sort = model.Sort.sort

    def sort(self, items, context):
        if len(items) < 2:
            return list(items)
        token = SORTING.set(True)
        try:
            return original_sort(self, items, context)
        finally:
            SORTING.reset(token)

    model.Sort.sort = sort
