"""Finding the author-year citations of a draft's prose, and the entries of its own reference list.

The detector is a small grammar anchored on years. For every year token (``1992``, ``2022a``)
in a block (a paragraph, wrapped lines joined: see :mod:`acuref.drafts.reading`) it looks back
for an author phrase:

    NAME      a capitalised word ("Deluze", "Carrasco-Labra", "Schünemann"), optionally after
              particles ("von Dielmann", "van der Berg"); a possessive "'s" is not part of it
    AUTHORS   [INITIALS] NAME [[,] INITIALS] [, NAME]* [and|& NAME] [et al | & al | and colleagues]['s]
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
    # initials after the surname: "R.T.", "X.", "X", "XY" ("WHO" is no one's initials)
    r"(?:,?\s(?P<after>(?:[A-Z]\.\s?(?:-\s?)?){1,3}|[A-Z]{1,2})(?=\s|,|\(|$))?"
    rf"(?P<others>(?:\s*,\s*{_PNAME})*\s*,?\s*(?:and|&)\s+{_PNAME}(?!\s+al\b))?"
    r"(?P<etal>\s*(?:et\.?\s*al|&\s*al)\.?(?:['’]s)?|\s+and\s+(?:colleagues|co-?workers)['’]?)?"
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
    section: int = 0  # the reference list (0, 1, …) the citation belongs to: the first one after it


@dataclass(frozen=True)
class ListEntry:
    """One entry of the draft's own reference lists: its first authors' surnames, year and words."""

    text: str
    line: int
    column: int
    surnames: tuple[str, ...]
    year: int | None
    suffix: str
    part: str = BODY
    section: int = 0  # which of the draft's reference lists (0, 1, …) holds it


def strip_possessive(name: str) -> str:
    """"Sangster's" → "Sangster"; "Jones'" → "Jones"."""
    return re.sub(r"(?:['’]s|(?<=s)['’])$", "", name)


def find_in_blocks(blocks: list[Block]) -> tuple[list[Citation], list[ListEntry]]:
    """Every citation of the prose blocks (in order), and the entries of the draft's reference lists.

    Each citation and entry carries ``section``: the index of the reference list it belongs to."""
    from dataclasses import replace

    listed = list_entry_blocks(blocks)
    found: list[tuple[int, Citation]] = []
    entries: list[ListEntry] = []
    starts: list[int] = []  # the block index where each reference list starts
    for index, block in enumerate(blocks):
        if index in listed:
            if index - 1 not in listed:
                starts.append(index)
            entries.append(replace(_entry(block), section=len(starts) - 1))
            continue
        clause_start = 0
        for m in _YEAR.finditer(block.text):
            citation = _citation_at(block, m, clause_start)
            if citation is not None:
                found.append((index, citation))
                clause_start = m.end()
    # squashed (no spaces or hyphens), so a title matches however a line break hyphenated it
    reference_list = squash(" ".join(e.text for e in entries))

    def section(index: int) -> int:  # the first list after the citation, else the last
        return next((n for n, start in enumerate(starts) if start > index), max(len(starts) - 1, 0))

    return [replace(c, references=reference_list, section=section(i)) for i, c in found], entries


_HEADING = re.compile(r"^\W*(?:\d+\.?\s*)?(?:references?(?:\s+list)?|bibliography|works\s+cited|literature(?:\s+cited)?|"
                      r"cited\s+literature|sources|notes\s+and\s+references|further\s+reading)\W*$", re.IGNORECASE)
# after the year (and its ")" or "."), an entry goes on with a capitalised title or a quote ...
_TITLE_START = re.compile(r"[\s).,:]*(?:[\"“‘'«\[(]|[A-Z\u00C0-\u00DE\d])")
# ... and then a source: a second sentence, a number (volume, pages), a DOI or a URL
_SOURCE = re.compile(r"[.?!]\s+\S|\d|doi|https?:|www\.", re.IGNORECASE)


def has_entry_shape(text: str) -> bool:
    """Whether a block that starts like a reference-list entry is built like one after its year:
    nothing more ("NIH (2022)"), or a capitalised title followed by a source (see the module
    docstring). "Ho, R.T. et al. (1990) reported emesis fell." is prose: a lower-case verb follows."""
    year = _YEAR.search(text)
    if year is None:
        return False
    rest = text[year.end():]
    if not rest.strip(" ).,:;"):
        return True
    title = _TITLE_START.match(rest)
    return title is not None and _SOURCE.search(rest, title.end()) is not None


def list_entry_blocks(blocks: list[Block]) -> set[int]:
    """The indices of the blocks that are entries of a reference list: runs of blocks starting like
    an entry that follow a reference-list heading or of which one has an entry's shape."""
    listed: set[int] = set()
    index = 0
    while index < len(blocks):
        if not REFERENCE_ENTRY.match(blocks[index].text):
            index += 1
            continue
        end = index
        while end < len(blocks) and REFERENCE_ENTRY.match(blocks[end].text):
            end += 1
        headed = index > 0 and _HEADING.match(blocks[index - 1].text) is not None
        if headed or any(has_entry_shape(blocks[i].text) for i in range(index, end)):
            listed.update(range(index, end))
        index = end
    return listed


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
    # the first form whose author is not a common word ("The WHO (2019)": not "The", but "WHO")
    narrative = org = paren = None
    for tail in (_NARRATIVE_TAIL, _ORG_TAIL, _PAREN_TAIL):
        found = tail.search(before)
        if found is not None and found.group("first").split()[-1].lower() not in _STOPWORDS:
            narrative, org, paren = (found if tail is t else None for t in (_NARRATIVE_TAIL, _ORG_TAIL, _PAREN_TAIL))
            break
    hit = narrative or org or paren
    if hit is None:
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
                    year=year, suffix=suffix, context=context, initials=(groups.get("initials") or groups.get("after") or "").strip(),
                    part=block.part)
