"""BibTeX and BibLaTeX (also Web of Science's BibTeX export): fields mapped to CSL variables.

The file grammar (macros, ``#``, crossref/xdata, comments) is :mod:`.bibtex_lex`; names are
split by BibTeX's name grammar (bibtexparser's implementation), LaTeX decoded by :mod:`.latex_text`
(title-like fields as CSL rich text), and every value normalised to Unicode NFC.
Mappings follow the biblatex manual (§2, appendix B) and CSL 1.0.2; fields with no CSL
variable are kept in ``notes`` as "field: value" lines, never silently dropped. The writer
is :mod:`.bibtex_write`.
"""

from __future__ import annotations

import re

from ..dates import Date, DateError, from_text as date_from_text
from ..errors import Problem
from ..model import CSL_TYPES, Name, Reference
from . import ReadResult
from .common import clean_doi, clean_pages
from .latex_text import LIGATURES as _LIGATURES, RICH_FIELDS, VERBATIM
from .latex_text import decode as _decode, decode_verbatim as _decode_verbatim

TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet", "inbook": "chapter",
    "bookinbook": "chapter", "suppbook": "chapter", "incollection": "chapter", "suppcollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "proceedings": "book", "mvproceedings": "book",
    "collection": "book", "mvcollection": "book", "reference": "book", "mvreference": "book",
    "inreference": "entry-encyclopedia", "manual": "report", "mastersthesis": "thesis", "phdthesis": "thesis",
    "thesis": "thesis", "techreport": "report", "report": "report", "misc": "document", "unpublished": "manuscript",
    "online": "webpage", "electronic": "webpage", "www": "webpage", "patent": "patent", "dataset": "dataset",
    "software": "software", "periodical": "periodical", "suppperiodical": "article-journal", "standard": "standard",
    "artwork": "graphic", "image": "graphic", "audio": "song", "music": "song", "video": "motion_picture",
    "movie": "motion_picture", "letter": "personal_communication", "review": "review", "jurisdiction": "legal_case",
    "legislation": "legislation", "legal": "legal_case", "performance": "performance", "article-magazine": "article-magazine",
}
THESIS_GENRES = {"mastersthesis": "Master's thesis", "phdthesis": "PhD thesis"}
#: biblatex's localisation keys allowed in ``type`` (biblatex manual §2.2.2 "type", §4.9.2.13), as the
#: English strings of english.lbx print them (the same table as Better BibTeX's and JabRef's).
TYPE_KEYS = {"mathesis": "Master's thesis", "phdthesis": "PhD thesis", "candthesis": "Candidate thesis",
             "techreport": "technical report", "resreport": "research report", "software": "computer software",
             "datacd": "CD-ROM", "audiocd": "audio CD", "patent": "patent", "patentde": "German patent",
             "patenteu": "European patent", "patentfr": "French patent", "patentuk": "British patent",
             "patentus": "U.S. patent", "patreq": "patent request", "patreqde": "German patent request",
             "patreqeu": "European patent request", "patreqfr": "French patent request",
             "patrequk": "British patent request", "patrequs": "U.S. patent request"}
# field → CSL text variable, for every entry type (see _to_reference for those that depend on the type)
FIELDS = {
    "shorttitle": "title-short", "volume": "volume", "volumes": "number-of-volumes", "pages": "page",
    "pagetotal": "number-of-pages", "part": "part-number", "edition": "edition", "chapter": "chapter-number",
    "publisher": "publisher", "address": "publisher-place", "location": "publisher-place", "doi": "DOI", "url": "URL",
    "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "pmcid": "PMCID", "note": "note", "annote": "annote",
    "annotation": "annote", "abstract": "abstract", "keywords": "keyword", "language": "language", "langid": "language",
    "series": "collection-title", "type": "genre", "version": "version", "pubstate": "status", "eventtitle": "event-title",
    "venue": "event-place", "origtitle": "original-title", "origpublisher": "original-publisher",
    "origlocation": "original-publisher-place", "howpublished": "medium", "school": "publisher",
    "institution": "publisher", "organization": "publisher", "journalabbrev": "container-title-short",
    "shortjournal": "container-title-short", "iso-source-abbreviation": "container-title-short",
}
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator", "bookauthor": "container-author"}
DATE_FIELDS = {"urldate": "accessed", "eventdate": "event-date", "origdate": "original-date"}
#: eprinttype → CSL variable (other eprint types go to archive / archive_location).
EPRINT_TYPES = {"pubmed": "PMID", "pmid": "PMID", "pmcid": "PMCID", "doi": "DOI"}
#: Handled elsewhere in _to_reference (titles, dates, numbers, eprints, inheritance bookkeeping).
SPECIAL = {"title", "subtitle", "titleaddon", "journal", "journaltitle", "journalsubtitle", "booktitle",
           "booksubtitle", "maintitle", "year", "month", "day", "date", "number", "issue", "eprint", "eprinttype",
           "archiveprefix", "primaryclass", "crossref", "xdata", "ids", "csl-type"}
ACUREF_PREFIX = "acuref-"
_ACUREF_LISTS = ("topics", "name-variants", "corrections", "sources", "distinct")


def _bare(value: str) -> str:
    """A date value as written (EDTF keeps "~" for circa): braces dropped, white space collapsed."""
    return " ".join(value.replace("{", "").replace("}", "").split())


# --- names -------------------------------------------------------------------------------------

_AND = re.compile(r"(?<![ \t\r\n])[ \t\r\n]+and[ \t\r\n]+", re.IGNORECASE)  # starts a space run only: linear
_PLAIN = re.compile(r"[^{}\\~$\u00ad]*")  # no braces, commands, ties, math or soft hyphens


def _capitalised(words: list[str]) -> bool:
    return all(w[0].isalpha() and w[0].isupper() for w in words)


def _plain_name(person: str) -> Name | None:
    """The name of a plain "Family, Given" or "Given Family" person (no braces, no von part, no Jr),
    as BibTeX's grammar reads it, in a fraction of its time; None for anything else."""
    family, comma, given = person.partition(",")
    if comma:
        family_words, given_words = family.split(), given.split()
        if "," in given or not family_words or not given_words or not _capitalised(family_words):
            return None
        return Name(family=" ".join(family_words), given=" ".join(given_words))
    words = person.split()
    if len(words) < 2 or not _capitalised(words):
        return None
    return Name(family=words[-1], given=" ".join(words[:-1]))


def names_and_others(value: str) -> tuple[tuple[Name, ...], bool]:
    """The people of a name field, and whether it ended in ``and others`` (a list cut short)."""
    if _PLAIN.fullmatch(value) and not _LIGATURES.search(value):  # TeX ligatures ("--") decode in the grammar's path
        people = [p for p in _AND.split(value.strip(" \r\n\t")) if p]
        truncated = bool(people) and people[-1].strip().lower() == "others"
        if truncated:
            people = people[:-1]
        out = [_plain_name(p) or _person(p) for p in people]
    else:
        from bibtexparser.middlewares.names import split_multiple_persons_names

        people = split_multiple_persons_names(value.replace("\\$", "{\\$}"))  # a bare "$" reads as math mode
        truncated = bool(people) and people[-1].strip().lower() == "others"
        if truncated:
            people = people[:-1]
        out = [_person(p) for p in people]
    return tuple(n for n in out if n.family or n.literal or n.given), truncated


def _names(value: str) -> tuple[Name, ...]:
    return names_and_others(value)[0]


def _names_bibtex(value: str) -> tuple[Name, ...]:
    """Names by BibTeX's full name grammar only (for tests of the plain-name shortcut)."""
    from bibtexparser.middlewares.names import split_multiple_persons_names

    out = (_person(p) for p in split_multiple_persons_names(value.replace("\\$", "{\\$}")))
    return tuple(n for n in out if (n.family or n.literal or n.given) and n != Name(family="others"))


def _one_group(text: str) -> bool:
    """True when TEXT is one brace group: "{Barnes and Noble, Inc.}", not "{A} {B}"."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for i, char in enumerate(text):
        if char == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif char == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return True


def _person(person: str) -> Name:
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    person = person.strip()
    if _one_group(person):  # a corporate author, commas and "and" included
        return Name(literal=_decode(person[1:-1]))
    try:
        parts = parse_single_name_into_parts(person, strict=False)
    except Exception:  # noqa: BLE001 - bibtexparser raises InvalidNameError and others
        return Name(literal=_decode(person))
    return Name(family=_decode(" ".join(parts.last)), given=_decode(" ".join(parts.first)),
                non_dropping_particle=_decode(" ".join(parts.von)), suffix=_decode(" ".join(parts.jr)))


# --- entries -------------------------------------------------------------------------------------


def parse_bibtex(text: str, path: str = "<input>") -> ReadResult:
    """Every entry of a BibTeX/BibLaTeX file; entries without a key (EndNote exports) get a generated one,
    a key used twice is changed for the second entry (reported)."""
    from .bibtex_lex import lex

    bib = lex(text)
    result = ReadResult()
    result.problems.extend(Problem(path, line, None, message) for line, message in bib.problems)
    result.warnings.extend(Problem(path, line, None, message) for line, message in bib.warnings)
    for entry in bib.entries:
        try:
            ref, warnings = _to_reference(entry)
        except (ValueError, TypeError, IndexError, KeyError, RecursionError) as exc:  # one bad entry never hides the rest
            result.problems.append(Problem(path, entry.line, None, f"cannot convert entry {entry.key!r}: {exc}"))
            continue
        result.warnings.extend(Problem(path, entry.line, None, w) for w in warnings)
        result.add(ref, entry.key, entry.line)
    return result


def _join(*parts: str, sep: str = ": ") -> str:
    return sep.join(p for p in parts if p)


def _date(entry, warnings: list[str]) -> Date:
    raw = entry.fields
    date = Date()
    if raw.get("date", "").strip():
        text = _bare(raw["date"])
        try:
            date = date_from_text(text)
        except DateError:
            date = Date()
    elif raw.get("year", "").strip():
        year = _decode(raw["year"])
        try:
            date = date_from_text(year.replace("\u2013", "/"))  # "1990--1995", its "--" read as an en dash
        except DateError:
            date = Date()
        if date.raw:  # "in press", "forthcoming", "n.d.": a literal date
            date = Date(literal=year)
        month = _decode(raw.get("month", "")).strip().lower()
        if date.parts and len(date.parts) == 1 and not date.end and month:
            from .bibtex_lex import MONTH_MACROS

            number = MONTH_MACROS.get(month[:3]) or (int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
            if number:
                day = _decode(raw.get("day", "")).strip()
                parts = (date.parts[0], number) + ((int(day),) if day.isdigit() and 1 <= int(day) <= 31 else ())
                date = Date(parts=parts, circa=date.circa)
            else:
                warnings.append(f"entry {entry.key!r}: month {month!r} is not a month (kept in notes)")
    return date


def _to_reference(entry) -> tuple[Reference, list[str]]:
    raw = entry.fields
    etype = entry.entry_type.lower()
    ctype = TYPES.get(etype, "document")
    warnings: list[str] = []
    fields: dict[str, object] = {}
    values: dict[str, object] = {}
    notes: list[str] = []
    truncated: list[str] = []
    text = {name: _decode_verbatim(value) if name in VERBATIM else _decode(value, rich=name in RICH_FIELDS)
            for name, value in raw.items() if name not in NAME_FIELDS}

    def put(var: str, value: str, name: str) -> None:
        if not value:
            return
        if var in fields:
            if fields[var] != value:
                notes.append(f"{name}: {value}")
            return
        fields[var] = value

    title = _join(_join(text.get("title", ""), text.get("subtitle", "")), text.get("titleaddon", ""), sep=". ")
    container = _join(text.get("journaltitle") or text.get("journal", ""), text.get("journalsubtitle", ""))
    booktitle = _join(text.get("booktitle", ""), text.get("booksubtitle", ""))
    if container:
        put("container-title", container, "journal")
        if booktitle:
            notes.append(f"booktitle: {booktitle}")
    elif booktitle and not (ctype == "book" and booktitle == title):
        put("container-title", booktitle, "booktitle")
    if text.get("maintitle"):
        put("volume-title", text["maintitle"], "maintitle")
    if text.get("type", "").strip().lower() in TYPE_KEYS:  # a localisation key is the text it prints
        text["type"] = TYPE_KEYS[text["type"].strip().lower()]
    if etype in THESIS_GENRES and not text.get("type"):
        fields["genre"] = THESIS_GENRES[etype]  # as Zotero's BibTeX import sets thesisType
    number, issue = text.get("number", ""), text.get("issue", "")
    if ctype in ("article-journal", "article-magazine", "article-newspaper", "periodical"):
        put("issue", number or issue, "number")
        if number and issue:
            put("number", issue, "issue")  # both: the writer's pair (CSL number and issue) read back
    else:
        if number:
            put("collection-number" if text.get("series") and ctype in ("book", "chapter", "paper-conference") else "number",
                number, "number")
        if issue:
            put("issue", issue, "issue")
    eprint = text.get("eprint", "")
    if eprint:
        kind = text.get("eprinttype") or text.get("archiveprefix") or ""
        var = EPRINT_TYPES.get(kind.lower())
        if var:
            put(var, clean_doi(eprint) if var == "DOI" else eprint, "eprint")
        else:
            put("archive", kind, "eprinttype")
            put("archive_location", eprint, "eprint")
        if text.get("primaryclass"):
            notes.append(f"eprintclass: {text['primaryclass']}")
    for name, value in text.items():
        if name in SPECIAL or name in DATE_FIELDS or not value:
            continue
        if name.startswith(ACUREF_PREFIX):
            _acuref_field(name[len(ACUREF_PREFIX):], raw[name], values)
            continue
        if name.startswith("csl-") and _csl_field(name[4:], raw[name], value, fields, truncated):
            continue
        var = FIELDS.get(name)
        if var is None:
            notes.append(f"{name}: {value}")
            continue
        if var == "page":
            value = clean_pages(value)
        elif var == "DOI":
            value = clean_doi(value)
        put(var, value, name)
    for name, value in entry.repeated:
        warnings.append(f"entry {entry.key!r}: field {name!r} is repeated; the first value is kept, "
                        f"the other in notes")
        notes.append(f"{name}: {_decode(value) if name not in NAME_FIELDS else value}")
    for name, var in NAME_FIELDS.items():
        if raw.get(name, "").strip():
            people, cut = names_and_others(raw[name])
            if people:
                if var == "author":
                    values["author"] = people
                else:
                    fields[var] = people
            if cut:
                truncated.append(var)
    for name, var in DATE_FIELDS.items():
        if text.get(name):
            try:
                fields[var] = date_from_text(_bare(raw[name]))
            except DateError:
                notes.append(f"{name}: {text[name]}")
    issued = _date(entry, warnings)
    if raw.get("month") and not (len(issued) > 1) and raw.get("year", "").strip() and not raw.get("date"):
        month = _decode(raw["month"]).strip()
        if month and not issued.literal:
            notes.append(f"month: {month}")
    if text.get("ids"):
        values["aliases"] = tuple(dict.fromkeys(a.strip() for a in text["ids"].split(",") if a.strip()))
    if notes:
        values["notes"] = _join(str(values.get("notes", "")), "\n".join(notes), sep="\n")
    missing = set(values.get("missing", ()))  # type: ignore[arg-type]
    for needed, present in (("title", title), ("issued", issued)):
        if not present:
            missing.add(needed)
    values["missing"] = tuple(sorted(missing))
    if truncated:
        values["truncated"] = tuple(truncated)
    csl_type = text.get("csl-type", "")
    if csl_type in CSL_TYPES:
        ctype = csl_type
    ref = Reference(key=entry.key, type=ctype, title=title, issued=issued, fields=fields, **values)  # type: ignore[arg-type]
    return ref, warnings


def _csl_field(var: str, raw: str, text: str, fields: dict, truncated: list) -> bool:
    """A CSL variable BibTeX has no field for, as the writer carries it (``csl-VAR``)."""
    from ..model import DATE_VARIABLES, NAME_VARIABLES, TEXT_VARIABLES

    if var in fields:
        return False
    if var in NAME_VARIABLES:
        people, cut = names_and_others(raw)
        if people:
            fields[var] = people
        if cut:
            truncated.append(var)
        return True
    if var in DATE_VARIABLES:
        try:
            fields[var] = date_from_text(_bare(raw))
        except DateError:
            return False
        return True
    if var in TEXT_VARIABLES:
        fields[var] = text
        return True
    return False


_QUOTED = {"%": "%25", "{": "%7B", "}": "%7D", "\\": "%5C", "\n": "%0A", "\r": "%0D", "\t": "%09"}


def quote(value: str) -> str:
    """An acuref field's text as a BibTeX value that BibTeX leaves alone (braces, backslashes, line
    breaks and "%" percent-encoded; everything else as it is)."""
    return "".join(_QUOTED.get(c, c) for c in value)


def unquote(value: str) -> str:
    from urllib.parse import unquote as _unquote

    return _unquote(value)


def _acuref_field(name: str, value: str, values: dict) -> None:
    """acuref's own fields, as the BibTeX writer carries them (``acuref-design`` …); VALUE as written. A
    list's items are split at ";" before they are unquoted: an item holding ";" (a correction notice
    "Erratum in: Gut 2001;49:1") is written with it percent-encoded and comes back whole."""
    from ..model import DESIGNS

    if name in _ACUREF_LISTS or name == "missing":
        values[name.replace("-", "_")] = tuple(unquote(v).strip() for v in value.split(";") if v.strip())
        return
    value = unquote(value)
    if name == "design" and value in DESIGNS:
        values["design"] = value
    elif name in ("notes", "original"):
        values[name] = value
