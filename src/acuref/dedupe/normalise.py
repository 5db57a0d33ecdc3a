"""Features: what matching compares, computed once per record (pure functions, no I/O).

Normalisation before any comparison: case, accents and punctuation folded; HTML/LaTeX markup
and language tags ("[Chinese]", "[Article in German]") removed from titles, a wholly bracketed
(translated) title unwrapped; DOIs without their URL prefix; pages reduced to the first page
("S221-8" → "221"); authors as (surname, every name token), whatever the name order. Embase's
"Journal.Conference: Congress name" venue is the journal (the record is a conference abstract
printed in it).

Title markers, each a class of record that is not the work it names (sources: the MEDLINE
publication types "Comment", "Erratum", "Retraction of Publication", "Published Erratum"; the
letter / reply pairs of journal correspondence sections):
- erratum: the title begins with erratum, corrigendum, correction, retraction, retracted;
- reply: the title carries reply, response, comment(s), commentary, rejoinder (a letter and the
  original authors' reply share every other word of the title);
- companion: the title names a companion piece: addendum, tutorial, demo(nstration), panel,
  keynote (an addendum to a paper, a tutorial or demo on it).

A venue names a periodical when it carries journal, j, zeitschrift, revista, transactions,
trans, record, bulletin, magazine, letters, annals (or their abbreviations); a conference paper
and its later journal version are two works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Reference
from ..normalize import fold

_BRACKETED = re.compile(r"\[[^\]]*\]")
_MARKUP = re.compile(r"<[^>]+>|\\[a-zA-Z]+\s*|[{}$]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ERRATUM = re.compile(r"^(?:errat(?:um|a)|corrigend(?:um|a)|correction|retraction|notice of retraction|retracted)\b")
_REPLY = re.compile(r"\b(?:repl(?:y|ies)|respon(?:se|ses|d)|comments?|commentary|rejoinder)\b")
_COMPANION = re.compile(r"\b(?:addend(?:um|a)|tutorial|demo|demonstration|panel|keynote)\b")
_THESIS = re.compile(r"\b(?:dissertation|thesis|ph ?d)\b")
_ABSTRACT_VENUE = re.compile(r"\b(?:abstracts?|congress|meeting|conference|proceedings|symposium)\b")
_PAGE_COUNT = re.compile(r"\s*\d+\s*p{1,2}\.?\s*")
_FIRST_PAGE = re.compile(r"\s*[A-Za-z]*0*(\d+)")
_DIGITS = re.compile(r"\d+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)")
_JOURNAL = re.compile(r"\b(?:j|jl|journals?|zeitschrift|z|revista|tidsskrift|trans|transactions|record|bulletin|bull|"
                      r"magazine|mag|letters|lett|annals|ann)\b")
_CONGRESS = re.compile(r"\.\s*Conference\s*:.*$", re.IGNORECASE | re.DOTALL)
_NUMBERISH = re.compile(r"(?<![0-9a-z])(?:[a-z]*[0-9][0-9a-z]*|i{1,3}|iv|vi{0,3}|ix|x)(?![0-9a-z])")
_WRAPPED_ALL = re.compile(r"^\[[^\]]+\]\s*\.?$")
_WRAPPED = re.compile(r"^\[([^\]]+)\]\s*\.?\s*(.*)$")

#: Words that carry no content in a title: ignored when titles are compared word by word.
STOPWORDS = frozenset(
    "a an and are as at be by de der die du for from in into is its la le of on or than that the their this "
    "to vs versus with within without".split())


@dataclass(frozen=True)
class Features:
    """What matching compares, computed once per record.

    ``authors``: (surname, every name token) per author; ``numbers``: digits and roman numerals of
    the title; ``content``: the title's words minus STOPWORDS. Immutable so that one record's
    features can be shared by every pair it is in.
    """

    key: str
    title: str
    title_words: tuple[str, ...]
    content: frozenset[str]
    authors: tuple[tuple[str, frozenset], ...]
    surnames: tuple[str, ...]  # the authors' surnames, in order
    surname_set: frozenset[str]
    name_tokens: frozenset[str]  # every token of every author's name
    year: int | None
    container: str
    volume: str
    first_page: str
    doi: str
    numbers: tuple[str, ...]
    erratum: bool
    reply: bool
    companion: bool
    translated: bool  # the title is wholly in brackets: MEDLINE's mark of a translated title
    abstract: bool
    thesis: bool
    journal: bool  # the venue names a periodical (see the module docstring)
    distinct: frozenset[str]


def first_page(value: str) -> str:
    """The first page ("S221-8" → "221"); a page count such as "215 p" or "12 pp" is not a page."""
    if _PAGE_COUNT.fullmatch(value or ""):
        return ""
    m = _FIRST_PAGE.match(value or "")
    return m.group(1) if m else ""


def clean_title(title: str) -> str:
    """Markup removed; a wholly bracketed (translated) title unwrapped; other bracketed notes
    ("[Chinese]", "[Review] [33 refs]", "[Erratum appears in …]") dropped. Whitespace collapsed,
    the original case and punctuation kept otherwise (this is also the title a merge keeps)."""
    title = _MARKUP.sub(" ", title).strip()
    m = _WRAPPED.match(title)
    if m and (not m.group(2) or _BRACKETED.fullmatch(m.group(2).strip(". ")) or not _BRACKETED.sub("", m.group(2)).strip(". ")):
        title = m.group(1)
    return " ".join(_BRACKETED.sub(" ", title).split()).strip()


def _fold(text: str) -> str:
    """``fold(text)``; ASCII text (most of any export) is only lower-cased, which gives the same result
    at a fraction of the cost (fold's cache cannot hold 100,000 records' strings)."""
    return text.lower() if text.isascii() else fold(text)


def norm_text(text: str) -> str:
    """Folded words joined by single spaces ("Électro-acupuncture: a Review" → "electro acupuncture a review")."""
    return " ".join(_NON_WORD.split(_fold(text))).strip()


def _volume(value: str) -> str:
    """The volume's first number, leading zeros dropped ("35 Suppl 1" → "35", "Vol. 07" → "7")."""
    m = _DIGITS.search(value)
    return m.group(0).lstrip("0") if m else ""


def numbers(title: str) -> tuple[str, ...]:
    """Words with digits, and roman numerals, of a normalised title, which tell parts, phases and
    arms apart ("part 2", "phase iii", "(D2)" / "(D4)")."""
    return tuple(_NUMBERISH.findall(title))


def features(ref: Reference) -> Features:
    """The Features of one Reference (no I/O; the same record always gives the same features)."""
    title_norm = norm_text(clean_title(ref.title))
    words = tuple(title_norm.split())
    authors = []
    for name in ref.author:
        family = _NON_WORD.sub("", _fold(name.literal or name.family))
        tokens = frozenset(t for t in _NON_WORD.split(_fold(f"{name.literal} {name.family} {name.given}"))
                           if len(t) > 1 and t != "null")
        if family:
            authors.append((family, tokens))
    fields = ref.fields
    container_text, congress = _CONGRESS.subn("", str(fields.get("container-title", "")), count=1)
    container = norm_text(_BRACKETED.sub(" ", container_text))
    genre = _fold(str(fields.get("genre", "")))
    degree_text = norm_text(" ".join(str(fields.get(v, "")) for v in ("container-title", "volume", "genre")))
    return Features(
        key=ref.key, title=title_norm, title_words=words, content=frozenset(w for w in words if len(w) > 1 and w not in STOPWORDS),
        authors=tuple(authors), surnames=tuple(a[0] for a in authors), surname_set=frozenset(a[0] for a in authors),
        name_tokens=frozenset().union(*(a[1] for a in authors)) | frozenset(a[0] for a in authors), year=ref.year, container=container,
        volume=_volume(str(fields.get("volume", ""))),
        first_page=first_page(str(fields.get("page", ""))),
        doi=_DOI_PREFIX.sub("", _fold(str(fields.get("DOI", ""))).strip()),
        numbers=numbers(title_norm),
        erratum=bool(_ERRATUM.search(title_norm)),
        reply=bool(_REPLY.search(title_norm)),
        companion=bool(_COMPANION.search(title_norm)),
        translated=bool(_WRAPPED_ALL.match(ref.title.strip())),
        abstract=ref.type == "paper-conference" or "abstract" in genre or bool(congress)
        or (bool(_ABSTRACT_VENUE.search(container)) and "dissertation" not in container),
        thesis=ref.type == "thesis" or bool(_THESIS.search(degree_text)),
        journal=bool(_JOURNAL.search(container)),
        distinct=frozenset(ref.distinct) | frozenset(ref.aliases),
    )
