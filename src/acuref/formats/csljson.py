"""CSL-JSON (Zotero, pandoc, citeproc-js), with acuref's own fields alongside when present.

Quirks handled: date-parts as strings (Zotero via zotxt), "raw"/"literal"
dates, date ranges (the start is kept), numbers where CSL expects strings.
An item with no usable id, type or date parts such as [[null]] is reported.
"""

from __future__ import annotations

import json
import re
from typing import Any, Sequence

from ..errors import Problem
from ..model import (ACUREF_FIELDS, ACUREF_LIST_FIELDS, CSL_TYPES, DATE_VARIABLES, DESIGNS, NAME_VARIABLES, TEXT_VARIABLES,
                     Reference, name_from_csl, to_csl)
from . import ReadResult, unique_key
from .common import clean_doi, year_of


def parse_csljson(text: str, path: str = "<input>") -> ReadResult:
    result = ReadResult()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        result.problems.append(Problem(path, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}"))
        return result
    items = data.get("items", [data]) if isinstance(data, dict) else data
    if not isinstance(items, list):
        result.problems.append(Problem(path, 1, None, "CSL-JSON must be a list of items"))
        return result
    taken: set[str] = set()
    for n, item in enumerate(items, 1):
        line = _line_of(text, item)
        if not isinstance(item, dict):
            result.problems.append(Problem(path, line, None, f"item {n} is not an object"))
            continue
        ref, problems = _to_reference(item, n, path, line)
        if problems:
            result.problems.extend(problems)
            continue
        key = unique_key(str(item.get("id", "")), taken, ref)
        taken.add(key)
        result.references.append(ref.with_changes(key=key))
        result.lines[key] = line
    return result


def _line_of(text: str, item: Any) -> int | None:
    if isinstance(item, dict) and "id" in item:
        m = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(item["id"], ensure_ascii=False)), text)
        if m:
            return text.count("\n", 0, m.start()) + 1
    return None


def _date(value: Any) -> tuple[int, ...] | None:
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if parts and isinstance(parts, list) and parts[0]:
            first = parts[0]
            try:
                numbers = [int(p) for p in first if p is not None and str(p).strip() != ""]
            except (TypeError, ValueError):
                numbers = []
            if numbers:
                return tuple(numbers[:3])
            return None
        for key in ("raw", "literal"):
            if value.get(key):
                year = year_of(value[key])
                return (year,) if year else None
        return None
    if isinstance(value, (str, int)):
        year = year_of(value)
        return (year,) if year else None
    return None


def _to_reference(item: dict, n: int, path: str, line: int | None) -> tuple[Reference, list[Problem]]:
    problems: list[Problem] = []
    label = f"item {item.get('id', n)!r}"
    ctype = str(item.get("type", "document"))
    if ctype not in CSL_TYPES:
        ctype = "document"
    fields: dict[str, Any] = {}
    values: dict[str, Any] = {}
    notes: list[str] = []
    for var, value in item.items():
        if var in ("id", "type") or value is None or value == "":
            continue
        if var in NAME_VARIABLES:
            names = tuple(name_from_csl(v) for v in value if isinstance(v, dict)) if isinstance(value, list) else ()
            names = tuple(x for x in names if x.family or x.literal)
            if var == "author":
                values["author"] = names
            elif names:
                fields[var] = names
        elif var in DATE_VARIABLES:
            parts = _date(value)
            if parts is None:
                if var == "issued":
                    problems.append(Problem(path, line, None, f"{label}: 'issued' has no usable date ({json.dumps(value)})"))
                continue
            if var == "issued":
                values["issued"] = parts
            else:
                fields[var] = parts
        elif var == "title":
            values["title"] = str(value)
        elif var in TEXT_VARIABLES:
            text = str(value)
            fields[var] = clean_doi(text) if var == "DOI" else text
        elif var in ACUREF_FIELDS:
            if var in ACUREF_LIST_FIELDS and isinstance(value, list):
                values[var.replace("-", "_")] = tuple(str(v) for v in value)
            elif var == "design" and value in DESIGNS:
                values["design"] = value
            elif isinstance(value, str) and var in ("original", "notes"):
                values[var] = value
        elif var not in ("claims", "score", "citation-key", "categories", "source"):
            notes.append(f"{var}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}")
    if notes:
        values["notes"] = "\n".join(filter(None, [values.get("notes", ""), *notes]))
    missing = set(values.get("missing", ()))
    for needed, present in (("title", values.get("title")), ("issued", values.get("issued"))):
        if not present:
            missing.add(needed)
    values["missing"] = tuple(sorted(missing))
    if not values.get("title") and not values.get("author"):
        problems.append(Problem(path, line, None, f"{label} has neither a title nor an author"))
    return Reference(key=str(item.get("id", "")), type=ctype, fields=fields, **values), problems


def write_csljson(refs: Sequence[Reference]) -> str:
    return json.dumps([to_csl(r) for r in refs], ensure_ascii=False, indent=2) + "\n"
