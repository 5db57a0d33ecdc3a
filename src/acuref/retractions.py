"""Retraction check: ask Crossref about every reference with a DOI, record what it says on the reference.

For each reference with a ``DOI`` (all of them, or the keys asked for), Crossref's work record is
read fresh (a cached answer younger than ``max_age`` is used), and the notices in its
``updated-by`` relation (the publisher's Crossmark deposits and the Retraction Watch records
Crossref carries) are merged into the reference's ``updates`` field (see :mod:`acuref.updates`).
A DOI Crossref does not know is reported and skipped; a service that cannot be reached or fails
stops the whole check, and then nothing is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .errors import RemoteNotFoundError
from .model import Reference, Store
from .updates import Update, merge, parse_all, status


@dataclass
class Finding:
    """What the check found for one reference: every notice now known, the ones new to the store,
    the resulting status (retracted, concern, corrected, ok), the claims citing it, or an error."""

    key: str
    doi: str
    updates: list[Update] = field(default_factory=list)
    new: list[Update] = field(default_factory=list)
    status: str = "ok"
    cited_by: list[str] = field(default_factory=list)
    error: str = ""
    notice_of: list[tuple[str, str]] = field(default_factory=list)  # the DOI is itself a notice: (type, DOI)

    def to_json(self) -> dict:
        return {"key": self.key, "doi": self.doi, "status": self.status if not self.error else "unknown",
                "updates": [u.to_json() for u in self.updates], "new": [u.to_json() for u in self.new],
                "cited_by": self.cited_by, "error": self.error or None,
                "notice_of": [{"type": t, "doi": d} for t, d in self.notice_of]}


@dataclass
class RetractionReport:
    findings: list[Finding] = field(default_factory=list)
    without_doi: list[str] = field(default_factory=list)  # keys checked for nothing: no DOI

    @property
    def retracted(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "retracted" and not f.error]

    def to_json(self) -> dict:
        return {"checked": len(self.findings), "retracted": [f.key for f in self.retracted],
                "without_doi": self.without_doi, "references": [f.to_json() for f in self.findings]}


def references_to_check(store: Store, keys: Iterable[str] | None = None) -> tuple[list[Reference], list[str]]:
    """(references with a DOI, keys without one): all of the store's, or the ``keys`` given (resolved)."""
    from .keys import resolve

    refs = list(store) if keys is None else list({r.key: r for r in (resolve(store, k) for k in keys)}.values())
    return [r for r in refs if r.get("DOI")], [r.key for r in refs if not r.get("DOI")]


def check(store: Store, client, keys: Sequence[str] | None = None, *, max_age: float = 3600.0) -> RetractionReport:
    """Ask Crossref about each reference to check; raises RemoteError when Crossref cannot be used."""
    from .lookup.crossref import fetch_work, is_notice, notices_of

    refs, without = references_to_check(store, keys)
    report = RetractionReport(without_doi=without)
    cited: dict[str, list[str]] = {}
    for claim in store.claims:
        for key in claim.cites:
            cited.setdefault(key, []).append(claim.id)
    for ref in refs:
        doi = str(ref.get("DOI"))
        finding = Finding(ref.key, doi, cited_by=sorted({c for n in (ref.key, *ref.aliases) for c in cited.get(n, [])}))
        known = parse_all(ref.updates)
        try:
            work = fetch_work(client, doi, max_age=max_age)
        except RemoteNotFoundError as exc:
            finding.error = exc.message
            finding.updates = known
            finding.status = status(known)
        else:
            found = notices_of(work)
            finding.updates = parse_all(merge(ref.updates, found))
            finding.new = [u for u in finding.updates if str(u) not in set(ref.updates)]
            finding.status = status(finding.updates)
            finding.notice_of = is_notice(work)
        report.findings.append(finding)
    return report


def record(store: Store, report: RetractionReport) -> Store:
    """The store with each checked reference's ``updates`` set to every notice now known."""
    refs = dict(store.references)
    for finding in report.findings:
        ref = refs.get(finding.key)
        if ref is None or finding.error:
            continue
        updates = merge(ref.updates, finding.updates)
        if updates != ref.updates:
            refs[finding.key] = ref.with_changes(updates=updates)
    return store.with_references(refs)


def flags(ref: Reference) -> list[str]:
    """One line per recorded notice worth a warning where the reference is cited (cite, summary, check):
    "deluze1992: retraction 2010-02-06 (10.1016/…)"."""
    notices = parse_all(ref.updates)
    state = status(notices)
    if state == "ok":
        return []
    lines = []
    for u in notices:
        if u.type in ("new_version", "new_edition"):
            continue
        detail = ", ".join(x for x in (u.date, u.doi) if x)
        lines.append(f"{ref.key}: {u.label}" + (f" {detail}" if detail else ""))
    return lines
