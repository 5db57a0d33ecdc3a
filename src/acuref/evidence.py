"""Evidence summaries: the store's claims grouped by condition, with each cited study's design and flags.

Pure data: `summarise` builds a `Summary`; `acuref.evidence_render` turns it into text, Markdown, HTML or JSON.

Design hierarchy: `model.DESIGNS` (slug → (rank, label)), rank 1 strongest: systematic review/meta-analysis >
randomised trial > controlled trial > observational > case series > narrative review > mechanistic/animal >
guideline, guideline protocol, web page > unknown. Counts always count distinct references.

Flags on a claim:
- ``no-support``: it cites nothing;
- ``weak-support``: every reference it cites is a narrative review, mechanistic or animal study;
- ``unknown-design``: a reference it cites has design "unknown" (or none the hierarchy knows);
- ``off-topic``: a cited reference's title and topics share no term with the claim's condition (see `terms`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from .model import DESIGNS, Claim, Reference, Store
from .normalize import fold, words
from .wording import count

WEAK_DESIGNS = frozenset({"narrative-review", "mechanistic", "animal-study"})
UNKNOWN = "unknown"

#: Words that say nothing about a condition (grammar, and prefixes that the joined form carries).
STOPWORDS = frozenset("""a an and as at by during for from in into of on or other over post than the their to
    type under via with without after before between its use""".split())

#: Concept classes: a term in one of these sets also stands for the class name, so that "hyperemesis" meets
#: "vomiting", "post-operative" meets "surgery", "GABA" meets "neurotransmitters". General medical vocabulary,
#: never a rule about one record; extend it as the store grows.
CONCEPTS: dict[str, frozenset[str]] = {
    "nausea": frozenset("nausea vomiting emesis hyperemesis antiemetic".split()),
    "pain": frozenset("pain analgesia analgesic antihyperalgesic antinociceptive painkilling".split()),
    "surgery": frozenset("surgery surgical postoperative perioperative intraoperative operative".split()),
    "neurotransmitter": frozenset("""neurotransmitter neuromediator opioid endorphin enkephalin endomorphin
        dynorphin nociceptin gaba norepinephrine noradrenaline noradrenalin serotonin 5ht glutamate
        dopamine acetylcholine""".split()),
}
_CLASS_OF = {term: name for name, members in CONCEPTS.items() for term in members}


def stem(word: str) -> str:
    """Light stemming: British spellings to American (labour → labor, anaesthesia → anesthesia), plurals off."""
    w = re.sub(r"our$", "or", word)
    w = w.replace("ae", "e").replace("oe", "e") if len(w) > 4 else w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "is", "us")):
        return w[:-1]
    return w


def terms(text: str) -> set[str]:
    """The comparable terms of a text: `normalize.words`, adjacent pairs joined ("post-operative" →
    "postoperative", "5-HT" → "5ht"), stopwords dropped, `stem`med, plus the class name of any `CONCEPTS` term."""
    ws = words(text)
    found = set(ws) | {a + b for a, b in zip(ws, ws[1:])}
    out = {stem(w) for w in found if w not in STOPWORDS and len(w) > 1}
    return out | {_CLASS_OF[t] for t in out if t in _CLASS_OF}


def reference_terms(ref: Reference) -> set[str]:
    """Terms of a reference's title and topics (topic slugs such as "low-back-pain" read as words)."""
    return terms(" ".join([ref.title or "", *ref.topics]))


@dataclass(frozen=True)
class Flag:
    kind: str  # "no-support" | "weak-support" | "unknown-design" | "off-topic" | "retracted" | "notice"
    message: str
    key: str | None = None


@dataclass(frozen=True)
class CitedRef:
    key: str
    design: str
    label: str
    rank: int


@dataclass(frozen=True)
class ClaimSummary:
    claim: Claim
    citation: str  # the style's in-text citation of all its references; "" when it cites nothing
    refs: tuple[CitedRef, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class ConditionSummary:
    name: str
    claims: tuple[ClaimSummary, ...]
    counts: tuple[tuple[str, int], ...]  # (design slug, distinct references) in hierarchy order
    strongest: str | None  # design slug, None when nothing is cited


@dataclass(frozen=True)
class GroupSummary:
    topic: str
    name: str
    conditions: tuple[ConditionSummary, ...]
    counts: tuple[tuple[str, int], ...]
    strongest: str | None


@dataclass(frozen=True)
class Summary:
    style: str
    topic: str | None
    condition: str | None
    groups: tuple[GroupSummary, ...]
    counts: tuple[tuple[str, int], ...]
    bibliography: tuple  # render.Entry, in the style's order
    flagged: int = field(default=0)  # number of claims with at least one flag


def design_of(ref: Reference) -> CitedRef:
    """A reference's design placed in the hierarchy; a design the hierarchy lacks counts as unknown."""
    slug = ref.design if ref.design in DESIGNS else UNKNOWN
    rank, label = DESIGNS[slug]
    return CitedRef(ref.key, slug, label, rank)


def count_designs(refs: Sequence[CitedRef]) -> tuple[tuple[str, int], ...]:
    """Distinct references per design, in hierarchy order."""
    distinct = {r.key: r.design for r in refs}
    order = list(DESIGNS)
    tally: dict[str, int] = {}
    for design in distinct.values():
        tally[design] = tally.get(design, 0) + 1
    return tuple(sorted(tally.items(), key=lambda kv: order.index(kv[0])))


def strongest(refs: Sequence[CitedRef]) -> str | None:
    """The best-ranked known design among refs (unknown only when nothing else is known)."""
    if not refs:
        return None
    order = list(DESIGNS)
    return min(refs, key=lambda r: (r.rank, order.index(r.design))).design


def flags_for(claim: Claim, refs: Sequence[Reference]) -> tuple[Flag, ...]:
    """Everything a careful reader should know about how well refs support claim."""
    if not refs:
        return (Flag("no-support", "cites nothing"),)
    found: list[Flag] = []
    designs = [design_of(r) for r in refs]
    if all(d.design in WEAK_DESIGNS for d in designs):
        kinds = ", ".join(sorted({d.label for d in designs}))
        found.append(Flag("weak-support", f"supported only by {kinds}"))
    for d in designs:
        if d.design == UNKNOWN:
            found.append(Flag("unknown-design", f"{d.key}: study design unknown", d.key))
    for ref in refs:
        if ref.updates:  # editorial notices recorded by `acuref retractions`
            from .retractions import flags as notices
            from .updates import parse_all, status

            kind = "retracted" if status(parse_all(ref.updates)) == "retracted" else "notice"
            found.extend(Flag(kind, line, ref.key) for line in notices(ref))
    wanted = terms(claim.condition)
    for ref in refs:
        if ref.title and wanted and not wanted & reference_terms(ref):
            found.append(Flag("off-topic", f"{ref.key}: title and topics share nothing with "
                                           f"\u201c{claim.condition}\u201d", ref.key))
    return tuple(found)


def select_claims(store: Store, topic: str | None = None, condition: str | None = None) -> list[Claim]:
    """Claims of a topic (exact, case-insensitive) whose condition or group contains `condition`."""
    from .errors import NotFoundError

    claims = list(store.claims)
    if topic:
        claims = [c for c in claims if fold(c.topic) == fold(topic)]
        if not claims:
            raise NotFoundError(f"topic {topic}", sorted({c.topic for c in store.claims}))
    if condition:
        wanted = fold(condition)
        kept = [c for c in claims if wanted in fold(c.condition) or wanted in fold(c.group)]
        if not kept:
            raise NotFoundError(f"condition {condition}", sorted({c.condition for c in claims})[:10])
        claims = kept
    return claims


def summarise(store: Store, *, topic: str | None = None, condition: str | None = None, style: str | None = None,
              locale: str | None = None, fmt: str = "text") -> Summary:
    """The evidence summary of the selected claims: citations in `style` (rendered together, so
    disambiguation sees them all) and in `fmt` ("text", "md", "html"), designs, counts, flags, bibliography."""
    from .errors import InvalidStoreError, Problem
    from .render import Cite, render
    from .styles import DEFAULT_STYLE, find_style

    claims = select_claims(store, topic, condition)
    missing = [(c, k) for c in claims for k in c.cites if k not in store.references]
    if missing:
        raise InvalidStoreError("claims cite keys the store does not hold",
                                [Problem(None, c.line, None, f"claim {c.id}: no reference {k!r}") for c, k in missing])
    keys = list(dict.fromkeys(k for c in claims for k in c.cites))
    refs = [store.references[k] for k in keys]
    style_ref = find_style(style or DEFAULT_STYLE)
    cited = [c for c in claims if c.cites]
    rendered = render(refs, [[Cite(k) for k in c.cites] for c in cited], style=style_ref, locale=locale, fmt=fmt)
    citation = {c.id: text for c, text in zip(cited, rendered.citations)}

    groups: dict[tuple[str, str], dict[str, list[ClaimSummary]]] = {}
    for c in claims:
        crefs = [store.references[k] for k in c.cites]
        cs = ClaimSummary(c, citation.get(c.id, ""), tuple(design_of(r) for r in crefs), flags_for(c, crefs))
        groups.setdefault((c.topic, c.group), {}).setdefault(c.condition, []).append(cs)

    out = []
    for (t, g), conditions in groups.items():
        cond_summaries = []
        for name, items in conditions.items():
            crefs = [r for cs in items for r in cs.refs]
            cond_summaries.append(ConditionSummary(name, tuple(items), count_designs(crefs), strongest(crefs)))
        grefs = [r for cs in cond_summaries for item in cs.claims for r in item.refs]
        out.append(GroupSummary(t, g, tuple(cond_summaries), count_designs(grefs), strongest(grefs)))
    all_refs = [design_of(r) for r in refs]
    flagged = sum(1 for g in out for c in g.conditions for cs in c.claims if cs.flags)
    return Summary(style_ref.id, topic, condition, tuple(out),
                   count_designs(all_refs), tuple(rendered.bibliography), flagged)


def describe_counts(counts: Sequence[tuple[str, int]]) -> str:
    """ "1 systematic review/meta-analysis, 2 randomised trials, 3 of unknown design"."""
    out = []
    for slug, n in counts:
        if slug == UNKNOWN:
            out.append(f"{n} of unknown design")
        else:
            out.append(count(n, DESIGNS[slug][1]))
    return ", ".join(out) if out else "no references"


def to_data(summary: Summary) -> dict:
    """The summary as JSON-ready data (what `--json` prints)."""
    def counts(cs):
        return [{"design": slug, "label": DESIGNS[slug][1], "rank": DESIGNS[slug][0], "references": n}
                for slug, n in cs]

    return {
        "style": summary.style,
        "topic": summary.topic,
        "condition": summary.condition,
        "counts": counts(summary.counts),
        "flagged_claims": summary.flagged,
        "groups": [{
            "topic": g.topic, "group": g.name, "strongest": g.strongest, "counts": counts(g.counts),
            "conditions": [{
                "condition": c.name, "strongest": c.strongest, "counts": counts(c.counts),
                "claims": [{
                    "id": cs.claim.id, "text": cs.claim.text, "article": cs.claim.article,
                    "citation": cs.citation, "cited_as": list(cs.claim.cited_as),
                    "references": [{"key": r.key, "design": r.design, "label": r.label, "rank": r.rank}
                                   for r in cs.refs],
                    "flags": [{"kind": f.kind, "key": f.key, "message": f.message} for f in cs.flags],
                } for cs in c.claims],
            } for c in g.conditions],
        } for g in summary.groups],
        "bibliography": [{"key": e.key, "text": e.text} for e in summary.bibliography],
    }
