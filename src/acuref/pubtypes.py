"""PubMed publication types (MEDLINE ``PT``, esummary ``pubtype``) as acuref's study design and notices.

One mapping for every way a PubMed record arrives: ``acuref add PMID`` (:mod:`acuref.lookup.ncbi`) and a
MEDLINE/.nbib import (:mod:`acuref.formats.medline`). The types are the NLM's
(https://www.nlm.nih.gov/mesh/pubtypes.html).
"""

from __future__ import annotations

from typing import Iterable

#: PubMed publication types that say a study's design unambiguously (a plain "Review" does not), best first.
DESIGN_OF_PUBTYPE = (
    ("Systematic Review", "systematic-review"), ("Meta-Analysis", "systematic-review"),
    ("Randomized Controlled Trial", "randomised-trial"), ("Controlled Clinical Trial", "controlled-trial"),
    ("Observational Study", "observational"), ("Practice Guideline", "guideline"), ("Guideline", "guideline"),
)
#: The publication type PubMed gives a retracted article.
RETRACTED = "Retracted Publication"


def design_of(pubtypes: Iterable[str]) -> str | None:
    """The design the first type of :data:`DESIGN_OF_PUBTYPE` found in PUBTYPES names, else None."""
    found = {t.strip().lower() for t in pubtypes}
    return next((design for name, design in DESIGN_OF_PUBTYPE if name.lower() in found), None)
