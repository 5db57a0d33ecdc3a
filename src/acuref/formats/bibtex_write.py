"""Writing BibTeX and BibLaTeX: the reader's mapping (:mod:`.bibtex`) run backwards, so an export
reads back to the same references.

BibTeX gets ``year``/``month`` (and an EDTF ``date`` when the date says more: a day, a range,
circa, a season, raw text); BibLaTeX gets ``date``, ``journaltitle``, ``location``,
``eprint``/``eprinttype``, ``urldate``. Text is LaTeX-escaped and its rich text written as LaTeX
(:mod:`.bibtex_rich`); URLs and DOIs verbatim; names keep their parts
(particles, suffix; organisations braced). acuref's own fields travel as ``acuref-…`` fields
(``ids`` for aliases), which BibTeX and biber ignore.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from ..dates import Date
from ..model import Name, Reference
from .bibtex_rich import latex

CSL_TO_BIBTEX = {"article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
                 "book": "book", "chapter": "incollection", "paper-conference": "inproceedings", "thesis": "phdthesis",
                 "report": "techreport", "manuscript": "unpublished", "webpage": "online", "patent": "patent",
                 "dataset": "dataset", "software": "software", "pamphlet": "booklet", "periodical": "periodical",
                 "entry-encyclopedia": "inreference", "standard": "standard", "graphic": "artwork", "song": "audio",
                 "motion_picture": "video", "personal_communication": "letter", "review": "review",
                 "legal_case": "jurisdiction", "legislation": "legislation", "performance": "performance",
                 "document": "misc"}
_SPECIAL = re.compile(r"([&%$#_{}])")
#: Fields BibTeX and biblatex styles may case-change, where words with an inner capital are braced (bibtex_rich)
TITLE_FIELDS = frozenset({"title", "shorttitle", "booktitle", "maintitle", "eventtitle", "origtitle", "series"})


#: Unicode dashes and quotes written as TeX's input ligatures (the BibTeX convention: pages = {123--130}).
_AS_LIGATURE = {"\u2013": "--", "\u2014": "---", "\u201c": "``", "\u201d": "''", "\u00a1": "!`", "\u00bf": "?`"}
#: Character pairs TeX would join into a ligature: written with "{}" between them to stay two characters.
_JOINS = {("-", "-"), ("`", "`"), ("'", "'"), ("!", "`"), ("?", "`")}
#: Every dash a page range is written with (hyphen, U+2010-U+2015, minus), with the spaces around it.
_PAGE_DASH = re.compile(r"(?:(?<!\s)\s+)?[-\u2010-\u2015\u2212]+\s*")  # a space run taken from its start: linear


def escape(value: str, *, verbatim: bool = False, ligatures: bool = True) -> str:
    """VALUE as BibTeX text: NFC (pdfLaTeX rejects decomposed accents), LaTeX specials escaped.

    En and em dashes and curly double quotes are written as TeX's ligatures (``--``, ``---``, ````…''``),
    and hyphens or quotes that TeX would join are kept apart (``-{}-``), so the reader's ligature
    decoding gives back the same text. A ``verbatim`` field (URL, DOI, eprint: biblatex manual §2.2.1,
    read as written by biber and by hyperref's \\url) is written as it is, unless it holds a backslash or
    a brace, which a verbatim field cannot carry: then it is escaped like text, which the reader undoes."""
    if verbatim and not any(c in value for c in "\\{}"):
        return unicodedata.normalize("NFC", value)
    value = unicodedata.normalize("NFC", value).replace("\\", "\\textbackslash{}")
    value = _SPECIAL.sub(lambda m: "\\" + m.group(1), value)
    value = value.replace("\\textbackslash\\{\\}", "\\textbackslash{}").replace("\\$", "{\\$}")
    value = value.replace("~", "\\textasciitilde{}").replace("^", "\\textasciicircum{}")
    return _ligatures(value) if ligatures and not verbatim else value


def _ligatures(value: str) -> str:
    out: list[str] = []
    for char in value:
        piece = _AS_LIGATURE.get(char, char)
        if out and (out[-1][-1], piece[0]) in _JOINS:
            out.append("{}")
        out.append(piece)
    return "".join(out)


def bibtex_pages(value: str) -> str:
    """A CSL page value as BibTeX writes it: every range's dash (hyphen, en dash, minus…) as ``--``
    ("123–130" → "123--130", "1-5, 7–9" → "1--5, 7--9"); biblatex reads each as its range dash."""
    return _PAGE_DASH.sub("--", value.strip())


def name_text(name: Name) -> str:
    if name.literal:
        return "{" + escape(name.literal) + "}"
    if not name.family:
        return "{}, " + escape(name.given)  # a given name alone (a mononym)
    von = " ".join(p for p in (name.dropping_particle, name.non_dropping_particle) if p)
    family = escape(name.family)
    if " " in family or "," in name.family or (family[:1].islower() and not von) or re.search(r"\band\b", family, re.I):
        family = "{" + family + "}"  # one family name, not a von part and a surname
    parts = [(escape(von) + " " if von else "") + family]
    if name.suffix:
        parts.append(_protect(escape(name.suffix)))
    if name.given or name.suffix:
        parts.append(_protect(escape(name.given)))
    elif family.startswith("{"):
        parts.append("{}")  # "{Van Gogh Museum Staff}, {}": a family name alone, not an organisation (literal)
    return ", ".join(parts)


def _protect(part: str) -> str:
    """A name part with a comma (or an "and") braced, so BibTeX's name grammar keeps it one part."""
    return "{" + part + "}" if "," in part or re.search(r"\band\b", part, re.I) else part


def names_text(names: Sequence[Name], truncated: bool) -> str:
    return " and ".join([name_text(n) for n in names] + (["others"] if truncated else []))


def _edtf(date: Date) -> str:
    if date.raw and not date.parts:
        return date.raw
    if not date.parts:
        return ""
    parts = date.parts
    if date.season and isinstance(date.season, int) and len(parts) == 1:
        parts = (parts[0], 20 + date.season)
    text = Date(parts=parts, end=date.end).iso()
    return text + ("~" if date.circa else "")


def _date_fields(date: Date, biblatex: bool) -> list[tuple[str, str]]:
    """The fields that say DATE; a BibTeX ``year``/``month`` and, when it says more, a ``date``."""
    if not date:
        return []
    if date.literal and not date.parts:
        return [("year", escape(date.literal))]
    edtf = _edtf(date)
    if biblatex:
        return [("date", edtf)] if edtf else []
    out = []
    if date.parts:
        out.append(("year", str(date.parts[0])))
        if len(date.parts) > 1 and date.parts[1] <= 12:  # a range's season (21-24) is only in the EDTF date
            out.append(("month", str(date.parts[1])))
    if edtf and (not date.simple or len(date.parts) > 2):
        out.append(("date", edtf))
    return out


def _text_fields(ref: Reference, etype: str, biblatex: bool, wrote: set[str]) -> list[tuple[str, str]]:
    """The entry's text fields; the CSL variables written are added to WROTE."""
    f = ref.fields
    out: list[tuple[str, str]] = []
    in_book = etype in ("incollection", "inproceedings", "inbook", "inreference")
    journal_like = ref.type in ("article-journal", "article-magazine", "article-newspaper", "periodical")
    in_series = ref.type in ("book", "chapter", "paper-conference") and "collection-title" in f
    mapping = [
        ("container-title", "booktitle" if in_book else ("journaltitle" if biblatex else "journal")),
        ("container-title-short", "shortjournal"), ("title-short", "shorttitle"), ("volume", "volume"),
        ("number-of-volumes", "volumes"), ("issue", "number" if journal_like else "issue"),
        # In a book, chapter or paper in a series, BibTeX's number is the number in the series (the reader
        # reads it back as collection-number), so a CSL number there travels as csl-number.
        ("number", ("issue" if "issue" in f else "") if journal_like else ("" if in_series else "number")),
        ("collection-number", "number" if in_series else ""), ("page", "pages"), ("number-of-pages", "pagetotal"), ("part-number", "part"),
        ("edition", "edition"), ("chapter-number", "chapter"), ("publisher", "publisher"),
        ("publisher-place", "location" if biblatex else "address"), ("DOI", "doi"), ("URL", "url"), ("ISBN", "isbn"),
        ("ISSN", "issn"), ("note", "note"), ("annote", "annotation" if biblatex else "annote"), ("abstract", "abstract"),
        ("keyword", "keywords"), ("language", "language"), ("collection-title", "series"), ("version", "version"),
        ("status", "pubstate"), ("volume-title", "maintitle"), ("event-title", "eventtitle"), ("event-place", "venue"), ("original-title", "origtitle"),
        ("original-publisher", "origpublisher"), ("original-publisher-place", "origlocation"), ("medium", "howpublished"),
    ]
    used: set[str] = set()
    for var, name in mapping:
        value = f.get(var)
        if isinstance(value, str) and value and name and name not in used:
            used.add(name)
            wrote.add(var)
            if name == "pages":
                out.append((name, escape(bibtex_pages(value), ligatures=False)))
            elif var in ("DOI", "URL"):
                out.append((name, escape(value, verbatim=True)))
            else:
                out.append((name, latex(value, escape, protect_words=name in TITLE_FIELDS)))
    from .bibtex import THESIS_GENRES  # the genre each thesis type reads back as

    genre = f.get("genre")
    if isinstance(genre, str) and genre and not (ref.type == "thesis" and genre == THESIS_GENRES.get(etype)):
        out.append(("type", latex(genre, escape)))
    wrote.add("genre")
    if isinstance(f.get("PMID"), str):
        out.append(("pmid", escape(f["PMID"])))
    if isinstance(f.get("PMCID"), str):
        out.append(("pmcid", escape(f["PMCID"])))
    if (isinstance(f.get("archive_location"), str) and isinstance(f.get("archive"), str)
            and f["archive"].lower() not in ("pubmed", "pmid", "pmcid", "doi")):
        out.append(("eprint", escape(f["archive_location"], verbatim=True)))
        out.append(("eprinttype", escape(f["archive"])))
        wrote.update(("archive", "archive_location"))
    wrote.update(("PMID", "PMCID", "editor", "translator", "container-author", "accessed", "event-date", "original-date"))
    return out


def _other_csl_fields(ref: Reference, written: set[str]) -> list[tuple[str, str]]:
    """CSL variables BibTeX has no field for, as ``csl-VAR`` fields (biber and BibTeX ignore them)."""
    out = []
    for var, value in ref.fields.items():
        if var in written:
            continue
        if isinstance(value, str) and value:
            out.append((f"csl-{var}", latex(value, escape)))
        elif isinstance(value, Date) and value:
            out.append((f"csl-{var}", _edtf(value)))
        elif isinstance(value, tuple) and value:
            out.append((f"csl-{var}", names_text(value, var in ref.truncated)))
    return out


def bibtex_type(ref: Reference, biblatex: bool = False) -> str:
    """The entry type: a thesis is @mastersthesis or @phdthesis by its genre; one without a genre is
    biblatex's @thesis, or BibTeX's @phdthesis (BibTeX has no thesis type that leaves the kind open)."""
    if ref.type == "thesis":
        genre = ref.fields.get("genre")
        if genre == "Master's thesis":
            return "mastersthesis"
        if biblatex and not genre:
            return "thesis"
    return CSL_TO_BIBTEX.get(ref.type, "misc")


def _acuref_fields(ref: Reference) -> list[tuple[str, str]]:
    from .bibtex import quote

    out = []
    if ref.aliases:
        out.append(("ids", ", ".join(ref.aliases)))
    if ref.design != "unknown":
        out.append(("acuref-design", ref.design))
    for name in ("topics", "name-variants", "corrections", "sources", "distinct"):
        value = getattr(ref, name.replace("-", "_"))
        if value:
            out.append((f"acuref-{name}", "; ".join(quote(v).replace(";", "%3B") for v in value)))
    if ref.original:
        out.append(("acuref-original", quote(ref.original)))
    if ref.notes:
        out.append(("acuref-notes", quote(ref.notes)))
    return out


def write_bibtex(refs: Sequence[Reference], *, biblatex: bool = False) -> str:
    """References as BibTeX (or BibLaTeX with ``biblatex``), one entry each, keys as they are."""
    out = []
    for ref in refs:
        etype = bibtex_type(ref, biblatex)
        lines = [f"@{etype}{{{ref.key},"]
        truncated = set(ref.truncated)
        if ref.author or "author" in truncated:
            lines.append(f"  author = {{{names_text(ref.author, 'author' in truncated)}}},")
        for var, name in (("editor", "editor"), ("translator", "translator"), ("container-author", "bookauthor")):
            if ref.fields.get(var) or var in truncated:
                lines.append(f"  {name} = {{{names_text(ref.fields.get(var, ()), var in truncated)}}},")
        if ref.title:
            lines.append(f"  title = {{{latex(ref.title, escape, protect_words=True)}}},")
        written: set[str] = set()
        for name, value in _text_fields(ref, etype, biblatex, written):
            lines.append(f"  {name} = {{{value}}},")
        for name, value in _date_fields(ref.issued, biblatex):
            lines.append(f"  {name} = {{{value}}},")
        for var, name in (("accessed", "urldate"), ("event-date", "eventdate"), ("original-date", "origdate")):
            date = ref.fields.get(var)
            if isinstance(date, Date) and date:
                edtf = _edtf(date)
                if edtf:
                    lines.append(f"  {name} = {{{edtf}}},")
        for name, value in _other_csl_fields(ref, written):
            lines.append(f"  {name} = {{{value}}},")
        from .bibtex import TYPES

        if TYPES.get(etype) != ref.type:  # a CSL type BibTeX has no entry type for: kept beside @misc
            lines.append(f"  csl-type = {{{ref.type}}},")
        for name, value in _acuref_fields(ref):
            lines.append(f"  {name} = {{{value}}},")
        lines.append("}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + ("\n" if out else "")

