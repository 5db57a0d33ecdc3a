"""RIS (Zotero, EndNote, Mendeley, Ovid, Embase, Scopus, PubMed's RIS): every tag read, every CSL
variable written.

Records are split here (line numbers kept; vendor quirks survive): a UTF-8 BOM, Ovid's bare
"1." lines and trailers after "ER", "ER  -" without a trailing space, one or two spaces
before the dash, continuation lines, repeated tags. Tags follow the RIS specification
(Research Information Systems, 2011) and its older variants (T1/A1/Y1/JF/JO/JA/BT/ED/N2…);
a tag with no CSL variable is kept in ``notes`` as "TAG: value". M1, M3, C7 and a name tag holding a
list are read by the record's type and the value's shape (:mod:`.ris_fields`, after Zotero). Pages: a contracted or
standalone end page is made whole (SP 221-8 → 221-228; SP 1095, EP 102 → 1095-1102).
"""

from __future__ import annotations

import html
import re
from typing import Sequence

from ..dates import Date, DateError, from_text as date_from_text
from ..errors import Problem
from ..model import Reference
from . import ReadResult
from .common import clean_pages, full_range, keep_first, page_dashes, split_name, standard_number_variable
from .ris_fields import c7_variable, m1_variable, m3_variable, name_list

_TAG = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|)$")
TYPES = {"JOUR": "article-journal", "JFULL": "article-journal", "EJOUR": "article-journal", "MGZN": "article-magazine",
         "NEWS": "article-newspaper", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter",
         "ECHAP": "chapter", "CONF": "paper-conference", "CPAPER": "paper-conference", "THES": "thesis", "RPRT": "report",
         "ELEC": "webpage", "WEB": "webpage", "BLOG": "post-weblog", "GEN": "document", "PAT": "patent", "DATA": "dataset",
         "DBASE": "dataset", "COMP": "software", "ABST": "article-journal", "UNPB": "manuscript", "MANSCPT": "manuscript",
         "INPR": "article-journal", "SER": "book", "STAT": "legislation", "BILL": "bill", "CASE": "legal_case",
         "HEAR": "hearing", "MAP": "map", "ART": "graphic", "SOUND": "song", "MUSIC": "musical_score", "MPCT": "motion_picture",
         "VIDEO": "motion_picture", "PCOMM": "personal_communication", "ENCYC": "entry-encyclopedia",
         "DICT": "entry-dictionary", "PAMP": "pamphlet", "STAND": "standard", "GOVDOC": "report", "LEGAL": "legislation",
         "SLIDE": "speech", "AGGR": "dataset", "ANCIENT": "classic", "CLSWK": "classic", "CTLG": "book", "EQUA": "document",
         "FIGURE": "figure", "GRANT": "document", "ICOMM": "personal_communication", "MULTI": "document", "CHART": "figure"}
CSL_TO_RIS = {"article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK",
              "chapter": "CHAP", "paper-conference": "CPAPER", "thesis": "THES", "report": "RPRT", "webpage": "ELEC",
              "post-weblog": "BLOG", "patent": "PAT", "dataset": "DATA", "software": "COMP", "manuscript": "UNPB",
              "legislation": "STAT", "bill": "BILL", "legal_case": "CASE", "hearing": "HEAR", "map": "MAP", "graphic": "ART",
              "song": "SOUND", "musical_score": "MUSIC", "motion_picture": "MPCT", "personal_communication": "PCOMM",
              "entry-encyclopedia": "ENCYC", "entry-dictionary": "DICT", "pamphlet": "PAMP", "standard": "STAND",
              "speech": "SLIDE", "classic": "CLSWK", "figure": "FIGURE", "document": "GEN"}
#: tag → CSL text variable (the first tag of a variable is the one written)
TEXT_TAGS = {"T2": "container-title", "JF": "container-title", "JO": "container-title", "BT": "container-title",
             "T3": "collection-title", "J2": "container-title-short", "JA": "container-title-short",
             "J1": "container-title-short", "ST": "title-short", "VL": "volume", "IS": "issue", "CP": "issue",
             "NV": "number-of-volumes", "ET": "edition", "SE": "section", "PB": "publisher",
             "CY": "publisher-place", "PP": "publisher-place", "BN": "ISBN", "DO": "DOI", "UR": "URL", "AB": "abstract",
             "N2": "abstract", "LA": "language", "CN": "call-number", "DB": "source", "DP": "source",
             "OP": "original-title", "LB": "citation-label", "AN": "archive_location", "RI": "reviewed-title"}
NAME_TAGS = {"AU": "author", "A1": "author", "A2": "editor", "ED": "editor", "A3": "collection-editor",
             "A4": "translator"}
_OVID_NUMBER = re.compile(r"\d+\.")


def _records(text: str, path: str, problems: list[Problem]):
    """(line, [(tag, value)…]) for every TY … ER record; a record without TY is reported and skipped."""
    current: list[list[str]] | None = None  # the record being read; None between records
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
            if current and not _OVID_NUMBER.fullmatch(line.strip()):
                current[-1][1] += " " + line.strip()  # a continuation line
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            if current:
                problems.append(Problem(path, start, None, "RIS record is not closed by 'ER  -' before the next 'TY  -'"))
            if orphan is not None and not after_er:
                problems.append(Problem(path, orphan, None, "RIS record has no 'TY  -' line: skipped"))
            current, start, orphan, after_er = [["TY", value]], lineno, None, False
        elif tag == "ER":
            if current:
                yield start, [(t, _entities(v)) for t, v in current]
            elif orphan is not None:
                problems.append(Problem(path, orphan, None, "RIS record has no 'TY  -' line: skipped"))
            current, orphan, after_er = None, None, True
        elif current is not None:
            current.append([tag, value])
        elif orphan is None:
            orphan = lineno
    if current:
        problems.append(Problem(path, start, None, "RIS record is not closed by 'ER  -'"))
    if orphan is not None and not after_er:
        problems.append(Problem(path, orphan, None, "RIS record has no 'TY  -' line: skipped"))


#: an HTML character reference, with its semicolon ("&amp;", "&lt;", "&#233;", "&#x3b7;")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _entities(value: str) -> str:
    """HTML character references decoded: Scopus and other web exports write "p &lt; .001" and
    "Health &amp; Care" into RIS, which is plain text. Only complete references with their semicolon
    ("AT&T", "R&D" stay)."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), value) if "&" in value else value


def parse_ris(text: str, path: str = "<input>") -> ReadResult:
    result = ReadResult()
    for line, record in _records(text.lstrip("\ufeff"), path, result.problems):
        record = [(tag, " ".join(value.split())) for tag, value in record]  # wrapped lines, runs of spaces
        ref, warnings = to_reference(record)
        result.warnings.extend(Problem(path, line, None, w) for w in warnings)
        wanted = next((v for t, v in record if t == "ID" and v), "")
        result.add(ref, wanted, line, record_number=True)
    return result


def _date(value: str) -> Date:
    """RIS dates: "2019", "2019/05/23/", "2019///", "2019/05/23/Spring" (the last part is other text)."""
    parts = value.split("/")
    if len(parts) == 1:
        try:
            return date_from_text(value)
        except DateError:
            return Date()
    numbers = []
    for part in parts[:3]:
        if not part.strip().isdigit():
            break
        numbers.append(int(part))
    other = "/".join(parts[3:]).strip()
    valid = numbers and abs(numbers[0]) <= 99_999 and 1 <= (numbers + [1])[1] <= 12 and 1 <= (numbers + [1, 1])[2] <= 31
    date = Date(parts=tuple(numbers)) if valid else Date()
    if other and date.parts and len(date.parts) == 1:
        season = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}.get(other.lower())
        if season:
            return Date(parts=date.parts, season=season)
    return date if date.parts else (Date(raw=value) if value.strip("/ ") else Date())


def to_reference(record: list[tuple[str, str]]) -> tuple[Reference, list[str]]:
    fields: dict[str, object] = {}
    names: dict[str, list] = {}
    notes: list[str] = []
    keywords: list[str] = []
    title = ""
    rtype = "GEN"
    sp = ep = ""
    year_text = date_text = ""
    overloaded: list[tuple[str, str]] = []  # M1/M3/C7: read once the type and IS are known
    for tag, value in record:
        if not value:
            continue
        if tag == "TY":
            rtype = value.upper()
        elif tag in ("TI", "T1", "CT"):
            if not title:
                title = value
            elif value != title:
                notes.append(f"{tag}: {value}")
        elif tag in NAME_TAGS and tag not in ("AU", "A1") and name_list(value):
            notes.append(f"{tag}: {value}")  # several names in one tag (Ovid's cited surnames): not one editor
        elif tag in ("M1", "M3", "C7"):
            overloaded.append((tag, value))
        elif tag in NAME_TAGS:
            name = split_name(value)
            if name.family or name.literal or name.given:
                names.setdefault(NAME_TAGS[tag], []).append(name)
        elif tag == "SP":
            sp = sp or value
        elif tag == "EP":
            ep = ep or value
        elif tag in ("PY", "Y1"):
            year_text = year_text or value
        elif tag == "DA":
            date_text = date_text or value
        elif tag == "Y2":
            if "accessed" not in fields:
                date = _date(value)
                if date:
                    fields["accessed"] = date
        elif tag == "KW":
            keywords.append(value)
        elif tag == "SN":
            var = standard_number_variable(value)
            if var not in fields:
                fields[var] = value
            else:
                notes.append(f"SN: {value}")
        elif tag == "N1":
            notes.append(value)
        elif tag in TEXT_TAGS:
            keep_first(fields, notes, TEXT_TAGS[tag], value, tag)
        elif tag not in ("ID",):
            notes.append(f"{tag}: {value}")
    for tag, value in overloaded:
        var = {"M1": m1_variable, "M3": m3_variable, "C7": c7_variable}[tag](rtype, value)
        if var:
            keep_first(fields, notes, var, value, tag)
        else:
            notes.append(f"{tag}: {value}")
    pages = _pages(sp, ep)
    if pages:
        fields["page"] = pages
    elif sp or ep:
        notes.append(f"SP: {sp} EP: {ep}".strip())
    issued = _issued(year_text, date_text)
    if keywords:
        fields["keyword"] = ", ".join(keywords)
    for var, people in names.items():
        if var != "author":
            fields[var] = tuple(people)
    if rtype == "ABST" and "genre" not in fields:
        fields["genre"] = "abstract"
    if rtype not in TYPES:
        notes.append(f"TY: {rtype}")
    ref = Reference(key="", type=TYPES.get(rtype, "document"), title=title, author=tuple(names.get("author", ())),
                    issued=issued, fields=fields, notes="\n".join(notes),
                    missing=tuple(m for m, present in (("title", title), ("issued", issued)) if not present))
    return ref, []


def _pages(sp: str, ep: str) -> str:
    """SP/EP as one CSL page range; Ovid's "No"/"Specified" (no digits) are not pages."""
    sp = sp if re.search(r"\d", sp) else ""
    ep = ep if re.search(r"\d", ep) else ""
    if sp and ep:
        if "-" in sp:
            return clean_pages(sp)
        return "-".join(full_range(sp.strip(), ep.strip()))
    return clean_pages(sp or ep) if sp or ep else ""


def _issued(year_text: str, date_text: str) -> Date:
    year = _date(year_text) if year_text else Date()
    full = _date(date_text) if date_text else Date()
    if full.parts and (not year.parts or full.parts[0] == year.parts[0]) and (
            len(full.parts) > len(year.parts) or full.season or len(full.parts) == len(year.parts)):
        return full
    return year or full


# --- writing ----------------------------------------------------------------------------------

_WRITE_TAGS = (("container-title", "T2"), ("container-title-short", "J2"), ("collection-title", "T3"),
               ("title-short", "ST"), ("volume", "VL"), ("issue", "IS"), ("number", "M1"), ("number-of-volumes", "NV"),
               ("edition", "ET"), ("section", "SE"), ("publisher", "PB"), ("publisher-place", "CY"), ("ISSN", "SN"),
               ("ISBN", "SN"), ("DOI", "DO"), ("URL", "UR"), ("language", "LA"), ("genre", "M3"),
               ("call-number", "CN"), ("source", "DB"), ("original-title", "OP"), ("citation-label", "LB"),
               ("archive_location", "AN"), ("reviewed-title", "RI"), ("abstract", "AB"))
_WRITE_NAMES = (("editor", "A2"), ("collection-editor", "A3"), ("translator", "A4"))


def _name(name) -> str:
    if name.literal:
        return name.literal
    family = " ".join(x for x in (name.dropping_particle, name.non_dropping_particle, name.family) if x)
    if not family:
        return ", " + name.given
    rest = ", ".join(p for p in (name.given, name.suffix) if p)
    return f"{family}, {rest}" if rest else f"{family},"  # "Family," : a surname alone


_SEASON_NAMES = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}


def _ris_date(date: Date) -> str:
    """RIS's "YYYY/MM/DD/other" form; a season goes in the other part ("2015///Spring")."""
    if not date.parts:
        return ""
    parts = [str(date.parts[0])] + [f"{p:02d}" for p in date.parts[1:]]
    other = _SEASON_NAMES.get(date.season, "") if isinstance(date.season, int) and len(date.parts) == 1 else ""
    if len(date.parts) > 1 and date.parts[1] > 12:  # a range starting in a season (EDTF 21-24)
        parts, other = parts[:1], _SEASON_NAMES.get(date.parts[1] - 20, "")
    return "/".join(parts + [""] * (3 - len(parts))) + "/" + other


def _tagged(tag: str, value: str) -> str:
    """One "TAG  - value" line. Line breaks and runs of white space become one space, as the reader
    reads them back: a line break inside a value would otherwise start a line of its own, and one
    reading "ER  - " or "TY  - " would end the record or begin an invented one. Text that reads as an
    HTML character reference ("&amp;" written as such) has its "&" escaped, since the reader decodes them."""
    value = _ENTITY.sub(lambda m: "&amp;" + m.group(0)[1:], value) if "&" in value else value
    return f"{tag}  - {' '.join(value.split())}"


def write_ris(refs: Sequence[Reference]) -> str:
    out = []
    for ref in refs:
        lines = [f"TY  - {CSL_TO_RIS.get(ref.type, 'GEN')}", f"ID  - {ref.key}"]
        lines += [_tagged("AU", _name(n)) for n in ref.author]
        if ref.title:
            lines.append(_tagged("TI", ref.title))
        for var, tag in _WRITE_NAMES:
            lines += [_tagged(tag, _name(n)) for n in ref.fields.get(var, ())]
        for var, tag in _WRITE_TAGS:
            value = ref.fields.get(var)
            if isinstance(value, str) and value:
                lines.append(_tagged(tag, value))
        page = ref.fields.get("page")
        if isinstance(page, str) and page:
            sp, dash, ep = page_dashes(page).partition("-")  # "123–130" is a range too (any dash: see common)
            if dash and sp.strip() and ep.strip() and "-" not in ep and "," not in page:
                sp, ep = full_range(sp.strip(), ep.strip())
                lines += [f"SP  - {sp}", f"EP  - {ep}"]
            else:
                lines.append(_tagged("SP", page))
        if ref.issued.parts:
            lines.append(f"PY  - {ref.issued.parts[0]}")
            if len(ref.issued.parts) > 1 or isinstance(ref.issued.season, int) and ref.issued.season:
                lines.append(f"DA  - {_ris_date(ref.issued)}")
        accessed = ref.fields.get("accessed")
        if isinstance(accessed, Date) and accessed.parts:
            lines.append(f"Y2  - {_ris_date(accessed)}")
        for keyword in str(ref.fields.get("keyword", "")).split(", "):
            if keyword:
                lines.append(_tagged("KW", keyword))
        for note in ref.notes.splitlines():
            if note.strip():
                lines.append(_tagged("N1", note))
        lines.append("ER  - ")
        out.append("\n".join(lines))
    return "\n\n".join(out) + ("\n" if out else "")
