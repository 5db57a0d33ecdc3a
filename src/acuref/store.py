"""Find, load, validate and save the TOML reference store.

Loading parses with :mod:`tomllib` and validates into a list of located
problems, all reported at once. Saving lives in :mod:`acuref.store_write`
(its names are importable from here): deterministic (a save without changes
is byte-identical), comment-keeping, atomic and serialised by a lock file.
"""

from __future__ import annotations

import collections.abc
import os
import re
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from .cachedir import cache_dir
from .errors import FileReadError, InvalidStoreError, Problem, StoreWriteError
from .model import (
    ACUREF_FIELDS,
    ACUREF_LIST_FIELDS,
    CSL_TYPES,
    DATE_VARIABLES,
    DESIGNS,
    NAME_VARIABLES,
    SCHEMA_VERSION,
    TEXT_VARIABLES,
    Claim,
    Name,
    Reference,
    Store,
    _field_sort_key,
    name_to_csl,
)
from .dates import Date, DateError, from_toml as date_from_toml
from .names import InvalidNameError, name_from_csl

STORE_ENV = "ACUREF_STORE"
STORE_NAMES = ("references.toml", "data/references.toml")

#: A citation key as BibTeX and biber accept it: no white space, none of , { } ( ) " ' \\ = %
#: ("HFH+:WEKA:09" is a key). pandoc cites keys with other punctuation as @{key}.
KEY_RE = re.compile(r"^[^\s,{}()\"'\\=%]+$")

CLAIM_FIELDS = ("id", "article", "topic", "group", "condition", "text", "cites", "cited-as", "line")


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
        raise InvalidStoreError(f"{path}: {n} problem{'s' if n != 1 else ''} in the store", problems)
    return store


def validate(path: str | os.PathLike) -> list[Problem]:
    """Every problem in the store at ``path`` (empty when it is valid)."""
    path = Path(path)
    try:
        text = read_text(path)
    except InvalidStoreError as exc:
        return exc.problems
    return parse(text, str(path))[1]


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse(text: str, path: str = "<store>") -> tuple[Store, list[Problem]]:
    """Parse store text into a :class:`Store` and the problems found (pure: no I/O)."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        return Store(), [Problem(path, line, col, "TOML syntax error: " + _TOML_POS.sub("", msg).strip())]
    return _Validator(text, path).build(data)


class _Locator:
    """Finds the line of a table or field in the raw text (tomllib gives no positions)."""

    _HEADER = re.compile(r"^\s*\[\s*references\s*\.\s*(\"(?:[^\"\\]|\\.)*\"|'[^']*'|[A-Za-z0-9_\-]+)\s*\]")
    _CLAIM = re.compile(r"^\s*\[\[\s*claims\s*\]\]")
    _FIELD = re.compile(r"^\s*(\"[^\"]*\"|[A-Za-z0-9_\-]+)\s*=")

    def __init__(self, text: str) -> None:
        self.tables: dict[tuple[str, Any], int] = {}
        self.fields: dict[tuple[str, Any, str], int] = {}
        current: tuple[str, Any] | None = None
        claims = -1
        for lineno, line in enumerate(text.splitlines(), 1):
            if m := self._HEADER.match(line):
                key = m.group(1)
                if key[0] in "\"'":
                    key = key[1:-1]
                current = ("references", key)
                self.tables.setdefault(current, lineno)
            elif self._CLAIM.match(line):
                claims += 1
                current = ("claims", claims)
                self.tables[current] = lineno
            elif line.lstrip().startswith("["):
                current = None
            elif current and (m := self._FIELD.match(line)):
                self.fields.setdefault((*current, m.group(1).strip('"')), lineno)

    def line(self, section: str, ident: Any, name: str | None = None) -> int | None:
        if name is not None and (section, ident, name) in self.fields:
            return self.fields[(section, ident, name)]
        return self.tables.get((section, ident))


class _Validator:
    """Builds the store from parsed TOML, collecting problems.

    Lines are looked up only for problems: the locator's pass over the text is a
    tenth of a 10,000-reference load, wasted on a valid store. So ``names`` and
    ``date`` get a line as a callable, which :meth:`problem` calls.
    """

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.text = text
        self._loc: _Locator | None = None
        self.problems: list[Problem] = []

    @property
    def loc(self) -> _Locator:
        if self._loc is None:
            self._loc = _Locator(self.text)
        return self._loc

    def line(self, section: str, ident: Any, name: str | None = None) -> int | None:
        return self.loc.line(section, ident, name)

    def problem(self, line: int | None | Callable[[], int | None], message: str) -> None:
        self.problems.append(Problem(self.path, line() if callable(line) else line, None, message))

    def build(self, data: dict) -> tuple[Store, list[Problem]]:
        for top in data:
            if top not in ("schema", "references", "claims"):
                self.problem(None, f"unknown top-level field {top!r} (expected schema, references, claims)")
        schema = data.get("schema", SCHEMA_VERSION)
        if not isinstance(schema, int) or isinstance(schema, bool):
            self.problem(1, f"schema must be an integer, not {schema!r}")
            schema = SCHEMA_VERSION
        elif schema > SCHEMA_VERSION:
            self.problem(1, f"schema {schema} is newer than this acuref understands ({SCHEMA_VERSION}); upgrade acuref")
        raw_refs = data.get("references", {})
        if not isinstance(raw_refs, dict):
            self.problem(None, "references must be a table of [references.KEY] tables")
            raw_refs = {}
        references: dict[str, Reference] = {}
        for key, raw in raw_refs.items():
            ref = self.reference(key, raw)
            if ref is not None:
                references[key] = ref
        self.check_keys(references, set(raw_refs))
        claims = self.claims(data.get("claims", []), references, set(raw_refs))
        self.problems.sort(key=lambda p: (p.line or 0, p.message))
        return Store(references=references, claims=claims, schema=schema), self.problems

    # references

    def reference(self, key: str, raw: Any) -> Reference | None:
        at = lambda name=None: self.loc.line("references", key, name)  # noqa: E731
        if not KEY_RE.match(key):
            self.problem(at(), f"{key!r} is not a usable citation key (no spaces and none of , {{ }} ( ) \" ' \\ = %)")
        if not isinstance(raw, dict):
            self.problem(at(), f"references.{key} must be a table")
            return None
        values: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        ok = True
        for name, value in raw.items():
            where = f"{key}: field {name!r}"
            if name in NAME_VARIABLES:
                names = self.names(value, where, partial(at, name))
                if names is None:
                    ok = False
                elif name == "author":
                    values["author"] = names
                else:
                    fields[name] = names
            elif name in DATE_VARIABLES:
                parts = self.date(value, where, partial(at, name))
                if parts is None:
                    ok = False
                elif name == "issued":
                    values["issued"] = parts
                else:
                    fields[name] = parts
            elif name in TEXT_VARIABLES or name == "type":
                if not isinstance(value, str):
                    self.problem(at(name), f"{where} must be a string, not {_tname(value)}" + (f' (write "{value}")' if isinstance(value, int) else ""))
                    ok = False
                elif name in ("type", "title"):
                    values[name] = value
                else:
                    fields[name] = value
            elif name in ACUREF_LIST_FIELDS:
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    self.problem(at(name), f"{where} must be a list of strings")
                    ok = False
                elif name == "updates" and (bad := _update_problems(value)):
                    for message in bad:
                        self.problem(at(name), f"{where}: {message}")
                    ok = False
                else:
                    values[name.replace("-", "_")] = tuple(value)
            elif name in ("original", "notes", "design"):
                if not isinstance(value, str):
                    self.problem(at(name), f"{where} must be a string, not {_tname(value)}")
                    ok = False
                else:
                    values[name] = value
            else:
                self.problem(at(name), f"{key}: unknown field {name!r}" + _did_you_mean(name, _KNOWN_FIELDS))
                ok = False
        ref_type = values.get("type", "article-journal")
        if "type" not in raw:
            self.problem(at(), f"{key}: missing field 'type'")
            ok = False
        elif isinstance(raw["type"], str) and ref_type not in CSL_TYPES:
            self.problem(at("type"), f"{key}: unknown type {ref_type!r}" + _did_you_mean(ref_type, CSL_TYPES))
            ok = False
        missing = set(values.get("missing", ()))
        if not values.get("title") and "title" not in missing and "title" not in raw:
            self.problem(at(), f"{key}: missing title (list it in 'missing' if the source gives none)")
            ok = False
        if "issued" not in values and "issued" not in missing and "issued" not in raw:
            self.problem(at(), f"{key}: missing year ('issued'; list it in 'missing' if the source gives none)")
            ok = False
        design = values.get("design", "unknown")
        if design not in DESIGNS:
            self.problem(at("design"), f"{key}: unknown design {design!r} (one of: {', '.join(DESIGNS)})")
            ok = False
        for var in values.get("truncated", ()):
            if var not in NAME_VARIABLES:
                self.problem(at("truncated"), f"{key}: 'truncated' lists {var!r}, which is not a CSL name variable")
                ok = False
        for alias in values.get("aliases", ()):
            if not KEY_RE.match(alias):
                self.problem(at("aliases"), f"{key}: alias {alias!r} is not a usable citation key")
                ok = False
        if not ok:
            return None
        return Reference(key=key, fields=fields, **values)

    def names(self, value: Any, where: str, line: Callable[[], int | None]) -> tuple[Name, ...] | None:
        if not isinstance(value, list):
            self.problem(line, f"{where} must be a list of names ({{ family = …, given = … }} or {{ literal = … }})")
            return None
        out = []
        for i, item in enumerate(value, 1):
            if not isinstance(item, dict):
                self.problem(line, f"{where}: name {i} must be a table such as {{ family = \"Smith\", given = \"J.\" }}, not {_tname(item)}")
                return None
            try:
                out.append(name_from_csl(item, strict=True))
            except InvalidNameError as exc:
                self.problem(line, f"{where}: name {i}: {exc}")
                return None
        return tuple(out)

    def date(self, value: Any, where: str, line: Callable[[], int | None]) -> Date | None:
        try:
            return date_from_toml(value)
        except DateError as exc:
            self.problem(line, f"{where}: {exc}")
            return None

    def check_keys(self, references: dict[str, Reference], all_keys: set[str]) -> None:
        owner: dict[str, str] = {}
        for ref in references.values():
            for alias in ref.aliases:
                line = partial(self.line, "references", ref.key, "aliases")
                if alias in all_keys:
                    self.problem(line, f"{ref.key}: alias {alias!r} collides with the key of another reference")
                elif alias in owner and owner[alias] != ref.key:
                    self.problem(line, f"{ref.key}: alias {alias!r} is also an alias of {owner[alias]!r}")
                owner[alias] = ref.key
        known = all_keys | set(owner)
        for ref in references.values():
            for other in ref.distinct:
                if other not in known:
                    self.problem(self.loc.line("references", ref.key, "distinct"), f"{ref.key}: 'distinct' names unknown key {other!r}")

    # claims

    def claims(self, raw: Any, references: dict[str, Reference], all_keys: set[str]) -> tuple[Claim, ...]:
        if not isinstance(raw, list):
            self.problem(None, "claims must be an array of [[claims]] tables")
            return ()
        resolvable = all_keys | {a for r in references.values() for a in r.aliases}
        seen: dict[str, Callable[[], int | None]] = {}
        out = []
        for i, item in enumerate(raw):
            at = lambda name=None: self.loc.line("claims", i, name)  # noqa: E731
            if not isinstance(item, dict):
                self.problem(at(), f"claim {i + 1} must be a table")
                continue
            label = f"claim {item.get('id', i + 1)!r}" if isinstance(item.get("id"), str) else f"claim {i + 1}"
            bad = False
            for name, value in item.items():
                if name not in CLAIM_FIELDS:
                    self.problem(at(name), f"{label}: unknown field {name!r}" + _did_you_mean(name, CLAIM_FIELDS))
                    bad = True
                elif name in ("cites", "cited-as"):
                    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                        self.problem(at(name), f"{label}: {name!r} must be a list of strings")
                        bad = True
                elif name == "line":
                    if not isinstance(value, int) or isinstance(value, bool):
                        self.problem(at(name), f"{label}: 'line' must be an integer")
                        bad = True
                elif not isinstance(value, str):
                    self.problem(at(name), f"{label}: {name!r} must be a string, not {_tname(value)}")
                    bad = True
            for required in ("id", "text"):
                if not item.get(required):
                    self.problem(at(), f"{label}: missing {required!r}")
                    bad = True
            if bad:
                continue
            cid = item["id"]
            if cid in seen:
                self.problem(at("id"), f"{label}: id repeats the claim at line {seen[cid]() or 0}")
            seen.setdefault(cid, partial(self.line, "claims", i, "id"))
            for cited in item.get("cites", []):
                if cited not in resolvable:
                    self.problem(at("cites"), f"{label} cites unknown key {cited!r}" + _did_you_mean(cited, resolvable))
            out.append(Claim(id=cid, text=item["text"], cites=tuple(item.get("cites", ())), topic=item.get("topic", ""),
                             group=item.get("group", ""), condition=item.get("condition", ""),
                             article=item.get("article", ""), cited_as=tuple(item.get("cited-as", ())),
                             line=item.get("line")))
        return tuple(out)


def reference_problems(ref: Reference) -> list[str]:
    """Why REF could not be kept in a store (empty when it can): the store's own validation of
    the table it would be written as, so an import refuses such a reference at its input line
    instead of failing on a store that was never written."""
    table = to_toml_data(Store(references={ref.key: ref}))["references"][ref.key]
    checker = _Validator("", "<reference>")
    checker._loc = _Locator("")
    checker.reference(ref.key, table)
    problems = [p.message for p in checker.problems]
    if any(_has_surrogate(v) for v in _strings(table)):
        problems.append(f"{ref.key}: text that is not valid Unicode (a lone surrogate)")
    return problems


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_KNOWN_FIELDS = NAME_VARIABLES | DATE_VARIABLES | TEXT_VARIABLES | {"type"} | set(ACUREF_FIELDS)


def _update_problems(entries: list[str]) -> list[str]:
    from .updates import problems

    return problems(entries)


def _did_you_mean(word: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def _tname(value: Any) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


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

    from . import __version__, dates, model, names

    where = os.path.abspath(path)
    code = tuple((st.st_size, st.st_mtime_ns) for st in map(os.stat, (__file__, model.__file__, dates.__file__,
                                                                      names.__file__)))
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
