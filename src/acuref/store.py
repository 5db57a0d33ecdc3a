"""Find, load, validate and save the TOML reference store.

Loading parses with :mod:`tomllib` and validates (:mod:`acuref.store_validate`) into a list of located
problems, all reported at once; a valid store is kept in the load cache (:mod:`acuref.store_cache`). Saving lives in :mod:`acuref.store_write`
(its names are importable from here): deterministic (a save without changes
is byte-identical), comment-keeping, atomic and serialised by a lock file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .cachedir import cache_dir
from .errors import FileReadError, InvalidStoreError, Problem
from .wording import count
from .model import ACUREF_FIELDS, DATE_VARIABLES, NAME_VARIABLES, Claim, Store, _field_sort_key, name_to_csl
from .store_cache import _cache_entry, _read_cache, _write_cache  # noqa: F401 - the load cache
from .store_validate import CLAIM_FIELDS, KEY_RE, _Locator, _Validator, parse, reference_problems  # noqa: F401

STORE_ENV = "ACUREF_STORE"
STORE_NAMES = ("references.toml", "data/references.toml")

# --- finding the store ----------------------------------------------------------------


@dataclass(frozen=True)
class StoreLocation:
    """Where the store is, and how it was found (``option``, ``env``, ``found``, ``config``, ``bundled``)."""

    path: Path
    how: str

    @property
    def writable(self) -> bool:
        return self.how != "bundled"


def bundled_store_path() -> Path:
    """The curated store shipped with acuref (inside the wheel, or the source checkout)."""
    packaged = Path(__file__).with_name("_data") / "references.toml"
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "references.toml"


def find_store(option: str | os.PathLike | None = None, cwd: Path | None = None,
               environ: Mapping[str, str] | None = None) -> StoreLocation:
    """``--store``, else ``$ACUREF_STORE``, else a store found upwards from cwd, else the config file's
    ``store`` (:mod:`acuref.settings`), else the bundled one."""
    environ = os.environ if environ is None else environ
    if option:
        return StoreLocation(Path(option), "option")
    if environ.get(STORE_ENV):
        return StoreLocation(Path(environ[STORE_ENV]), "env")
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in STORE_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return StoreLocation(candidate, "found")
    from .settings import configured  # the user's config file (acuref.settings)

    if (setting := configured("store", environ)) is not None:
        return StoreLocation(Path(setting.value), "config")
    return StoreLocation(bundled_store_path(), "bundled")


# --- loading --------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileReadError(path, "no such file") from None
    except OSError as exc:
        raise FileReadError(path, exc.strerror or str(exc)) from None


def decode(data: bytes, path: Path) -> str:
    """The store's bytes as text; bytes that are not UTF-8 are a located store problem."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = exc.object[: exc.start]
        line, column = head.count(b"\n") + 1, exc.start - head.rfind(b"\n")
        raise InvalidStoreError(f"{path} is not valid UTF-8",
                                [Problem(str(path), line, column, f"not UTF-8: {exc.reason}")]) from None


def read_text(path: Path) -> str:
    return decode(read_bytes(path), path)


def load(path: str | os.PathLike, *, missing_ok: bool = False) -> Store:
    """Load and validate a store; raise :class:`InvalidStoreError` listing every problem.

    A valid store is kept in the load cache (see :func:`cache_dir`), so the next
    load of the same unchanged bytes skips TOML parsing and validation.
    """
    path = Path(path)
    if missing_ok and not path.exists():
        return Store()
    data = read_bytes(path)
    folder = cache_dir()
    if folder is None:
        return loads(decode(data, path), str(path))
    entry, stamp = _cache_entry(folder, path, data)
    cached = _read_cache(entry, stamp)
    if cached is not None:
        return cached
    store = loads(decode(data, path), str(path))
    _write_cache(entry, stamp, store)
    return store


def loads(text: str, path: str = "<store>") -> Store:
    from .bulk import gc_paused

    with gc_paused():
        store, problems = parse(text, path)
    if problems:
        n = len(problems)
        raise InvalidStoreError(f"{path}: {count(n, 'problem')} in the store", problems)
    return store


def validate(path: str | os.PathLike) -> list[Problem]:
    """Every problem in the store at ``path`` (empty when it is valid)."""
    path = Path(path)
    try:
        text = read_text(path)
    except InvalidStoreError as exc:
        return exc.problems
    return parse(text, str(path))[1]


# --- saving ---------------------------------------------------------------------------


def to_toml_data(store: Store) -> dict[str, Any]:
    """The store as plain TOML data, in the canonical order."""
    refs: dict[str, Any] = {}
    for ref in store.references.values():
        table: dict[str, Any] = {"type": ref.type}
        if ref.title:
            table["title"] = ref.title
        if ref.author:
            table["author"] = [name_to_csl(n) for n in ref.author]
        if ref.issued:
            table["issued"] = ref.issued.to_toml()
        for var in sorted(ref.fields, key=_field_sort_key):
            value = ref.fields[var]
            if var in NAME_VARIABLES:
                table[var] = [name_to_csl(n) for n in value]
            elif var in DATE_VARIABLES:
                table[var] = value.to_toml()
            else:
                table[var] = value
        for name in ACUREF_FIELDS:
            value = getattr(ref, name.replace("-", "_"))
            if value or name == "design":
                table[name] = list(value) if isinstance(value, tuple) else value
        refs[ref.key] = table
    data: dict[str, Any] = {"schema": store.schema, "references": refs}
    if store.claims:
        data["claims"] = [_claim_table(c) for c in store.claims]
    return data


def _claim_table(claim: Claim) -> dict[str, Any]:
    table: dict[str, Any] = {"id": claim.id}
    for name in ("article", "topic", "group", "condition", "text"):
        if getattr(claim, name):
            table[name] = getattr(claim, name)
    table["cites"] = list(claim.cites)
    if claim.cited_as:
        table["cited-as"] = list(claim.cited_as)
    if claim.line is not None:
        table["line"] = claim.line
    return table


def _remember(path: Path, text: str, store: Store) -> None:
    """Put a store acuref just wrote (and so just parsed) in the load cache: the next load need not parse it."""
    folder = cache_dir()
    if folder is not None:
        _write_cache(*_cache_entry(folder, path, text.encode("utf-8")), store)


# The write half (kept importable from here for callers): comments kept, links followed, read-only
# refused, stale temporary files cleaned, atomic locked writes.
from .store_write import (  # noqa: E402
    HEADER,
    LOCK_TIMEOUT,
    check_writable,
    clean_stale_temporaries,
    compose,
    dumps,
    dumps_reference,
    locked,
    save,
    update,
    write_atomic,
)
