"""A citation cluster (CSL 1.0.2 "Citation", "Citation-specific options", "Cite Grouping", "Cite
Collapsing", "Position") rendered from its cites.

Cites are sorted by the citation's cs:sort (:mod:`.citesort`; a cite with a prefix or suffix keeps its place, as in
jgm/citeproc), rendered one by one (suppress-author drops the first cs:names output; author-only
keeps only it), given their affixes, grouped (cites with the same names next to the first,
``cite-group-delimiter``) and collapsed (``collapse`` year, year-suffix, year-suffix-ranged,
citation-number), then joined with the layout's delimiter and wrapped in its affixes and formatting.
Fixtures: collapse_*, affix_*, position_*, sort_*Cite* (tests/csl_suite)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import rich, richtext
from .citesort import sorted_cites

EN_DASH = "\u2013"


@dataclass
class Piece:
    text: str
    body: str
    prefix: str
    suffix: str
    names: str | None
    number: int | None
    year: int | None
    year_suffix: int | None
    locator: bool


def _piece(proc, cite: dict) -> Piece | None:
    ctx = proc.render_item(cite["id"], cite, "citation")
    body = ctx.text
    if cite.get("author-only"):
        body = ctx.first_names_text or ""
    if not rich.plain(body) and not cite.get("author-only"):
        return None
    prefix = richtext.parse(cite.get("prefix") or "")
    suffix = richtext.parse(cite.get("suffix") or "")
    if prefix and not prefix[-1:].isspace() and _spaced_prefix(prefix):
        prefix += " "
    if suffix and rich.first_char(suffix).isalnum():
        suffix = " " + suffix
    elif suffix and rich.first_char(suffix) == ",":  # a suffix's comma stays after a closing quote:
        suffix = rich.KEEP + rich.close(rich.KEEP) + suffix  # “Title”, who disagree! (citeproc-js 2.4.63; its
        # ". And" moves in: affix_MovingPunctuation)
    ends_sentence = rich.plain(prefix).rstrip().rstrip("”’\"'").endswith((".", "!", "?")) \
        and len(rich.plain(prefix).split()) > 1  # "Caps after. Ibid." but "Nocapsafter. ibid." (citeproc-js)
    if proc.style.get("class") == "note" and (cite.get("first-in-cluster") and not prefix or ends_sentence):
        # a note, or a sentence in it, starts with a capital: "Ibid.", "He said “Please work.” Ibid."
        # (citeproc-js; position_IbidWithPrefixFullStop)
        body = rich.capitalize_first_term(body)
    text = "".join(rich.fix_punct([prefix, body, suffix]))
    number = proc.citation_numbers.get(cite["id"])
    only_number = number is not None and re.fullmatch(rf"\D*{number}\D*", rich.plain(body)) is not None
    date = proc.items[cite["id"]].get("issued")
    year = date.parts[0][0] if date is not None and date.parts and date.parts[0] else None
    piece = Piece(text, body, prefix, suffix, ctx.first_names, number if only_number else None, year,
                  ctx.disamb.year_suffix, bool(cite.get("locator")))
    piece.names_key = ctx.names_seen[0] if ctx.names_seen else None
    return piece


#: what a cluster prints where its first cite renders nothing (citeproc-js 2.4: a visible mark, so that a
#: citation never vanishes from a document without a trace)
NO_PRINTED_FORM = "[CSL STYLE ERROR: reference with no printed form.]"


def _spaced_prefix(prefix: str) -> bool:
    """Whether a space goes after a cite prefix: it ends (closing quotes aside) in a letter, a digit,
    ")" "]" ",", or sentence punctuation ("as discussed in:" → "as discussed in: Han"), not in "(" or
    a dash (citeproc-js checkPrefixSpaceAppend)."""
    test = rich.plain(prefix).rstrip("\"'\u201d\u2019\u00bb\u202f\u00a0 ")
    return bool(test) and (test[-1].isalnum() or test[-1] in ":.;!?)],")


def render_cluster(proc, cites: list[dict]) -> str:
    ordered = sorted_cites(proc, cites)
    pieces = []
    for n, cite in enumerate(ordered):
        piece = _piece(proc, dict(cite, **{"first-in-cluster": n == 0}))
        if piece is None and n == 0 and not cite.get("suppress-author") and not cite.get("author-only"):
            piece = Piece(NO_PRINTED_FORM, NO_PRINTED_FORM, "", "", None, None, None, None, False)
        if piece is not None:
            pieces.append(piece)
    layout = proc.citation.find("layout")
    delimiter = layout.get("delimiter", "")
    text = assemble(pieces, proc.citation.attrs, delimiter, proc.citation.find("sort") is not None,
                    proc.style.get("class") != "note")
    if cites and all(c.get("author-only") for c in cites):
        return text  # author-only: the names alone, without the layout's affixes
    attrs = layout.attrs
    return rich.formatted(text, attrs, affixes_inside=True) if text else ""


def _remove_names(piece: Piece) -> str:
    at = rich.plain(piece.body).find(piece.names) if piece.names else -1
    if at < 0 or not piece.names:
        return piece.body
    # map the position in plain text back to the marked text
    out, seen, i = [], 0, 0
    body = piece.body
    while i < len(body) and seen < at:
        if body[i] not in rich.MARKERS:
            seen += 1
        out.append(body[i])
        i += 1
    removed = 0
    while i < len(body) and removed < len(piece.names):
        if body[i] in rich.MARKERS:
            out.append(body[i])
        else:
            removed += 1
        i += 1
    rest = rich.drop_lead(body[i:], " ,;:")
    text = "".join(out) + rest
    for c in range(0xE000, 0xE026, 2):
        text = text.replace(chr(c) + chr(c + 1), "")
    return text


def _same_names(a: Piece, b: Piece) -> bool:
    """Cites group when their rendered names are identical (CSL 1.0.2 "Cite Grouping"), two that print
    only their dates included: "(1993, 2001; West 2008)", "(2019a, p. 1500, b)" (citeproc-js).  A
    cite without names never joins one with names ("(Fairbairn 2011; 2015)", where citeproc-js
    prints "2011, 2015" as if both were Fairbairn's)."""
    if a.names or b.names:
        return a.names == b.names
    return _date_only(a) and _date_only(b)


def _date_only(piece: Piece) -> bool:
    """A cite that prints no names and nothing in their place, only its date ("2015", "2019a, p. 1500"):
    citeproc-js groups those; a title in the names' place ("Zeta 2011") keeps a cite apart."""
    return piece.names is None and piece.year is not None and rich.plain(piece.body).lstrip().startswith(
        str(abs(piece.year)))


def _group_with(pieces: list[Piece], move: bool = True) -> list[list[Piece]]:
    """Cites with the same names together; with ``move`` (the citation is sorted, so cites are
    grouped while sorting, as in citeproc-js) later ones move next to the first, else only
    neighbours group."""
    if not move:
        groups = []
        for p in pieces:
            if groups and _same_names(groups[-1][-1], p) and not p.prefix and not groups[-1][-1].suffix:
                groups[-1].append(p)
            else:
                groups.append([p])
        return groups
    groups: list[list[Piece]] = []
    rest = list(pieces)
    while rest:
        first, rest = rest[0], rest[1:]
        if first.suffix:
            groups.append([first])
            continue
        movable = 0
        while movable < len(rest) and not rest[movable].prefix and not rest[movable].suffix:
            movable += 1
        window, after = rest[:movable], rest[movable:]
        same, adjacent = [], True
        for p in window:
            if first.names and p.names == first.names and (
                    adjacent or getattr(p, "names_key", None) == getattr(first, "names_key", None)) \
                    or adjacent and _same_names(first, p):
                same.append(p)  # neighbours group by the names as printed, others move only if the same people
            else:
                adjacent = False
        groups.append([first, *same])
        rest = [p for p in window if not any(p is s for s in same)] + after
    return groups


def _suffix_text(pieces: list[Piece], ranged: bool, delimiter: str) -> str:
    if not ranged:
        return delimiter.join(p.text for p in pieces)
    runs: list[list[Piece]] = []
    for p in pieces:
        if runs and p.year_suffix is not None and runs[-1][-1].year_suffix is not None \
                and p.year_suffix == runs[-1][-1].year_suffix + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return delimiter.join(r[0].text + EN_DASH + r[-1].text if len(r) >= 3 else delimiter.join(p.text for p in r)
                          for r in runs)


def _collapse_year_suffix(pieces: list[Piece], ranged: bool, delimiter: str) -> list[Piece]:
    from .evaluate import suffix_letters

    out: list[Piece] = []
    current: list[Piece] = []

    def flush():
        if len(current) == 1:
            out.append(current[0])
        elif current:
            text = _suffix_text(current, ranged, delimiter)
            out.append(Piece(text, text, "", "", None, None, None, None, any(p.locator for p in current)))

    for p in pieces:
        first = current[0] if current else None
        if first is not None and p.year is not None and p.year == first.year and p.year_suffix is not None \
                and first.year_suffix is not None and not p.prefix:
            # a later cite's locator stays with its suffix: "2016a, b, p. 305", and one after a cite with a
            # locator collapses too: "2008c, p. 1030, a" (citeproc-js)
            letters = suffix_letters(p.year_suffix)
            plain = rich.plain(p.text)
            wanted = f"{p.year}{letters}"
            text = p.text.replace(wanted, letters, 1) if wanted in p.text else (letters if plain.endswith(letters) else p.text)
            current.append(replace(p, text=text, body=text))
        else:
            flush()
            current = [p]
    flush()
    return out


def splice(delimiter: str, before: Piece, after: Piece) -> str:
    """The delimiter between two cites: after a cite whose suffix ends in ";", "." or "," the delimiter
    keeps only what follows its first space ("p. 3. Ashton", "84.85": the suffix's punctuation replaces
    the delimiter's), and before a cite whose prefix starts with one of them (no suffix before it) there
    is none (citeproc-js 2.4.63 CSL.getCitationCluster, the splice delimiter)."""
    suffix, prefix = rich.plain(before.suffix), rich.plain(after.prefix)
    ends = bool(suffix) and suffix[-1] in ";.,"
    starts = not suffix and bool(prefix) and prefix[0] in ";.,"
    if not (ends or starts):
        return delimiter
    space = delimiter.find(" ")
    return delimiter[space:] if space > -1 and not starts else ""


def _join(pieces: list[Piece], delimiter: str) -> str:
    out = []
    for n, p in enumerate(pieces):
        if n:
            out.append(splice(delimiter, pieces[n - 1], p))
        out.append(p.text)
    return "".join(rich.fix_punct(out))


def assemble(pieces: list[Piece], options: dict, layout_delimiter: str, sorted_: bool = True,
             in_text: bool = True) -> str:
    """The cites of a citation joined; grouped and collapsed as the citation's options say. Without a
    cite-group-delimiter, collapsed cites are joined by ", " in an in-text style and by the layout's
    delimiter in a note style (citeproc-js's getSpliceDelimiter; fixtures
    disambiguate_YearSuffixWithEtAlSubsequent, disambiguate_YearCollapseWithInstitution)."""
    collapse = options.get("collapse")
    after_collapse = options.get("after-collapse-delimiter", layout_delimiter)
    if collapse == "citation-number":
        return _collapse_numbers(pieces, layout_delimiter, after_collapse)
    group_delimiter = options.get("cite-group-delimiter", (", " if in_text else layout_delimiter) if collapse else None)
    if group_delimiter is None:
        return _join([p for p in pieces if p.text], layout_delimiter)
    year_suffix_delimiter = options.get("year-suffix-delimiter", options.get("cite-group-delimiter", layout_delimiter))
    groups = _group_with(pieces, sorted_)
    out: list[str] = []
    for n, group in enumerate(groups):
        last_group = n == len(groups) - 1
        if collapse not in ("year", "year-suffix", "year-suffix-ranged"):
            out.append(group_delimiter.join(p.text for p in group)
                       + ("" if last_group else splice(layout_delimiter, group[-1], groups[n + 1][0])))
            continue
        head, tail = group[0], group[1:]
        stripped = [head] + [replace(p, text=p.prefix + _remove_names(p) + p.suffix, body=_remove_names(p)) for p in tail]
        # a later cite with nothing left once its names are gone (undated, no year suffix printed) adds
        # nothing: "(Dobbs)", not "(Dobbs, )" (citeproc-js, springer-basic-author-date)
        stripped = stripped[:1] + [p for p in stripped[1:] if rich.plain(p.text).strip()]
        units = stripped if collapse == "year" else _collapse_year_suffix(
            stripped, collapse == "year-suffix-ranged", year_suffix_delimiter)
        no_collapse = [u.text for u in units] == [p.text for p in group]
        no_suffix_collapse = [u.text for u in units] == [p.text for p in stripped]
        flipped = collapse == "year"
        any_locator = any(u.locator for u in units)
        # after a cite with a locator the style's own after-collapse-delimiter, if it sets one; else the
        # cite-group delimiter (citeproc-js 2.4.63 CSL.getSpliceDelimiter)
        explicit = "after-collapse-delimiter" in options
        inner = group_delimiter if no_collapse or (no_suffix_collapse and not (flipped and any_locator and explicit)) \
            or (not explicit and "cite-group-delimiter" in options) else after_collapse
        text = inner.join(u.text for u in units)
        if not last_group:
            text += splice(layout_delimiter if no_collapse and not flipped else after_collapse, group[-1],
                           groups[n + 1][0])
        out.append(text)
    return "".join(rich.fix_punct(out))


def _collapse_numbers(pieces: list[Piece], delimiter: str, after_collapse: str) -> str:
    runs: list[list[Piece]] = []
    for p in pieces:
        previous = runs[-1][-1] if runs else None
        if previous is not None and previous.number is not None and p.number == previous.number + 1 \
                and not (p.prefix or p.suffix or previous.suffix):
            runs[-1].append(p)
        else:
            runs.append([p])
    out = []
    for n, run in enumerate(runs):
        last = n == len(runs) - 1
        if len(run) >= 3:
            out.append(run[0].text + EN_DASH + run[-1].text
                       + ("" if last else splice(after_collapse, run[-1], runs[n + 1][0])))
        else:
            out.append(_join(run, delimiter) + ("" if last else splice(delimiter, run[-1], runs[n + 1][0])))
    return "".join(out)
