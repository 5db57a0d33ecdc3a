"""Validating the store's TOML data into references and claims, every problem located (the reading half
of :mod:`acuref.store`, whose names are importable from there).

tomllib gives no positions, so :class:`_Locator` finds a table's or field's line in the text, and only
when there is a problem to report.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any, Callable, Iterator

from .dates import Date, DateError, from_toml as date_from_toml
from .errors import Problem
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
)
from .names import InvalidNameError, name_from_csl

#: A citation key as BibTeX and biber accept it: no white space, none of , { } ( ) " ' \\ = %
#: ("HFH+:WEKA:09" is a key). pandoc cites keys with other punctuation as @{key}.
KEY_RE = re.compile(r"^[^\s,{}()\"'\\=%]+$")

CLAIM_FIELDS = ("id", "article", "topic", "group", "condition", "text", "cites", "cited-as", "line")


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse(text: str, path: str = "<store>") -> tuple[Store, list[Problem]]:
    """Parse store text into a :class:`Store` and the problems found (pure: no I/O)."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Store(), [syntax_problem(exc, path, text)]
    return _Validator(text, path).build(data)


def syntax_problem(exc: Exception, path: str, text: str = "") -> Problem:
    """A tomllib.TOMLDecodeError as a located Problem. Python 3.11-3.13 give the position only inside the
    message ("… (at line 2, column 11)"); 3.14 also as ``lineno``/``colno``. Either way it becomes the
    Problem's line and column, so a caller that shifts lines (an editor showing problems above the text)
    shifts this one too. An error "at end of document" (an unterminated string) is placed on TEXT's last
    line (the mutation fuzz found it reported with no line)."""
    msg = str(exc)
    m = _TOML_POS.search(msg)
    line, col = (int(m.group(1)), int(m.group(2))) if m else (getattr(exc, "lineno", None), getattr(exc, "colno", None))
    if line is None and "(at end of document)" in msg and text:
        line, col = text.count("\n") + 1, len(text) - text.rfind("\n")
    message = _TOML_POS.sub("", msg).replace("(at end of document)", "(at the end of the file)").strip()
    return Problem(path, line, col, "TOML syntax error: " + message)


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
            if name in NAME_VARIABLES or name in DATE_VARIABLES:
                check, own_slot = (self.names, "author") if name in NAME_VARIABLES else (self.date, "issued")
                parsed = check(value, where, partial(at, name))
                if parsed is None:
                    ok = False
                else:  # author and issued have their own slots in Reference, the others are fields
                    (values if name == own_slot else fields)[name] = parsed
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
    from .store import to_toml_data

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
