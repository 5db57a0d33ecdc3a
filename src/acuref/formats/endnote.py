"""EndNote XML (File > Export > XML), parsed with defusedxml: no DTD, no entities, no network.

Elements follow EndNote's RSXML layout (``<xml><records><record>``: ``ref-type``, ``contributors``,
``titles``, ``periodical``, ``dates``, ``urls``…); text may sit in ``<style>`` children. Elements
with no CSL variable are kept in ``notes`` as "element: value" lines.
"""

from __future__ import annotations

import re

from ..errors import Problem
from ..model import Reference
from . import ReadResult
from .common import clean_pages, keep_first, split_name, standard_number_variable
from .medline import text_date

#: EndNote reference type numbers (EndNote X9 "ref-type" table) → CSL types
REF_TYPES = {17: "article-journal", 6: "book", 5: "chapter", 10: "book", 47: "paper-conference", 32: "thesis",
             27: "report", 12: "webpage", 13: "document", 28: "patent", 59: "dataset", 9: "software",
             23: "article-newspaper", 19: "article-magazine", 34: "manuscript", 36: "manuscript", 46: "standard",
             16: "broadcast", 20: "map", 21: "motion_picture", 31: "legislation", 7: "legal_case", 4: "bill",
             14: "hearing", 26: "personal_communication", 43: "post-weblog", 52: "entry-dictionary",
             53: "entry-encyclopedia", 2: "graphic", 25: "figure", 3: "speech", 61: "musical_score", 44: "standard"}
NAME_ROLES = {"authors": "author", "secondary-authors": "editor", "tertiary-authors": "collection-editor",
              "subsidiary-authors": "translator", "translated-authors": "translator"}
TEXT_PATHS = {"titles/secondary-title": "container-title", "periodical/full-title": "container-title",
              "titles/tertiary-title": "collection-title", "titles/alt-title": "container-title-short",
              "periodical/abbr-1": "container-title-short", "titles/short-title": "title-short",
              "titles/translated-title": "original-title", "volume": "volume", "number": "issue", "edition": "edition",
              "section": "section", "pub-location": "publisher-place", "publisher": "publisher",
              "electronic-resource-num": "DOI", "abstract": "abstract", "language": "language", "work-type": "genre",
              "call-num": "call-number", "remote-database-name": "source", "remote-database-provider": "source",
              "orig-pub": "original-title", "label": "citation-label", "num-vols": "number-of-volumes",
              "accession-num": "archive_location"}


#: The elements endnote_reference maps (those under titles and contributors are listed apart).
_READ = {"ref-type", "contributors", "titles", "periodical", "pages", "isbn", "keywords", "urls", "dates", "access-date",
         "notes", "research-notes"} | {f"custom{n}" for n in range(1, 8)} | {p.split("/")[0] for p in TEXT_PATHS
                                                                                  if "/" not in p or p.startswith("periodical")}
_TITLES = {p.split("/")[1] for p in TEXT_PATHS if p.startswith("titles/")} | {"title"}


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


#: EndNote's <style face="…"> words → CSL rich-text tags (EndNote writes "bold italic", "superscript"…)
_FACES = (("italic", "<i>", "</i>"), ("bold", "<b>", "</b>"), ("superscript", "<sup>", "</sup>"),
          ("subscript", "<sub>", "</sub>"))


def _rich(element) -> str:
    """ELEMENT's text as CSL rich text: a ``<style face="italic">`` run (a species name in a title) becomes
    ``<i>…</i>``, as Zotero's EndNote XML import keeps it (zotero/translators, "Endnote XML.js")."""
    if element is None:
        return ""
    if not any((s.get("face") or "normal") != "normal" for s in element.iter("style")):
        return _text(element)
    parts = [element.text or ""]
    for child in element:
        inner = "".join(child.itertext())
        faces = (child.get("face") or "").split() if child.tag == "style" else []
        for face, start, end in _FACES:
            if face in faces and inner.strip():
                inner = start + inner + end
        parts += [inner, child.tail or ""]
    return " ".join("".join(parts).split())


def parse_endnote_xml(text: str, path: str = "<input>") -> ReadResult:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    result = ReadResult()
    try:
        body = re.sub(r"\A\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"))  # the text is decoded already
        root = fromstring(body.encode("utf-8"), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        result.problems.append(Problem(path, line, column, f"not well-formed XML: {str(exc).split(':')[0]}"))
        return result
    except DefusedXmlException as exc:
        where = text.find("<!")
        result.problems.append(Problem(path, text.count("\n", 0, where) + 1 if where >= 0 else 1, None,
                                       f"refused: the XML declares a DTD or entities ({type(exc).__name__})"))
        return result
    except (ValueError, LookupError, RecursionError) as exc:
        result.problems.append(Problem(path, 1, None, f"not readable XML: {str(exc)[:200]}"))
        return result
    records = root.findall(".//record")
    starts = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<record[\s>]", text)]
    if not records:
        result.problems.append(Problem(path, 1, None, "no <record> elements: not an EndNote XML export"))
    for n, record in enumerate(records):
        line = starts[n] if n < len(starts) else None
        ref = endnote_reference(record)
        if not ref.title and not ref.author:
            result.problems.append(Problem(path, line, None, f"record {n + 1} has neither a title nor an author"))
            continue
        result.add(ref, "", line)
    return result


def endnote_reference(record) -> Reference:
    fields: dict[str, object] = {}
    notes: list[str] = []
    ref_type = record.find("ref-type")
    number = int(ref_type.text) if ref_type is not None and (ref_type.text or "").strip().isdigit() else 13
    names: dict[str, list] = {}
    for role, var in NAME_ROLES.items():
        for author in record.findall(f"contributors/{role}/author"):
            value = _text(author)
            if value:
                names.setdefault(var, []).append(split_name(value))
    title = _rich(record.find("titles/title"))
    for where, var in TEXT_PATHS.items():
        value = _rich(record.find(where)) if where.startswith(("titles/", "periodical/")) else _text(record.find(where))
        if value:
            keep_first(fields, notes, var, value, where)
    pages = _text(record.find("pages"))
    if pages:
        fields["page"] = clean_pages(pages)
    isbn = _text(record.find("isbn"))
    if isbn:
        fields[standard_number_variable(isbn)] = isbn
    keywords = [_text(k) for k in record.findall("keywords/keyword") if _text(k)]
    if keywords:
        fields["keyword"] = ", ".join(keywords)
    urls = [_text(u) for u in record.findall("urls/related-urls/url") if _text(u)]
    if urls:
        fields["URL"] = urls[0]
        notes.extend(f"url: {u}" for u in urls[1:])
    year = _text(record.find("dates/year"))
    when = _text(record.find("dates/pub-dates/date"))
    issued = text_date(year) if year else text_date(when)
    if year and when:
        fuller = text_date(f"{year} {when}")
        if fuller.parts and len(fuller.parts) > len(issued.parts):
            issued = fuller
        else:
            notes.append(f"pub-date: {when}")
    accessed = _text(record.find("access-date"))
    if accessed:
        notes.append(f"access-date: {accessed}")
    for element in ("notes", "research-notes"):
        value = _text(record.find(element))
        if value:
            notes.append(value if element == "notes" else f"{element}: {value}")
    for custom in range(1, 8):
        value = _text(record.find(f"custom{custom}"))
        if value:
            notes.append(f"custom{custom}: {value}")
    for var, people in names.items():
        if var != "author":
            fields[var] = tuple(people)
    for child in record:  # every other element kept: database, record number, addresses, captions...
        if child.tag not in _READ and _text(child):
            notes.append(f"{child.tag}: {_text(child)}")
    for parent, known in (("titles", _TITLES), ("contributors", set(NAME_ROLES)), ("periodical", {"full-title", "abbr-1"})):
        for child in record.findall(parent + "/*"):
            if child.tag not in known and _text(child):
                notes.append(f"{parent}/{child.tag}: {_text(child)}")
    ctype = REF_TYPES.get(number, "document")
    return Reference(key="", type=ctype, title=title, author=tuple(names.get("author", ())), issued=issued,
                     fields=fields, notes="\n".join(notes),
                     missing=tuple(m for m, present in (("title", title), ("issued", issued)) if not present))
