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

from ..errors import Problem
from ..model import Reference, Store
from ..wording import count
from ..render import Cite, render
from ..styles import StyleRef
from .frontmatter import FrontMatter, split_front_matter
from .pandoc import DraftCitation, find_pandoc_citations, inline_notes

BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"


@dataclass(frozen=True)
class StyleShape:
    """What composing clusters needs to know about a style: note or in-text, the citation
    layout's affixes and delimiter, whether citations are sorted."""

    note: bool
    prefix: str
    suffix: str
    delimiter: str
    sorted: bool
    collapse: str = ""
    group_delimiter: str = ", "
    numeric: bool = False
    punctuation_in_quote: bool = True
    hanging_indent: bool = False  # the bibliography's hanging-indent (CSL 1.0.2 "Whitespace")


def style_shape(style: str | StyleRef) -> StyleShape:
    """What composing needs of STYLE (a name or a resolved StyleRef), read from the compiled tree that
    :func:`acuref.render.style_node` caches per file version, the tree render() evaluates: the style is
    parsed once per render, not once here and again there."""
    from ..render import style_node
    from ..styles import find_style

    root = style_node(find_style(style) if isinstance(style, str) else style)
    citation = root.find("citation")
    layout = citation.find("layout") if citation is not None else None
    get = (lambda name, default="": layout.get(name, default)) if layout is not None else (lambda n, d="": d)
    info = root.find("info")
    numeric = any(c.get("citation-format") == "numeric" for c in (info.findall("category") if info is not None else ()))
    locale = root.get("default-locale") or "en-US"
    return StyleShape(note=root.get("class") == "note", prefix=get("prefix"), suffix=get("suffix"),
                      delimiter=get("delimiter", "; "), sorted=citation is not None
                      and citation.find("sort") is not None,
                      collapse=citation.get("collapse", "") if citation is not None else "",
                      group_delimiter=citation.get("cite-group-delimiter", ", ") if citation is not None else ", ",
                      numeric=numeric, punctuation_in_quote=locale.startswith("en-US"),
                      hanging_indent=root.find("bibliography") is not None
                      and root.find("bibliography").get("hanging-indent") == "true")


@dataclass(frozen=True)
class RenderedDraft:
    """A rendered draft: the body (Markdown, or plain text), generated notes, bibliography entries,
    and the references cited (in order of first citation)."""

    body: str
    notes: tuple[tuple[str, str], ...]  # (label, text)
    bibliography: tuple[str, ...]
    cited: tuple[Reference, ...]
    front: FrontMatter = FrontMatter()  # the draft's YAML front matter (not part of body)
    hanging_indent: bool = False  # the style lays the bibliography out with a hanging indent
    warnings: tuple = ()  # Problems: citations that print nothing in this style (pandoc warns of them too)


def resolve_keys(store: Store, citations: Sequence[DraftCitation], path: str) -> dict[str, Reference]:
    """Every cited key → its reference; all unknown keys are reported at once (InvalidInputError)."""
    from ..errors import AcurefError, InvalidInputError, Problem
    from ..keys import resolve

    problems, resolved, failed = [], {}, set()
    for citation in citations:
        for cite in citation.cites:
            if cite.key in resolved or (citation.line, cite.key) in failed:
                continue
            try:
                resolved[cite.key] = resolve(store, cite.key)
            except AcurefError as exc:
                failed.add((citation.line, cite.key))
                problems.append(Problem(path, citation.line, None, f"@{cite.key}: {exc.message}"))
    if problems:
        raise InvalidInputError(f"{count(len(problems), 'citation key')} could not be "
                                "resolved; nothing written", problems)
    return resolved


def _once(citation: DraftCitation, resolved: dict[str, Reference]) -> DraftCitation:
    """The citation without a cite that repeats an earlier one of its cluster: the same work (by key
    or by an alias of that key) with the same locator, affixes and mode. acuref knows they are one
    reference, so "[@delize1992; @deluze1992]" cites it once, not "(Deluze et al., 1992, 1992)"."""
    from dataclasses import replace

    seen, kept = set(), []
    for c in citation.cites:
        identity = (resolved[c.key].key, c.locator, c.label, c.prefix, c.suffix, c.mode)
        if identity not in seen:
            seen.add(identity)
            kept.append(c)
    return citation if len(kept) == len(citation.cites) else replace(citation, cites=tuple(kept))


def _composed(cites: Sequence[Cite], shape: StyleShape) -> bool:
    if len(cites) == 1:
        return bool(cites[0].prefix or cites[0].suffix or cites[0].mode != "normal")
    # citeproc-py sorts every cluster; pandoc keeps the written order when the style has no sort
    return not shape.sorted or any(c.prefix or c.suffix or c.mode != "normal" for c in cites)


# Sentinels around each cite's own text in a composed cluster: OPEN + a private-use character
# numbering the cite, the text, CLOSE. They let the layout's affixes be told from the item's own
# punctuation ("ibid." keeps its period when the layout suffix is ".") and each cite be found
# after citeproc sorted the cluster. Private-use characters, outside the renderer's markup range.
_OPEN, _CLOSE, _NUMBER = "\ue0f0", "\ue0f1", 0xE100
_PIECE = re.compile("\ue0f0([\ue100-\ue8ff])(.*?)\ue0f1", re.S)


def _plain_affix(text: str, fmt: str) -> str:
    if fmt == "md":
        return text
    # strong, then emphasis; the span may not contain its own delimiter, so an opener that is never
    # closed scans only to the next delimiter (linear, where ".*?" made many unclosed "*" quadratic)
    for marks in (r"\*\*|__", r"\*|_"):
        text = re.sub(rf"(?<!\\)({marks})(\S(?:(?:(?!\1).)*?\S)?)\1", r"\2", text)
    return text


def render_parts(store: Store, text: str, *, style: str, locale: str | None = None, fmt: str = "md",
                 path: str = "<draft>") -> RenderedDraft:
    """Render a Markdown draft's citations in ``fmt`` ("md" or "text"); see the module docstring.
    A YAML front matter is read (:mod:`acuref.drafts.frontmatter`) and kept out of the body."""
    from ..styles import find_style

    front, text = split_front_matter(text, path)
    citations = find_pandoc_citations(text)
    resolved = resolve_keys(store, citations, path)
    citations = [_once(c, resolved) for c in citations]
    style_ref = find_style(style)  # once: a dependent or user style is a file read and parsed to resolve
    shape = style_shape(style_ref)
    bracketed_in_note: set[int] = set()  # citations of a note style written "[@key]" inside a note
    if shape.note:  # inside a note an author-in-text citation is the note's citation, names and all (pandoc 2.17)
        spans = inline_notes(text)
        inside = [_in_note(text, c.start, spans) for c in citations]
        bracketed_in_note = {n for n, c in enumerate(citations) if inside[n] and text[c.start] == "["}
        citations = [_as_normal(c) if inside[n] else c for n, c in enumerate(citations)]
    refs = list({r.key: r for r in resolved.values()}.values())
    clusters, composed = [], []
    for citation in citations:
        compose = _composed(citation.cites, shape)
        single = len(citation.cites) == 1
        cluster = []
        for n, c in enumerate(citation.cites):
            mode = c.mode
            if mode == "author-in-text" and (shape.numeric or shape.note):
                mode = "normal"  # pandoc 2.17: "[3]" in numeric styles; in note styles the names go in the text
            if not single or shape.note or mode == "suppress-author":
                mode = "normal"  # names of a suppressed author are taken out here (see _without_names)
            cluster.append(Cite(resolved[c.key].key, c.locator, c.label, _OPEN + chr(_NUMBER + n) if compose else "",
                                _CLOSE if compose else "", mode))
        clusters.append(cluster)
        composed.append(compose)
    result = render(refs, clusters, style=style_ref, locale=locale, fmt=fmt) if refs else None
    pieces = []
    for citation, compose, rendered in zip(citations, composed, result.citations if result else []):
        pieces.append(_compose(citation.cites, rendered, shape, fmt, resolved) if compose else (rendered, ""))
    for n in bracketed_in_note:  # pandoc 2.17 puts them in parentheses, without the layout's closing period
        piece, names = pieces[n]
        if piece:
            body_ = piece[: -len(shape.suffix)] if shape.suffix and piece.endswith(shape.suffix) else piece
            pieces[n] = (f"({body_})", names)
    body, notes = _place(text, citations, pieces, shape.note, fmt, resolved)
    warnings = tuple(Problem(path, c.line, None, f"{', '.join('@' + x.key for x in c.cites)}: the citation prints "
                             "nothing in this style (pandoc: \"Citation with no printed form\")")
                     for c, (piece, _) in zip(citations, pieces) if not piece.strip())
    if front.raw:
        body = body[front.lines:] if body.startswith("\n" * front.lines) else body
    entries = tuple(e.text for e in result.bibliography) if result and not front.suppress_bibliography else ()
    cited = []
    for citation in citations:
        for c in citation.cites:
            if resolved[c.key] not in cited:
                cited.append(resolved[c.key])
    return RenderedDraft(body, tuple(notes), entries, tuple(cited), front, shape.hanging_indent, warnings)


def _authors(ref: Reference) -> tuple:
    return tuple((n.literal, n.family, n.given) for n in ref.author)


_NAMES_END = re.compile(r", |\s(?=\d{4}[a-z]?\b|n\.d\.)")


def _without_names(inner: str, ref: Reference) -> tuple[str, str]:
    """(names, rest) of a cite's text when it starts with its first author's names
    ("Smith, Tides and Harbours 3" → "Smith", "Tides and Harbours 3"; "Smith 2004" → "Smith", "2004"),
    else ("", inner)."""
    if not ref.author:
        return "", inner
    first = ref.author[0].literal or ref.author[0].family
    m = _NAMES_END.search(inner)
    names = inner[: m.start()] if m else inner
    if not first or first not in names or len(names) > 150:
        return "", inner
    return names, inner[m.end():] if m else ""


def _compose(cites: Sequence[Cite], rendered: str, shape: StyleShape, fmt: str,
             resolved: dict[str, Reference]) -> tuple[str, str]:
    """(the cluster's text, the names an author-in-text citation of a note style puts in the text)."""
    found = {ord(m.group(1)) - _NUMBER: m for m in _PIECE.finditer(rendered)}
    if set(found) != set(range(len(cites))):  # a cite's text was merged away (collapsed): keep citeproc's
        return _PIECE.sub(lambda m: m.group(2), rendered).replace(_OPEN, "").replace(_CLOSE, ""), ""
    spans = sorted((m.start(), m.end()) for m in found.values())
    head, tail = rendered[: spans[0][0]], rendered[spans[-1][1]:]
    if len(cites) == 1 and cites[0].mode == "author-in-text":
        inner = found[0].group(2)
        ref = resolved[cites[0].key]
        names, rest = _without_names(inner, ref)
        suffix = _plain_affix(cites[0].suffix, fmt)
        if shape.note:  # the names go in the text (see _place), the rest in the note
            return _finish_cluster(head + (rest if names else inner) + suffix + tail, tail, shape), names
        if names and head == shape.prefix:  # the renderer left the names inside: move them out
            return names + (f" {head}{rest}{suffix}{tail}" if rest or suffix else ""), ""
        return head + inner + suffix + tail, ""
    written = list(range(len(cites)))
    if shape.sorted and not any(c.prefix for c in cites):
        written.sort(key=lambda n: found[n].start())
    items = []
    for n in written:
        c, inner = cites[n], found[n].group(2)
        if c.mode == "suppress-author":
            names, rest = _without_names(inner, resolved[c.key])
            inner = rest if names else inner
        prefix = _plain_affix(c.prefix, fmt)
        items.append((c, (prefix + " " if prefix else "") + inner + _plain_affix(c.suffix, fmt)))
    # a cite with no printed form (MLA's [-@key]: the author was all it printed) is left out, and a
    # cluster of only such cites prints nothing, not its affixes "()" (pandoc 2.17's citeproc)
    items = [(c, text) for c, text in items if text.strip()]
    if not items:
        return "", ""
    out = items[0][1]
    for (previous, _), (c, text) in zip(items, items[1:]):
        same = (shape.collapse.startswith("year") and not c.prefix and not previous.suffix
                and not previous.locator and _authors(resolved[previous.key]) == _authors(resolved[c.key]) and resolved[c.key].author)
        if same and c.mode != "suppress-author":
            names, rest = _without_names(text, resolved[c.key])
            text = rest if names else text
        out += (shape.group_delimiter if same else shape.delimiter) + text
    return _finish_cluster(head + out + tail, tail, shape), ""


def _finish_cluster(out: str, tail: str, shape: StyleShape) -> str:
    """No doubled period ("ibid." + "."), and the locale's punctuation inside closing quotes."""
    if tail.startswith(".") and out.endswith(tuple(f"{p}{tail}" for p in ".!?")):
        out = out[: -len(tail)] + tail[1:]
    if shape.punctuation_in_quote:
        out = re.sub(r"([”’])([.,])$", r"\2\1", out)
    return out


_EXISTING_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_NOTE_DEFINITION = re.compile(r"\s{0,3}\[\^[^\]]+\]:")


def _in_note(text: str, offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``offset`` is inside a note: on a footnote definition's line ("[^1]: …") or in an inline note."""
    line_start = text.rfind("\n", 0, offset) + 1
    return bool(_NOTE_DEFINITION.match(text[line_start:offset])) or any(s < offset < e for s, e in spans)


def _as_normal(citation: DraftCitation) -> DraftCitation:
    from dataclasses import replace

    return replace(citation, cites=tuple(replace(c, mode="normal") if c.mode == "author-in-text" else c
                                         for c in citation.cites))


def _in_place(piece: str, text: str, end: int) -> str:
    """A citation's text where it was written: "…, 2." loses its period before the sentence's own."""
    if text[end:end + 1] == ".":
        if piece.endswith("."):
            return piece[:-1]
        if re.search(r"\.[”’]$", piece):  # 'Emesis.”' before the sentence's period: 'Emesis”.' (pandoc)
            return piece[:-2] + piece[-1]
    return piece


def _in_text_names(ref: Reference, names: str) -> str:
    """The author as pandoc writes an author-in-text citation of a note style: the names the note
    started with (a first citation: "Mara Fenwick and Ola Lund"), else the short form ("Smith")."""
    if names or not ref.author:
        return names
    names = [n.literal or " ".join(p for p in (n.non_dropping_particle, n.family) if p) for n in ref.author]
    if len(names) == 1:
        return names[0]
    return f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al."


def _place(text: str, citations: Sequence[DraftCitation], pieces: Sequence[tuple[str, str]], note_style: bool,
           fmt: str, resolved: dict[str, Reference]) -> tuple[str, list[tuple[str, str]]]:
    """The body with each citation replaced; with a note style, citations outside notes become notes.

    An inline note ``^[…]`` becomes a note of its own (numbered with the generated ones, its words
    kept as written), with its citations rendered in place inside it, as in a "[^n]: …" definition."""
    taken = set(_EXISTING_NOTE.findall(text))
    counter = 0
    notes: list[tuple[str, str]] = []
    out, last = [], 0

    def label() -> str:
        nonlocal counter
        counter += 1
        while str(counter) in taken:
            counter += 1
        return str(counter)

    def mark(name: str) -> str:
        return f"[^{name}]"  # plain text numbers every note in order later (assemble)

    placed = list(zip(citations, pieces))
    events: list[tuple[int, int, object]] = [(c.start, 1, (c, p)) for c, p in placed]
    events += [(s, 0, (s, e)) for s, e in inline_notes(text)]
    events.sort(key=lambda event: (event[0], event[1]))
    note_end = -1
    for start, kind, item in events:
        if kind == 0:  # an inline note: "^[" … "]"
            s, e = item
            inner, at = [], s + 2
            for citation, (piece, _names) in placed:
                if s < citation.start < e:
                    inner.append(_unescape(text[at:citation.start], fmt))
                    inner.append(_in_place(piece, text, citation.end))
                    at = citation.end
            inner.append(_unescape(text[at:e - 1], fmt))
            name = label()
            out.append(_unescape(text[last:s], fmt) + mark(name))
            notes.append((name, re.sub(r"[ \t]*\n\s*", " ", "".join(inner)).strip()))
            last = note_end = e
            continue
        citation, (piece, names) = item
        if citation.start < note_end:
            continue  # placed inside its inline note
        line_start = text.rfind("\n", 0, citation.start) + 1
        in_note = bool(_NOTE_DEFINITION.match(text[line_start:citation.start]))
        if not note_style or in_note:
            before = _unescape(text[last:citation.start], fmt)
            if not piece and before.endswith((" ", "\t")) and text[citation.end:citation.end + 1] in " \t.,;:!?)":
                before = before.rstrip(" \t")  # nothing printed: no doubled space ("Ezzo et al. agreed.")
            out.append(before)
            out.append(_in_place(piece, text, citation.end))
            last = citation.end
            continue
        name = label()
        author_in_text = len(citation.cites) == 1 and citation.cites[0].mode == "author-in-text"
        before = _unescape(text[last:citation.start], fmt)
        if author_in_text:
            before += _in_text_names(resolved[citation.cites[0].key], names)
        else:
            before = before.rstrip(" \t")
        after = citation.end
        punct = re.match(r"[.,;:!?]+", text[after:])
        if author_in_text:  # the note follows the names, before the sentence's punctuation ("See Hayhoe[2].");
            if before.endswith(".") and text[after:after + 1] == ".":  # "Deluze et al.[1]", one period (pandoc)
                after += 1
        elif punct:
            before += punct.group(0)
            after += punct.end()
        out.append(before + mark(name))
        last = after
        notes.append((name, piece[:1].upper() + piece[1:]))
    out.append(_unescape(text[last:], fmt))
    return "".join(out), notes


def _unescape(text: str, fmt: str) -> str:
    """Markdown backslash escapes removed in plain-text output ("\\@doe99" → "@doe99")."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text) if fmt == "text" else text


def bibliography_markdown(parts: RenderedDraft, fmt: str = "md") -> str:
    """The bibliography as paragraphs, after the front matter's reference-section-title (a heading)."""
    if not parts.bibliography:
        return ""
    title = parts.front.section_title
    return (f"{'# ' if fmt == 'md' else ''}{title}\n\n" if title else "") + "\n\n".join(parts.bibliography)


def _head(parts: RenderedDraft, fmt: str) -> str:
    """Markdown keeps the front matter as written; plain text shows its title, authors and date."""
    front = parts.front
    if fmt == "md":
        return front.raw
    lines = [x for x in (front.title, front.subtitle, "; ".join(front.authors), front.date) if x]
    return "\n".join(lines) + "\n\n" if lines else ""


def assemble(parts: RenderedDraft, fmt: str) -> str:
    """A rendered draft as one Markdown or plain-text document: bibliography at the marker (or at
    the end), then the generated notes (pandoc's order)."""
    body = parts.body
    bibliography = bibliography_markdown(parts, fmt)
    if BIBLIOGRAPHY_MARKER in body:
        body = body.replace(BIBLIOGRAPHY_MARKER, bibliography, 1)
    elif bibliography:
        body = body.rstrip("\n") + "\n\n" + bibliography + "\n"
    if fmt == "text":
        body = _numbered_notes(body, parts.notes)
    elif parts.notes:
        body = body.rstrip("\n") + "\n\n" + "\n\n".join(f"[^{label}]: {note}" for label, note in parts.notes) + "\n"
    head = _head(parts, fmt)
    return head + (body.lstrip("\n") if head and fmt != "md" else body)


#: a writer's note definition: "[^label]: text" and the lines of its paragraph
_DEFINITION = re.compile(r"(?m)^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n(?![ \t]*\n).*)*)\n?")


def _numbered_notes(body: str, generated: Sequence[tuple[str, str]]) -> str:
    """Plain text: the writer's notes and the generated ones numbered together in the order their
    marks appear ("[1]"…), and all of them after the body, as pandoc's plain writer puts them."""
    texts = {label: " ".join(text.split()) for label, text in _DEFINITION.findall(body)}
    body = _DEFINITION.sub("", body)
    texts.update(generated)
    numbers: dict[str, int] = {}

    def number(m: re.Match) -> str:
        if m.group(1) not in texts:
            return m.group(0)
        return f"[{numbers.setdefault(m.group(1), len(numbers) + 1)}]"

    body = _EXISTING_NOTE.sub(number, body)
    if not numbers:
        return body
    notes = "\n\n".join(f"[{n}] {texts[label]}" for label, n in sorted(numbers.items(), key=lambda kv: kv[1]))
    return body.rstrip("\n") + "\n\n" + notes + "\n"


def render_draft(store: Store, text: str, *, style: str, locale: str | None = None, to: str = "md",
                 path: str = "<draft>") -> str:
    """The draft (Markdown with pandoc citations) rendered as ``to`` = md, text or html.

    Every unknown key is reported at once with its line and suggestions; nothing is rendered then."""
    fmt = "text" if to == "text" else "md"
    parts = render_parts(store, text, style=style, locale=locale, fmt=fmt, path=path)
    if to == "html":
        from .outputs import to_html

        return to_html(parts, path)
    return assemble(parts, fmt)
