"""Per-render state the corrections read, in context variables so renders never leak into each other.

:mod:`acuref.render` sets them around the citeproc calls of one render."""

from __future__ import annotations

import contextvars

#: item id → how many names a citation shows before "et al." (disambiguate-add-names)
ADD_NAMES: contextvars.ContextVar[dict] = contextvars.ContextVar("acuref_add_names", default={})
#: item ids that stay ambiguous after names were added (for <if disambiguate="true">)
AMBIGUOUS: contextvars.ContextVar[frozenset] = contextvars.ContextVar("acuref_ambiguous", default=frozenset())
#: item id → the first author's family name before disambiguation put initials in front of it: sort
#: keys use it, as citeproc-js sorts on the name as stored, not on its disambiguated form.
SORT_FAMILY: contextvars.ContextVar[dict] = contextvars.ContextVar("acuref_sort_family", default={})
#: true while citeproc computes sort keys: year suffixes are not part of them (citeproc-js)
SORTING: contextvars.ContextVar[bool] = contextvars.ContextVar("acuref_sorting", default=False)
#: the item whose names are being rendered (for ADD_NAMES)
CURRENT_ITEM: contextvars.ContextVar[str | None] = contextvars.ContextVar("acuref_current_item", default=None)


class EntryNames:
    """Per bibliography entry: the text of its first (outermost) cs:names, and the
    subsequent-author-substitute string to print instead of it, which citeproc-py does not support."""

    def __init__(self, substitute: str | None = None):
        self.first: str | None = None
        self.substitute = substitute
        self.depth = 0


ENTRY_NAMES: contextvars.ContextVar[EntryNames | None] = contextvars.ContextVar("acuref_entry_names", default=None)
