"""Editorial notices about a work (retraction, withdrawal, correction, expression of concern), as data.

A reference records them in its ``updates`` field, one string per notice, so the store stays
plain TOML and every reader of the store keeps them::

    updates = ["retraction 2010-02-06 10.1016/s0140-6736(10)60175-4 retraction-watch"]

The four words are the notice's type, its date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``-``
when unknown), the notice's own DOI (``-`` when none) and where the record came from
(``publisher`` for the publisher's Crossmark deposit, ``retraction-watch`` for the Retraction
Watch database that Crossref carries, ``-`` when unknown). Types are Crossref's update types
(https://www.crossref.org/documentation/crossmark/participating-in-crossmark/, "update types"),
with ``_`` kept as Crossref writes it: ``expression_of_concern``, ``partial_retraction``.
Pure functions only: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

#: Notices that take a work out of the literature: citing it needs a reason.
RETRACTING = frozenset({"retraction", "withdrawal", "removal"})
#: Notices a reader should know about, though the work stands.
CAUTIONING = frozenset({"partial_retraction", "expression_of_concern"})
#: Every type acuref records (Crossref's update types, plus Retraction Watch's "reinstatement").
TYPES = RETRACTING | CAUTIONING | frozenset({
    "correction", "corrigendum", "erratum", "addendum", "clarification", "new_edition", "new_version",
    "reinstatement"})

_TYPE = re.compile(r"[a-z][a-z_]{1,40}")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_SOURCE = re.compile(r"[a-z][a-z0-9-]{0,40}")


@dataclass(frozen=True, order=True)
class Update:
    """One notice: ``type`` (Crossref's update type), ``date`` (ISO, possibly partial; "" unknown),
    ``doi`` of the notice ("" none), ``source`` ("publisher", "retraction-watch"; "" unknown)."""

    date: str
    type: str
    doi: str = ""
    source: str = ""

    def __str__(self) -> str:
        return " ".join([self.type, self.date or "-", self.doi or "-", self.source or "-"])

    @property
    def retracting(self) -> bool:
        return self.type in RETRACTING

    @property
    def label(self) -> str:
        """"expression of concern": the type as words."""
        return self.type.replace("_", " ")

    def to_json(self) -> dict:
        return {"type": self.type, "date": self.date or None, "doi": self.doi or None, "source": self.source or None}


def valid_date(text: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as an ``updates`` entry writes a date."""
    return bool(_DATE.fullmatch(text))


def parse_update(text: str) -> Update:
    """Read one ``updates`` entry; raises ValueError saying what is wrong."""
    words = text.split()
    if len(words) != 4:
        raise ValueError(f"{text!r} must be four words: TYPE DATE DOI SOURCE (write - for an unknown one)")
    kind, date, doi, source = (None if w == "-" else w for w in words)
    if kind is None or not _TYPE.fullmatch(kind):
        raise ValueError(f"{text!r}: {words[0]!r} is not an update type such as retraction or correction")
    if kind not in TYPES:
        raise ValueError(f"{text!r}: unknown update type {kind!r} (one of: {', '.join(sorted(TYPES))})")
    if date is not None and not _DATE.fullmatch(date):
        raise ValueError(f"{text!r}: date {date!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    if doi is not None and not _DOI.fullmatch(doi):
        raise ValueError(f"{text!r}: {doi!r} is not a DOI (10.NNNN/…)")
    if source is not None and not _SOURCE.fullmatch(source):
        raise ValueError(f"{text!r}: source {source!r} must be a word such as publisher or retraction-watch")
    return Update(date=date or "", type=kind, doi=doi or "", source=source or "")


def problems(entries: Iterable[str]) -> list[str]:
    """What is wrong with each entry of an ``updates`` list (empty when all are valid)."""
    found = []
    for entry in entries:
        try:
            parse_update(entry)
        except ValueError as exc:
            found.append(str(exc))
    return found


def parse_all(entries: Iterable[str]) -> list[Update]:
    """The valid entries, oldest first (the store's validation has already rejected the rest)."""
    out = []
    for entry in entries:
        try:
            out.append(parse_update(entry))
        except ValueError:
            continue
    return sorted(out)


def status(updates: Iterable[Update]) -> str:
    """``retracted`` when a retracting notice is not followed by a reinstatement, ``concern`` for a
    partial retraction or expression of concern, ``corrected`` for corrections and errata, else ``ok``."""
    ordered = sorted(updates)
    retracted = False
    for update in ordered:
        if update.retracting:
            retracted = True
        elif update.type == "reinstatement":
            retracted = False
    if retracted:
        return "retracted"
    kinds = {u.type for u in ordered}
    if kinds & CAUTIONING:
        return "concern"
    if kinds - RETRACTING - {"reinstatement", "new_version", "new_edition"}:  # a reinstated work stands
        return "corrected"
    return "ok"


def merge(recorded: Iterable[str], found: Iterable[Update]) -> tuple[str, ...]:
    """The ``updates`` field after a check: what was recorded plus what was found, each notice once
    (same type and DOI, or same type and date when there is no DOI), oldest first."""
    by_identity: dict[tuple, Update] = {}
    for update in [*parse_all(recorded), *found]:
        ident = (update.type, update.doi.lower()) if update.doi else (update.type, update.date)
        kept = by_identity.get(ident)
        if kept is None or (not kept.date and update.date) or (not kept.source and update.source):
            by_identity[ident] = update
    return tuple(str(u) for u in sorted(by_identity.values()))
