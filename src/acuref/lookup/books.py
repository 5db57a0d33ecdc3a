"""Open Library: a book by ISBN.

``GET {base}/api/books?bibkeys=ISBN:…&format=json&jscmd=data`` answers
``{"ISBN:…": {"title", "subtitle", "authors": [{"name"}], "publishers": [{"name"}],
"publish_places": [{"name"}], "publish_date": "1992", "number_of_pages": 216, "url"}}``, and ``{}``
for an ISBN it does not know (https://openlibrary.org/dev/docs/api/books, "jscmd=data").
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import RemoteError, RemoteNotFoundError


def fetch_isbn(client, isbn: str) -> dict[str, Any]:
    """The CSL-JSON item of the book with ``isbn`` (digits, as :func:`acuref.lookup.identify` gives it)."""
    from . import base_url

    key = f"ISBN:{isbn}"
    data = client.get_json("Open Library", f"{base_url('openlibrary')}/api/books",
                           {"bibkeys": key, "format": "json", "jscmd": "data"}, what=f"ISBN {isbn}")
    if not isinstance(data, dict):
        raise RemoteError("Open Library", f"unexpected answer for ISBN {isbn} (not an object)")
    book = data.get(key)
    if book is None:
        raise RemoteNotFoundError("Open Library", f"ISBN {isbn}")
    if not isinstance(book, dict) or not book.get("title"):
        raise RemoteError("Open Library", f"unexpected answer for ISBN {isbn} (no title in it)")
    return book_to_csl(book, isbn)


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else []
    return [" ".join(str(v["name"]).split()) for v in items if isinstance(v, dict) and v.get("name")]


def book_to_csl(book: dict[str, Any], isbn: str) -> dict[str, Any]:
    from . import person

    title = " ".join(str(book["title"]).split())
    subtitle = " ".join(str(book.get("subtitle") or "").split())
    item: dict[str, Any] = {"type": "book", "title": f"{title}: {subtitle}" if subtitle else title, "ISBN": isbn}
    authors = [person(n) for n in _names(book.get("authors"))]
    if authors:
        item["author"] = [a for a in authors if a]
    m = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", str(book.get("publish_date") or ""))
    if m:
        item["issued"] = {"date-parts": [[int(m.group(1))]]}
    for source, var in (("publishers", "publisher"), ("publish_places", "publisher-place")):
        names = _names(book.get(source))
        if names:
            item[var] = names[0]
    pages = book.get("number_of_pages")
    if isinstance(pages, int) and pages > 0:
        item["number-of-pages"] = str(pages)
    return item
