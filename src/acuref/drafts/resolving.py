"""Resolving author-year citations: against the draft's own reference list first, then the store.

A citation is evidence: every name it gives (first author, co-authors, "et al." or not, initials
written in prose), its year and year suffix. Candidates are narrowed by each piece of evidence
in turn (a piece that would leave nothing is ignored, and then reported as a mismatch), so a
citation is "ambiguous" only when its own words cannot decide. Names are compared with
particles optional ("von Dielmann" = "Dielmann" = BibTeX ``{von Dielmann}``) and accents, case,
hyphens and apostrophes folded away (:func:`acuref.normalize.squash`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..model import Name, Reference, Store
from ..normalize import squash, words
from ..wording import count as count_of
from .finding import PARTICLES, Citation, ListEntry

OK, FUZZY, AMBIGUOUS, MISMATCH, UNRESOLVED = "ok", "fuzzy", "ambiguous", "mismatch", "unresolved"
STATUSES = (OK, FUZZY, AMBIGUOUS, MISMATCH, UNRESOLVED)


@dataclass(frozen=True)
class Resolution:
    """What a citation resolved to: a status, keys (candidates or suggestions) and why.

    ``in_list`` is True when the draft's own reference list holds the work, False when the draft
    has a list that lacks it, None when the draft has no list."""

    citation: Citation
    status: str
    keys: tuple[str, ...] = ()
    reason: str = ""
    likeliest: str | None = None
    in_list: bool | None = None

    def to_json(self) -> dict:
        data = {"text": self.citation.text, "line": self.citation.line, "column": self.citation.column,
                "part": self.citation.part, "status": self.status, "keys": list(self.keys), "reason": self.reason}
        if self.likeliest:
            data["likeliest"] = self.likeliest
        if self.in_list is not None:
            data["in_list"] = self.in_list
        return data


# --- names ------------------------------------------------------------------------------------------

def name_forms(written: str) -> set[str]:
    """The squashed forms a written surname may match: whole, and without leading particles."""
    parts = written.replace("{", "").replace("}", "").split()
    forms = {squash(" ".join(parts))}
    while len(parts) > 1 and parts[0].lower() in PARTICLES:
        parts = parts[1:]
        forms.add(squash(" ".join(parts)))
    return {f for f in forms if f}


def author_forms(name: Name) -> set[str]:
    """The squashed forms of a reference's author: literal, family, family with its particle."""
    if name.literal:
        return name_forms(name.literal)
    forms = name_forms(name.family)
    if name.non_dropping_particle or name.dropping_particle:
        particle = " ".join(p for p in (name.dropping_particle, name.non_dropping_particle) if p)
        forms.add(squash(f"{particle} {name.family}"))
    return forms


def same_name(written: str, name: Name) -> bool:
    return bool(name_forms(written) & author_forms(name))


def _initials(given: str) -> str:
    return "".join(w[0] for w in words(given.replace("-", " ")) if w)


# --- narrowing by the citation's own words ----------------------------------------------------------

def narrow(citation: Citation, refs: list[Reference]) -> tuple[list[Reference], list[str]]:
    """The candidates every piece of the citation's evidence allows, and the evidence that fit none."""
    unmet: list[str] = []
    tests = []
    if citation.suffix:
        by_key = [r for r in refs if r.key.lower().endswith(f"{citation.year}{citation.suffix}")]
        if not by_key and len(refs) > 1:
            # no key says it: the letter a style would give, works in bibliography order (names, title)
            ordered = sorted(refs, key=lambda r: ([squash(a.literal or a.family) for a in r.author], words(r.title)))
            index = ord(citation.suffix) - ord("a")
            by_key = [ordered[index]] if 0 <= index < len(ordered) else []
        chosen = {r.key for r in by_key}
        tests.append((f"year suffix {citation.suffix!r}", lambda r: r.key in chosen))
    if citation.initials:
        wanted = "".join(ch for ch in citation.initials.lower() if ch.isalpha())
        tests.append((f"initials {citation.initials}",
                      lambda r: bool(r.author) and _initials(r.author[0].given).startswith(wanted)))
    if citation.others:
        tests.append((", ".join(citation.others) + " among the authors",
                      lambda r: all(any(same_name(o, a) for a in r.author) for o in citation.others)))
    if citation.et_al:
        tests.append(("three or more authors", lambda r: len(r.author) >= 3))
    else:  # "Okafor (2019)" names one author, "Okafor and Brandt (2019)" two
        count = 1 + len(citation.others)
        tests.append((f"exactly {count_of(count, 'author')}", lambda r: len(r.author) == count))
    for label, test in tests:
        kept = [r for r in refs if test(r)]
        if kept:
            refs = kept
        elif len(refs) > 1:
            unmet.append(label)
    return refs, unmet


def first_author_matches(citation: Citation, refs) -> list[Reference]:
    return [r for r in refs if r.author and same_name(citation.surname, r.author[0])]


def resolve_citation(store: Store, citation: Citation, candidates: Sequence[Reference] | None = None) -> Resolution:
    """Resolve one citation among ``candidates`` (default: the whole store):

    - ok: exactly one reference fits the first author, the year and every other name given;
    - mismatch: one fits the first author and year, but "et al." is used for one or two
      authors, or a named co-author is not among its authors; or the year is one off;
    - fuzzy: it fits only through a known variant spelling (``name-variants``), a given name
      used as a surname, or a near spelling (similarity >= 80);
    - ambiguous: several fit even with everything the citation says; candidates ranked (the
      draft's reference list, then words of the surrounding clause in title and topics);
    - unresolved: nothing fits; the nearest references are suggested.
    """
    from rapidfuzz import fuzz

    pool = list(store) if candidates is None else list(candidates)
    name = squash(citation.surname)
    same_year = [r for r in pool if r.year == citation.year]
    exact = first_author_matches(citation, same_year)
    if exact:
        return decide(citation, exact, OK, "")
    variants = [r for r in same_year if name in {squash(v) for v in r.name_variants}]
    if not variants:
        variants = [r for r in same_year if r.author and squash(r.author[0].given) == name and len(name) > 2]
    reason = f"{citation.surname!r} is a known variant or given name of the first author" if variants else ""
    if not variants:
        variants = [r for r in same_year if r.author
                    and max(fuzz.ratio(f, name) for f in author_forms(r.author[0]) or {""}) >= 80]
        reason = f"{citation.surname!r} is a near spelling of the first author's surname" if variants else ""
    if variants:
        return decide(citation, variants, FUZZY, reason)
    off_by_one = first_author_matches(citation, [r for r in pool if r.year in (citation.year - 1, citation.year + 1)])
    if off_by_one:
        return Resolution(citation, MISMATCH, tuple(r.key for r in off_by_one),
                          f"no {citation.surname} {citation.year}; year is off by one for "
                          + ", ".join(f"{r.key} ({r.year})" for r in off_by_one))
    return Resolution(citation, UNRESOLVED, tuple(_suggestions(store, citation)), "no reference fits")


def decide(citation: Citation, refs: list[Reference], status: str, reason: str) -> Resolution:
    refs = list({r.key: r for r in refs}.values())
    refs, unmet = narrow(citation, refs)
    if len(refs) > 1:
        ranked = _rank(citation, refs)
        best, second = ranked[0], ranked[1]
        if _rank(citation, [second, best])[0] is best:  # a real preference, not a tie broken by key order
            why = (f"{count_of(len(refs), 'reference')} fit; {best.key} is likelier: it is in the draft's reference list"
                   if _in_reference_list(citation, best) and not _in_reference_list(citation, second)
                   else f"{count_of(len(refs), 'reference')} fit; the surrounding text makes {best.key} likelier")
            return Resolution(citation, AMBIGUOUS, tuple(r.key for r in ranked), why, likeliest=best.key)
        return Resolution(citation, AMBIGUOUS, tuple(r.key for r in ranked),
                          f"{count_of(len(refs), 'reference')} fit; nothing the citation says tells them apart")
    ref = refs[0]
    problem = _author_problem(citation, ref)
    if problem:
        return Resolution(citation, MISMATCH, (ref.key,), problem)
    return Resolution(citation, status, (ref.key,), reason)


def _author_problem(citation: Citation, ref: Reference) -> str:
    if citation.et_al and len(ref.author) <= 2:
        n = len(ref.author)
        return f"'et al.' used for a work with {count_of(n, 'author')}"
    missing = [o for o in citation.others if not any(same_name(o, a) for a in ref.author)]
    if missing:
        return f"{', '.join(missing)} not among the authors of {ref.key}"
    if citation.initials and ref.author:
        wanted = "".join(ch for ch in citation.initials.lower() if ch.isalpha())
        if not _initials(ref.author[0].given).startswith(wanted):
            return f"initials {citation.initials} do not fit {ref.author[0].display()}"
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
    title = squash(ref.title)
    return bool(title) and title in citation.references


def _suggestions(store: Store, citation: Citation, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz

    name = squash(citation.surname)
    scored = []
    for ref in store:
        if not ref.author:
            continue
        score = max(fuzz.ratio(f, name) for f in author_forms(ref.author[0]) or {""}) \
            - 5 * min(abs((ref.year or 0) - citation.year), 6)
        scored.append((score, ref.key))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [key for score, key in scored[:limit] if score > 30]


# --- the draft's own reference list -------------------------------------------------------------------

def entry_reference(store: Store, entry: ListEntry) -> Reference | None:
    """The store's reference for a reference-list entry: first author and year, then the other
    authors, year suffix and the most title words in common decide."""
    if not entry.surnames:
        return None
    pool = [r for r in store if entry.year is None or r.year == entry.year]
    refs = [r for r in pool if r.author and name_forms(entry.surnames[0]) & author_forms(r.author[0])]
    if len(refs) > 1 and entry.suffix:
        refs = [r for r in refs if r.key.lower().endswith(f"{entry.year}{entry.suffix}")] or refs
    if len(refs) > 1:
        written = set(words(entry.text))

        def shared(ref: Reference) -> int:
            return len(written & {w for w in words(ref.title) if len(w) > 3})

        best = max(shared(r) for r in refs)
        top = [r for r in refs if shared(r) == best]
        refs = top if best > 0 else refs
    return refs[0] if len(refs) == 1 else None


def entry_fits(citation: Citation, entry: ListEntry, fuzzy: bool = False) -> bool:
    """Whether a citation can refer to a list entry: year (and suffix, when both give one) and first author."""
    if entry.year != citation.year or not entry.surnames:
        return False
    if citation.suffix and entry.suffix and citation.suffix != entry.suffix:
        return False
    forms, written = name_forms(entry.surnames[0]), name_forms(citation.surname)
    if forms & written:
        return True
    if not fuzzy:
        return False
    from rapidfuzz import fuzz

    return max(fuzz.ratio(a, b) for a in forms for b in written) >= 80
