"""Citations and bibliographies in any CSL style, through citeproc-py, with its gaps closed here.

citeproc-py renders CSL, but lacks what a writer needs most; this layer adds it
without forking citeproc-py:

- disambiguation: first authors who share a surname get their initials ("M. Zhang
  et al., 2022") when the style allows it, and works still alike get year suffixes
  ("2014a", "2014b"), assigned in bibliography order, in citations and bibliography alike;
- safe output: every field is escaped for HTML, Markdown and RTF (formatters below);
- markup in fields (CSL-JSON rich text: <i>, <b>, <sup>, <sub>, small caps) rendered as
  formatting instead of printed literally;
- numbered styles: "1. Smith" instead of "1.Smith"; "[8,9,10]" collapsed to "[8–10]";
- same-author cites collapsed where the style says so ("Zhang et al., 2014a, 2014b");
- typographic apostrophes; the locale's punctuation-in-quote (en-US: “Title,”) which
  citeproc-py reads but never applies; author-in-text and suppress-author citation modes.

All clusters are registered before any is rendered, so numbering and
disambiguation see the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..model import Reference
from ..styles import CSL_NS, DEFAULT_STYLE, StyleRef, find_style, load_style
from .citations import _citation_post
from .disambiguation import _apply_suffixes, _bibliography_options, _citation_options, _disambiguate
from .engine import MODES, Cite, _cluster, _items, _processor, _range_delimiter, _source
from .entries import _bibliography_order, _entry_texts, _EntryWorker, _parallel, _subsequent_author_substitutes
from .markup import FORMATS, _check_format, _finish, _md_escape, encode_markup  # noqa: F401 - _md_escape: evidence_render

__all__ = ["FORMATS", "MODES", "Cite", "Entry", "Rendered", "encode_markup", "render"]


@dataclass(frozen=True)
class Entry:
    key: str
    text: str


@dataclass(frozen=True)
class Rendered:
    citations: list[str]
    bibliography: list[Entry]



def render(refs: Sequence[Reference], clusters: Sequence[Sequence[Cite]], *, style: str | StyleRef = DEFAULT_STYLE,
           locale: str | None = None, fmt: str = "text", bibliography: bool = True, cache: bool = False) -> Rendered:
    """Render every cluster (registered together first) and the bibliography of ``refs``.

    With ``cache``, the result is kept in the user's cache (see :mod:`acuref.render_cache`), so
    rendering the same references in the same style again costs a file read."""
    from ..errors import UsageError

    _check_format(fmt)  # reject an unknown format before any work
    style_ref = find_style(style) if isinstance(style, str) else style
    refs = list({r.key: r for r in refs}.values())
    keys = {r.key for r in refs}
    for cluster in clusters:
        for cite in cluster:
            if cite.key not in keys:
                raise UsageError(f"cited key {cite.key!r} is not among the references to render")
            if cite.mode not in MODES:
                raise UsageError(f"unknown citation mode {cite.mode!r}")
    if not cache:
        return _render(refs, clusters, style_ref, locale, fmt, bibliography)
    from .. import render_cache

    key = render_cache.key(refs, clusters, style_ref, locale, fmt, bibliography)
    found = render_cache.read(key) if key else None
    if found is not None:
        return Rendered(found["citations"], [Entry(k, t) for k, t in found["bibliography"]])
    result = _render(refs, clusters, style_ref, locale, fmt, bibliography)
    if key:
        render_cache.write(key, {"citations": result.citations,
                                 "bibliography": [[e.key, e.text] for e in result.bibliography]})
    return result


def _render(refs: list[Reference], clusters: Sequence[Sequence[Cite]], style_ref: StyleRef, locale: str | None,
            fmt: str, bibliography: bool) -> Rendered:
    """acuref's own CSL processor (:mod:`acuref.csl`); ``ACUREF_CSL_ENGINE=citeproc-py`` selects the
    earlier citeproc-py path, kept for comparison until it is removed."""
    import os

    if os.environ.get("ACUREF_CSL_ENGINE") == "citeproc-py":
        return _render_citeproc(refs, clusters, style_ref, locale, fmt, bibliography)
    from .own import render_own

    return render_own(refs, clusters, style_ref, locale, fmt, bibliography)


def _render_citeproc(refs: list[Reference], clusters: Sequence[Sequence[Cite]], style_ref: StyleRef, locale: str | None,
            fmt: str, bibliography: bool) -> Rendered:
    csl = load_style(style_ref, locale)
    if csl.root.find(f"{CSL_NS}bibliography") is None:
        bibliography = False  # a notes-only style (chicago-notes): citations, and no bibliography to render
    items, ids = _items(refs, _range_delimiter(csl))
    from ..citeproc_fixes import ADD_NAMES, AMBIGUOUS, SORT_FAMILY

    source = _source(items)
    item_ids = [item["id"] for item in items]
    order_cache: list[list[str]] = []
    worker = _EntryWorker.start(csl, source, item_ids) if bibliography and _parallel(len(items)) else None

    def order() -> list[str]:  # the bibliography's order, computed once, before any year suffix exists
        if not order_cache:
            got = worker.order() if worker is not None else None
            order_cache.append(got if got is not None else _bibliography_order(csl, source, item_ids))
        return order_cache[0]

    try:
        found = _disambiguate(csl, items, source, order)
        if bibliography:
            order()
        _apply_suffixes(source, found.suffixes)
        if found.cite_source is not source:
            _apply_suffixes(found.cite_source, found.suffixes)
        key_of = {v: k for k, v in ids.items()}
        piq = csl.root.get_locale_option("punctuation-in-quote").lower() == "true"
        citations: list[str] = []
        if clusters:
            processor = _processor(csl, found.cite_source)
            built = [_cluster(c, ids) for c in clusters]
            for c in built:
                processor.register(c)
            options = _citation_options(csl)
            tokens = (ADD_NAMES.set(found.add_names), AMBIGUOUS.set(found.ambiguous),
                      SORT_FAMILY.set(found.sort_family))
            try:
                for cluster, citation in zip(clusters, built):
                    text = str(processor.cite(citation, lambda item: None))
                    citations.append(_finish(_citation_post(text, cluster, processor, csl, options, fmt, ids), fmt,
                                             piq))
            finally:
                ADD_NAMES.reset(tokens[0])
                AMBIGUOUS.reset(tokens[1])
                SORT_FAMILY.reset(tokens[2])
        entries: list[Entry] = []
        if bibliography:
            ordered = order()
            mine = ordered[:worker.split] if worker else ordered
            rendered = dict(zip(mine, _entry_texts(csl, source, ordered, found.add_names, mine)))
            if worker is not None:
                theirs = worker.entries()
                if theirs is None:  # the worker failed: render its share here
                    theirs = _entry_texts(csl, source, ordered, found.add_names, ordered[worker.split:])
                rendered.update(zip(ordered[worker.split:], theirs))
                # the worker rendered before disambiguation: redo its entries that disambiguation changed
                redo = [i for i in ordered[worker.split:] if i in found.suffixes or i in found.add_names]
                rendered.update(zip(redo, _entry_texts(csl, source, ordered, found.add_names, redo)))
            texts = {i: text for i, (text, _) in rendered.items()}
            substitutes = _subsequent_author_substitutes(csl, ordered, {i: n for i, (_, n) in rendered.items()})
            if substitutes:
                again = _entry_texts(csl, source, ordered, found.add_names, list(substitutes), substitutes)
                texts.update(zip(substitutes, (text for text, _ in again)))
            second_field = _bibliography_options(csl).get("second-field-align")
            for item_id in ordered:
                text = texts[item_id]
                if not text:
                    continue
                if second_field:
                    text = _align_second_field(text)
                entries.append(Entry(key_of[item_id], _finish(text, fmt, piq)))
    finally:
        if worker is not None:
            worker.close()
    return Rendered(citations, entries)


_FIRST_FIELD = re.compile(r"[\ue000-\ue009]*\[?\d+\]?[.)]?[\ue000-\ue009]*")


def _align_second_field(text: str) -> str:
    """CSL ``second-field-align``: the first field (the citation number with its affixes: "1.", "[1]",
    "1") and the rest of the entry are separated by exactly one space, as citeproc-js lays them out
    ("10 Smith", never "1 0 Smith"; "1. Smith", never "1 . Smith": field cases cite/07, bmj)."""
    m = _FIRST_FIELD.match(text)
    if not m or not m.group(0).strip("\ue000-\ue009") or m.end() == len(text):
        return text
    return f"{m.group(0)} {text[m.end():].lstrip()}"
