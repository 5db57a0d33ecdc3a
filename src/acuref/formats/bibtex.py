"""BibTeX and biblatex, read with bibtexparser v2 and written by hand (round-trips with the reader).

LaTeX in values is decoded with pylatexenc only where a value contains a
backslash (bibtexparser's LaTeX middleware decodes every field and is 20x
slower on a 1,300-record export); protective braces are dropped.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from ..errors import Problem
from ..model import Name, Reference
from . import ReadResult, unique_key
from .common import clean_doi, clean_pages, year_of

TYPES = {
    "article": "article-journal", "book": "book", "booklet": "pamphlet", "inbook": "chapter", "incollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "proceedings": "book", "manual": "report",
    "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis", "techreport": "report", "report": "report",
    "misc": "document", "unpublished": "manuscript", "online": "webpage", "electronic": "webpage", "www": "webpage",
    "patent": "patent", "dataset": "dataset", "software": "software", "periodical": "periodical",
    "collection": "book", "mvbook": "book", "bookinbook": "chapter", "suppbook": "chapter", "article-magazine": "article-magazine",
}
CSL_TO_BIBTEX = {"article-journal": "article", "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
                 "thesis": "phdthesis", "report": "techreport", "manuscript": "unpublished", "webpage": "online",
                 "patent": "patent", "dataset": "dataset", "software": "software", "pamphlet": "booklet"}
MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
# BibTeX field → CSL variable (text fields)
FIELDS = {
    "title": "title", "journal": "container-title", "journaltitle": "container-title", "booktitle": "container-title",
    "volume": "volume", "number": "issue", "issue": "issue", "pages": "page", "publisher": "publisher",
    "address": "publisher-place", "location": "publisher-place", "doi": "DOI", "url": "URL", "isbn": "ISBN",
    "issn": "ISSN", "note": "note", "abstract": "abstract", "edition": "edition", "series": "collection-title",
    "pmid": "PMID", "pmcid": "PMCID", "keywords": "keyword", "language": "language", "langid": "language",
    "school": "publisher", "institution": "publisher", "organization": "publisher", "shorttitle": "title-short",
    "subtitle": "_subtitle", "eprint": "_eprint", "urldate": "_urldate",
}
IGNORED = {"file", "owner", "timestamp", "groups", "crossref", "xdata", "ids", "entryset", "_urldate", "month", "year", "date",
           "author", "editor", "translator", "eprinttype", "eprintclass"}
_SPECIAL = re.compile(r"([&%$#_{}])")


def _decode(value: str) -> str:
    if "\\" in value:
        from pylatexenc.latex2text import LatexNodes2Text

        value = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True).latex_to_text(value)
    else:
        value = value.replace("{", "").replace("}", "")
    return " ".join(value.replace("~", " ").replace("\u00ad", "").split())


_NO_KEY = re.compile(r"(@\w+\s*\{)(\s*)(?=[A-Za-z][\w-]*\s*=)")


_AND = re.compile(r"[ \t\r\n]+and[ \t\r\n]+", re.IGNORECASE)
_PLAIN = re.compile(r"[^{}\\~$\u00ad]*")  # no braces, commands, ties, math or soft hyphens


def _capitalised(words: list[str]) -> bool:
    return all(w[0].isalpha() and w[0].isupper() for w in words)


def _plain_name(person: str) -> Name | None:
    """The name of a plain "Family, Given" or "Given Family" person (no braces, no von part, no Jr),
    as bibtexparser's splitter would read it, in a fraction of its time; None for anything else."""
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


def _names(value: str) -> tuple[Name, ...]:
    """The people of an author or editor field; plain names (most of any export) take a shortcut
    that reads them as BibTeX's name grammar would, in a third of the time."""
    if not _PLAIN.fullmatch(value):
        return _names_bibtex(value)
    out = (_plain_name(p) or _person(p) for p in _AND.split(value.strip(" \r\n\t")) if p)
    return tuple(n for n in out if n.family or n.literal)


def _names_bibtex(value: str) -> tuple[Name, ...]:
    """Names by bibtexparser's implementation of BibTeX's name grammar (braces, von parts, Jr, LaTeX)."""
    from bibtexparser.middlewares.names import split_multiple_persons_names

    value = value.replace("\\$", "{\\$}")  # braced: the name splitter reads a bare "$" as math mode
    out = (_person(p) for p in split_multiple_persons_names(value))
    return tuple(n for n in out if n.family or n.literal)


def _person(person: str) -> Name:
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    person = person.strip()
    if person.startswith("{") and person.endswith("}") and "," not in person:
        return Name(literal=_decode(person[1:-1]))
    try:
        parts = parse_single_name_into_parts(person, strict=False)
    except Exception:  # noqa: BLE001 - bibtexparser raises InvalidNameError and others
        return Name(literal=_decode(person))
    return Name(family=_decode(" ".join(parts.last)), given=_decode(" ".join(parts.first)),
                non_dropping_particle=_decode(" ".join(parts.von)), suffix=_decode(" ".join(parts.jr)))


class _Entry(NamedTuple):
    entry_type: str
    key: str
    start_line: int  # 0-based, as bibtexparser counts
    raw: dict[str, str]  # lower-case field name -> value without its enclosing braces or quotes


_HEAD = re.compile(r"[ \t\r\n]*@([A-Za-z]+)[ \t]*\{[ \t\r\n]*([^\s,{}()=\"#%@]+)[ \t\r\n]*,")
_FIELD = re.compile(r"[ \t\r\n]*([A-Za-z][\w:.+-]*)[ \t\r\n]*=[ \t\r\n]*")
_BARE = re.compile(r"[A-Za-z0-9_.:+-]+")
_AFTER = re.compile(r"[ \t\r\n]*([,}])")
_CLOSE = re.compile(r"[ \t\r\n]*\}")
_BRACE = re.compile(r"(?<!\\)[{}]")  # bibtexparser: a backslash before a brace escapes it
_QUOTED = re.compile(r'"([^"{}\\@]*)"')  # quoted values with braces, escapes or "@" go to bibtexparser
_LINE_START_AT = re.compile(r"\n\s*@")  # bibtexparser takes it for the start of a new block
_SPECIAL_BLOCK = re.compile(r"@[ \t]*(?:string|preamble|comment)\b", re.IGNORECASE)


def _plain_entries(text: str) -> list[_Entry] | None:
    """The entries of a plain BibTeX file (entries only, every value braced, quoted or a bare word,
    no ``#`` concatenation, no duplicate keys or fields, nothing between entries but white space),
    read as bibtexparser reads them in a fraction of its time; None for any other file, which then
    goes to bibtexparser whole, so its recovery and error messages apply."""
    if _SPECIAL_BLOCK.search(text):
        return None
    entries: list[_Entry] = []
    keys: set[str] = set()
    pos, line, counted = 0, 0, 0
    while True:
        head = _HEAD.match(text, pos)
        if head is None:
            return entries if not text[pos:].strip() else None
        etype, key = head.group(1), head.group(2)
        if key in keys:
            return None
        keys.add(key)
        at = text.index("@", pos)
        line += text.count("\n", counted, at)
        counted = at
        raw: dict[str, str] = {}
        pos = head.end()
        while True:
            field = _FIELD.match(text, pos)
            if field is None:
                close = _CLOSE.match(text, pos)  # "}" after a trailing comma, or an entry with no fields
                if close is None:
                    return None
                pos = close.end()
                break
            name = field.group(1).lower()
            if name in raw:
                return None
            pos = field.end()
            opener = text[pos:pos + 1]
            if opener == "{":
                depth, i = 1, pos + 1
                while depth:
                    mark = _BRACE.search(text, i)
                    if mark is None:
                        return None
                    depth += 1 if mark.group() == "{" else -1
                    i = mark.end()
                value = text[pos + 1:i - 1]
                if "@" in value and _LINE_START_AT.search(value):
                    return None
                raw[name] = value
                pos = i
            elif opener == '"':
                quoted = _QUOTED.match(text, pos)
                if quoted is None:
                    return None
                raw[name] = quoted.group(1)
                pos = quoted.end()
            else:
                bare = _BARE.match(text, pos)
                if bare is None:
                    return None
                raw[name] = bare.group()
                pos = bare.end()
            after = _AFTER.match(text, pos)
            if after is None:
                return None
            pos = after.end()
            if after.group(1) == "}":
                break
        entries.append(_Entry(etype, key, line, raw))


def _bibtexparser_entries(text: str, path: str, result: ReadResult) -> list[_Entry]:
    """The entries bibtexparser reads from TEXT; the blocks it cannot read become problems of RESULT."""
    import logging

    import bibtexparser

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # we report problems ourselves
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        line = (getattr(block, "start_line", 0) or 0) + 1
        error = getattr(block, "error", None)
        reason = str(error) if error else type(block).__name__
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            reason = f"duplicate key {getattr(block, 'key', '?')!r}"
        result.problems.append(Problem(path, line, None, f"cannot read this BibTeX entry: {reason}"))
    return [_Entry(e.entry_type, e.key, e.start_line,
                   {f.key.lower(): f.value if isinstance(f.value, str) else str(f.value) for f in e.fields})
            for e in library.entries]


def parse_bibtex(text: str, path: str = "<input>", *, fast: bool = True) -> ReadResult:
    """Every entry of a BibTeX file; entries without a key (EndNote exports) get a generated one.

    Plain files (most exports) are split by ``_plain_entries``, five times faster than bibtexparser's
    splitter; anything else, and every file when FAST is false, is read by bibtexparser."""
    counter = iter(range(1, 1_000_000))
    text = _NO_KEY.sub(lambda m: f"{m.group(1)}acuref-nokey-{next(counter)},{m.group(2)}", text)
    result = ReadResult()
    entries = _plain_entries(text) if fast else None
    if entries is None:
        entries = _bibtexparser_entries(text, path, result)
    taken: set[str] = set()
    for entry in entries:
        line = entry.start_line + 1
        try:
            ref, problems = _to_reference(entry, path, line)
        except Exception as exc:  # noqa: BLE001 - one bad entry never hides the rest
            result.problems.append(Problem(path, line, None, f"cannot convert entry {entry.key!r}: {exc}"))
            continue
        if problems:
            result.problems.extend(problems)
            continue
        key = unique_key("" if entry.key.startswith("acuref-nokey-") else entry.key, taken, ref)
        taken.add(key)
        result.references.append(ref.with_changes(key=key))
        result.lines[key] = line
    return result


def _to_reference(entry: _Entry, path: str, line: int) -> tuple[Reference, list[Problem]]:
    raw = entry.raw
    etype = entry.entry_type.lower()
    fields: dict[str, object] = {}
    notes: list[str] = []
    for name, value in raw.items():
        var = FIELDS.get(name)
        if var is None:
            if name not in IGNORED and value.strip():
                notes.append(f"{name}: {_decode(value)}")
            continue
        if var == "container-title" and name == "booktitle" and etype not in ("inproceedings", "incollection", "inbook", "conference", "bookinbook"):
            var = "container-title"
        if var == "issue" and etype in ("techreport", "report"):
            var = "number"
        text = _decode(value)
        if not text:
            continue
        if var == "page":
            text = clean_pages(text)
        elif var == "DOI":
            text = clean_doi(text)
        if var.startswith("_"):
            if var == "_subtitle":
                fields["_subtitle"] = text
            else:
                notes.append(f"{name}: {text}")
            continue
        fields.setdefault(var, text)
    title = str(fields.pop("title", ""))
    subtitle = fields.pop("_subtitle", None)
    if subtitle:
        title = f"{title}: {subtitle}" if title else str(subtitle)
    issued: tuple[int, ...] = ()
    date = raw.get("date") or raw.get("year") or ""
    problems = []
    if date:
        m = re.match(r"\s*\{?(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", date)
        if m:
            issued = tuple(int(g) for g in m.groups() if g)
        elif year_of(date):
            issued = (year_of(date),)
        else:
            problems.append(Problem(path, line, None, f"entry {entry.key!r}: year {date!r} is not a year"))
    month = raw.get("month", "").strip().lower()[:3]
    if issued and len(issued) == 1 and month:
        number = MONTHS.get(month) or (int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
        if number:
            issued = (issued[0], number)
    for role in ("editor", "translator"):
        if raw.get(role):
            fields[role] = _names(raw[role])
    ref = Reference(key=entry.key, type=TYPES.get(etype, "document"), title=title, author=_names(raw.get("author", "")),
                    issued=issued, fields=fields, notes="\n".join(notes),
                    missing=tuple(m for m, present in (("title", title), ("issued", issued)) if not present))
    return ref, problems


# --- writing --------------------------------------------------------------------------------------


def _escape(value: str) -> str:
    value = value.replace("\\", "\\textbackslash{}")
    value = _SPECIAL.sub(lambda m: "\\" + m.group(1), value)
    value = value.replace("\\textbackslash\\{\\}", "\\textbackslash{}").replace("\\$", "{\\$}")
    return value.replace("~", "\\textasciitilde{}").replace("^", "\\textasciicircum{}")


def _name(name: Name) -> str:
    if name.literal:
        return "{" + _escape(name.literal) + "}"
    family = " ".join(p for p in (name.non_dropping_particle, name.family) if p)
    parts = [_escape(family)]
    if name.suffix:
        parts.append(_escape(name.suffix))
    if name.given:
        parts.append(_escape(name.given))
    elif name.suffix:
        parts.append("")
    if len(parts) > 1:
        return ", ".join(parts)
    return "{" + parts[0] + "}, {}" if " " in parts[0] else parts[0]  # a surname alone, not an organisation


REVERSE = {"container-title": "journal", "issue": "number", "page": "pages", "publisher": "publisher",
           "publisher-place": "address", "DOI": "doi", "URL": "url", "ISBN": "isbn", "ISSN": "issn", "note": "note",
           "abstract": "abstract", "edition": "edition", "collection-title": "series", "PMID": "pmid", "PMCID": "pmcid",
           "keyword": "keywords", "language": "language", "title-short": "shorttitle", "volume": "volume", "number": "number"}


def write_bibtex(refs: Sequence[Reference], *, biblatex: bool = False) -> str:
    out = []
    for ref in refs:
        etype = CSL_TO_BIBTEX.get(ref.type, "misc")
        lines = [f"@{etype}{{{ref.key},"]
        if ref.author:
            lines.append(f"  author = {{{' and '.join(_name(n) for n in ref.author)}}},")
        for role in ("editor", "translator"):
            if ref.fields.get(role):
                lines.append(f"  {role} = {{{' and '.join(_name(n) for n in ref.fields[role])}}},")
        if ref.title:
            lines.append(f"  title = {{{_escape(ref.title)}}},")
        for var, value in ref.fields.items():
            if var in ("editor", "translator") or not isinstance(value, str):
                continue
            name = REVERSE.get(var)
            if var == "container-title" and etype in ("incollection", "inproceedings"):
                name = "booktitle"
            if name:
                lines.append(f"  {name} = {{{_escape(value)}}},")
        if ref.issued:
            lines.append(f"  year = {{{ref.issued[0]}}},")
            if len(ref.issued) > 1:
                lines.append(f"  month = {{{ref.issued[1]}}},")
        lines.append("}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + ("\n" if out else "")
