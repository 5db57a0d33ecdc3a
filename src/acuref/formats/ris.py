"""RIS, split into records here (to keep line numbers and survive vendor quirks), mapped with rispy.

Quirks handled: a UTF-8 BOM, Ovid's bare "1." lines between records, "ER  -"
without a trailing space, continuation lines, repeated tags, pages "No" /
"Specified" (Ovid) dropped, dates "2019///" (Zotero). A record with no "TY"
line is reported with its line and skipped.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..errors import Problem
from ..model import Reference
from . import ReadResult, unique_key
from .common import clean_doi, clean_pages, split_name, year_of

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
TYPES = {"JOUR": "article-journal", "JFULL": "article-journal", "MGZN": "article-magazine", "NEWS": "article-newspaper",
         "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter", "ECHAP": "chapter", "CONF": "paper-conference",
         "CPAPER": "paper-conference", "THES": "thesis", "RPRT": "report", "ELEC": "webpage", "WEB": "webpage",
         "GEN": "document", "PAT": "patent", "DATA": "dataset", "COMP": "software", "ABST": "article-journal",
         "UNPB": "manuscript", "MANSCPT": "manuscript", "INPR": "article-journal", "SER": "book", "STAT": "legislation"}
CSL_TO_RIS = {"article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK",
              "chapter": "CHAP", "paper-conference": "CONF", "thesis": "THES", "report": "RPRT", "webpage": "ELEC",
              "patent": "PAT", "dataset": "DATA", "software": "COMP", "manuscript": "UNPB"}


def _records(text: str, path: str, problems: list[Problem]):
    """(line, record text) for every TY … ER record; a record without TY is reported and skipped."""
    current: list[str] | None = None  # the record being read; None between records
    orphan: int | None = None  # line of a tag met outside a record: a record without TY, or Ovid's trailer
    after_er = False
    start = 0
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        m = _TAG.match(line)
        if not line.strip():
            if orphan is not None and after_er:
                orphan = None  # tags right after ER, then a blank line: Ovid's trailer (NL …) of the last record
            after_er = False
            continue
        if not m:
            if current and not re.fullmatch(r"\d+\.", line.strip()):
                current[-1] += " " + line.strip()  # a continuation line
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            if current:
                problems.append(Problem(path, start, None, "RIS record is not closed by 'ER  -' before the next 'TY  -'"))
            if orphan is not None and not after_er:
                problems.append(Problem(path, orphan, None, f"RIS record has no 'TY  -' line: skipped"))
            current, start, orphan, after_er = [f"TY  - {value}"], lineno, None, False
        elif tag == "ER":
            if current:
                yield start, "\n".join(current + ["ER  - "]) + "\n"
            elif orphan is not None:
                problems.append(Problem(path, orphan, None, "RIS record has no 'TY  -' line: skipped"))
            current, orphan, after_er = None, None, True
        elif current is not None:
            current.append(f"{tag}  - {value}")
        elif orphan is None:
            orphan = lineno
    if current:
        problems.append(Problem(path, start, None, "RIS record is not closed by 'ER  -'"))
    if orphan is not None and not after_er:
        problems.append(Problem(path, orphan, None, "RIS record has no 'TY  -' line: skipped"))


def parse_ris(text: str, path: str = "<input>") -> ReadResult:
    import rispy

    result = ReadResult()
    taken: set[str] = set()
    for line, record in _records(text.lstrip("\ufeff"), path, result.problems):
        try:
            [entry] = rispy.loads(record)
        except Exception as exc:  # noqa: BLE001 - one bad record never hides the rest
            result.problems.append(Problem(path, line, None, f"cannot read RIS record: {exc}"))
            continue
        ref = _to_reference(entry)
        key = unique_key(str(entry.get("id", "")).strip(), taken, ref)
        taken.add(key)
        result.references.append(ref.with_changes(key=key))
        result.lines[key] = line
    return result


def _first(entry: dict, *names: str) -> str:
    for name in names:
        value = entry.get(name)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value and str(value).strip():
            return str(value).strip()
    return ""


def _to_reference(entry: dict) -> Reference:
    fields: dict[str, object] = {}
    container = _first(entry, "secondary_title", "alternate_title3", "journal_name", "alternate_title2")
    if container:
        fields["container-title"] = container
    short = _first(entry, "alternate_title1")
    if short and short != container:
        fields["container-title-short"] = short
    for name, var in (("volume", "volume"), ("number", "issue"), ("publisher", "publisher"), ("place_published", "publisher-place"),
                      ("abstract", "abstract"), ("language", "language"), ("edition", "edition")):
        value = _first(entry, name)
        if value:
            fields[var] = value
    sp, ep = _first(entry, "start_page"), _first(entry, "end_page")
    pages = "-".join(p for p in (sp, ep) if p and re.search(r"\d", p))
    if pages:
        fields["page"] = clean_pages(pages)
    doi = _first(entry, "doi")
    if doi:
        fields["DOI"] = clean_doi(doi)
    url = _first(entry, "urls")
    if url:
        fields["URL"] = url
    issn = _first(entry, "issn")
    if issn:
        fields["ISSN"] = issn
    keywords = entry.get("keywords") or []
    if keywords:
        fields["keyword"] = ", ".join(keywords)
    issued: tuple[int, ...] = ()
    date = _first(entry, "date", "publication_year", "year")
    year = year_of(_first(entry, "year", "publication_year") or date)
    if year:
        m = re.match(r"\s*(\d{4})/(\d{1,2})?/?(\d{1,2})?", date)
        parts = [int(g) for g in m.groups() if g] if m and int(m.group(1)) == year else [year]
        issued = tuple(parts)
    authors = [a for a in (entry.get("authors") or []) + (entry.get("first_authors") or []) if a.strip()]
    editors = [a for a in entry.get("secondary_authors") or [] if a.strip()]
    if editors and entry.get("type_of_reference") in ("CHAP", "BOOK", "EDBOOK", "CONF"):
        fields["editor"] = tuple(split_name(a) for a in editors)
    notes = entry.get("notes") or []
    if isinstance(notes, str):
        notes = [notes]
    rtype = entry.get("type_of_reference", "GEN")
    if rtype == "ABST":
        fields["genre"] = "abstract"
    title = _first(entry, "title", "primary_title", "translated_title")
    return Reference(key=str(entry.get("id", "")), type=TYPES.get(rtype, "document"), title=title,
                     author=tuple(split_name(a) for a in authors), issued=issued, fields=fields,
                     notes="\n".join(str(n) for n in notes),
                     missing=tuple(m for m, present in (("title", title), ("issued", issued)) if not present))


def write_ris(refs: Sequence[Reference]) -> str:
    out = []
    for ref in refs:
        lines = [f"TY  - {CSL_TO_RIS.get(ref.type, 'GEN')}", f"ID  - {ref.key}"]
        for name in ref.author:
            if name.literal:
                lines.append(f"AU  - {name.literal}")
                continue
            family = " ".join(x for x in (name.non_dropping_particle, name.family) if x)
            rest = ", ".join(p for p in (name.given, name.suffix) if p)
            lines.append(f"AU  - {family}, {rest}" if rest else f"AU  - {family},")  # "Family," : a surname alone
        if ref.title:
            lines.append(f"TI  - {ref.title}")
        tags = (("container-title", "T2"), ("container-title-short", "J2"), ("volume", "VL"), ("issue", "IS"),
                ("publisher", "PB"), ("publisher-place", "CY"), ("edition", "ET"), ("DOI", "DO"), ("URL", "UR"),
                ("ISSN", "SN"), ("language", "LA"), ("abstract", "AB"))
        for var, tag in tags:
            if isinstance(ref.fields.get(var), str):
                lines.append(f"{tag}  - {ref.fields[var]}")
        page = ref.fields.get("page")
        if isinstance(page, str):
            sp, _, ep = page.partition("-")
            lines.append(f"SP  - {sp}")
            if ep:
                lines.append(f"EP  - {ep}")
        if ref.issued:
            lines.append(f"PY  - {ref.issued[0]}")
            if len(ref.issued) > 1:
                lines.append("DA  - " + "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(ref.issued)) + "/")
        for keyword in str(ref.fields.get("keyword", "")).split(", "):
            if keyword:
                lines.append(f"KW  - {keyword}")
        for note in ref.notes.splitlines():
            lines.append(f"N1  - {note}")
        lines.append("ER  - ")
        out.append("\n".join(lines))
    return "\n\n".join(out) + ("\n" if out else "")
