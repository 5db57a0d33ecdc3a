"""Changing one reference: set fields, edit its TOML, remove it, rename it. Pure functions over a Store.

Every change goes through the store's own TOML validation (a reference is turned into the table
the store holds, changed there, and read back by the store's reader), so a field set here is
checked exactly as a hand edit would be. Writing is the caller's job, with
:func:`acuref.store.update` (atomic, locked).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .wording import plural
from .errors import InvalidInputError, NotFoundError, Problem, ReferenceInUseError, UsageError
from .model import ACUREF_LIST_FIELDS, DATE_VARIABLES, NAME_VARIABLES, Claim, Reference, Store

#: List fields whose values ``set`` splits at commas; the others take one item per assignment.
SPLIT_LISTS = frozenset({"topics", "aliases", "name-variants", "missing", "distinct"})


def table_of(ref: Reference) -> dict[str, Any]:
    """The TOML table the store writes for ``ref`` (plain data: str, int, list, dict)."""
    from .store import to_toml_data

    return to_toml_data(Store(references={ref.key: ref}))["references"][ref.key]


def reference_text(ref: Reference) -> str:
    """``ref`` as the ``[references.KEY]`` TOML text the store holds for it."""
    from .store import dumps_reference

    return dumps_reference(ref)


def read_reference(text: str, key: str | None, path: str = "<reference>") -> tuple[Reference | None, list[Problem]]:
    """The one reference in TOML ``text`` (a ``[references.KEY]`` table), validated as the store validates.

    ``key`` (when given) is the key the table must keep. Returns (reference, []) or (None, problems).
    """
    import tomllib

    from .store import parse

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .store_validate import syntax_problem

        return None, [syntax_problem(exc, path, text)]
    refs = data.get("references")
    other = sorted(set(data) - {"references"})
    if other:
        return None, [Problem(path, None, None, f"only one [references.KEY] table belongs here, not {', '.join(other)}")]
    if not isinstance(refs, dict) or len(refs) != 1:
        return None, [Problem(path, None, None, "write exactly one [references.KEY] table")]
    (found,) = refs
    if key is not None and found != key:
        return None, [Problem(path, 1, None, f"the key must stay {key!r} (acuref rename {key} {found} renames it)")]
    store, problems = parse(text, path)
    if problems:
        return None, problems
    return store.references[found], []


def with_table(ref: Reference, table: dict[str, Any]) -> Reference:
    """``ref`` rebuilt from a changed TOML table; raises InvalidInputError listing every problem."""
    import tomli_w

    new, problems = read_reference(tomli_w.dumps({"references": {ref.key: table}}), ref.key, ref.key)
    if new is None:
        raise InvalidInputError(f"{ref.key}: the change makes the reference invalid", problems)
    return new


# --- set FIELD=VALUE ------------------------------------------------------------------


@dataclass(frozen=True)
class Assignment:
    """``field=value`` (replace; an empty value removes the field), ``field+=value`` (add to a list),
    ``field-=value`` (take from a list)."""

    field: str
    op: str  # "=", "+=", "-="
    value: str

    @classmethod
    def parse(cls, text: str) -> "Assignment":
        name, eq, value = text.partition("=")
        if not eq or not name.strip():
            raise UsageError(f"{text!r} is not FIELD=VALUE (also FIELD+=VALUE, FIELD-=VALUE for lists)")
        op = "="
        if name.endswith(("+", "-")):
            op, name = name[-1] + "=", name[:-1]
        return cls(name.strip(), op, value.strip())


def typed_value(name: str, value: str) -> Any:
    """A command-line value as the store's TOML type: names for name variables ("Deluze, C.; Bosia, L.",
    an organisation in braces "{World Health Organization}"), a year or [y, m, d] for dates
    ("1992", "1992-11-21"), a list for list fields (topics split at commas), else the string."""
    if name in NAME_VARIABLES:
        from .formats.common import split_name
        from .model import name_to_csl

        names = [name_to_csl(split_name(part)) for part in value.split(";") if part.strip()]
        if not names or not all(names):
            raise UsageError(f"{name}: cannot read {value!r} as names (write \"Family, Given; Family, Given\")")
        return names
    if name in DATE_VARIABLES:
        parts = value.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise UsageError(f"{name}: {value!r} is not a date (write 1992, 1992-11 or 1992-11-21)")
        numbers = [int(p) for p in parts]
        return numbers[0] if len(numbers) == 1 else numbers
    if name in ACUREF_LIST_FIELDS:
        items = value.split(",") if name in SPLIT_LISTS else [value]
        return list(dict.fromkeys(i.strip() for i in items if i.strip()))
    return value


def set_fields(ref: Reference, assignments: list[Assignment]) -> Reference:
    """``ref`` with every assignment applied in order; raises InvalidInputError when the result is invalid
    (unknown field, design or type, a bad date) and UsageError for a list operation on a non-list field."""
    table = table_of(ref)
    for a in assignments:
        if a.op != "=" and a.field not in ACUREF_LIST_FIELDS and a.field not in NAME_VARIABLES:
            raise UsageError(f"{a.field}{a.op}…: only list fields ({', '.join(ACUREF_LIST_FIELDS)}) and names take {a.op}")
        if a.op == "=" and not a.value:
            table.pop(a.field, None)
            continue
        value = typed_value(a.field, a.value)
        if a.op == "=":
            table[a.field] = value
        elif a.op == "+=":
            current = list(table.get(a.field, []))
            table[a.field] = current + [v for v in value if v not in current]
        else:
            table[a.field] = [v for v in table.get(a.field, []) if v not in value]
            if not table[a.field]:
                del table[a.field]
    return with_table(ref, table)


# --- remove, rename -------------------------------------------------------------------


@dataclass
class Removal:
    """What ``remove`` did: the reference, and each claim and reference that named it and no longer does."""

    ref: Reference
    claims: list[str] = field(default_factory=list)  # claim ids whose cites lost the key
    uncited: list[str] = field(default_factory=list)  # those claims that now cite nothing
    distinct: list[str] = field(default_factory=list)  # references whose 'distinct' lost the key

    def to_json(self) -> dict:
        return {"removed": self.ref.key, "claims": self.claims, "claims_citing_nothing": self.uncited,
                "distinct_updated": self.distinct}


def names_of(ref: Reference) -> set[str]:
    """Every name a claim may cite ``ref`` by: its key and aliases."""
    return {ref.key, *ref.aliases}


def citing_claims(store: Store, ref: Reference) -> list[Claim]:
    names = names_of(ref)
    return [c for c in store.claims if names & set(c.cites)]


def remove(store: Store, key: str, *, force: bool = False) -> tuple[Store, Removal]:
    """The store without reference ``key`` (exact key or alias). Refused with ReferenceInUseError while
    claims cite it, unless ``force``: then those citations go too, and the Removal lists them."""
    ref = exact(store, key)
    claims = citing_claims(store, ref)
    if claims and not force:
        raise ReferenceInUseError(ref.key, plural("claim", len(claims)) + " " + ", ".join(c.id for c in claims))
    names = names_of(ref)
    report = Removal(ref)
    new_claims = []
    for claim in store.claims:
        if names & set(claim.cites):
            cites = tuple(k for k in claim.cites if k not in names)
            claim = replace(claim, cites=cites)
            report.claims.append(claim.id)
            if not cites:
                report.uncited.append(claim.id)
        new_claims.append(claim)
    refs = {}
    for other in store:
        if other.key == ref.key:
            continue
        if names & set(other.distinct):
            other = other.with_changes(distinct=tuple(k for k in other.distinct if k not in names))
            report.distinct.append(other.key)
        refs[other.key] = other
    return replace(store, references=refs, claims=tuple(new_claims)), report


def rename(store: Store, old: str, new: str) -> Store:
    """The store with reference ``old`` keyed ``new``; ``old`` becomes an alias, claims and 'distinct'
    lists that named ``old`` name ``new``. ``new`` must be a usable key that no reference has as key or alias."""
    from .keys import taken_keys
    from .store import KEY_RE

    ref = exact(store, old)
    if not KEY_RE.match(new):
        raise UsageError(f"{new!r} is not a usable citation key (letters, digits, _ and internal punctuation such as : . - /)")
    if new == ref.key:
        raise UsageError(f"{ref.key} is already called {new}")
    if new in taken_keys(store) and new not in ref.aliases:
        raise UsageError(f"{new!r} is already a key or alias in the store")
    aliases = tuple(a for a in ref.aliases if a != new)
    renamed = ref.with_changes(key=new, aliases=aliases + ((ref.key,) if ref.key not in aliases else ()))
    refs = {}
    for other in store:
        if other.key == ref.key:
            refs[new] = renamed
            continue
        if ref.key in other.distinct:
            other = other.with_changes(distinct=tuple(new if k == ref.key else k for k in other.distinct))
        refs[other.key] = other
    claims = tuple(replace(c, cites=tuple(new if k == ref.key else k for k in c.cites)) if ref.key in c.cites else c
                   for c in store.claims)
    return replace(store, references=refs, claims=claims)


def replace_reference(store: Store, ref: Reference) -> Store:
    """The store with ``ref`` in place of the reference with the same key (order kept)."""
    if ref.key not in store.references:
        raise NotFoundError(ref.key)
    return store.with_references({k: (ref if k == ref.key else r) for k, r in store.references.items()})


def exact(store: Store, key: str) -> Reference:
    """The reference keyed ``key`` or with alias ``key``; destructive commands take no "Author Year" guesses."""
    if key in store.references:
        return store.references[key]
    owner = store.alias_index().get(key)
    if owner is not None:
        return store.references[owner]
    from .keys import suggest

    raise NotFoundError(key, suggest(store, key))
