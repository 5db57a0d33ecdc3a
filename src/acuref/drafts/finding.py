"""Finding the author-year citations of a draft's prose, and the entries of its own reference list.

The detector is a small grammar anchored on years. For every year token (``1992``, ``2022a``)
in a block (a paragraph, wrapped lines joined: see :mod:`acuref.drafts.reading`) it looks back
for an author phrase:

    NAME      a capitalised word ("Deluze", "Carrasco-Labra", "Schünemann"), optionally after
              particles ("von Dielmann", "van der Berg"); a possessive "'s" is not part of it
    AUTHORS   [INITIALS] NAME [, NAME]* [and|& NAME] [et al | & al | and colleagues]
    paren     AUTHORS [,] YEAR           inside an open "(": "(Zhang et al, 2014)", "(Hayhoe, 2010, Lin et al, 2002)"
    narrative AUTHORS ( YEAR … )        "Zhang et al (2022)", "Sangster's (2014)", "M. Zhang et al. (2022)"
    org       ACRONYM words{0,5} ( YEAR ) "The NICE Scenario Management guidelines (2021)"

A paren-form citation outside parentheses counts only with "et al" (so "In 2007" or "April
2021" in prose are not citations). Blocks that are entries of a reference list ("Surname, I.,
…" or "ORG (YEAR) …") are not searched for citations; they are returned as :class:`ListEntry`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize import squash
from .reading import BODY, Block

_LETTER = r"A-Za-z\u00C0-\u024F"
_NAME = rf"[A-Z\u00C0-\u00DE][{_LETTER}'’\-‐]+"
PARTICLES = frozenset("von van de der den du da di del della des le la ter ten vom zu zum zur dos das do".split())  # lower-cased
_PARTICLE = (r"(?:(?:[Vv]on|[Vv]an|[Dd]e|der|den|[Dd]u|[Dd]a|[Dd]i|[Dd]el|[Dd]ella|[Dd]es|[Ll]e|[Ll]a|[Tt]er|[Tt]en|"
             r"vom|zu|zum|zur|dos|das|do)\s+){1,3}")
_PNAME = rf"(?:{_PARTICLE})?{_NAME}"
_AUTHORS = (
    r"(?<![\w\-'’])(?P<initials>(?:[A-Z]\.\s?(?:-\s?)?){1,3}\s?)?"
    rf"(?<![\w\-'’])(?P<first>{_PNAME})"
    rf"(?P<others>(?:\s*,\s*{_PNAME})*\s*,?\s*(?:and|&)\s+{_PNAME}(?!\s+al\b))?"
    r"(?P<etal>\s*(?:et\.?\s*al|&\s*al)\.?|\s+and\s+(?:colleagues|co-?workers))?"
)
_YEAR = re.compile(r"(?<![\d\w])(?P<year>1[6-9]\d\d|20\d\d)(?P<suffix>[a-z])?(?![\d\w])")
_PAREN_TAIL = re.compile(rf"{_AUTHORS}[\s,]*$")
_NARRATIVE_TAIL = re.compile(rf"{_AUTHORS}\s*\(\s*$")
_ORG_TAIL = re.compile(r"(?P<first>[A-Z]{2,})(?:\s+[A-Za-z][\w’'\-]*){0,5}\s*\(\s*$")
_COLLEAGUES = re.compile(r"^[^)]*\)\s*and\s+colleagues\b")
REFERENCE_ENTRY = re.compile(rf"^\s*(?:{_NAME},\s*[A-Z]{{1,3}}[.,;]|\{{[^{{}}]+\}},\s*[A-Z]|[A-Z]{{2,}}\s*\(\d{{4}}\)(?:\s+[A-Z][^.]*)?$|[A-Z]{{2,}}\s*\(\d{{4}}\)\s)")
_STOPWORDS = frozenset(
    """a an and as at by during for from in of on or per since the to until before after between around about circa
    early late mid see also cf ibid january february march april may june july august september october november
    december spring summer autumn fall winter figure fig table chapter section page volume issue""".split()
)


@dataclass(frozen=True)
class Citation:
    """One author-year citation as written in a draft.

    ``surname`` and ``others`` are the names as written (particles kept, possessive dropped);
    ``initials`` the initials written before the first name ("M." in "M. Zhang et al."), ``part``
    where in the file (body, footnote N)."""

    text: str
    line: int
    column: int
    surname: str
    others: tuple[str, ...]
    et_al: bool
    year: int
    suffix: str
    context: str  # the clause the citation supports, for ranking candidates
    references: str = ""  # the draft's own reference list (squashed), for ranking candidates
    initials: str = ""
    part: str = BODY


@dataclass(frozen=True)
class ListEntry:
    """One entry of the draft's own reference list: its first authors' surnames, year and words."""

    text: str
    line: int
    column: int
    surnames: tuple[str, ...]
    year: int | None
    suffix: str
    part: str = BODY


def strip_possessive(name: str) -> str:
    """"Sangster's" → "Sangster"; "Jones'" → "Jones"."""
    return re.sub(r"(?:['’]s|(?<=s)['’])$", "", name)


def find_in_blocks(blocks: list[Block]) -> tuple[list[Citation], list[ListEntry]]:
    """Every citation of the prose blocks (in order), and the entries of the draft's reference list."""
    from dataclasses import replace

    found: list[Citation] = []
    entries: list[ListEntry] = []
    for block in blocks:
        if REFERENCE_ENTRY.match(block.text):
            entries.append(_entry(block))
            continue
        clause_start = 0
        for m in _YEAR.finditer(block.text):
            citation = _citation_at(block, m, clause_start)
            if citation is not None:
                found.append(citation)
                clause_start = m.end()
    # squashed (no spaces or hyphens), so a title matches however a line break hyphenated it
    reference_list = squash(" ".join(e.text for e in entries))
    return [replace(c, references=reference_list) for c in found], entries


def find_citations(text: str, kind: str = "text") -> list[Citation]:
    """Every author-year citation in a draft given as text (plain, Markdown or HTML)."""
    from .reading import text_blocks

    return find_in_blocks(text_blocks(text, kind))[0]


def _entry(block: Block) -> ListEntry:
    text = block.text
    year = _YEAR.search(text)
    head = text[: year.start()] if year else text
    surnames = re.findall(rf"(?:^|[,;&]\s*|\band\s+)\{{?({_PNAME})\}}?,\s*[A-Z]", head)
    if not surnames:
        org = re.match(r"\s*([A-Z]{2,})", head)
        surnames = [org.group(1)] if org else []
    line, column = block.origin(len(text) - len(text.lstrip()))
    return ListEntry(text, line, column, tuple(surnames), int(year.group("year")) if year else None,
                     (year.group("suffix") or "") if year else "", block.part)


_WINDOW = 300  # an author phrase is never longer: each year looks back (and on) this far at most (linear time)


def _citation_at(block: Block, m: re.Match, clause_start: int) -> Citation | None:
    line = block.text
    offset = max(0, m.start() - _WINDOW)
    before = line[offset: m.start()]
    year, suffix = int(m.group("year")), m.group("suffix") or ""
    narrative = _NARRATIVE_TAIL.search(before)
    org = None if narrative else _ORG_TAIL.search(before)
    paren = None if narrative or org else _PAREN_TAIL.search(before)
    hit = narrative or org or paren
    if hit is None or hit.group("first").split()[-1].lower() in _STOPWORDS:
        return None
    groups = hit.groupdict()
    et_al = bool(groups.get("etal"))
    end = m.end()
    if narrative or org:
        close = line.find(")", end, end + _WINDOW)
        end = close + 1 if close != -1 else end
        et_al = et_al or bool(_COLLEAGUES.match(line[m.end():m.end() + _WINDOW]))
    elif not et_al and line.rfind("(", 0, m.start()) <= line.rfind(")", 0, m.start()):
        return None  # "Surname, 2010" outside parentheses and without "et al": not a citation
    others = tuple(strip_possessive(" ".join(n.split()))
                   for n in re.findall(_PNAME, groups.get("others") or ""))
    start = offset + hit.start()
    rest = line[end:end + _WINDOW]  # the clause after the citation, for ranking: bounded like the look-back
    stop = re.search(r"[.;!?](\s|$)", rest)
    context = line[clause_start:start] + " " + (rest[: stop.start()] if stop else rest)
    lineno, column = block.origin(start)
    return Citation(text=" ".join(line[start:end].split()), line=lineno, column=column,
                    surname=strip_possessive(" ".join(hit.group("first").split())), others=others, et_al=et_al,
                    year=year, suffix=suffix, context=context, initials=(groups.get("initials") or "").strip(),
                    part=block.part)
