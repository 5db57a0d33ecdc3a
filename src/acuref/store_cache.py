"""The store's load cache: a valid store kept as marshalled plain data, so the next load of the same bytes
skips TOML parsing and validation (used by :func:`acuref.store.load`)."""

from __future__ import annotations

import collections.abc
import os
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Mapping

from .dates import Date
from .errors import StoreWriteError
from .model import DATE_VARIABLES, NAME_VARIABLES, Claim, Name, Reference, Store


# --- the load cache -------------------------------------------------------------------
#
# Parsing TOML is the cost of loading a large store (tomllib needs about 2 s for 10,000
# references), and ``acuref cite`` must start in a fraction of that. So load() keeps each
# valid store it parsed as marshalled plain data (no code, unlike pickle) in a per-user
# folder, under a name derived from the store's absolute path. An entry is used only when
# the store's bytes hash to the digest it was made from and acuref's version, the store
# and model code, and Python's marshal format are those that wrote it; its own checksum
# must also hold. Anything else (missing, stale, truncated, corrupt, foreign-owned) is
# ignored and replaced, so the cache can never be trusted over the store. References are
# rebuilt on first use, so one cite in a large store builds only the few it names.

_CACHE_MAGIC = b"acuref-store-cache\x001\n"


def _cache_entry(folder: Path, path: Path, data: bytes) -> tuple[Path, tuple]:
    """The cache file for the store at ``path``, and the stamp an entry must carry to be used."""
    import hashlib
    import marshal
    import sys

    from . import __version__, dates, model, names, store, store_validate

    where = os.path.abspath(path)
    code = tuple((st.st_size, st.st_mtime_ns) for st in map(os.stat, (__file__, store.__file__, store_validate.__file__,
                                                                      model.__file__, dates.__file__, names.__file__)))
    stamp = (where, hashlib.sha1(data, usedforsecurity=False).hexdigest(), __version__, code,
             sys.version_info[:2], marshal.version)
    name = hashlib.sha1(where.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[:24]
    return folder / f"store-{name}.marshal", stamp


def _read_cache(entry: Path, stamp: tuple) -> Store | None:
    """The store kept in ``entry`` if it carries ``stamp`` and is intact, else None."""
    import marshal
    import zlib

    try:
        with open(entry, "rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # not ours: never load data another user could have written
            blob = handle.read()
        head = len(_CACHE_MAGIC) + 4
        payload = memoryview(blob)[head:]
        if not blob.startswith(_CACHE_MAGIC) or blob[len(_CACHE_MAGIC):head] != zlib.crc32(payload).to_bytes(4, "big"):
            return None
        kept, keys, rows, claims, schema = marshal.loads(payload)
        if kept != stamp or len(keys) != len(rows):
            return None
        return Store(references=_LazyReferences(dict(zip(keys, rows))),
                     claims=tuple(Claim(*row) for row in claims), schema=schema)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write_cache(entry: Path, stamp: tuple, store: Store) -> None:
    """Keep ``store`` in ``entry``, atomically; a cache that cannot be written is no error."""
    import marshal
    import zlib

    rows = tuple(marshal.dumps(_reference_row(ref)) for ref in store)
    claims = tuple(map(_row_layout()[2], store.claims))
    payload = marshal.dumps((stamp, tuple(store.references), rows, claims, store.schema))
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        from .store_write import write_atomic

        write_atomic(entry, _CACHE_MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload, durable=False)
    except (OSError, StoreWriteError):
        pass


@lru_cache(maxsize=1)
def _row_layout() -> tuple[Callable, Callable, Callable, int, int, int, Callable]:
    """Getters for a reference's, a name's and a claim's fields in their dataclass order, and where
    ``author`` and ``fields`` sit in a reference's row."""
    from dataclasses import fields
    from operator import attrgetter

    ref_fields = [f.name for f in fields(Reference)]
    return (attrgetter(*ref_fields), attrgetter(*(f.name for f in fields(Name))),
            attrgetter(*(f.name for f in fields(Claim))), ref_fields.index("author"), ref_fields.index("fields"),
            ref_fields.index("issued"), attrgetter(*(f.name for f in fields(Date))))


def _reference_row(ref: Reference) -> tuple:
    """A reference as plain data for marshal: its fields in order, names as tuples of their parts."""
    get_ref, get_name, _, author, fields, issued, get_date = _row_layout()
    row = list(get_ref(ref))
    row[author] = tuple(map(get_name, ref.author))
    row[issued] = get_date(ref.issued)
    row[fields] = {var: tuple(map(get_name, value)) if var in NAME_VARIABLES
                   else get_date(value) if var in DATE_VARIABLES else value
                   for var, value in ref.fields.items()}
    return tuple(row)


def _reference_from_row(row: tuple) -> Reference:
    _, _, _, author, fields, issued, _ = _row_layout()
    row = list(row)
    row[author] = tuple(Name(*n) for n in row[author])
    row[issued] = Date(*row[issued])
    row[fields] = {var: tuple(Name(*n) for n in value) if var in NAME_VARIABLES
                   else Date(*value) if var in DATE_VARIABLES else value
                   for var, value in row[fields].items()}
    return Reference(*row)


class _LazyReferences(collections.abc.Mapping):
    """The references of a cached store, in file order, each rebuilt from its row on first use.

    Behaves as the read-only ``dict`` a parsed store has (equality, order, ``dict(...)``);
    it pickles and copies as that plain dict.
    """

    def __init__(self, rows: dict[str, bytes]) -> None:
        self._rows = rows
        self._built: dict[str, Reference] = {}

    def __getitem__(self, key: str) -> Reference:
        try:
            return self._built[key]
        except KeyError:
            pass
        import marshal

        ref = self._built[key] = _reference_from_row(marshal.loads(self._rows[key]))
        return ref

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        return dict(self.items()) == other if isinstance(other, Mapping) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a dict's

    def __reduce__(self):
        return dict, (dict(self.items()),)

    def __repr__(self) -> str:
        return repr(dict(self.items()))
