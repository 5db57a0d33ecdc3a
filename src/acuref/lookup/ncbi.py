"""NCBI: PubMed records through E-utilities ``esummary``, PMC ids through the PMC ID Converter.

``GET {eutils}/esummary.fcgi?db=pubmed&id=PMID&retmode=json&tool=acuref&email=…`` answers
``{"header": …, "result": {"uids": ["1450006"], "1450006": {...}}}``
(https://www.ncbi.nlm.nih.gov/books/NBK25500/, "ESummary"); a document has ``title``,
``authors`` (``name`` "Deluze C", ``authtype`` "Author" or "CollectiveName"), ``pubdate``
("1992 Nov 21"), ``fulljournalname``, ``source`` (abbreviation), ``volume``, ``issue``,
``pages`` ("1249-52"), ``issn``/``essn``, ``lang``, ``pubtype`` and ``articleids``
(``idtype`` doi, pmc, pubmed); the title carries markup escaped once ("&lt;i&gt;…"), read as rich
text (:mod:`.markup`). An unknown PMID comes back as a document with an ``error`` field,
or without the uid.

``GET {idconv}/?ids=PMC…&format=json&tool=…&email=…`` answers ``{"status": "ok", "records":
[{"pmcid", "pmid", "doi"}]}``, a record with ``"status": "error"`` for an unknown id
(https://www.ncbi.nlm.nih.gov/pmc/tools/id-converter-api/).

A PubMed publication type that names a study design sets ``design`` and "Retracted Publication"
records a retraction (:mod:`acuref.pubtypes`); ``lang`` (ISO 639-2, "eng") is stored as BCP 47 ("en").
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import RemoteError, RemoteNotFoundError
from ..formats.common import bcp47_language
from ..pubtypes import RETRACTED, design_of
from ..updates import Update
from .markup import plain_text, rich_text

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}

def _contact() -> dict[str, str]:
    from .http import mailto

    return {"tool": "acuref", **({"email": mailto()} if mailto() else {})}


def fetch_pubmed(client, pmid: str) -> dict[str, Any]:
    """The CSL-JSON item of PubMed record ``pmid``."""
    from . import base_url

    data = client.get_json("PubMed", f"{base_url('eutils')}/esummary.fcgi",
                           {"db": "pubmed", "id": pmid, "retmode": "json", **_contact()}, what=f"PMID {pmid}")
    result = data.get("result") if isinstance(data, dict) else None
    if not isinstance(result, dict):
        if isinstance(data, dict) and ("esummaryresult" in data or "error" in data):
            raise RemoteNotFoundError("PubMed", f"PMID {pmid}")
        raise RemoteError("PubMed", f"unexpected answer for PMID {pmid} (no result in it)")
    doc = result.get(pmid)
    if not isinstance(doc, dict) or doc.get("error") or not doc.get("title"):
        raise RemoteNotFoundError("PubMed", f"PMID {pmid}")
    return summary_to_csl(doc, pmid)


def fetch_pmc(client, pmcid: str) -> dict[str, Any]:
    """The CSL-JSON item of a PMC article: its PubMed record (else its Crossref record) plus the PMCID."""
    from . import base_url

    data = client.get_json("PMC ID Converter", f"{base_url('idconv')}/",
                           {"ids": pmcid, "format": "json", **_contact()}, what=pmcid)
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise RemoteError("PMC ID Converter", f"unexpected answer for {pmcid} (no records in it)")
    record = next((r for r in records if isinstance(r, dict)), {})
    if record.get("status") == "error" or not (record.get("pmid") or record.get("doi")):
        raise RemoteNotFoundError("PMC ID Converter", pmcid)
    if record.get("pmid"):
        item = fetch_pubmed(client, str(record["pmid"]))
    else:
        from .crossref import fetch_work, work_to_csl

        item = work_to_csl(fetch_work(client, str(record["doi"])))
    item["PMCID"] = pmcid
    return item


def pubdate(text: str) -> list[int] | None:
    """"1992 Nov 21" → [1992, 11, 21]; "2014 Spring" → [2014]; "2010 Jan-Feb" → [2010, 1]."""
    words = re.findall(r"[A-Za-z]+|\d+", text or "")
    if not words or not (words[0].isdigit() and len(words[0]) == 4):
        return None
    parts = [int(words[0])]
    if len(words) > 1 and words[1][:3].lower() in MONTHS:
        parts.append(MONTHS[words[1][:3].lower()])
        if len(words) > 2 and words[2].isdigit() and 1 <= int(words[2]) <= 31:
            parts.append(int(words[2]))
    return parts


def full_pages(pages: str) -> str:
    """MEDLINE's short ranges written out: "1249-52" → "1249-1252"; others unchanged."""
    m = re.fullmatch(r"([A-Za-z]?)(\d+)-([A-Za-z]?)(\d+)", pages.strip())
    if not m:
        return pages.strip()
    start, end = m.group(2), m.group(4)
    if len(end) < len(start) and not m.group(3):
        end = start[: len(start) - len(end)] + end
    return f"{m.group(1)}{start}-{m.group(3)}{end}"


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _name(author: dict) -> dict[str, str] | None:
    name = plain_text(str(author.get("name", "")))
    if not name:
        return None
    if author.get("authtype") == "CollectiveName":
        return {"literal": name}
    family, _, initials = name.rpartition(" ")
    if family and re.fullmatch(r"[A-Z]{1,4}", initials):
        return {"family": family, "given": "".join(c + "." for c in initials)}
    return {"family": name}


def summary_to_csl(doc: dict[str, Any], pmid: str) -> dict[str, Any]:
    """An esummary document as a CSL-JSON item (no ``id``)."""
    item: dict[str, Any] = {"type": "article-journal", "title": rich_text(str(doc["title"])).rstrip(".")}
    names = [n for n in map(_name, (a for a in _list(doc.get("authors")) if isinstance(a, dict))) if n]
    if names:
        item["author"] = names
    parts = pubdate(str(doc.get("pubdate", ""))) or pubdate(str(doc.get("epubdate", "")))
    if parts:
        item["issued"] = {"date-parts": [parts]}
    for source, var in (("fulljournalname", "container-title"), ("source", "container-title-short"),
                        ("volume", "volume"), ("issue", "issue")):
        if str(doc.get(source) or "").strip():
            text = str(doc[source])
            item[var] = rich_text(text) if var == "container-title" else plain_text(text)
    if str(doc.get("pages") or "").strip():
        item["page"] = full_pages(str(doc["pages"]))
    issn = str(doc.get("issn") or doc.get("essn") or "").strip()
    if issn:
        item["ISSN"] = issn
    langs = doc.get("lang")
    if isinstance(langs, list) and langs and isinstance(langs[0], str):
        item["language"] = bcp47_language(langs[0])
    item["PMID"] = pmid
    for article_id in _list(doc.get("articleids")):
        if not isinstance(article_id, dict):
            continue
        kind, value = article_id.get("idtype"), str(article_id.get("value") or "").strip()
        if kind == "doi" and value.startswith("10."):
            item["DOI"] = value
        elif kind == "pmc" and re.fullmatch(r"PMC\d+", value):
            item["PMCID"] = value
    pubtypes = [t for t in _list(doc.get("pubtype")) if isinstance(t, str)]
    design = design_of(pubtypes)
    if design:
        item["design"] = design
    if RETRACTED in pubtypes:
        item["updates"] = [str(Update(date="", type="retraction", source="pubmed"))]
    return item
