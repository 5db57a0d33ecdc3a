"""CSL-JSON and CSL-YAML (Zotero, pandoc, citeproc-js), with acuref's own fields alongside when present.

Every CSL 1.0.2 variable is kept: dates whole (ranges, season, circa, literal, raw; see
:mod:`acuref.dates`), names with all their parts (:mod:`acuref.names`). Quirks handled:
date-parts as strings (Zotero via zotxt), numbers where CSL expects strings, seasons
written as months 13-16/21-24, YAML dates (pandoc writes ``issued: 2020-05-01``).
An item with an unusable date is reported with its line; an empty date ([] or [[null]]) is left out with a warning.
"""

from __future__ import annotations

import json
import re
from typing import Any, Sequence

from ..dates import DateError, from_csl as date_from_csl
from ..wording import count
from ..errors import Problem
from ..model import (ACUREF_FIELDS, ACUREF_LIST_FIELDS, CSL_TYPES, DATE_VARIABLES, DESIGNS, NAME_VARIABLES, TEXT_VARIABLES,
                     Reference, to_csl)
from ..names import InvalidNameError, name_from_csl
from . import ReadResult

#: CSL-JSON keys other tools write for a CSL variable.
ALIASES = {"shortTitle": "title-short", "journalAbbreviation": "container-title-short", "citation-key": "citation-key"}
_IGNORED = {"id", "type", "claims", "score"}


def parse_csljson(text: str, path: str = "<input>") -> ReadResult:
    result = ReadResult()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        result.problems.append(Problem(path, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}"))
        return result
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting too deep
        long_number = re.search(r"\d{4000}", text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else None
        result.problems.append(Problem(path, line, None, f"not readable JSON: {str(exc).splitlines()[0][:200]}"))
        return result
    return _items(data, text, path, result, _element_lines(text))


def _element_lines(text: str) -> list[int]:
    """The line where each element of the top-level JSON array starts (one linear scan; [] if not an array)."""
    lines: list[int] = []
    depth, in_string, escaped, line, expect = 0, False, False, 1, False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if expect and not char.isspace() and char != ",":
            lines.append(line)
            expect = False
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            expect = depth == 1 and char == "["
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 1:
            expect = True
    return lines


def parse_cslyaml(text: str, path: str = "<input>") -> ReadResult:
    """CSL-YAML: a list of items, or ``references:`` holding one (pandoc's metadata block)."""
    import yaml

    result = ReadResult()
    try:
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        position = getattr(exc, "position", None)  # a ReaderError: a character YAML does not allow
        line = mark.line + 1 if mark else text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
        result.problems.append(Problem(path, line, mark.column + 1 if mark else None,
                                       f"not valid YAML: {str(getattr(exc, 'problem', None) or exc)[:200]}"))
        return result
    except (ValueError, TypeError, RecursionError) as exc:
        result.problems.append(Problem(path, 1, None, f"not readable YAML: {str(exc)[:200]}"))
        return result
    from .common import yaml_within

    if not yaml_within(docs, 10 * len(text) + 1000):  # a value takes at least a character or two unaliased
        result.problems.append(Problem(path, 1, None, "YAML aliases (*name) expand it to many times its "
                                       "size (an alias bomb): not read"))
        return result
    data = docs[0] if len(docs) == 1 else docs
    starts = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"(?m)^ {0,2}- ", text)]
    return _items(_plain(data), text, path, result, starts)


def _plain(value: Any) -> Any:
    """YAML values as JSON ones: dates as EDTF text, everything else unchanged."""
    import datetime

    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _items(data: Any, text: str, path: str, result: ReadResult, starts: list[int] | None = None) -> ReadResult:
    if isinstance(data, dict):
        data = data.get("references", data.get("items", [data]))
    if not isinstance(data, list):
        result.problems.append(Problem(path, 1, None, "CSL-JSON must be a list of items"))
        return result
    for n, item in enumerate(data, 1):
        line = _line_of(text, item) or (starts[n - 1] if starts and n <= len(starts) else 1)
        if not isinstance(item, dict):
            result.problems.append(Problem(path, line, None, f"item {n} is not an object"))
            continue
        ref, problems, warnings = reference_from_csl(item, n)
        result.warnings.extend(Problem(path, line, None, w) for w in warnings)
        if problems:
            result.problems.extend(Problem(path, line, None, p) for p in problems)
            continue
        result.add(ref, _text(item.get("id", "")), line)
    return result


def _line_of(text: str, item: Any) -> int | None:
    if isinstance(item, dict) and isinstance(item.get("id"), (str, int)) and not isinstance(item.get("id"), bool):
        try:
            needle = json.dumps(item["id"], ensure_ascii=False)
        except ValueError:
            return None
        m = re.search(r'"id"\s*:\s*' + re.escape(needle), text) or re.search(r"\bid:\s*" + re.escape(str(item["id"])), text)
        if m:
            return text.count("\n", 0, m.start()) + 1
    return None


def _text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (str, int, float)):
        try:
            return str(value)
        except ValueError:  # an int too long to print
            return ""
    return ""


def reference_from_csl(item: dict, n: int = 1) -> tuple[Reference, list[str], list[str]]:
    """A CSL-JSON item as a Reference, the problems that refuse it and warnings (what was kept in notes)."""
    problems: list[str] = []
    warnings: list[str] = []
    label = f"item {_text(item.get('id')) or n!r}"
    ctype = _text(item.get("type")) or "document"
    if ctype not in CSL_TYPES:
        warnings.append(f"{label}: unknown type {ctype!r} read as 'document' (kept in notes)")
    fields: dict[str, Any] = {}
    values: dict[str, Any] = {}
    notes: list[str] = [f"type: {ctype}"] if ctype not in CSL_TYPES else []
    for key, value in item.items():
        var = ALIASES.get(key, key)
        if var in _IGNORED or value is None or value == "" or value == []:
            continue
        if var in NAME_VARIABLES:
            if not isinstance(value, list):
                problems.append(f"{label}: {var!r} must be a list of names")
                continue
            names = []
            for i, entry in enumerate(value, 1):
                if not isinstance(entry, dict):
                    problems.append(f"{label}: {var!r} name {i} is not an object")
                    continue
                try:
                    names.append(name_from_csl(entry))
                except InvalidNameError as exc:
                    warnings.append(f"{label}: {var!r} name {i} left out: {exc}")
            if names:
                if var == "author":
                    values["author"] = tuple(names)
                else:
                    fields[var] = tuple(names)
        elif var in DATE_VARIABLES:
            try:
                date = date_from_csl(value)
            except DateError as exc:
                problems.append(f"{label}: {var!r} is not a usable date ({exc})")
                continue
            if not date:  # [] or [[null]]: no date at all, as citeproc-js reads it (CSL suite:
                # date_LiteralFailGracefullyIfNoValue); nothing is lost by leaving it out, and the user is told
                warnings.append(f"{label}: {var!r} has no date in it ({_dump(value)}): left out")
                continue
            if var == "issued":
                values["issued"] = date
            else:
                fields[var] = date
        elif var == "title":
            values["title"] = _text(value) if not isinstance(value, (dict, list)) else _dump(value)
        elif var in TEXT_VARIABLES:
            if isinstance(value, (dict, list)):
                notes.append(f"{key}: {_dump(value)}")
                continue
            text = _text(value)
            if text:
                fields[var] = text  # a DOI as written: CSL prints the variable as it is (suite: textcase_RepeatedTitleBug)
        elif var == "truncated":
            if isinstance(value, list):
                values["truncated"] = tuple(v for v in map(_text, value) if v in NAME_VARIABLES)
        elif var in ACUREF_FIELDS:
            if var in ACUREF_LIST_FIELDS and isinstance(value, list):
                values[var.replace("-", "_")] = tuple(_text(v) for v in value if _text(v))
            elif var == "design" and value in DESIGNS:
                values["design"] = value
            elif isinstance(value, str) and var in ("original", "notes"):
                values[var] = value
        else:
            notes.append(f"{key}: {value if isinstance(value, str) else _dump(value)}")
    if notes:
        values["notes"] = "\n".join(filter(None, [values.get("notes", ""), *notes]))
        warnings.append(f"{label}: {count(len(notes), 'non-CSL field')} kept in notes")
    missing = set(values.get("missing", ()))
    for needed in ("title", "issued"):
        if not values.get(needed):
            missing.add(needed)
    values["missing"] = tuple(sorted(missing))
    if not (values.get("title") or values.get("author") or fields):  # valid CSL still (the CSL suite has
        warnings.append(f"{label} has no title, author or other CSL variable")  # items with a date or a type only)
    ref = Reference(key=_text(item.get("id", "")), type=ctype if ctype in CSL_TYPES else "document", fields=fields, **values)
    return ref, problems, warnings


def _dump(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)[:200]


def write_csljson(refs: Sequence[Reference]) -> str:
    return json.dumps([to_csl(r) for r in refs], ensure_ascii=False, indent=2) + "\n"


def write_cslyaml(refs: Sequence[Reference]) -> str:
    """CSL-YAML as pandoc reads it: a ``references:`` list in a YAML document."""
    import yaml

    return "---\n" + yaml.safe_dump({"references": [to_csl(r) for r in refs]}, allow_unicode=True, sort_keys=False,
                                     width=10_000) + "...\n"
