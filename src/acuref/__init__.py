"""acuref: a reference and citation manager for evidence-based health writing.

The library is the product; the ``acuref`` command is a thin layer over it.
Names are imported on first use (PEP 562), so ``import acuref`` costs
nothing for a command that needs only part of the library.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "errors": ("AcurefError", "AmbiguousError", "ExitStatus", "InvalidInputError", "InvalidStoreError",
               "NotFoundError", "Problem"),
    "keys": ("generate_key", "resolve"),
    "model": ("DESIGNS", "Claim", "Name", "Reference", "Store", "to_csl"),
    "query": ("search", "select"),
    "parser": ("parse_string",),  # one pasted reference string → reference + per-field confidence
    "formats.text": ("parse_references",),  # a pasted list → each string's reference + confidence
    "store": ("dumps", "find_store", "load", "loads", "save", "update", "validate"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module 'acuref' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
