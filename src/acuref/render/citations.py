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
    inner = text[len(prefix):len(text) - len(suffix)] if text.startswith(prefix) and text.endswith(suffix) else None
    numeric = "citation-number" in (options.get("collapse") or "") or _is_numeric(csl)
    mode = cluster[0].mode if len(cluster) == 1 else "normal"
    if inner is not None and mode in ("author-in-text", "suppress-author", "author-only"):
        if numeric:
            author = _short_author(processor, ids[cluster[0].key])
            return {"author-in-text": f"{author} {text}", "author-only": author}.get(mode, text)
        m = _YEAR_PART.search(inner)
        if m:
            names = inner[: m.start()].rstrip(" ,")
            rest = inner[m.start():]
            if mode == "suppress-author":
                return f"{prefix}{rest}{suffix}"
            if mode == "author-only":
                return names
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
    family = [str(_name_part(n, "family") or _name_part(n, "literal")) for n in names]
    if len(family) == 1:
        return family[0]
    if len(family) == 2:
        return f"{family[0]} and {family[1]}"
    return f"{family[0]} et al."


def _name_part(name, part: str) -> str:
    """A part of a citeproc-py name, "" when absent (citeproc raises VariableError, not AttributeError)."""
    try:
        return name[part] or ""
    except Exception:  # noqa: BLE001 - citeproc.source.VariableError
        return ""
