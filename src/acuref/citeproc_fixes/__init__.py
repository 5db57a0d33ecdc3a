"""Corrections to citeproc-py, installed once when acuref renders (see :func:`apply`).

Each module closes one difference between citeproc-py and the CSL 1.0.2 specification (as
citeproc-js, the reference implementation, reads it), names the spec section it implements and the
CSL test-suite fixtures that prove it (tests/csl_suite).  They replace or wrap citeproc-py's own
methods, private ones included, so they are written against one exact release: pyproject.toml pins
citeproc-py to it, and :func:`apply` refuses any other version rather than render wrongly.

Per-render state lives in context variables (:mod:`.state`), so renders never leak into each other.
"""

from __future__ import annotations

from .state import ADD_NAMES, AMBIGUOUS, ENTRY_NAMES, SORT_FAMILY, SORTING, EntryNames
from .titlecase import title_case

#: the citeproc-py release these corrections are written against (pinned in pyproject.toml)
CITEPROC_PY_VERSION = "0.11.1"

__all__ = ["ADD_NAMES", "AMBIGUOUS", "ENTRY_NAMES", "SORT_FAMILY", "SORTING", "EntryNames", "apply", "title_case"]

_applied = False


def apply() -> None:
    """Install the corrections into citeproc-py (idempotent).

    Raises RuntimeError when the installed citeproc-py is not :data:`CITEPROC_PY_VERSION`."""
    global _applied
    if _applied:
        return
    import citeproc
    from citeproc import model

    found = getattr(citeproc, "__version__", "unknown")
    if found != CITEPROC_PY_VERSION:
        raise RuntimeError(f"acuref's CSL corrections are written for citeproc-py {CITEPROC_PY_VERSION}, "
                           f"found {found}: install citeproc-py=={CITEPROC_PY_VERSION}")
    from . import (coercion, collapse, collation, conditions, dateranges, dates, labels, locators,
                   namelist, names, numbers, sorting, speed, substitute, titlecase)

    for module in (titlecase, numbers, conditions, namelist, names, substitute, sorting, collation, dates,
                   dateranges, labels, locators, collapse, speed, coercion):
        module.install(model)
    _applied = True
