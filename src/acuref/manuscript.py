"""Drafts: find the author-year citations of an article and resolve them against the store.

The detector is a small grammar anchored on years. For every year token
(``1992``, ``2022a``) it looks back on the same line for an author phrase:

    NAME     a capitalised word ("Deluze", "Carrasco-Labra", "Schünemann"), not a function word or month
    AUTHORS  NAME [, NAME]* [and|& NAME] [et al | & al] [and colleagues]
    paren    AUTHORS [,] YEAR           inside an open "(": "(Zhang et al, 2014)", "(Hayhoe, 2010, Lin et al, 2002)"
    narrative AUTHORS ( YEAR … )        "Zhang et al (2022)", "Feinstein (2022 – ref and link below)"
    org      ACRONYM words{0,5} ( YEAR ) "The NICE Scenario Management guidelines (2021)"

A paren-form citation outside parentheses counts only with "et al" (so "In 2007"
or "April 2021" in prose are not citations). Lines that are entries of a
reference list ("Surname, I., …" or "ORG (YEAR) …" on their own) are skipped.

Each citation is then resolved against the store (see :func:`resolve_citation`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Sequence

from .model import Reference, Store
from .normalize import fold, squash, words

OK, FUZZY, AMBIGUOUS, MISMATCH, UNRESOLVED = "ok", "fuzzy", "ambiguous", "mismatch", "unresolved"
STATUSES = (OK, FUZZY, AMBIGUOUS, MISMATCH, UNRESOLVED)

_LETTER = r"A-Za-z\u00C0-\u024F"
_NAME = rf"[A-Z\u00C0-\u00DE][{_LETTER}'’\-]+"
_AUTHORS = (
    rf"(?P<first>{_NAME})"
    rf"(?P<others>(?:\s*,\s*{_NAME})*\s*,?\s*(?:and|&)\s+{_NAME}(?!\s+al\b))?"
    rf"(?P<etal>\s*(?:et\.?\s*al|&\s*al)\.?)?"
)
_YEAR = re.compile(r"(?<![\d\w])(?P<year>1[6-9]\d\d|20\d\d)(?P<suffix>[a-z])?(?![\d\w])")
_PAREN_TAIL = re.compile(rf"{_AUTHORS}[\s,]*$")
_NARRATIVE_TAIL = re.compile(rf"{_AUTHORS}\s*\(\s*$")
_ORG_TAIL = re.compile(r"(?P<first>[A-Z]{2,})(?:\s+[A-Za-z][\w’'\-]*){0,5}\s*\(\s*$")
_COLLEAGUES = re.compile(r"^[^)]*\)\s*and\s+colleagues\b")
_REFERENCE_ENTRY = re.compile(rf"^\s*(?:{_NAME},\s*[A-Z]{{1,3}}[.,;]|[A-Z]{{2,}}\s*\(\d{{4}}\)(?:\s+[A-Z][^.]*)?$)")
_STOPWORDS = frozenset(
    """a an and as at by during for from in of on or per since the to until before after between around about circa
    early late mid see also cf ibid january february march april may june july august september october november
    december spring summer autumn fall winter figure fig table chapter section page volume issue""".split()
)


@dataclass(frozen=True)
class Citation:
    """One author-year citation as written in a draft."""

    text: str
    line: int
    column: int
    surname: str
    others: tuple[str, ...]
    et_al: bool
    year: int
    suffix: str
    context: str  # the clause the citation supports, for ranking candidates
    references: str = ""  # the draft's own reference list (folded), for ranking candidates


@dataclass(frozen=True)
class Resolution:
    """What a citation resolved to: a status, keys (candidates or suggestions) and why."""

    citation: Citation
    status: str
    keys: tuple[str, ...] = ()
    reason: str = ""
    likeliest: str | None = None

    def to_json(self) -> dict:
        data = {"text": self.citation.text, "line": self.citation.line, "column": self.citation.column,
                "status": self.status, "keys": list(self.keys), "reason": self.reason}
        if self.likeliest:
            data["likeliest"] = self.likeliest
        return data


@dataclass(frozen=True)
class CheckReport:
    citations: tuple[Resolution, ...]
    uncited: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return all(r.status == OK for r in self.citations)

    def to_json(self) -> dict:
        return {"citations": [r.to_json() for r in self.citations], "uncited": list(self.uncited)}


def plain_text(text: str, kind: str) -> str:
    """The draft's text with HTML tags and entities blanked out, keeping every line and column in place."""
    if kind != "html":
        return text

    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    text = re.sub(r"<(script|style)\b.*?</\1\s*>", blank, text, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->|<[^>]*>", blank, text, flags=re.S)

    def entity(m: re.Match) -> str:
        char = html.unescape(m.group(0))
        return char + " " * (len(m.group(0)) - len(char)) if len(char) == 1 else m.group(0)

    return re.sub(r"&#?\w+;", entity, text)


def find_citations(text: str) -> list[Citation]:
    """Every author-year citation in ``text`` (plain text; see :func:`plain_text` for HTML)."""
    from dataclasses import replace

    found: list[Citation] = []
    entries: list[str] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if _REFERENCE_ENTRY.match(line):
            entries.append(line)
            continue
        clause_start = 0
        for m in _YEAR.finditer(line):
            citation = _citation_at(line, lineno, m, clause_start)
            if citation is not None:
                found.append(citation)
                clause_start = citation.column - 1 + len(citation.text)
    reference_list = " ".join(words(" ".join(entries)))
    return [replace(c, references=reference_list) for c in found]


def _citation_at(line: str, lineno: int, m: re.Match, clause_start: int) -> Citation | None:
    before = line[: m.start()]
    year, suffix = int(m.group("year")), m.group("suffix") or ""
    narrative = _NARRATIVE_TAIL.search(before)
    org = None if narrative else _ORG_TAIL.search(before)
    paren = None if narrative or org else _PAREN_TAIL.search(before)
    hit = narrative or org or paren
    if hit is None or hit.group("first").lower() in _STOPWORDS:
        return None
    groups = hit.groupdict()
    et_al = bool(groups.get("etal"))
    end = m.end()
    if narrative or org:
        close = line.find(")", end)
        end = close + 1 if close != -1 else end
        et_al = et_al or bool(_COLLEAGUES.match(line[m.end():]))
    elif not et_al and before.rfind("(") <= before.rfind(")"):
        return None  # "Surname, 2010" outside parentheses and without "et al": not a citation
    others = tuple(re.findall(_NAME, groups.get("others") or ""))
    start = hit.start()
    # the claim a citation supports: the clause before it, and the rest of its sentence after it
    rest = line[end:]
    stop = re.search(r"[.;!?](\s|$)", rest)
    context = line[clause_start:start] + " " + (rest[: stop.start()] if stop else rest)
    return Citation(text=" ".join(line[start:end].split()), line=lineno, column=start + 1, surname=hit.group("first"),
                    others=others, et_al=et_al, year=year, suffix=suffix, context=context)


# --- resolution -------------------------------------------------------------------------------


def _surnames(ref: Reference) -> list[str]:
    return [squash(n.literal or n.family) for n in ref.author]


def resolve_citation(store: Store, citation: Citation) -> Resolution:
    """Resolve one citation:

    - ok: exactly one reference whose first author's surname and year match (a year suffix such
      as 2022a picks the reference whose key ends in that suffix);
    - mismatch: one match, but "et al." for a work with one or two authors, or named co-authors who are
      not among its authors; or no match for the year but the same first author one year off;
    - fuzzy: matched only through a known variant spelling (``name-variants``), a given name used as a
      surname, or a near spelling of the surname (similarity >= 80);
    - ambiguous: several references fit; candidates ranked by how many words of the surrounding clause
      they share in title and topics;
    - unresolved: nothing fits; the nearest references are suggested.
    """
    from rapidfuzz import fuzz

    name = squash(citation.surname)
    same_year = [r for r in store if r.year == citation.year]
    exact = [r for r in same_year if r.author and _surnames(r)[0] == name]
    if exact:
        return _decide(citation, exact, OK, "")
    variants = [r for r in same_year if name in {squash(v) for v in r.name_variants}]
    if not variants:
        variants = [r for r in same_year if r.author and squash(r.author[0].given) == name and len(name) > 2]
    reason = f"{citation.surname!r} is a known variant or given name of the first author" if variants else ""
    if not variants:
        variants = [r for r in same_year if r.author and fuzz.ratio(_surnames(r)[0], name) >= 80]
        reason = f"{citation.surname!r} is a near spelling of the first author's surname" if variants else ""
    if variants:
        return _decide(citation, variants, FUZZY, reason)
    off_by_one = [r for r in store if r.year in (citation.year - 1, citation.year + 1)
                  and r.author and _surnames(r)[0] == name]
    if off_by_one:
        return Resolution(citation, MISMATCH, tuple(r.key for r in off_by_one),
                          f"no {citation.surname} {citation.year}; year is off by one for "
                          + ", ".join(f"{r.key} ({r.year})" for r in off_by_one))
    return Resolution(citation, UNRESOLVED, tuple(_suggestions(store, citation)), "no reference fits")


def _decide(citation: Citation, refs: list[Reference], status: str, reason: str) -> Resolution:
    if citation.suffix and len(refs) > 1:
        by_suffix = [r for r in refs if r.key.endswith(f"{citation.year}{citation.suffix}")]
        if len(by_suffix) == 1:
            refs = by_suffix
    if len(refs) > 1:
        ranked = _rank(citation, refs)
        best, second = ranked[0], ranked[1]
        if _rank(citation, [second, best])[0] is best:  # a real preference, not a tie broken by key order
            why = (f"{len(refs)} references fit; {best.key} is likelier: it is in the draft's reference list"
                   if _in_reference_list(citation, best) and not _in_reference_list(citation, second)
                   else f"{len(refs)} references fit; the surrounding text makes {best.key} likelier")
            return Resolution(citation, AMBIGUOUS, tuple(r.key for r in ranked), why, likeliest=best.key)
        return Resolution(citation, AMBIGUOUS, tuple(r.key for r in ranked),
                          f"{len(refs)} references fit; nothing around the citation tells them apart")
    ref = refs[0]
    problem = _author_problem(citation, ref)
    if problem:
        return Resolution(citation, MISMATCH, (ref.key,), problem)
    return Resolution(citation, status, (ref.key,), reason)


def _author_problem(citation: Citation, ref: Reference) -> str:
    if citation.et_al and len(ref.author) <= 2:
        n = len(ref.author)
        return f"'et al.' used for a work with {n} author{'s' if n != 1 else ''}"
    surnames = set(_surnames(ref))
    missing = [o for o in citation.others if squash(o) not in surnames]
    if missing:
        return f"{', '.join(missing)} not among the authors of {ref.key}"
    return ""


def _rank(citation: Citation, refs: list[Reference]) -> list[Reference]:
    """Candidates, likeliest first: listed in the draft's own reference list, then sharing most
    words (or 5-letter stems) of the surrounding clause in title and topics."""
    context = {w for w in words(citation.context) if len(w) > 3}

    def overlap(ref: Reference) -> int:
        vocabulary = set(words(ref.title + " " + " ".join(ref.topics).replace("-", " ")))
        stems = {w[:5] for w in vocabulary if len(w) > 3}
        return sum(1 for w in context if w in vocabulary or w[:5] in stems)

    return sorted(refs, key=lambda r: (not _in_reference_list(citation, r), -overlap(r), r.key))


def _in_reference_list(citation: Citation, ref: Reference) -> bool:
    title = " ".join(words(ref.title))
    return bool(title) and title in citation.references


def _suggestions(store: Store, citation: Citation, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz

    name = squash(citation.surname)
    scored = []
    for ref in store:
        if not ref.author:
            continue
        score = fuzz.ratio(_surnames(ref)[0], name) - 5 * min(abs((ref.year or 0) - citation.year), 6)
        scored.append((score, ref.key))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [key for score, key in scored[:limit] if score > 30]


def check(store: Store, text: str, kind: str = "text") -> CheckReport:
    """Find and resolve every author-year citation of a draft; list the store's references it never cites."""
    resolutions = tuple(resolve_citation(store, c) for c in find_citations(plain_text(text, kind)))
    cited = {k for r in resolutions if r.status != UNRESOLVED for k in r.keys}
    return CheckReport(resolutions, tuple(k for k in store.references if k not in cited))


def draft_kind(path: str) -> str:
    lower = path.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "md"
    return "text"


def summarise(resolutions: Sequence[Resolution]) -> dict[str, int]:
    return {s: sum(1 for r in resolutions if r.status == s) for s in STATUSES}


# --- pandoc citation syntax: [@key], [see @a, p. 12; -@b], @key in a sentence -----------------------

_KEY = r"(?:\{(?P<bkey>[^{}]+)\}|(?P<key>[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&\-+?<>~/](?=[A-Za-z0-9_]))*))"
_BRACKET = re.compile(r"\[(?P<body>[^\[\]]*?-?@" + r"[^\[\]]*)\]")
_ITEM = re.compile(r"^(?P<prefix>.*?)(?P<minus>-?)@" + _KEY + r"(?P<suffix>.*)$", re.S)
_INTEXT = re.compile(r"(?<![\w@\]\[])@" + _KEY + r"(?:\s*\[(?P<locator>[^\[\]@]*)\])?")
_LABELS = {"p": "page", "pp": "page", "page": "page", "pages": "page", "chap": "chapter", "chapter": "chapter",
           "ch": "chapter", "sec": "section", "section": "section", "fig": "figure", "figure": "figure",
           "vol": "volume", "volume": "volume", "para": "paragraph", "l": "line", "n": "note"}
_LOCATOR = re.compile(r"^\s*,?\s*(?P<label>[A-Za-z]+)\.?\s+(?P<value>[\w\-–]+(?:\s*[-–,]\s*\w+)*)(?P<rest>.*)$", re.S)


@dataclass(frozen=True)
class DraftCitation:
    """A pandoc citation in a draft: where it is, and the cites of its cluster."""

    start: int
    end: int
    line: int
    cites: tuple  # of render.Cite


def _locator(suffix: str):
    m = _LOCATOR.match(suffix)
    if m and m.group("label").lower() in _LABELS:
        return _LABELS[m.group("label").lower()], m.group("value"), m.group("rest").strip()
    return "page", "", suffix.strip().lstrip(",").strip()


def find_pandoc_citations(text: str) -> list[DraftCitation]:
    """Every pandoc citation of a Markdown draft, in order (code spans and blocks are skipped)."""
    from .render import Cite

    masked = _mask_code(text)
    found: list[DraftCitation] = []
    taken: list[tuple[int, int]] = []
    for m in _BRACKET.finditer(masked):
        cites = []
        for part in m.group("body").split(";"):
            item = _ITEM.match(part.strip())
            if not item:
                cites = []
                break
            label, value, rest = _locator(item.group("suffix"))
            cites.append(Cite(key=item.group("bkey") or item.group("key"), locator=value, label=label,
                              prefix=item.group("prefix").strip(), suffix=rest,
                              mode="suppress-author" if item.group("minus") else "normal"))
        if cites:
            found.append(DraftCitation(m.start(), m.end(), text.count("\n", 0, m.start()) + 1, tuple(cites)))
            taken.append((m.start(), m.end()))
    for m in _INTEXT.finditer(masked):
        if any(a <= m.start() < b for a, b in taken):
            continue
        label, value, rest = _locator(m.group("locator") or "")
        found.append(DraftCitation(m.start(), m.end(), text.count("\n", 0, m.start()) + 1,
                                   (Cite(key=m.group("bkey") or m.group("key"), locator=value, label=label, suffix=rest,
                                         mode="author-in-text"),)))
    return sorted(found, key=lambda c: c.start)


def _mask_code(text: str) -> str:
    """The text with fenced code blocks and inline code blanked (same length), so no citation is found there."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", blank, text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]+`", blank, text)


BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"


def render_draft(store: Store, text: str, *, style: str, locale: str | None = None, to: str = "md",
                 path: str = "<draft>") -> str:
    """The draft with every pandoc citation formatted and the bibliography placed at the marker (or appended).

    Every unknown key is reported at once with its line and suggestions; nothing is rendered then.
    """
    from .errors import AcurefError, InvalidInputError, Problem
    from .keys import resolve
    from .render import Cite, render

    citations = find_pandoc_citations(text)
    problems, resolved = [], {}
    for citation in citations:
        for cite in citation.cites:
            try:
                resolved[cite.key] = resolve(store, cite.key)
            except AcurefError as exc:
                problems.append(Problem(path, citation.line, None, f"@{cite.key}: {exc.message}"))
    if problems:
        raise InvalidInputError(f"{len(problems)} citation key{'s' if len(problems) != 1 else ''} could not be resolved; nothing written", problems)
    fmt = {"md": "md", "html": "md", "text": "text"}[to]
    refs = list({r.key: r for r in resolved.values()}.values())
    clusters = [[Cite(resolved[c.key].key, c.locator, c.label, c.prefix, c.suffix, c.mode) for c in citation.cites]
                for citation in citations]
    result = render(refs, clusters, style=style, locale=locale, fmt=fmt) if refs else None
    out, last = [], 0
    for citation, rendered in zip(citations, result.citations if result else []):
        out.append(text[last:citation.start])
        out.append(_with_affixes(rendered, citation.cites))
        last = citation.end
    out.append(text[last:])
    body = "".join(out)
    entries = [e.text for e in result.bibliography] if result else []
    bibliography = "\n\n".join(entries)
    if BIBLIOGRAPHY_MARKER in body:
        body = body.replace(BIBLIOGRAPHY_MARKER, bibliography, 1)
    elif entries:
        body = body.rstrip("\n") + "\n\n" + bibliography + "\n"
    if to == "html":
        from markdown_it import MarkdownIt

        return MarkdownIt("commonmark", {"html": False}).render(body)
    return body


def _with_affixes(rendered: str, cites) -> str:
    """pandoc's prefix ("see", on the first cite) and free suffix ("for a review", on the last) inside the brackets."""
    prefix, suffix = cites[0].prefix, cites[-1].suffix
    if not (prefix or suffix) or not (rendered[:1] in "([" and rendered[-1:] in ")]"):
        return rendered
    inner = rendered[1:-1]
    return f"{rendered[0]}{prefix + ' ' if prefix else ''}{inner}{', ' + suffix if suffix else ''}{rendered[-1]}"
