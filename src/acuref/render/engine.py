"""citeproc-py plumbing: CSL-JSON items from References, citeproc's source, processor and clusters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ..model import Reference, to_csl
from ..styles import CSL_NS
from .markup import _MARKER_FORMATTER, TRUNCATED, encode_markup

MODES = ("normal", "suppress-author", "author-in-text", "author-only")


@dataclass(frozen=True)
class Cite:
    """One reference cited in a cluster, with pandoc's citation options."""

    key: str
    locator: str = ""
    label: str = "page"
    prefix: str = ""
    suffix: str = ""
    mode: str = "normal"
    note: int = 0  # the footnote the cluster is in (0: in the text): positions such as ibid and near-note




def _range_delimiter(csl) -> str:
    """The style's page-range-delimiter term (its own <locale> first), else an en dash."""
    for term in csl.root.iter(f"{CSL_NS}term"):
        if term.get("name") == "page-range-delimiter" and term.text:
            return term.text
    return "–"


_NUMBER_VARIABLES = frozenset("issue volume edition collection-number number-of-volumes chapter-number".split())
#: a numeric range or list of them ("2-3", "12-14, 17"): CSL numeric variables (citeproc-js's is-numeric)
_NUMERIC_RANGES = re.compile(r"\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?(?:\s*[,&]\s*\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?)*")


def _items(refs: Sequence[Reference], dash: str = "–") -> tuple[list[dict], dict[str, str]]:
    """CSL-JSON items with safe ids (citeproc-py lower-cases keys), markup encoded, number ranges
    joined by the style's range delimiter."""
    items, ids = [], {}
    for n, ref in enumerate(refs):
        item = to_csl(ref, extras=False)
        item["id"] = f"r{n:05d}"
        for variable in item.pop("truncated", ()):  # "and others": a last name printed as "et al." (markup)
            if item.get(variable):
                item[variable] = [*item[variable], {"family": TRUNCATED}]
        for var, value in item.items():
            if isinstance(value, str) and var not in ("id", "type"):
                item[var] = encode_markup(value)
                if var in _NUMBER_VARIABLES and dash != "-" and _NUMERIC_RANGES.fullmatch(item[var].strip()):
                    # "2-3" → "2–3", as citeproc-js; a hyphen that is not a range stays ("TR-2020-07", and
                    # "number": a report or bill number "114-11" is an identifier: field case cite/11)
                    item[var] = re.sub(r"(?<=\w)\s*-\s*(?=\w)", dash, item[var])
        for var, value in item.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                item[var] = [split_particle(name) for name in value]
        items.append(item)
        ids[ref.key] = item["id"]
    return items, ids


#: lower-case words before a capitalised family name: "van", "de la", "von der", "d'" (citeproc-js's
#: parsing of particles written inside "family"); each word at most 4 letters or a known longer one
_PARTICLE = re.compile(r"((?:(?:[a-z]{1,4}|[a-z]{1,3}'|dello|della|degli|delle)\s+)+)(?=[A-ZÀ-ÖØ-Þ])")


def split_particle(name: dict) -> dict:
    """A CSL name with a particle written inside ``family`` ("van Ingwersen") split as citeproc-js does:
    {"non-dropping-particle": "van", "family": "Ingwersen"}, so styles sort it under I and may demote
    it ("Ingwersen, Karel van"); names with particles already separate, or none, are returned as they
    are (field case cite/02)."""
    family = name.get("family")
    if not isinstance(family, str) or "non-dropping-particle" in name or "dropping-particle" in name:
        return name
    m = _PARTICLE.match(family)
    if not m or not family[m.end():].strip():
        return name
    return {**name, "non-dropping-particle": m.group(1).strip(), "family": family[m.end():]}


def _source(items: list[dict]):
    """citeproc-py's parsed form of the items; parsing reads the dicts and never changes them."""
    from citeproc.source.json import CiteProcJSON

    return CiteProcJSON(items)


def _processor(style, source):
    from citeproc import CitationStylesBibliography

    from ..citeproc_fixes import apply

    apply()
    return CitationStylesBibliography(style, source, _MARKER_FORMATTER)


@lru_cache(maxsize=4096)
def _locator(label: str, value: str):
    """One citeproc Locator per (label, value): citeproc-py 0.11 compares locators by identity when
    it decides ibid against ibid-with-locator (CSL position; pandoc: "[@a, p. 5]" after
    "[@a, p. 5]" is "Ibid."), so equal locators must be the same object."""
    from citeproc.source import Locator

    return Locator(label, value)


def _cluster(cites: Sequence[Cite], ids: dict[str, str]):
    from citeproc import Citation, CitationItem

    out = []
    for cite in cites:
        options = {}
        if cite.locator:
            options["locator"] = _locator(cite.label or "page", cite.locator)
        for affix in ("prefix", "suffix"):  # cite-item affixes (CSL-JSON citation items), markup kept
            if getattr(cite, affix):
                options[affix] = encode_markup(getattr(cite, affix))
        out.append(CitationItem(ids[cite.key], **options))
    return Citation(out)
