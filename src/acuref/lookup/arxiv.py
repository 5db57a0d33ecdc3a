"""arXiv API: a preprint by arXiv id, from the Atom feed.

``GET {base}/query?id_list=2101.00001`` answers an Atom 1.0 feed
(https://info.arxiv.org/help/api/user-manual.html, "Details of Atom Results Returned"): one
``entry`` with ``id`` (http://arxiv.org/abs/ID), ``published``, ``title``, ``summary``,
``author/name``, and in the arXiv namespace ``doi`` and ``journal_ref`` when the work has been
published. An unknown or malformed id gives an entry whose ``id`` is under
``http://arxiv.org/api/errors`` or a feed without entries.

The feed is parsed with defusedxml with DTDs refused: no entity is expanded and nothing is
fetched, whatever the server sends.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import RemoteError, RemoteNotFoundError

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def fetch_arxiv(client, arxiv_id: str) -> dict[str, Any]:
    """The CSL-JSON item of arXiv preprint ``arxiv_id``."""
    from . import base_url

    text = client.get_text("arXiv", f"{base_url('arxiv')}/query", {"id_list": arxiv_id}, what=f"arXiv:{arxiv_id}")
    try:
        return feed_to_csl(text, arxiv_id)
    except RemoteError:
        client.forget(f"{base_url('arxiv')}/query", {"id_list": arxiv_id})
        raise


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def feed_to_csl(text: str, arxiv_id: str) -> dict[str, Any]:
    """An arXiv Atom feed as the CSL-JSON item of its entry for ``arxiv_id``."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        feed = fromstring(text.encode("utf-8"), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException) as exc:
        raise RemoteError("arXiv", f"the answer is not a readable Atom feed ({exc})") from None
    if feed.tag != f"{ATOM}feed":
        raise RemoteError("arXiv", "the answer is not an Atom feed")
    entry = feed.find(f"{ATOM}entry")
    if entry is None:
        raise RemoteNotFoundError("arXiv", f"arXiv:{arxiv_id}")
    entry_id = _text(entry, f"{ATOM}id")
    if "/api/errors" in entry_id:
        raise RemoteError("arXiv", f"arXiv:{arxiv_id}: {_text(entry, f'{ATOM}summary') or 'error'}")
    title = _text(entry, f"{ATOM}title")
    if not title:
        raise RemoteNotFoundError("arXiv", f"arXiv:{arxiv_id}")
    found_id = re.sub(r"^https?://arxiv\.org/abs/", "", entry_id) or arxiv_id
    bare = re.sub(r"v\d+$", "", found_id)
    item: dict[str, Any] = {"type": "article", "title": title, "publisher": "arXiv", "number": found_id,
                            "URL": f"https://arxiv.org/abs/{found_id}", "DOI": f"10.48550/arXiv.{bare}"}
    from . import person

    authors = [person(_text(a, f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")]
    authors = [a for a in authors if a]
    if authors:
        item["author"] = authors
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", _text(entry, f"{ATOM}published"))
    if m:
        item["issued"] = {"date-parts": [[int(g) for g in m.groups()]]}
    notes = [f"Published as: {v}" for v in (_text(entry, f"{ARXIV}journal_ref"),) if v]
    notes += [f"Published DOI: {v}" for v in (_text(entry, f"{ARXIV}doi"),) if v]
    if notes:
        item["notes"] = "; ".join(notes)
    return item
