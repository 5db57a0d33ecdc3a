"""Plain-text reference lists: one reference per line or paragraph, as copied from Google Scholar.

Two forms are read:

Harvard (Google Scholar's "Cite" box, the seed's lists)::

    Deluze, C., Bosia, L. and Vischer, T.L., 1992. Title. British Medical Journal305(6864), pp.1249-1252.

  authors "Surname, Initials" joined by ", " and " and ", the year, the title up to the first ". "
  after which the rest reads as a container with optional volume, (issue) and pages (Scholar's
  missing space between journal and volume is expected); an organisation as "NICE (2021) Title".

Vancouver-like::

    Zhang, R, Lao, L; Ren, K; Berman, BM (2014) Title Journal 2014; 120:482-503

  where the journal is the last word before the repeated year unless ". " separates it.

Surnames written in capitals ("YU, H.L.") are title-cased; "F.." becomes "F.". What cannot be read
as a reference is reported with its line.
"""

from __future__ import annotations

import re

from ..errors import Problem
from ..model import Name, Reference
from . import ReadResult, unique_key
from .common import clean_pages

_INITIALS = r"(?:[A-Z][a-z]?\.?\s?-?){1,4}\.*"
_HARVARD = re.compile(rf"^(?P<authors>.+?,\s*{_INITIALS}(?:(?:,\s*|\s+and\s+).+?,\s*{_INITIALS})*),\s*(?P<year>\d{{4}})(?P<suffix>[a-z]?)\.\s+(?P<rest>.+)$")
_HARVARD_AUTHOR = re.compile(rf"\s*(?P<family>[^,]+?),\s*(?P<given>{_INITIALS})(?:,|\s+and\s+|$)")
_ORG = re.compile(r"^(?P<org>[A-Z][A-Za-z&]*[A-Z])\s*\((?P<year>\d{4})\)\s*(?P<title>.*)$")
_VANCOUVER = re.compile(
    r"^(?P<authors>[^()]+?)\s*\((?P<year>\d{4})\)\s*(?P<body>.+?)\s+(?P<year2>\d{4});\s*(?P<volume>\d+)"
    r"(?:\((?P<issue>[^)]+)\))?:\s*(?P<page>[\w\-–]+)\.?$")


def parse_text(text: str, path: str = "<input>") -> ReadResult:
    result = ReadResult()
    taken: set[str] = set()
    for line_no, chunk in _paragraphs(text):
        ref = parse_reference(chunk)
        if ref is None:
            result.problems.append(Problem(path, line_no, None, f"cannot read this as a reference: {chunk[:60]!r}"))
            continue
        key = unique_key("", taken, ref)
        taken.add(key)
        result.references.append(ref.with_changes(key=key))
        result.lines[key] = line_no
    return result


def _paragraphs(text: str):
    """(line, text) of each reference: a paragraph, or each line when a paragraph holds several."""
    block: list[tuple[int, str]] = []
    for n, line in enumerate(text.splitlines() + [""], 1):
        if line.strip():
            block.append((n, line.strip()))
            continue
        if block:
            joined = " ".join(t for _, t in block)
            if len(block) > 1 and all(parse_reference(t) for _, t in block):
                yield from block
            else:
                yield block[0][0], joined
            block = []


def _name(family: str, given: str) -> Name:
    family = family.strip()
    if family.isupper() and len(family) > 1:
        family = family.title()
    letters = re.findall(r"[A-Z][a-z]?", given)
    given = ".".join(letters) + "." if letters and "." in given or len(letters) > 0 and given.replace(" ", "").isupper() else given.strip()
    return Name(family=family, given=re.sub(r"\.{2,}", ".", given))


def parse_reference(line: str) -> Reference | None:
    """One reference in Harvard or Vancouver-like form, or None (``original`` keeps the line verbatim)."""
    verbatim = line.strip()
    line = " ".join(line.split())
    m = _ORG.match(line)
    if m and "," not in line.split("(")[0]:
        title = m.group("title").strip().rstrip(".")
        return Reference(key="", type="webpage", title=title, author=(Name(literal=m.group("org")),),
                         issued=(int(m.group("year")),), missing=() if title else ("title",), original=verbatim)
    m = _HARVARD.match(line)
    if m:
        authors = tuple(_name(a.group("family"), a.group("given")) for a in _HARVARD_AUTHOR.finditer(m.group("authors")))
        title, fields = _title_and_container(m.group("rest"))
        if title and authors:
            return Reference(key="", type="article-journal" if fields.get("container-title") else "document", title=title,
                             author=authors, issued=(int(m.group("year")),), fields=fields, original=verbatim)
    m = _VANCOUVER.match(line)
    if m:
        tokens = [t.strip() for t in re.split(r"[;,]", m.group("authors")) if t.strip()]
        authors, i = [], 0
        while i < len(tokens):
            if i + 1 < len(tokens) and re.fullmatch(r"[A-Z]{1,3}", tokens[i + 1]):
                authors.append(Name(family=tokens[i], given="".join(c + "." for c in tokens[i + 1])))
                i += 2
            else:
                authors.append(Name(family=tokens[i]))
                i += 1
        body = m.group("body")
        if ". " in body:
            title, _, container = body.rpartition(". ")
        else:
            title, _, container = body.rpartition(" ")
        fields = {"container-title": container.strip(), "volume": m.group("volume"), "page": clean_pages(m.group("page"))}
        if m.group("issue"):
            fields["issue"] = m.group("issue")
        return Reference(key="", type="article-journal", title=title.strip(), author=tuple(authors),
                         issued=(int(m.group("year")),), fields=fields, original=verbatim)
    return None


_PAGES = re.compile(r",?\s*pp?\.\s*(?P<page>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)")
_VOLUME_ISSUE = re.compile(r"(?P<volume>\d+)?\s*(?:\((?P<issue>[^)]*)\))?\s*$")


def _container(text: str) -> dict[str, str] | None:
    """"British Medical Journal305(6864), pp.1249-1252." → container, volume, issue, page (read from the end;
    anything after the pages, such as a dangling "LINK: )", is ignored)."""
    fields: dict[str, str] = {}
    pages = list(_PAGES.finditer(text))
    if pages:
        fields["page"] = clean_pages(pages[-1].group("page"))
        text = text[: pages[-1].start()]
    text = text.strip().rstrip(".").strip().rstrip(",").strip()
    m = _VOLUME_ISSUE.search(text)
    if m and (m.group("volume") or m.group("issue")):
        for var in ("volume", "issue"):
            if m.group(var):
                fields[var] = m.group(var)
        text = text[: m.start()].strip().rstrip(",").strip()
    if not text or ". " in text or not re.search(r"[A-Za-z]", text):
        return None
    fields["container-title"] = text
    return fields


def _title_and_container(rest: str) -> tuple[str, dict[str, str]]:
    for m in re.finditer(r"[.?!]\s+", rest):
        title = rest[: m.start() + (1 if m.group(0)[0] in "?!" else 0)]
        fields = _container(rest[m.end():])
        if fields:
            return title.strip(), fields
    return rest.rstrip(". "), {}
