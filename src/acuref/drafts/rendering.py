"""acuref render: a draft's pandoc citations formatted in a CSL style, as pandoc --citeproc does.

Clusters are rendered through :func:`acuref.render.render` (all registered together, in draft
order, so disambiguation, numbering and ibid/subsequent positions see the whole draft). A
cluster whose cites carry prefixes, suffixes or suppressed authors is composed here as pandoc's
citeproc composes it: each cite rendered with its locator, then ``prefix cite suffix`` per cite,
joined with the style's citation delimiter inside the layout's affixes; the cites are put in the
style's citation order unless a cite has a prefix (then as written, as pandoc does).

With a note style (``class="note"``) every citation outside a footnote becomes a footnote
(``[^n]`` in Markdown, after the punctuation that follows it), its text capitalised ("Ibid.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..model import Reference, Store
from .pandoc import DraftCitation, PandocCite, find_pandoc_citations

BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"
_CSL = "{http://purl.org/net/xbiblio/csl}"


@dataclass(frozen=True)
class StyleShape:
    """What composing clusters needs to know about a style: note or in-text, the citation
    layout's affixes and delimiter, whether citations are sorted."""

    note: bool
    prefix: str
    suffix: str
    delimiter: str
    sorted: bool


def style_shape(style: str) -> StyleShape:
    from ..styles import _parse_safely, find_style

    root = _parse_safely(find_style(style).path)
    citation = root.find(f"{_CSL}citation")
    layout = citation.find(f"{_CSL}layout") if citation is not None else None
    get = (lambda name, default="": layout.get(name, default)) if layout is not None else (lambda n, d="": d)
    return StyleShape(note=root.get("class") == "note", prefix=get("prefix"), suffix=get("suffix"),
                      delimiter=get("delimiter", "; "), sorted=citation is not None
                      and citation.find(f"{_CSL}sort") is not None)


@dataclass(frozen=True)
class RenderedDraft:
    """A rendered draft: the body (Markdown, or plain text), generated notes, bibliography entries,
    and the references cited (in order of first citation)."""

    body: str
    notes: tuple[tuple[str, str], ...]  # (label, text)
    bibliography: tuple[str, ...]
    cited: tuple[Reference, ...]


def resolve_keys(store: Store, citations: Sequence[DraftCitation], path: str) -> dict[str, Reference]:
    """Every cited key → its reference; all unknown keys are reported at once (InvalidInputError)."""
    from ..errors import AcurefError, InvalidInputError, Problem
    from ..keys import resolve

    problems, resolved = [], {}
    for citation in citations:
        for cite in citation.cites:
            if cite.key in resolved:
                continue
            try:
                resolved[cite.key] = resolve(store, cite.key)
            except AcurefError as exc:
                problems.append(Problem(path, citation.line, None, f"@{cite.key}: {exc.message}"))
    if problems:
        raise InvalidInputError(f"{len(problems)} citation key{'s' if len(problems) != 1 else ''} could not be "
                                "resolved; nothing written", problems)
    return resolved


def _composed(cites: Sequence[PandocCite]) -> bool:
    if len(cites) == 1:
        return bool(cites[0].prefix or cites[0].suffix)
    return any(c.prefix or c.suffix or c.mode != "normal" for c in cites)


def _plain_affix(text: str, fmt: str) -> str:
    if fmt == "md":
        return text
    return re.sub(r"(?<!\\)(\*{1,2}|_{1,2})(\S(?:.*?\S)?)\1", r"\2", text)


def render_parts(store: Store, text: str, *, style: str, locale: str | None = None, fmt: str = "md",
                 path: str = "<draft>") -> RenderedDraft:
    """Render a Markdown draft's citations in ``fmt`` ("md" or "text"); see the module docstring."""
    from ..render import Cite, render

    citations = find_pandoc_citations(text)
    resolved = resolve_keys(store, citations, path)
    shape = style_shape(style)
    refs = list({r.key: r for r in resolved.values()}.values())
    flat: list[list] = []
    plan: list[tuple[bool, int, int]] = []  # (composed, first index into flat, count)
    for citation in citations:
        def cite(c: PandocCite, mode: str | None = None) -> Cite:
            return Cite(resolved[c.key].key, c.locator, c.label, "", "", mode or c.mode)

        if _composed(citation.cites):
            plan.append((True, len(flat), len(citation.cites)))
            flat += [[cite(c)] for c in citation.cites]
        else:
            plan.append((False, len(flat), 1))
            flat.append([cite(c) for c in citation.cites])
    result = render(refs, flat, style=style, locale=locale, fmt=fmt) if refs else None
    order = {e.key: n for n, e in enumerate(result.bibliography)} if result else {}
    pieces = []
    for citation, (composed, first, count) in zip(citations, plan):
        rendered = result.citations[first:first + count]
        pieces.append(_compose(citation.cites, rendered, shape, fmt, resolved, order) if composed else rendered[0])
    body, notes = _place(text, citations, pieces, shape.note, fmt)
    entries = tuple(e.text for e in result.bibliography) if result else ()
    cited = []
    for citation in citations:
        for c in citation.cites:
            if resolved[c.key] not in cited:
                cited.append(resolved[c.key])
    return RenderedDraft(body, tuple(notes), entries, tuple(cited))


def _strip(text: str, prefix: str, suffix: str) -> str:
    if prefix and text.startswith(prefix):
        text = text[len(prefix):]
    if suffix and text.endswith(suffix):
        text = text[: len(text) - len(suffix)]
    return text


def _compose(cites: Sequence[PandocCite], rendered: Sequence[str], shape: StyleShape, fmt: str,
             resolved: dict[str, Reference], order: dict[str, int]) -> str:
    if len(cites) == 1 and cites[0].mode == "author-in-text":
        out, suffix = rendered[0], _plain_affix(cites[0].suffix, fmt)
        return out[:-1] + suffix + out[-1] if suffix and out.endswith(")") else out + suffix
    items = []
    for c, r in zip(cites, rendered):
        inner = _strip(r, shape.prefix, shape.suffix)
        prefix = _plain_affix(c.prefix, fmt)
        items.append((c, (prefix + " " if prefix else "") + inner + _plain_affix(c.suffix, fmt)))
    if shape.sorted and not any(c.prefix for c in cites):
        items.sort(key=lambda item: order.get(resolved[item[0].key].key, 0))
    return shape.prefix + shape.delimiter.join(t for _, t in items) + shape.suffix


_EXISTING_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


def _place(text: str, citations: Sequence[DraftCitation], pieces: Sequence[str], note_style: bool,
           fmt: str) -> tuple[str, list[tuple[str, str]]]:
    """The body with each citation replaced; with a note style, citations outside footnotes become notes."""
    taken = set(_EXISTING_NOTE.findall(text))
    counter = 0
    notes: list[tuple[str, str]] = []
    out, last = [], 0
    for citation, piece in zip(citations, pieces):
        line_start = text.rfind("\n", 0, citation.start) + 1
        in_note = bool(re.match(r"\s{0,3}\[\^[^\]]+\]:", text[line_start:citation.start]))
        if not note_style or in_note:
            out.append(text[last:citation.start])
            out.append(piece)
            last = citation.end
            continue
        counter += 1
        while str(counter) in taken:
            counter += 1
        label = str(counter)
        before = text[last:citation.start].rstrip(" \t")
        after = citation.end
        punct = re.match(r"[.,;:!?]+", text[after:])
        mark = f"[^{label}]" if fmt == "md" else f"[{label}]"
        if punct:
            before += punct.group(0)
            after += punct.end()
        out.append(before + mark)
        last = after
        notes.append((label, piece[:1].upper() + piece[1:]))
    out.append(text[last:])
    return "".join(out), notes


def assemble(parts: RenderedDraft, fmt: str) -> str:
    """A rendered draft as one Markdown or plain-text document: bibliography at the marker (or at
    the end), then the generated notes (pandoc's order)."""
    body = parts.body
    bibliography = "\n\n".join(parts.bibliography)
    if BIBLIOGRAPHY_MARKER in body:
        body = body.replace(BIBLIOGRAPHY_MARKER, bibliography, 1)
    elif parts.bibliography:
        body = body.rstrip("\n") + "\n\n" + bibliography + "\n"
    if parts.notes:
        form = "[^{}]: {}" if fmt == "md" else "[{}] {}"
        body = body.rstrip("\n") + "\n\n" + "\n\n".join(form.format(label, note) for label, note in parts.notes) + "\n"
    return body


def render_draft(store: Store, text: str, *, style: str, locale: str | None = None, to: str = "md",
                 path: str = "<draft>") -> str:
    """The draft (Markdown with pandoc citations) rendered as ``to`` = md, text or html.

    Every unknown key is reported at once with its line and suggestions; nothing is rendered then."""
    fmt = "text" if to == "text" else "md"
    parts = render_parts(store, text, style=style, locale=locale, fmt=fmt, path=path)
    if to == "html":
        from .outputs import to_html

        return to_html(parts)
    return assemble(parts, fmt)
