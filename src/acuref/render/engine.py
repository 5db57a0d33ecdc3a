"""citeproc-py plumbing: CSL-JSON items from References, citeproc's source, processor and clusters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..model import Reference, to_csl
from ..styles import CSL_NS
from .markup import _MARKER_FORMATTER, encode_markup

MODES = ("normal", "suppress-author", "author-in-text")


@dataclass(frozen=True)
class Cite:
    """One reference cited in a cluster, with pandoc's citation options."""

    key: str
    locator: str = ""
    label: str = "page"
    prefix: str = ""
    suffix: str = ""
    mode: str = "normal"




def _range_delimiter(csl) -> str:
    """The style's page-range-delimiter term (its own <locale> first), else an en dash."""
    for term in csl.root.iter(f"{CSL_NS}term"):
        if term.get("name") == "page-range-delimiter" and term.text:
            return term.text
    return "–"


_NUMBER_VARIABLES = frozenset("issue volume number edition collection-number number-of-volumes chapter-number".split())


def _items(refs: Sequence[Reference], dash: str = "–") -> tuple[list[dict], dict[str, str]]:
    """CSL-JSON items with safe ids (citeproc-py lower-cases keys), markup encoded, number ranges
    joined by the style's range delimiter."""
    items, ids = [], {}
    for n, ref in enumerate(refs):
        item = to_csl(ref, extras=False)
        item["id"] = f"r{n:05d}"
        for var, value in item.items():
            if isinstance(value, str) and var not in ("id", "type"):
                item[var] = encode_markup(value)
                if var in _NUMBER_VARIABLES and dash != "-":
                    item[var] = re.sub(r"(?<=\w)\s*-\s*(?=\w)", dash, item[var])  # "2-3" → "2–3", as citeproc-js
        items.append(item)
        ids[ref.key] = item["id"]
    return items, ids


def _source(items: list[dict]):
    """citeproc-py's parsed form of the items; parsing reads the dicts and never changes them."""
    from citeproc.source.json import CiteProcJSON

    return CiteProcJSON(items)


def _processor(style, source):
    from citeproc import CitationStylesBibliography

    from ..citeproc_fixes import apply

    apply()
    return CitationStylesBibliography(style, source, _MARKER_FORMATTER)


def _cluster(cites: Sequence[Cite], ids: dict[str, str]):
    from citeproc import Citation, CitationItem
    from citeproc.source import Locator

    out = []
    for cite in cites:
        options = {}
        if cite.locator:
            options["locator"] = Locator(cite.label or "page", cite.locator)
        out.append(CitationItem(ids[cite.key], **options))
    return Citation(out)
