"""Citation clusters after citeproc: numbers and same-author years collapsed, author-in-text and
suppress-author modes."""

from __future__ import annotations

import re
from typing import Sequence

from ..styles import CSL_NS
from .engine import Cite

_YEAR_PART = re.compile(r"(\d{4}[a-z]{0,2}|n\.d\.|forthcoming)")


def _citation_post(text: str, cluster: Sequence[Cite], processor, csl, options: dict, fmt: str, ids) -> str:
    layout = csl.root.find(f"{CSL_NS}citation/{CSL_NS}layout")
    prefix = layout.get("prefix", "") if layout is not None else ""
    suffix = layout.get("suffix", "") if layout is not None else ""
    delimiter = layout.get("delimiter", "; ") if layout is not None else "; "
    inner = text[len(prefix):len(text) - len(suffix)] if text.startswith(prefix) and text.endswith(suffix) else None
    numeric = "citation-number" in (options.get("collapse") or "") or _is_numeric(csl)
    if inner is not None and numeric and options.get("collapse") == "citation-number":
        inner = _collapse_numbers(inner, delimiter)
    elif inner is not None and options.get("collapse") in ("year", "year-suffix", "year-suffix-ranged"):
        inner = _collapse_years(inner, delimiter, options.get("cite-group-delimiter", ", "))
    mode = cluster[0].mode if len(cluster) == 1 else "normal"
    if inner is not None and mode in ("author-in-text", "suppress-author"):
        if numeric:
            author = _short_author(processor, ids[cluster[0].key])
            return f"{author} {text}" if mode == "author-in-text" else text
        m = _YEAR_PART.search(inner)
        if m:
            names = inner[: m.start()].rstrip(" ,")
            rest = inner[m.start():]
            if mode == "suppress-author":
                return f"{prefix}{rest}{suffix}"
            open_, close = (prefix, suffix) if prefix else ("(", ")")
            return f"{names} {open_}{rest}{close}" if names else f"{open_}{rest}{close}"
    if inner is None:
        return text
    return f"{prefix}{inner}{suffix}"


def _is_numeric(csl) -> bool:
    info = csl.root.find(f"{CSL_NS}info")
    if info is None:
        return False
    return any(c.get("citation-format") == "numeric" for c in info.iter(f"{CSL_NS}category"))


def _short_author(processor, item_id: str) -> str:
    ref = processor.source[item_id]
    try:
        names = ref["author"]
    except Exception:  # noqa: BLE001 - citeproc raises its own VariableError
        return ""
    family = [getattr(n, "family", None) or getattr(n, "literal", "") or "" for n in names]
    family = [str(f) for f in family]
    if len(family) == 1:
        return family[0]
    if len(family) == 2:
        return f"{family[0]} and {family[1]}"
    return f"{family[0]} et al."


def _collapse_numbers(inner: str, delimiter: str) -> str:
    m = re.fullmatch("([\ue000-\ue009]*)(.*?)([\ue000-\ue009]*)", inner, re.S)  # superscript numbers (AMA)
    if m and (m.group(1) or m.group(3)):
        return m.group(1) + _collapse_numbers(m.group(2), delimiter) + m.group(3)
    parts = inner.split(delimiter.strip() or ",")
    numbers = [p.strip() for p in parts]
    if not all(n.isdigit() for n in numbers):
        return inner
    values = sorted({int(n) for n in numbers})
    out, start = [], 0
    while start < len(values):
        end = start
        while end + 1 < len(values) and values[end + 1] == values[end] + 1:
            end += 1
        if end - start >= 2:
            out.append(f"{values[start]}–{values[end]}")
        else:
            out.extend(str(v) for v in values[start:end + 1])
        start = end + 1
    joiner = delimiter if delimiter.strip() else ","
    return joiner.join(out)


def _collapse_years(inner: str, delimiter: str, group_delimiter: str) -> str:
    pieces = inner.split(delimiter)
    out: list[str] = []
    last_author = None
    for piece in pieces:
        m = _YEAR_PART.search(piece)
        author = piece[: m.start()] if m else None
        if m and author and author == last_author:
            out[-1] += group_delimiter + piece[m.start():]
        else:
            out.append(piece)
            last_author = author
    return delimiter.join(out)
