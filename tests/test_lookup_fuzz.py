"""Every service mapper and identifier reader, fed arbitrary data: a CSL item or a RemoteError, nothing else."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from acuref.errors import AcurefError

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=20)
CROSSREF_FIELDS = ["type", "title", "subtitle", "author", "editor", "issued", "published-print", "container-title",
                   "short-container-title", "ISSN", "ISBN", "volume", "issue", "page", "publisher", "DOI", "URL",
                   "updated-by", "update-to", "language", "article-number"]


def _fields(names):
    return st.dictionaries(st.sampled_from(names), JSON, max_size=len(names))


class FakeClient:
    def __init__(self, body):
        self.body = body

    def get_json(self, service, url, params=None, **kw):
        return json.loads(self.body)

    def get_text(self, service, url, params=None, **kw):
        return self.body

    def forget(self, *args):
        pass


def _mapped(fetch, body, *args):
    """The item, or None when the service's answer was refused with an acuref error."""
    try:
        item = fetch(FakeClient(body), *args)
    except AcurefError:
        return None
    assert isinstance(item, dict)
    return item


@settings(max_examples=150, deadline=None)
@given(_fields(CROSSREF_FIELDS))
def test_crossref_work_to_reference(message):
    from acuref.lookup import item_to_reference
    from acuref.lookup.crossref import fetch_work

    work = _mapped(fetch_work, json.dumps({"status": "ok", "message": message}), "10.5555/x")
    if work is not None:
        from acuref.lookup.crossref import work_to_csl

        try:
            item_to_reference(work_to_csl(work), "Crossref", "DOI 10.5555/x")
        except AcurefError:
            pass


@settings(max_examples=150, deadline=None)
@given(_fields(["title", "authors", "pubdate", "epubdate", "fulljournalname", "source", "volume", "issue", "pages",
                "issn", "lang", "articleids", "pubtype", "error"]))
def test_pubmed_summary(doc):
    from acuref.lookup import item_to_reference
    from acuref.lookup.ncbi import fetch_pubmed

    item = _mapped(fetch_pubmed, json.dumps({"result": {"uids": ["1"], "1": doc}}), "1")
    if item is not None:
        try:
            item_to_reference(item, "PubMed", "PMID 1")
        except AcurefError:
            pass


@settings(max_examples=100, deadline=None)
@given(_fields(["title", "subtitle", "authors", "publishers", "publish_places", "publish_date", "number_of_pages"]))
def test_open_library_book(book):
    from acuref.lookup.books import fetch_isbn

    _mapped(fetch_isbn, json.dumps({"ISBN:0306406152": book}), "0306406152")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arxiv_feed_and_identifiers(text):
    from acuref.lookup import identify
    from acuref.lookup.arxiv import fetch_arxiv

    _mapped(fetch_arxiv, text, "9901.00001")
    _mapped(fetch_arxiv, f'<feed xmlns="http://www.w3.org/2005/Atom"><entry>{text}</entry></feed>', "9901.00001")
    try:
        identify(text)
    except AcurefError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_updates_entries_parse_or_are_refused(text):
    from acuref.updates import parse_update

    try:
        update = parse_update(text)
    except ValueError:
        return
    assert parse_update(str(update)) == update
