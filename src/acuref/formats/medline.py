"""PubMed's MEDLINE format (.nbib, "citation manager" export) and Web of Science's tagged export.

MEDLINE (NLM, "MEDLINE/PubMed Data Element (Field) Descriptions"): a tag of up to four letters
padded to four columns, "- ", the value; continuation lines start with six spaces; records
start with ``PMID-`` and are separated by blank lines.

Web of Science (Clarivate, "Web of Science Core Collection field tags"): ``FN``/``VR`` header,
a two-letter tag, a space, the value; continuation lines start with three spaces and are
further items of a list field (AU, AF, CR…) or the rest of a text field (TI, AB…); ``ER``
closes a record, ``EF`` the file.

Fields with no CSL variable are kept in ``notes`` as "TAG: value" lines. MEDLINE's publication types
(``PT``) set the design and a retraction as ``acuref add PMID`` does (:mod:`acuref.pubtypes`); its
language (``LA``, ISO 639-2) is stored as BCP 47 with the original kept in notes.
"""

from __future__ import annotations

import re

from ..dates import Date
from ..errors import Problem
from ..model import Name, Reference
from . import ReadResult
from ..pubtypes import RETRACTED, design_of
from ..updates import Update
from .common import bcp47_language, clean_doi, clean_pages, full_range, split_name

_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_SEASONS = {"spr": 1, "spring": 1, "sum": 2, "summer": 2, "fal": 3, "fall": 3, "autumn": 3, "aut": 3, "win": 4,
            "winter": 4}


def text_date(value: str) -> Date:
    """"2016 May 12", "2016 May", "2016 Spring", "2015 Dec-2016 Jan", "2016 Jan-Feb", "MAY 12" (year apart)."""
    words = value.replace("-", " - ").split()
    if not words or not re.fullmatch(r"\d{4}", words[0]):
        return Date(raw=value) if value.strip() else Date()
    year = int(words[0])
    rest = words[1:]
    parts: tuple[int, ...] = (year,)
    if rest and rest[0].lower()[:3] in _MONTHS and rest[0].lower() not in _SEASONS:
        parts = (year, _MONTHS[rest[0].lower()[:3]])
        if len(rest) > 1 and rest[1].isdigit() and 1 <= int(rest[1]) <= 31:
            parts += (int(rest[1]),)
    elif rest and rest[0].lower() in _SEASONS:
        if len(rest) == 1:
            return Date(parts=(year,), season=_SEASONS[rest[0].lower()])
        return Date(raw=value)
    if "-" in rest:
        after = rest[rest.index("-") + 1:]
        end_year = int(after[0]) if after and re.fullmatch(r"\d{4}", after[0]) else year
        after = after[1:] if after and re.fullmatch(r"\d{4}", after[0]) else after
        if after and after[0].lower()[:3] in _MONTHS and len(parts) > 1:
            return Date(parts=parts[:2], end=(end_year, _MONTHS[after[0].lower()[:3]]))
        if after and after[0].isdigit() and len(parts) == 3:
            return Date(parts=parts, end=(year, parts[1], int(after[0])))
        return Date(raw=value)
    if len(rest) > len(parts) - 1:  # words not read as month or day: keep the text whole
        return Date(raw=value)
    return Date(parts=parts)


# --- MEDLINE ----------------------------------------------------------------------------------

_MEDLINE_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- (.*)$")
MEDLINE_TEXT = {"TI": "title", "JT": "container-title", "TA": "container-title-short", "VI": "volume", "IP": "issue",
                "AB": "abstract", "LA": "language", "PMC": "PMCID", "PB": "publisher", "PL": "publisher-place",
                "BTI": "container-title", "CTI": "collection-title", "VTI": "volume-title", "EN": "edition",
                "ISBN": "ISBN", "PMID": "PMID"}


def _medline_records(text: str):
    """(line, [[tag, value]…]) per record; continuation lines (six spaces) extend the last value."""
    record: list[list[str]] = []
    start = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            if record:
                yield start, record
            record = []
            continue
        m = _MEDLINE_TAG.match(line)
        if m and not line.startswith(" "):
            if not record:
                start = lineno
            record.append([m.group(1), m.group(2).strip()])
        elif record:
            record[-1][1] += " " + line.strip()
        else:
            yield lineno, [["?", line.strip()]]
    if record:
        yield start, record


def parse_medline(text: str, path: str = "<input>") -> ReadResult:
    result = ReadResult()
    for line, record in _medline_records(text.lstrip("\ufeff")):
        if record[0][0] == "?" or not any(tag in ("PMID", "TI", "FAU", "AU") for tag, _ in record):
            result.problems.append(Problem(path, line, None, "not a MEDLINE record (expected tags such as 'PMID- ', "
                                                               "'TI  - ', 'FAU - ')"))
            continue
        ref = medline_reference(record)
        result.add(ref, "", line)
    return result


def medline_reference(record: list[list[str]]) -> Reference:
    fields: dict[str, object] = {}
    notes: list[str] = []
    full: list[Name] = []
    short: list[Name] = []
    editors: list[Name] = []
    keywords: list[str] = []
    issued = Date()
    book = False
    for tag, value in record:
        if not value:
            continue
        if tag == "FAU":
            full.append(split_name(value))
        elif tag == "AU":
            short.append(split_name(value))
        elif tag == "CN":
            full.append(Name(literal=value))
            short.append(Name(literal=value))
        elif tag in ("FED", "ED"):
            if tag == "FED" or not any(t == "FED" for t, _ in record):
                editors.append(split_name(value))
        elif tag == "DP" and not issued:
            issued = text_date(value)
        elif tag == "PG" and "page" not in fields:
            fields["page"] = clean_pages(value)
        elif tag in ("LID", "AID") and value.endswith("[doi]") and "DOI" not in fields:
            fields["DOI"] = clean_doi(value[:-5].strip())
        elif tag == "IS" and "ISSN" not in fields and re.match(r"\d{4}-\d{3}[\dX]", value):
            fields["ISSN"] = value.split()[0]
            notes.append(f"IS: {value}")
        elif tag in ("OT", "MH"):
            keywords.append(value)
        elif tag == "LA" and "language" not in fields:
            fields["language"] = bcp47_language(value)
            if fields["language"] != value:
                notes.append(f"LA: {value}")  # MEDLINE's own code kept
        elif tag in MEDLINE_TEXT:
            var = MEDLINE_TEXT[tag]
            book = book or tag == "BTI"
            if var == "title":
                value = re.sub(r"(?<![.?!])\.$", "", value)  # MEDLINE ends every title with a full stop
            if var not in fields:
                fields[var] = value
            elif fields[var] != value:
                notes.append(f"{tag}: {value}")
        else:
            notes.append(f"{tag}: {value}")
    if keywords:
        fields["keyword"] = ", ".join(keywords)
    if editors:
        fields["editor"] = tuple(editors)
    title = str(fields.pop("title", ""))
    authors = tuple(full if len(full) >= len(short) else short)
    if full and len(full) >= len(short):  # the short forms ("Wang X") kept too
        notes.extend(f"AU: {value}" for tag, value in record if tag == "AU" and value)
    ctype = ("chapter" if "title" in fields or title else "book") if book else "article-journal"
    pubtypes = [value for tag, value in record if tag == "PT"]  # also kept in notes
    extra = {"design": design_of(pubtypes)} if design_of(pubtypes) else {}
    if RETRACTED in pubtypes:
        extra["updates"] = (str(Update(date="", type="retraction", source="pubmed")),)
    return Reference(key="", type=ctype, title=title, author=authors, issued=issued, fields=fields, **extra,
                     notes="\n".join(notes),
                     missing=tuple(m for m, present in (("title", title), ("issued", issued)) if not present))


# --- Web of Science tagged -------------------------------------------------------------------

_WOS_TAG = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
#: tags whose continuation lines are further items (authors, addresses, cited references…)
WOS_LISTS = {"AU", "AF", "BA", "BF", "CA", "GP", "BE", "CR", "C1", "C3", "RP", "EM", "RI", "OI", "FU", "WC", "SC"}
WOS_TEXT = {"TI": "title", "SO": "container-title", "SE": "collection-title", "BS": "collection-title",
            "LA": "language", "AB": "abstract", "PU": "publisher", "PI": "publisher-place", "SN": "ISSN", "BN": "ISBN",
            "JI": "container-title-short", "VL": "volume", "IS": "issue", "AR": "number", "DI": "DOI",
            "PG": "number-of-pages", "PM": "PMID", "CT": "event-title", "CL": "event-place", "ED": "edition"}
WOS_TYPES = {"J": "article-journal", "B": "book", "S": "book", "P": "patent", "C": "paper-conference"}


def _wos_records(text: str, path: str, problems: list[Problem]):
    record: list[list] | None = None
    start = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("   ") and record:
            tag, values = record[-1]
            if tag in WOS_LISTS:
                values.append(line.strip())
            else:
                values[-1] += " " + line.strip()
            continue
        m = _WOS_TAG.match(line.rstrip())
        if not m:
            problems.append(Problem(path, lineno, None, f"not a Web of Science tagged line: {line[:40]!r}"))
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag in ("FN", "VR", "EF"):
            continue
        if tag == "PT":
            if record:
                problems.append(Problem(path, start, None, "Web of Science record is not closed by 'ER'"))
            record, start = [[tag, [value]]], lineno
        elif tag == "ER":
            if record:
                yield start, record
            record = None
        elif record is None:
            problems.append(Problem(path, lineno, None, f"'{tag}' outside a record (records start with 'PT')"))
        else:
            record.append([tag, [value]])
    if record:
        problems.append(Problem(path, start, None, "Web of Science record is not closed by 'ER'"))


def parse_wos(text: str, path: str = "<input>") -> ReadResult:
    result = ReadResult()
    for line, record in _wos_records(text.lstrip("\ufeff"), path, result.problems):
        result.add(wos_reference(record), "", line)
    return result


def wos_reference(record: list[list]) -> Reference:
    fields: dict[str, object] = {}
    notes: list[str] = []
    tags = {tag: values for tag, values in record}
    ptype = (tags.get("PT") or ["J"])[0]
    people = tags.get("AF") or tags.get("AU") or []
    authors = [split_name(p) for p in people] + [Name(literal=g) for g in tags.get("CA", []) + tags.get("GP", [])]
    editors = tuple(split_name(p) for p in tags.get("BE", []))
    if editors:
        fields["editor"] = editors
    for tag, values in record:
        value = "; ".join(v for v in values if v)
        if not value or tag in ("PT", "AF", "AU", "CA", "GP", "BE", "PY", "PD", "BP", "EP", "DE"):
            if tag == "AU" and "AF" in tags or tag in ("BA", "BF"):
                notes.append(f"{tag}: {value}")
            continue
        var = WOS_TEXT.get(tag)
        if var is None:
            notes.append(f"{tag}: {value}")
        elif var in fields:
            notes.append(f"{tag}: {value}")
        else:
            fields[var] = clean_doi(value) if var == "DOI" else value
    if tags.get("DE"):
        fields["keyword"] = ", ".join(k.strip() for k in "; ".join(tags["DE"]).split(";") if k.strip())
    bp, ep = (tags.get("BP") or [""])[0], (tags.get("EP") or [""])[0]
    if bp and ep:
        fields["page"] = "-".join(full_range(bp, ep))
    elif bp or ep:
        fields["page"] = bp or ep
    year = (tags.get("PY") or [""])[0]
    when = (tags.get("PD") or [""])[0]
    issued = text_date(f"{year} {when}".strip()) if year else Date()
    if when and (issued.raw or len(issued.parts) == 1 and not issued.season):
        notes.append(f"PD: {when}")
        issued = text_date(year)
    title = str(fields.pop("title", ""))
    ctype = WOS_TYPES.get(ptype, "document")
    if ptype in ("B", "S") and "container-title" in fields and ctype == "book" and title:
        ctype = "chapter" if (tags.get("SE") or tags.get("BS")) is None and tags.get("BN") else ctype
    return Reference(key="", type=ctype, title=title, author=tuple(authors), issued=issued, fields=fields,
                     notes="\n".join(notes),
                     missing=tuple(m for m, present in (("title", title), ("issued", issued)) if not present))
