"""What the overloaded RIS tags (M1, M3, C7, A2…A4) hold, told by the record's type and the value's shape.

The RIS specification gives M1 ("Misc. 1"), M3 ("Type of work") and C1…C8 a different meaning per
reference type, and the big health databases use them for yet other things:

- Embase puts each author affiliation in an ``M1`` ("(Liu R.; Adler D.G., …) Department of …");
  Ovid/PsycINFO puts each cited reference in an ``M1`` and a list of the cited authors' surnames in
  one ``A2`` ("Andres, Bucchianeri, Buote, …").
- Scopus writes the document type in ``M3`` ("Article", "Review"), PsycINFO its classification
  ("Physical & Somatoform & Psychogenic Disorders [3290]"), and Scopus the article number in ``C7``
  (EndNote's RIS export, which Scopus follows: ``C7 - Article Number`` for JOUR and EJOUR).

The mapping follows Zotero's RIS translator (zotero/translators, RIS.js, commit 2814370:
``fieldMap``/``degenerateImportFieldMap`` and ``applyValue``): ``M3`` is a genre only for the types
where it names a kind of work (thesis, report, manuscript, map, web page, letter, interview,
presentation, artwork), a DOI when it holds one (EndNote), and otherwise an unknown field kept as a
note; a value that would overwrite a different one is kept as a note. Beyond Zotero, a value is only
taken as a number when it is shaped like one (short, with a digit), and a name tag holding a list (more
commas than "Family, Given, Suffix" has) is kept as a note: these are what the exporters above put there.
Nothing is dropped: whatever is not read as a variable goes to ``notes`` as "TAG: value".
"""

from __future__ import annotations

import re

from .common import clean_doi

#: RIS types whose M3 names the kind of work: those of Zotero RIS.js fieldMap.M3 (thesisType, reportType,
#: manuscriptType, mapType, websiteType, letterType, interviewMedium, presentationType, artworkMedium), and
#: the generic ones whose M3 the RIS specification calls "Type of Work"/"Type" (GEN, MULTI, COMP, DATA, AGGR),
#: where CSL's genre is the only place for it
GENRE_M3_TYPES = frozenset({"THES", "RPRT", "GOVDOC", "UNPB", "MANSCPT", "MAP", "ELEC", "WEB", "BLOG", "PCOMM",
                            "ICOMM", "SLIDE", "ART", "FIGURE", "CHART", "GEN", "MULTI", "COMP", "DATA", "AGGR"})
#: RIS types whose C7 is the article number (RIS spec, EndNote's tag list: JOUR and EJOUR "C7 - Article Number")
ARTICLE_NUMBER_TYPES = frozenset({"JOUR", "JFULL", "EJOUR", "INPR"})

# a classification code as PsycINFO writes it after its heading: "… Disorders [3290]"
_CLASS_CODE = re.compile(r"\[\d{3,5}\]$")
_DOI_SHAPE = re.compile(r"10\.\d{4,9}/\S+")


def number_like(value: str) -> bool:
    """True when VALUE reads as a number or identifier ("104501", "Suppl 2", "e0123456") and not as
    prose (an affiliation, a cited reference): Embase and Ovid put those in M1."""
    words = value.split()
    return 1 <= len(words) <= 3 and all(len(w) <= 24 for w in words) and any(c.isdigit() for c in value)


def name_list(value: str) -> bool:
    """True when VALUE, from one name tag, holds several names: more commas than "Family, Given,
    Suffix" has (Ovid's A2 "Andres, Bucchianeri, Buote, …", the cited authors' surnames)."""
    return value.count(",") > 2


def m3_variable(ris_type: str, value: str) -> str | None:
    """The CSL variable of an M3 VALUE in a record of RIS_TYPE: "genre" where M3 names the kind of work
    and is not a database classification ("… [3290]"), "DOI" when it is a DOI (EndNote), else None
    (kept as a note: Scopus's "Article"/"Review" on JOUR is the database's document type)."""
    if _DOI_SHAPE.fullmatch(clean_doi(value)):
        return "DOI"
    if ris_type in GENRE_M3_TYPES and not _CLASS_CODE.search(value):
        return "genre"
    return None


def m1_variable(ris_type: str, value: str) -> str | None:
    """The CSL variable of an M1 VALUE: "number" when number-like, else None (kept as a note). Zotero
    reads a journal article's M1 as its issue (an EndNote habit); acuref keeps "number", which its own
    RIS export writes to M1 for every type, so that its files read back the same."""
    return "number" if number_like(value) else None


def c7_variable(ris_type: str, value: str) -> str | None:
    """The CSL variable of a C7 VALUE: "number" (the article number, which CSL styles print where
    pages would be: APA's "Article 104501") for journal types when number-like, else None."""
    return "number" if ris_type in ARTICLE_NUMBER_TYPES and number_like(value) else None
