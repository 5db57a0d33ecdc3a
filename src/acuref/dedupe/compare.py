"""Comparisons: per field, the agreement level of a pair of records (record-linkage "comparison levels").

Each comparison maps a pair of Features to a level index (0 = strongest agreement) or None when
either record lacks the field (a missing value is neither evidence for nor against, as in Splink
and fastLink). Levels, strongest first:

- title: exact; fuzzy >= 0.95; fuzzy >= 0.88; one title begins the other (>= 4 words); fuzzy >= 0.75;
  else. Fuzzy = max(Levenshtein ratio, token-sort ratio) of the normalised titles: word order
  is forgiven, a title that is only a subset of the other is not (token-set ratio would score
  "Atypical haemolytic uraemic syndrome" 1.0 against "Thrombomodulin mutations in atypical …").
- authors: same (every author of the shorter list in the other, in any order, a surname typo
  allowed, and the shorter list not cut to fewer than three of a longer one); most (>= half of
  the shorter list); some; none.
- year: same; one apart; else.
- container: same (equal, or one abbreviates the other: "j altern complement med"); similar
  (fuzzy >= 0.80); else.
- volume, page (first page), DOI: same; else.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .normalise import Features


@dataclass(frozen=True)
class Comparison:
    """One field's comparison: its level names, and prior m and u per level (used before and as
    pseudo-counts in estimation; they are typical values for bibliographic exports, not fitted)."""

    name: str
    levels: tuple[str, ...]
    m: tuple[float, ...]
    u: tuple[float, ...]


COMPARISONS: tuple[Comparison, ...] = (
    Comparison("title", ("exact", "fuzzy>=0.95", "fuzzy>=0.88", "prefix", "fuzzy>=0.75", "else"),
               (0.70, 0.17, 0.06, 0.03, 0.02, 0.02), (0.0005, 0.0005, 0.001, 0.0005, 0.005, 0.993)),
    Comparison("authors", ("same", "most", "some", "none"), (0.82, 0.12, 0.04, 0.02), (0.0005, 0.002, 0.02, 0.9775)),
    Comparison("year", ("same", "+-1", "else"), (0.85, 0.12, 0.03), (0.08, 0.14, 0.78)),
    Comparison("container", ("same", "similar", "else"), (0.75, 0.10, 0.15), (0.05, 0.02, 0.93)),
    Comparison("volume", ("same", "else"), (0.96, 0.04), (0.05, 0.95)),
    Comparison("page", ("same", "else"), (0.95, 0.05), (0.002, 0.998)),
    Comparison("doi", ("same", "else"), (0.97, 0.03), (0.00001, 0.99999)),
)
FIELDS = tuple(c.name for c in COMPARISONS)
TITLE, AUTHORS, YEAR, CONTAINER, VOLUME, PAGE, DOI = range(len(COMPARISONS))

Levels = tuple  # one level index (or None) per COMPARISONS entry


def title_similarity(a: str, b: str) -> float:
    """max(Levenshtein ratio, token-sort ratio) of two normalised titles, 0-1."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100


def _title_level(a: Features, b: Features, sim: float) -> int | None:
    if not a.title or not b.title:
        return None
    if a.title == b.title:
        return 0
    if sim >= 0.95:
        return 1
    if sim >= 0.88:
        return 2
    short, long = sorted((a.title_words, b.title_words), key=len)
    if len(short) >= 4 and long[:len(short)] == short:
        return 3
    return 4 if sim >= 0.75 else 5


def author_overlap(a: Features, b: Features) -> float | None:
    """Share of the shorter author list found in the other, whatever the name order
    ("Wu, Ching-yi" ~ "Ching-yi, Wu"), allowing a typo in a surname (ratio >= 0.8, surnames of
    more than three letters; looked for when some author matched exactly or the shorter list has
    at most two authors, so that two unrelated teams cost no fuzzy search); None when a list is empty."""
    if not a.authors or not b.authors:
        return None
    short, other = (a, b) if len(a.authors) <= len(b.authors) else (b, a)
    surnames, tokens_other = other.surname_set, other.name_tokens
    missing = [surname for surname, tokens in short.authors
               if surname not in tokens_other and tokens.isdisjoint(surnames)]
    found = len(short.authors) - len(missing)
    if missing and (found or len(short.authors) <= 2):
        found += sum(1 for surname in missing if len(surname) > 3 and
                     process.extractOne(surname, other.surnames, scorer=fuzz.ratio, score_cutoff=80))
    return found / len(short.authors)


def _author_level(a: Features, b: Features, overlap: float | None) -> int | None:
    if overlap is None:
        return None
    if overlap == 1.0 and min(len(a.authors), len(b.authors)) >= min(max(len(a.authors), len(b.authors)), 3):
        return 0
    return 1 if overlap >= 0.5 else 2 if overlap > 0 else 3


_CONTAINER_STOP = frozenset(("of", "the", "and", "for", "in", "de", "la", "on"))


def container_similarity(a: str, b: str) -> float:
    """Similarity of journal names 0-1, abbreviation-aware ("j altern complement med" ~ the full name,
    "lab invest" ~ "laboratory investigation"): 0.95 when either abbreviates the other."""
    if a == b:
        return 1.0
    x = [w for w in a.split() if w not in _CONTAINER_STOP]
    y = [w for w in b.split() if w not in _CONTAINER_STOP]
    if _abbreviates(x, y) or _abbreviates(y, x):
        return 0.95
    return fuzz.ratio(a, b) / 100


def _abbreviates(short: list[str], full: list[str]) -> bool:
    """Each word of SHORT begins a word of FULL, in order, the first words together."""
    if not short or not full or len(short) > len(full) or not full[0].startswith(short[0]):
        return False
    i = 0
    for word in short:
        while i < len(full) and not full[i].startswith(word):
            i += 1
        if i == len(full):
            return False
        i += 1
    return True


def compare(a: Features, b: Features) -> tuple[Levels, dict]:
    """The comparison level of each field (None = missing on a side) and the raw scores behind them
    (title and container similarity 0-1, author overlap 0-1, year difference)."""
    sim = title_similarity(a.title, b.title)
    overlap = author_overlap(a, b)
    scores: dict = {"title": round(sim, 3), "authors": None if overlap is None else round(overlap, 2)}
    year = None
    if a.year and b.year:
        diff = abs(a.year - b.year)
        scores["year"] = a.year - b.year
        year = 0 if diff == 0 else 1 if diff == 1 else 2
    container = None
    if a.container and b.container:
        c = container_similarity(a.container, b.container)
        scores["container"] = round(c, 2)
        container = 0 if c >= 0.95 else 1 if c >= 0.8 else 2
    volume = None if not (a.volume and b.volume) else 0 if a.volume == b.volume else 1
    page = None if not (a.first_page and b.first_page) else 0 if a.first_page == b.first_page else 1
    doi = None if not (a.doi and b.doi) else 0 if a.doi == b.doi else 1
    levels = (_title_level(a, b, sim), _author_level(a, b, overlap), year, container, volume, page, doi)
    return levels, scores
