"""Crossref REST API: a work's metadata by DOI, and the editorial notices about it.

``GET {base}/works/{doi}`` answers ``{"status": "ok", "message-type": "work", "message": {...}}``
(https://api.crossref.org/swagger-ui/index.html; field list in
https://github.com/CrossRef/rest-api-doc/blob/master/api_format.md). Fields used: ``type``,
``title`` and ``subtitle`` (lists), ``author``/``editor`` (``given``, ``family``, ``suffix``, or
``name`` for an organisation), ``issued`` (``date-parts``), ``container-title`` and
``short-container-title`` (lists), ``volume``, ``issue``, ``page``, ``article-number``,
``publisher``, ``publisher-location``, ``ISSN``/``ISBN`` (lists), ``URL``, ``language``. Titles carry
publisher markup and HTML entities: they become rich text, the other fields plain text (:mod:`.markup`).

Notices: ``updated-by`` lists the notices that update this work and ``update-to`` the works
this one updates (when the DOI is itself a notice); each entry is ``{"DOI", "type", "label",
"source", "updated": {"date-parts": [[y, m, d]]}, "record-id"}``. Since 2023 Crossref also
carries the Retraction Watch database there, with ``"source": "retraction-watch"``
(https://www.crossref.org/documentation/retrieve-metadata/retraction-watch/).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ..errors import RemoteError
from .markup import plain_text, rich_text
from ..updates import TYPES, Update, valid_date

#: Crossref work types → CSL types (Crossref's /types list; the rest become "document").
CSL_TYPE = {
    "journal-article": "article-journal", "book-chapter": "chapter", "book-part": "chapter",
    "book-section": "chapter", "book": "book", "edited-book": "book", "monograph": "book",
    "reference-book": "book", "book-series": "book", "book-set": "book", "book-track": "chapter",
    "proceedings-article": "paper-conference", "proceedings": "book", "posted-content": "article",
    "report": "report", "report-component": "report", "report-series": "report", "dataset": "dataset",
    "dissertation": "thesis", "reference-entry": "entry-encyclopedia", "standard": "standard",
    "peer-review": "review", "component": "document", "other": "document",
}


def work_url(doi: str) -> str:
    from . import base_url

    return f"{base_url('crossref')}/works/{quote(doi, safe='')}"


def fetch_work(client, doi: str, *, max_age: float | None = None) -> dict[str, Any]:
    """The ``message`` of Crossref's answer for ``doi``; RemoteError when the answer has another shape."""
    from .http import DAY, mailto

    params = {"mailto": mailto()} if mailto() else {}
    data = client.get_json("Crossref", work_url(doi), params, what=f"DOI {doi}",
                           max_age=30 * DAY if max_age is None else max_age)
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict) or data.get("status", "ok") != "ok":
        raise RemoteError("Crossref", f"unexpected answer for DOI {doi} (no work record in it)")
    return message


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _names(value: Any) -> list[dict[str, str]]:
    out = []
    for person in value if isinstance(value, list) else []:
        if not isinstance(person, dict):
            continue
        if person.get("family"):
            name = {"family": plain_text(str(person["family"]))}
            for part in ("given", "suffix"):
                if person.get(part):
                    name[part] = plain_text(str(person[part]))
            out.append(name)
        elif person.get("name"):
            out.append({"literal": plain_text(str(person["name"]))})
    return out


def date_parts(value: Any) -> list[int] | None:
    """``{"date-parts": [[1992, 11, 21]]}`` → [1992, 11, 21]; None when there is no year."""
    try:
        parts = value["date-parts"][0]
        numbers = [int(p) for p in parts if p is not None]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return numbers[:3] if numbers else None


def work_to_csl(work: dict[str, Any]) -> dict[str, Any]:
    """A Crossref work as a CSL-JSON item (no ``id``); its notices go in acuref's ``updates`` field."""
    item: dict[str, Any] = {"type": CSL_TYPE.get(str(work.get("type", "")), "document")}
    title, subtitle = rich_text(_first(work.get("title"))), rich_text(_first(work.get("subtitle")))
    if title:
        item["title"] = f"{title}: {subtitle}" if subtitle and subtitle.lower() not in title.lower() else title
    for role in ("author", "editor"):
        names = _names(work.get(role))
        if names:
            item[role] = names
    for source in ("issued", "published-print", "published-online", "published"):
        parts = date_parts(work.get(source))
        if parts:
            item["issued"] = {"date-parts": [parts]}
            break
    for source, var in (("container-title", "container-title"), ("short-container-title", "container-title-short"),
                        ("ISSN", "ISSN"), ("ISBN", "ISBN")):
        text = _first(work.get(source))
        text = rich_text(text) if var.startswith("container-title") else plain_text(text)
        if text:
            item[var] = text
    for source, var in (("volume", "volume"), ("issue", "issue"), ("page", "page"), ("article-number", "number"),
                        ("publisher", "publisher"), ("publisher-location", "publisher-place"), ("URL", "URL"),
                        ("DOI", "DOI"), ("language", "language")):
        value = work.get(source)
        if isinstance(value, (str, int)) and str(value).strip():
            item[var] = " ".join(str(value).split()) if var in ("URL", "DOI") else plain_text(str(value))
    notices = [str(u) for u in notices_of(work)]
    if notices:
        item["updates"] = notices
    return item


def notices_of(work: dict[str, Any]) -> list[Update]:
    """The notices in a work's ``updated-by`` (Crossmark deposits and Retraction Watch records), oldest first.

    Types Crossref uses but acuref does not know are skipped (they are not editorial notices)."""
    found = []
    for entry in _list(work.get("updated-by")):
        if not isinstance(entry, dict):
            continue
        kind = str(entry.get("type", "")).strip().lower().replace("-", "_").replace(" ", "_")
        if kind not in TYPES:
            continue
        parts = date_parts(entry.get("updated")) or []
        date = "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))
        if not valid_date(date):
            date = ""
        doi = str(entry.get("DOI") or "").strip()
        source = str(entry.get("source") or "").strip().lower()
        found.append(Update(date=date, type=kind, doi=doi if doi.startswith("10.") and " " not in doi else "",
                            source=source if source.replace("-", "").isalnum() else ""))
    return sorted(set(found))


def is_notice(work: dict[str, Any]) -> list[tuple[str, str]]:
    """(type, DOI updated) for each work this record is itself a notice about (its ``update-to``)."""
    out = []
    for entry in _list(work.get("update-to")):
        if isinstance(entry, dict) and entry.get("DOI"):
            out.append((str(entry.get("type", "")).lower(), str(entry["DOI"])))
    return out
