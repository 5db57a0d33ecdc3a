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
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Sequence

from .model import Reference, to_csl
from .styles import DEFAULT_STYLE, CSL_NS, StyleRef, find_style, load_style

FORMATS = ("text", "html", "md", "rtf")
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


@dataclass(frozen=True)
class Entry:
    key: str
    text: str


@dataclass(frozen=True)
class Rendered:
    citations: list[str]
    bibliography: list[Entry]


# --- markup carried through citeproc as private-use characters -----------------------------------

_OPEN = {"i": "\ue000", "b": "\ue002", "sup": "\ue004", "sub": "\ue006", "sc": "\ue008"}
_CLOSE = {"i": "\ue001", "b": "\ue003", "sup": "\ue005", "sub": "\ue007", "sc": "\ue009"}
_TAG = re.compile(r"<(/?)(i|b|em|strong|sup|sub|span)\b([^>]*)>", re.I)
_OUTPUT = {
    "text": {**{c: "" for c in _OPEN.values()}, **{c: "" for c in _CLOSE.values()}},
    "html": {"\ue000": "<i>", "\ue001": "</i>", "\ue002": "<b>", "\ue003": "</b>", "\ue004": "<sup>",
             "\ue005": "</sup>", "\ue006": "<sub>", "\ue007": "</sub>",
             "\ue008": '<span style="font-variant:small-caps;">', "\ue009": "</span>"},
    "md": {"\ue000": "*", "\ue001": "*", "\ue002": "**", "\ue003": "**", "\ue004": "^", "\ue005": "^",
           "\ue006": "~", "\ue007": "~", "\ue008": "[", "\ue009": "]{.smallcaps}"},
    "rtf": {"\ue000": "{\\i ", "\ue001": "}", "\ue002": "{\\b ", "\ue003": "}", "\ue004": "{\\super ", "\ue005": "}",
            "\ue006": "{\\sub ", "\ue007": "}", "\ue008": "{\\scaps ", "\ue009": "}"},
}


def encode_markup(text: str) -> str:
    """Rich-text tags in a field → private-use markers (unknown tags and nocase spans dropped)."""
    stack: list[str | None] = []

    def swap(m: re.Match) -> str:
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3)
        tag = {"em": "i", "strong": "b"}.get(tag, tag)
        if tag == "span":
            tag = "sc" if "small-caps" in attrs else None
        if closing:
            top = stack.pop() if stack else None
            return _CLOSE[top] if top else ""
        stack.append(tag)
        return _OPEN[tag] if tag else ""

    encoded = _TAG.sub(swap, text)
    return encoded + "".join(_CLOSE[t] for t in reversed(stack) if t)


def _decode_markup(text: str, fmt: str) -> str:
    table = _OUTPUT[fmt]
    return re.sub("[\ue000-\ue009]", lambda m: table[m.group(0)], text)


# --- formatting: one neutral rendering, escaped once per output format -------------------------
#
# citeproc renders with a formatter that marks italics, bold… with the same private-use
# characters as markup in fields. The whole string (fields, terms, affixes alike) is then
# escaped once for the output format, and the markers become that format's markup: nothing
# reaches HTML, Markdown or RTF unescaped, whatever path it took through citeproc.

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) > 127 and not "\ue000" <= ch <= "\ue009":
            code = ord(ch)
            if code > 0xFFFF:  # outside the BMP: a UTF-16 surrogate pair
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10) - 65536}?\\u{0xDC00 + (code & 0x3FF) - 65536}?")
            else:
                out.append(f"\\u{code - 65536 if code > 32767 else code}?")
        else:
            out.append(ch)
    return "".join(out)


def _html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


_ESCAPE = {"text": str, "html": _html_escape, "md": _md_escape, "rtf": _rtf_escape}


def _mark(opening: str, closing: str):
    return lambda text: f"{opening}{text}{closing}"


#: citeproc formatter producing neutral text with private-use markers for formatting.
_MARKER_FORMATTER = SimpleNamespace(
    preformat=str, Italic=_mark("\ue000", "\ue001"), Oblique=_mark("\ue000", "\ue001"),
    Bold=_mark("\ue002", "\ue003"), Light=str, Underline=str, SmallCaps=_mark("\ue008", "\ue009"),
    Superscript=_mark("\ue004", "\ue005"), Subscript=_mark("\ue006", "\ue007"),
)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        from .errors import UsageError

        raise UsageError(f"unknown output format {fmt!r}; one of: {', '.join(FORMATS)}")


# --- year suffixes ------------------------------------------------------------------------------


class _SuffixedYear(int):
    """A year that prints with its disambiguating suffix ("2014a") wherever citeproc renders it."""

    suffix = ""

    def __new__(cls, year: int, suffix: str):
        obj = super().__new__(cls, year)
        obj.suffix = suffix
        return obj

    def __str__(self) -> str:
        from .citeproc_fixes import SORTING

        return str(int(self)) if SORTING.get() else f"{int(self)}{self.suffix}"

    def __abs__(self):
        return self


def _suffix(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]


# --- rendering ----------------------------------------------------------------------------------


def _citation_options(style) -> dict[str, str]:
    citation = style.root.find(f"{CSL_NS}citation")
    return dict(citation.attrib) if citation is not None else {}


def _bibliography_options(style) -> dict[str, str]:
    bib = style.root.find(f"{CSL_NS}bibliography")
    return dict(bib.attrib) if bib is not None else {}


def _initialize_with(style) -> str:
    citation = style.root.find(f"{CSL_NS}citation")
    names = list(style.root.iter(f"{CSL_NS}name")) if citation is None else list(citation.iter(f"{CSL_NS}name"))
    for name in names + list(style.root.iter(f"{CSL_NS}name")):
        if name.get("initialize-with") is not None:
            return name.get("initialize-with")
    return ". "


def _initials(given: str, sep: str) -> str:
    parts = [p for p in re.split(r"[\s.\-]+", given) if p]
    return sep.join(p[0] + "" for p in parts).strip() + sep.strip() if parts else ""


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

    from .citeproc_fixes import apply

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


def _plain_alone(style, source, ids: Sequence[str], add_names: dict | None = None) -> dict[str, str]:
    """Each item's citation rendered alone, in plain text: what disambiguation compares."""
    from .citeproc_fixes import ADD_NAMES

    bib = _processor(style, source)
    citations = {i: _cluster([Cite(i)], {i: i}) for i in ids}
    for c in citations.values():
        bib.register(c)
    token = ADD_NAMES.set(add_names or {})
    try:
        return {i: str(bib.cite(c, lambda item: None)) for i, c in citations.items()}
    finally:
        ADD_NAMES.reset(token)


@dataclass
class _Disambiguation:
    cite_source: object
    suffixes: dict[str, str]
    add_names: dict[str, int]
    ambiguous: frozenset
    sort_family: dict[str, str] = field(default_factory=dict)


def _disambiguate(style, items: list[dict], source, order) -> _Disambiguation:
    """CSL disambiguation, in citeproc-js's order: initials for first authors who share a surname,
    then more names before "et al.", then the items still alike (for <if disambiguate="true">),
    then year suffixes for those, assigned in bibliography order.

    Every item's citation is rendered once; each later step re-renders only the items it changed,
    which keeps a 1,000-reference bibliography near-linear."""
    options = _citation_options(style)
    result = _Disambiguation(source, {}, {}, frozenset())
    if not any(options.get(o) == "true" for o in ("disambiguate-add-year-suffix", "disambiguate-add-givenname",
                                                   "disambiguate-add-names")):
        return result
    ids = [item["id"] for item in items]
    by_id = {item["id"]: item for item in items}
    texts = _plain_alone(style, source, ids)
    groups = _collisions(texts)
    if options.get("disambiguate-add-givenname") == "true":
        rule = options.get("givenname-disambiguation-rule", "by-cite")
        if rule == "by-cite":  # initials only where they tell ambiguous cites apart
            expand = [i for g in groups if len({_first_given(by_id[i]) for i in g}) > 1 for i in g]
        else:  # global rules: every first author who shares a surname with another person gets initials
            people: dict[str, set[str]] = {}
            for item in items:
                for name in (item.get("author") or [])[:1]:
                    if name.get("family"):
                        people.setdefault(name["family"], set()).add(_first_given(item))
            expand = [item["id"] for item in items if (item.get("author") or [{}])[0].get("family")
                      and len(people.get(item["author"][0]["family"], ())) > 1]
        sep = _initialize_with(style)
        changed = []
        for i in expand:
            author = by_id[i].get("author")
            if author and author[0].get("given") and author[0].get("family"):
                item = {**by_id[i], "author": [{**author[0]}, *author[1:]]}
                result.sort_family[i] = author[0]["family"]
                item["author"][0]["family"] = f"{_initials(author[0]['given'], sep)} {author[0]['family']}".strip()
                changed.append(item)
        if changed:
            result.cite_source = _source(changed)  # the changed items, sharing the unchanged references
            for item_id, reference in source.items():
                result.cite_source.setdefault(item_id, reference)
            texts.update(_plain_alone(style, result.cite_source, [item["id"] for item in changed]))
            groups = _collisions(texts)
    if options.get("disambiguate-add-names") == "true" and groups:
        first = int(options.get("et-al-use-first", "1") or 1)
        for group in groups:
            most = max(len(by_id[i].get("author") or []) for i in group)
            for n in range(first + 1, most + 1):
                if not _names_differ(by_id, group, n):
                    continue  # the first n names are the same for two of them: rendering cannot differ
                trial = {**result.add_names, **{i: n for i in group}}
                rendered = _plain_alone(style, result.cite_source, group, trial)
                if len(set(rendered.values())) == len(group):
                    result.add_names.update({i: n for i in group})
                    texts.update(rendered)
                    break
        groups = _collisions(texts)
    result.ambiguous = frozenset(i for g in groups for i in g)
    if options.get("disambiguate-add-year-suffix") == "true" and groups:
        position = {key: n for n, key in enumerate(order())}
        for group in groups:
            for n, i in enumerate(sorted(group, key=position.__getitem__)):
                result.suffixes[i] = _suffix(n)
    return result


def _names_differ(by_id: dict[str, dict], group: Sequence[str], n: int) -> bool:
    """Whether the first ``n`` authors tell every item of the group apart (else more names cannot help yet)."""
    heads = {tuple(tuple(sorted(name.items())) for name in (by_id[i].get("author") or [])[:n]) for i in group}
    return len(heads) == len(group)


def _first_given(item: dict) -> str:
    author = item.get("author") or [{}]
    return (author[0].get("given") or "").replace(" ", "")


def _collisions(rendered: dict[str, str]) -> list[list[str]]:
    seen: dict[str, list[str]] = {}
    for item_id, text in rendered.items():
        seen.setdefault(text, []).append(item_id)
    return [ids for ids in seen.values() if len(ids) > 1]


def _bibliography_order(style, source, ids: Sequence[str]) -> list[str]:
    bib = _processor(style, source)
    for i in ids:
        bib.register(_cluster([Cite(i)], {i: i}))
    bib.sort()
    return list(bib.keys)


def _entry_texts(style, source, ordered: Sequence[str], add_names: dict, only: Sequence[str],
                 substitutes: dict[str, str] | None = None) -> list[tuple[str, str | None]]:
    """(entry, its first names as rendered) for each id of ``only``, in the order of ``ordered``; ""
    where the style renders nothing.  Every id of ``ordered`` is registered, so citation numbers are
    those of the whole list.  ``substitutes`` prints the given text instead of an entry's names."""
    from .citeproc_fixes import ADD_NAMES, ENTRY_NAMES, EntryNames

    processor = _processor(style, source)
    for i in ordered:
        processor.register(_cluster([Cite(i)], {i: i}))
    wanted = set(only)
    substitutes = substitutes or {}
    token = ADD_NAMES.set(add_names)
    out = []
    try:
        for it in processor.items:
            if it.key not in wanted:
                continue
            names = EntryNames(substitutes.get(it.key))
            entry_token = ENTRY_NAMES.set(names)
            try:
                rendered = style.render_bibliography([it])
            finally:
                ENTRY_NAMES.reset(entry_token)
            out.append((str(rendered[0]) if rendered else "", names.first))
        return out
    finally:
        ADD_NAMES.reset(token)


def _subsequent_author_substitutes(style, ordered: Sequence[str], names: dict[str, str | None]) -> dict[str, str]:
    """The entries whose names repeat the previous entry's, with the style's substitute
    ("complete-all", the CSL default rule: the whole list is replaced when all names match)."""
    options = _bibliography_options(style)
    substitute = options.get("subsequent-author-substitute")
    if substitute is None or options.get("subsequent-author-substitute-rule", "complete-all") != "complete-all":
        return {}
    return {current: substitute for previous, current in zip(ordered, ordered[1:])
            if names.get(current) and names.get(current) == names.get(previous)}


PARALLEL_MIN = 300  # below this many references a second process costs more than it saves


def _parallel(n: int) -> bool:
    import multiprocessing
    import os

    return (n >= PARALLEL_MIN and (os.cpu_count() or 1) > 1 and os.environ.get("ACUREF_WORKERS") != "1"
            and "fork" in multiprocessing.get_all_start_methods())


class _EntryWorker:
    """A forked process that sorts the bibliography and renders the later part of its entries while
    this process disambiguates and renders the first part: on two cores a 1,000-entry APA
    bibliography takes about half the time.  Entries are independent of each other in citeproc-py,
    so the split changes nothing in the output (tests/test_cite.py compares both paths)."""

    SHARE = 0.6  # of the entries, for the worker: this process also does disambiguation

    def __init__(self, process, connection, split: int):
        self.process, self.connection, self.split = process, connection, split

    @classmethod
    def start(cls, style, source, ids: list[str]) -> "_EntryWorker":
        import multiprocessing

        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        split = len(ids) - int(len(ids) * cls.SHARE)
        process = context.Process(target=cls._run, args=(send, style, source, ids, split), daemon=True)
        process.start()
        send.close()
        return cls(process, receive, split)

    @staticmethod
    def _run(connection, style, source, ids, split) -> None:
        order = _bibliography_order(style, source, ids)
        connection.send(order)
        connection.send(_entry_texts(style, source, order, {}, order[split:]))
        connection.close()

    def _receive(self):
        try:
            return self.connection.recv()
        except (EOFError, OSError):
            return None

    def order(self) -> list[str] | None:
        return self._receive()

    def entries(self) -> list[str] | None:
        return self._receive()

    def close(self) -> None:
        self.connection.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()


def _apply_suffixes(source, suffixes: dict[str, str]) -> None:
    for item_id, suffix in suffixes.items():
        issued = source[item_id].get("issued")
        if issued is not None and "year" in issued:
            issued["year"] = _SuffixedYear(issued["year"], suffix)


def render(refs: Sequence[Reference], clusters: Sequence[Sequence[Cite]], *, style: str | StyleRef = DEFAULT_STYLE,
           locale: str | None = None, fmt: str = "text", bibliography: bool = True, cache: bool = False) -> Rendered:
    """Render every cluster (registered together first) and the bibliography of ``refs``.

    With ``cache``, the result is kept in the user's cache (see :mod:`acuref.render_cache`), so
    rendering the same references in the same style again costs a file read."""
    from .errors import UsageError

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
    from . import render_cache

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
    csl = load_style(style_ref, locale)
    if csl.root.find(f"{CSL_NS}bibliography") is None:
        bibliography = False  # a notes-only style (chicago-notes): citations, and no bibliography to render
    items, ids = _items(refs, _range_delimiter(csl))
    from .citeproc_fixes import ADD_NAMES, AMBIGUOUS, SORT_FAMILY

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
                    text = re.sub(r"^(\[?\d+[.)\]]?)(?=\S)", r"\1 ", text)
                entries.append(Entry(key_of[item_id], _finish(text, fmt, piq)))
    finally:
        if worker is not None:
            worker.close()
    return Rendered(citations, entries)


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


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=\w)'(?=\s|$|[.,;:])")


_CLOSE_THEN_PUNCT = re.compile("([”’])([\ue000-\ue009]*)([,.])")


def _finish(text: str, fmt: str, punctuation_in_quote: bool = False) -> str:
    """Neutral text → the output format: apostrophes, the locale's punctuation-in-quote, escaping, markup."""
    text = _APOSTROPHE.sub("’", text)
    if punctuation_in_quote:
        text = _CLOSE_THEN_PUNCT.sub(lambda m: m.group(3) + m.group(1) + m.group(2), text)
    return _decode_markup(_ESCAPE[fmt](text), fmt)
