"""acuref: a reference and citation manager for evidence-based health writing.

The library is the product; the ``acuref`` command is a thin layer over it.
"""

from .errors import AcurefError, AmbiguousError, ExitStatus, InvalidInputError, InvalidStoreError, NotFoundError, Problem
from .keys import generate_key, resolve
from .model import DESIGNS, Claim, Name, Reference, Store, to_csl
from .query import search, select
from .store import dumps, find_store, load, loads, save, update, validate

__version__ = "0.1.0"

__all__ = [
    "AcurefError", "AmbiguousError", "ExitStatus", "InvalidInputError", "InvalidStoreError", "NotFoundError",
    "Problem", "generate_key", "resolve", "DESIGNS", "Claim", "Name", "Reference", "Store", "to_csl", "search",
    "select", "dumps", "find_store", "load", "loads", "save", "update", "validate",
]
