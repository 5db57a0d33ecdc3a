"""Hard rules: what a match weight must not decide, written out and tested one by one.

A Fellegi–Sunter weight adds independent evidence; some evidence is not independent or not
what it seems. Each rule below is a class of error seen in real exports (issue 16), applied to
every pair the same way. ``veto`` returns the reason two records are NOT one work, or None.

Vetoes (never duplicates):
1. marked distinct by an editor (``distinct`` keys);
2. both DOIs present and different; a title missing on a side, unless the DOI is the same;
3. an erratum/correction/retraction notice and a record that is not one, unless volume and
   first page agree (one printed item, its title written two ways);
4. a reply/response/comment and a record that is not one (a letter and the original authors'
   reply share the rest of the title), unless the author lists are the same; a companion
   piece (addendum, tutorial, demo, panel, keynote) and a record that is not one, whoever the
   authors (an addendum is by the paper's own authors);
5. a conference abstract and a journal article, unless volume and first page agree (one item
   indexed twice) or the journal is the same (the abstract as printed in the journal's supplement);
6. years more than one apart;
7. titles carrying different numbers (parts, series, phases), unless volume and first page agree;
8. sister titles (near-identical, fuzzy >= 0.88): each title has one or two content words the
   other lacks, and they are not spelling variants ("sensitive"/"resistant", "adults"/"adolescents": sister trials of one
   sponsor, registered together), unless the DOI or volume and first page agree;
9. titles differ (below the lowest fuzzy level, no prefix): the title names the work, unless
   the same DOI identifies it with at least some author in common, or one title is a bracketed
   translation (MEDLINE's convention) and the same authors, year, journal, volume and first page
   identify the item ("[Comparison of amoxicillin and cefamandole ...]" / "Antibiotic prophylaxis
   in pulmonary surgery ..."; without the brackets, two abstracts printed on one page by one team
   look the same). A DOI shared by records with
   different titles and no author in common does not identify: it is a journal supplement's DOI,
   which Embase gives to every conference abstract printed in it;
10. both author lists present with no author in common (another team's paper on the topic, a
    letter about an article), unless the DOI or volume and first page agree;
11. titles only loosely alike (one begins the other, or fuzzy 0.75-0.88) without the same (or
    most of the) authors, unless the DOI agrees (two abstracts printed on one page);
12. unless the DOI or volume and first page agree:
    - volume and first page both present and both different (a congress abstract and the later
      article, a review republished elsewhere);
    - another journal (similarity < 0.8) and another volume or first page;
    - a journal named in one venue only ("VLDB" / "VLDB J.", "Cochrane Database Syst Rev" /
      "Am J Kidney Dis"): a conference paper and its journal version are two works;
    - a generic title (below): nothing else identifies the work;
    - a short title (at most three content words) in another year: an annual report, a
      recurring column ("Vice chair's message" of 1999 and of 2000);
    - titles only loosely alike (one begins the other, or fuzzy 0.75-0.88) need the same (or most
      of the) authors, the same year, and every venue field present (journal, volume, page)
      agreeing, the volume or first page among them;
    - another first page, unless the titles are near-identical (>= 0.95) and the author lists the
      same (a typo in the pages is forgiven only then);
13. a record with no author is matched on title alone only with a near-identical title
    (>= 0.95) in the same year.

Weight rules (evidence discounted, shown in the explanation), applied when no veto holds:
- a generic title (at most two content words: "Editorial", "Annual report"; or three, carried
  by at least three records of the input: "Vice chair's message", "Reminiscences on influential
  papers"; a title-frequency rule in the spirit of Splink's term-frequency adjustment) names many
  works: its agreement weighs 0.

Confidence caps: a pair with an author missing on one side, or with a generic title, is at most
"likely" unless the DOI or volume and first page agree; so is a thesis and its Dissertation
Abstracts listing (the same author and title, but two records an editor may want to keep).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from .compare import AUTHORS, CONTAINER, DOI, PAGE, TITLE, VOLUME, YEAR, Levels
from .normalise import STOPWORDS, Features


def same_place(levels: Levels) -> bool:
    """Volume and first page both present and equal."""
    return levels[VOLUME] == 0 and levels[PAGE] == 0


def generic_title(f: Features, frequent: frozenset = frozenset()) -> bool:
    """A title many works share: at most two content words, or three and carried by at least
    FREQUENT_TITLE records of the input (FREQUENT holds such titles)."""
    return len(f.content) <= 2 or (len(f.content) == 3 and content_key(f) in frequent)


def content_key(f: Features) -> str:
    """A title's content words, sorted: the key under which title frequencies are counted."""
    return " ".join(sorted(f.content))


FREQUENT_TITLE = 3


def _variant(word: str, other: str) -> bool:
    """Spelling variants or inflections ("randomised"/"randomized", "rat"/"rats", "paediatric"/"pediatric")."""
    if word.startswith(other) or other.startswith(word):
        return min(len(word), len(other)) >= 3
    return fuzz.ratio(word, other) >= 80


def sister_titles(a: Features, b: Features) -> bool:
    """Each title has one or two content words the other lacks, none a spelling variant of the
    other's, and they share at least three content words."""
    only_a, only_b = a.content - b.content, b.content - a.content
    if not only_a or not only_b or len(a.content & b.content) < 3:
        return False
    left = {w for w in only_a if not any(_variant(w, v) for v in only_b)}
    right = {w for w in only_b if not any(_variant(w, v) for v in only_a)}
    left -= STOPWORDS
    right -= STOPWORDS
    return 0 < len(left) <= 2 and 0 < len(right) <= 2


def _corroborated(levels: Levels) -> bool:
    """The same (or most of the) authors, the same year, every venue field present agreeing, and
    the volume or the first page among them (a journal name alone does not place an item)."""
    venue = [levels[f] for f in (CONTAINER, VOLUME, PAGE) if levels[f] is not None]
    return (levels[AUTHORS] in (0, 1) and levels[YEAR] == 0 and all(v == 0 for v in venue)
            and 0 in (levels[VOLUME], levels[PAGE]))


def veto(a: Features, b: Features, levels: Levels, frequent: frozenset = frozenset()) -> str | None:
    """The reason A and B are not one work by a hard rule (the module docstring), or None."""
    if b.key in a.distinct or a.key in b.distinct:
        return "marked distinct by an editor"
    if levels[DOI] == 1:
        return "different DOIs"
    if levels[TITLE] is None and levels[DOI] != 0:
        return "no title on one side: only a DOI identifies it"
    place = same_place(levels)
    if a.erratum != b.erratum and not place:
        return "an erratum and an article"
    if a.reply != b.reply and levels[AUTHORS] != 0:
        return "a reply or comment and the work it answers"
    if a.companion != b.companion and levels[DOI] != 0:
        return "a companion piece (addendum, tutorial, demo) and the work it accompanies"
    if a.abstract != b.abstract and not place and levels[CONTAINER] != 0:
        return "a conference abstract and a journal article"
    if levels[YEAR] == 2:
        return "years more than one apart"
    if not place and a.numbers != b.numbers:
        return "the titles carry different numbers (parts, series, trial phases)"
    if not place and levels[DOI] != 0 and levels[TITLE] in (1, 2) and sister_titles(a, b):
        return "the titles differ by a content word (sister studies)"
    translated = ((a.translated or b.translated) and place and levels[AUTHORS] in (0, 1) and levels[YEAR] == 0
                  and levels[CONTAINER] in (0, 1, None))
    if levels[TITLE] == 5 and not (levels[DOI] == 0 and levels[AUTHORS] in (0, 1, 2)) and not translated:
        if levels[DOI] == 0:
            return "same DOI, but different titles and authors: a shared (supplement) DOI does not identify"
        return "titles differ"
    if levels[AUTHORS] == 3 and levels[DOI] != 0 and not place:
        return "no author in common"
    if levels[TITLE] in (3, 4) and levels[AUTHORS] not in (0, 1) and levels[DOI] != 0:
        return "titles only loosely alike, and not the same authors"
    if levels[DOI] != 0 and not place:
        if levels[VOLUME] == 1 and levels[PAGE] == 1:
            return "another volume and first page: another publication"
        if levels[CONTAINER] == 2 and 1 in (levels[VOLUME], levels[PAGE]):
            return "another journal, and another volume or first page"
        if levels[PAGE] == 1 and not (levels[TITLE] in (0, 1) and levels[AUTHORS] == 0):
            return "another first page, and not the same title and authors (a typo is forgiven only then)"
        if levels[CONTAINER] is not None and a.journal != b.journal:
            return "a journal and a conference or another series (a journal named in one venue only)"
        if levels[YEAR] == 1 and min(len(a.content), len(b.content)) <= 3:
            return "a short title in another year (an annual report, a recurring column)"
        if generic_title(a, frequent) or generic_title(b, frequent):
            return "generic title, and neither volume and first page nor a DOI to identify the work"
        if levels[TITLE] in (3, 4) and not _corroborated(levels):
            return "titles only loosely alike, without the same authors and the same venue, year and pages"
    if levels[AUTHORS] is None and levels[DOI] != 0 and not place and (levels[TITLE] not in (0, 1) or levels[YEAR] != 0):
        return "no author on one side: title alone, not near-identical in the same year"
    return None


def discounted(a: Features, b: Features, levels: Levels, frequent: frozenset = frozenset()) -> dict[str, str]:
    """Fields whose agreement weighs 0 for this pair, with the rule that says why."""
    out = {}
    if levels[TITLE] is not None and (generic_title(a, frequent) or generic_title(b, frequent)):
        out["title"] = "generic title"
    return out


def capped(a: Features, b: Features, levels: Levels, frequent: frozenset = frozenset()) -> str | None:
    """Why this pair may be at most "likely", or None."""
    if a.thesis and b.thesis and levels[DOI] != 0:
        return "a thesis and its dissertation-abstracts listing (or two theses)"
    if levels[DOI] == 0 or same_place(levels):
        return None
    if levels[AUTHORS] is None:
        return "no author on one side"
    if generic_title(a, frequent) or generic_title(b, frequent):
        return "generic title"
    return None
