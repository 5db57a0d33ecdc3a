"""Evidence summaries as data: claims grouped by condition, the designs behind them, and flags.

Designs are ranked by the hierarchy in :data:`acuref.model.DESIGNS`
(systematic review > randomised trial > controlled trial > observational >
case series > narrative review > mechanistic/animal > guideline and other).

Flags, per claim:

- ``weak``: supported only by narrative reviews, mechanistic or animal work, or by nothing;
- ``off-topic``: a cited reference whose title and topics share no word with the claim's
  condition and group. Words are folded, plurals and hyphens ignored; words found in more
  than half of the store's references ("acupuncture") do not count as shared; a small
  table of medical synonyms (:data:`SYNONYMS`) counts as shared;
- ``unknown-design``: a cited reference whose design is unknown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import DESIGNS, Claim, Reference, Store
from .normalize import words

WEAK = frozenset({"narrative-review", "mechanistic", "animal-study"})

#: Words that name the same thing in titles and conditions (each set is one meaning).
SYNONYMS = [
    {"nausea", "vomiting", "emesis", "hyperemesis", "antiemetic"},
    {"postoperative", "surgery", "surgical", "operative", "perioperative", "intraoperative"},
    {"labour", "labor", "childbirth", "obstetric"},
    {"tendonitis", "tendinitis", "tendinopathy", "tendon"},
    {"pain", "analgesia", "analgesic", "antihyperalgesic"},
    {"headache", "migraine"},
    {"serotonin", "5ht", "hydroxytryptamine"},
    {"norepinephrine", "noradrenaline", "noradrenalin"},
    {"gaba", "aminobutyric"},
    {"guideline", "guidance", "recommendation"},
    {"tapping", "eft", "emotional"},
]
_STOP = frozenset("the and for with from into after before during among about under over post pre use using its their "
                  "effect effects study studies role".split())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


_STEMMED_SYNONYMS = [{_stem(w) for w in group} for group in SYNONYMS]


def vocabulary(text: str) -> set[str]:
    """Folded, stemmed content words of a text, hyphenated compounds also joined ("post-operative" → postoperative)."""
    out = {_stem(w) for w in words(text) if len(w) > 2 and w not in _STOP}
    for chunk in text.lower().split():
        if "-" in chunk:
            joined = "".join(words(chunk))
            if len(joined) > 3:
                out.add(_stem(joined))
    expanded = set(out)
    for group in _STEMMED_SYNONYMS:
        if out & group:
            expanded |= group
    return expanded


@dataclass(frozen=True)
class CitedRef:
    key: str
    design: str
    on_topic: bool


@dataclass(frozen=True)
class ClaimSummary:
    claim: Claim
    citation: str  # the in-text citation in the chosen style ("" when it cites nothing)
    refs: tuple[CitedRef, ...]
    flags: tuple[str, ...]

    def to_json(self) -> dict:
        c = self.claim
        return {"id": c.id, "text": c.text, "condition": c.condition, "group": c.group, "citation": self.citation,
                "cited_as": list(c.cited_as), "references": [{"key": r.key, "design": r.design, "on_topic": r.on_topic} for r in self.refs],
                "flags": list(self.flags)}


@dataclass(frozen=True)
class ConditionSummary:
    group: str
    condition: str
    claims: tuple[ClaimSummary, ...]
    designs: dict[str, int]  # design → number of distinct references, hierarchy order
    strongest: str | None

    def to_json(self) -> dict:
        return {"group": self.group, "condition": self.condition, "strongest_design": self.strongest,
                "designs": self.designs, "claims": [c.to_json() for c in self.claims]}


@dataclass(frozen=True)
class Summary:
    topic: str | None
    style: str
    conditions: tuple[ConditionSummary, ...]
    designs: dict[str, int]
    bibliography: tuple[tuple[str, str], ...]  # (key, formatted entry)
    flags: tuple[tuple[str, str, str], ...] = field(default=())  # (claim id, flag, explanation)

    def to_json(self) -> dict:
        return {"topic": self.topic, "style": self.style, "designs": self.designs, "design_counts": counts_phrase(self.designs),
                "conditions": [c.to_json() for c in self.conditions],
                "flags": [{"claim": c, "flag": f, "why": w} for c, f, w in self.flags],
                "bibliography": [{"key": k, "text": t} for k, t in self.bibliography]}


def _ordered_counts(counter: Counter) -> dict[str, int]:
    return {d: counter[d] for d in DESIGNS if counter[d]}


def counts_phrase(designs: dict[str, int]) -> str:
    """"2 systematic reviews/meta-analyses, 1 randomised trial, 3 unknown"."""
    parts = []
    for design, n in designs.items():
        label = DESIGNS[design][1]
        if n != 1 and design != "unknown":
            label = {"systematic review/meta-analysis": "systematic reviews/meta-analyses", "case series": "case series",
                     "guideline protocol": "guideline protocols", "web page": "web pages"}.get(label, label + "s")
        parts.append(f"{n} {label}")
    return ", ".join(parts) if parts else "no references"


def build_summary(store: Store, *, topic: str | None = None, condition: str | None = None,
                  style: str = "harvard-cite-them-right", locale: str | None = None, fmt: str = "text") -> Summary:
    """The evidence summary of the store's claims (optionally one topic or conditions matching a word)."""
    from .render import Cite, render

    claims = [c for c in store.claims if (topic is None or c.topic == topic)
              and (condition is None or condition.lower() in (c.condition + " " + c.group).lower())]
    aliases = store.alias_index()
    resolve = lambda k: store.references[aliases.get(k, k)]  # noqa: E731
    cited_keys = list(dict.fromkeys(resolve(k).key for c in claims for k in c.cites))
    refs = [store.references[k] for k in cited_keys]
    clusters = [[Cite(resolve(k).key) for k in c.cites] for c in claims if c.cites]
    rendered = render(refs, clusters, style=style, locale=locale, fmt=fmt) if refs else None
    citations = iter(rendered.citations if rendered else [])
    common = _common_words(store)
    by_condition: dict[tuple[str, str], list[ClaimSummary]] = {}
    flags: list[tuple[str, str, str]] = []
    for claim in claims:
        cited = [resolve(k) for k in claim.cites]
        wanted = vocabulary(f"{claim.condition} {claim.group}") - common
        items, claim_flags = [], []
        for ref in cited:
            have = vocabulary(f"{ref.title} {' '.join(ref.topics)}") - common
            on_topic = bool(wanted & have)
            items.append(CitedRef(ref.key, ref.design, on_topic))
            if not on_topic:
                flags.append((claim.id, "off-topic", f"{ref.key}: its title and topics share nothing with “{claim.condition}”"))
        if not cited:
            flags.append((claim.id, "weak", f"cites nothing in the store (as written: {', '.join(claim.cited_as)})"))
        elif all(r.design in WEAK for r in cited):
            flags.append((claim.id, "weak", "supported only by " + ", ".join(sorted({DESIGNS[r.design][1] for r in cited}))))
        for ref in cited:
            if ref.design == "unknown":
                flags.append((claim.id, "unknown-design", f"{ref.key}: study design unknown"))
        claim_flags = tuple(dict.fromkeys(f for c, f, _ in flags if c == claim.id))
        by_condition.setdefault((claim.group, claim.condition), []).append(
            ClaimSummary(claim, next(citations) if cited else "", tuple(items), claim_flags))
    conditions = []
    for (group, cond), items in by_condition.items():
        designs = Counter({})
        seen = set()
        for item in items:
            for r in item.refs:
                if r.key not in seen:
                    seen.add(r.key)
                    designs[r.design] += 1
        ordered = _ordered_counts(designs)
        strongest = min(ordered, key=lambda d: DESIGNS[d][0]) if ordered else None
        conditions.append(ConditionSummary(group, cond, tuple(items), ordered, strongest))
    overall = _ordered_counts(Counter(r.design for r in refs))
    bibliography = tuple((e.key, e.text) for e in rendered.bibliography) if rendered else ()
    return Summary(topic, style, tuple(conditions), overall, bibliography, tuple(flags))


def _common_words(store: Store) -> set[str]:
    """Words in the titles and topics of more than half the references: they tell nothing apart."""
    counts: Counter = Counter()
    for ref in store:
        counts.update(vocabulary(f"{ref.title} {' '.join(ref.topics)}"))
    return {w for w, n in counts.items() if n > len(store) / 2}
