"""acuref add: identifiers by shape, lookups against a local server, duplicates, pasted text, the template."""

from __future__ import annotations

import json
import sys
import tomllib

import pytest

from tests.lookup_server import Reply, closed_port_url, lookup  # noqa: F401 (fixture)

NEW_DOI = "10.5555/acuref.test.1"


@pytest.mark.parametrize("text, kind, value", [
    ("10.1136/bmj.305.6864.1249", "doi", "10.1136/bmj.305.6864.1249"),
    ("https://doi.org/10.1136/bmj.305.6864.1249", "doi", "10.1136/bmj.305.6864.1249"),
    ("http://dx.doi.org/10.5555%2Fx.1", "doi", "10.5555/x.1"),
    ("doi: 10.5555/x.1.", "doi", "10.5555/x.1"),
    ("PMID: 990001", "pmid", "990001"),
    ("pmid990001", "pmid", "990001"),
    ("990001", "pmid", "990001"),
    ("https://pubmed.ncbi.nlm.nih.gov/990001/", "pmid", "990001"),
    ("PMC990002", "pmcid", "PMC990002"),
    ("PMCID: pmc990002", "pmcid", "PMC990002"),
    ("arXiv:9901.00001", "arxiv", "9901.00001"),
    ("9901.00001v2", "arxiv", "9901.00001v2"),
    ("https://arxiv.org/abs/hep-th/9901001", "arxiv", "hep-th/9901001"),
    ("ISBN 979-10-99999-00-9", "isbn", "9791099999009"),
    ("9791099999009", "isbn", "9791099999009"),
    ("0-306-40615-2", "isbn", "0306406152"),
])
def test_identifiers_are_recognised_by_shape(text, kind, value):
    from acuref.lookup import identify

    found = identify(text)
    assert (found.kind, found.value) == (kind, value)


def test_a_reference_is_no_identifier_and_a_bad_isbn_is_an_error():
    from acuref.errors import IdentifierError
    from acuref.lookup import identify

    assert identify("Deluze, C., 1992. Electroacupuncture in fibromyalgia. BMJ, 305, pp.1249-1252.") is None
    assert identify("9791099999008") is None  # 13 digits, wrong check digit, too long for a PMID
    with pytest.raises(IdentifierError, match="check digit"):
        identify("ISBN 979-10-99999-00-8")


def test_add_doi_writes_the_reference_with_a_generated_key(cli, store_copy, lookup):
    lookup.crossref(NEW_DOI, Reply.fixture("crossref-new.json"))
    before = tomllib.loads(store_copy.read_text())
    result = cli("add", f"https://doi.org/{NEW_DOI}", "--store", store_copy)
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "added tester2020: Tester 2020, Sham needles in a fictitious trial: a test record",
        "warning: tester2020: correction 2021-05-02, 10.5555/acuref.test.1.corr",
    ]
    after = tomllib.loads(store_copy.read_text())
    assert list(after["references"]) == [*before["references"], "tester2020"]
    assert after["references"]["tester2020"] == {
        "type": "article-journal",
        "title": "Sham needles in a fictitious trial: a test record",
        "author": [{"family": "Tester", "given": "Ann"}, {"literal": "Fictitious Trials Group"}],
        "editor": [{"family": "Itor", "given": "Ed"}],
        "issued": [2020, 2, 14],
        "container-title": "Journal of Test Records",
        "publisher": "Test Publisher",
        "volume": "12", "issue": "3", "page": "101-110",
        "URL": "https://doi.org/10.5555/acuref.test.1", "DOI": NEW_DOI, "ISSN": "5555-0001",
        "container-title-short": "J Test Rec", "language": "en",
        "design": "unknown",
        "updates": ["correction 2021-05-02 10.5555/acuref.test.1.corr publisher"],
    }
    assert after["claims"] == before["claims"]
    assert tomllib.loads(result.out) == {"references": {"tester2020": after["references"]["tester2020"]}}
    (request,) = lookup.requests
    assert request.query == {"mailto": ["writer@example.org"]}
    assert request.headers["User-Agent"].startswith("acuref/") and "mailto:writer@example.org" in request.headers["User-Agent"]


def test_add_twice_uses_the_cache_and_reports_the_duplicate(cli, store_copy, lookup):
    lookup.crossref(NEW_DOI, Reply.fixture("crossref-new.json"))
    assert cli("add", NEW_DOI, "--store", store_copy).code == 0
    text = store_copy.read_text()
    result = cli("add", NEW_DOI, "--store", store_copy, "--json")
    assert result.code == 1
    assert len(lookup.requests) == 1  # the second lookup came from the response cache
    assert "not added: likely duplicate of tester2020" in result.err
    data = json.loads(result.out)
    assert data["added"] == [] and data["written"] is True
    assert data["skipped"] == [{"key": "tester2020a", "duplicate_of": "tester2020",
                                "title": "Sham needles in a fictitious trial: a test record"}]
    assert store_copy.read_text() == text


def test_a_duplicate_of_a_seed_reference_is_reported_not_added_and_merge_merges(cli, store_copy, lookup):
    doi = "10.1136/bmj.305.6864.1249"
    lookup.crossref(doi, Reply.fixture("crossref-deluze.json"))
    text = store_copy.read_text()
    result = cli("add", doi, "--store", store_copy)
    assert result.code == 1
    assert result.out == ""
    assert result.err.strip() == ("not added: likely duplicate of deluze1992: Electroacupuncture in fibromyalgia: "
                                  "results of a controlled trial. (--merge merges it; acuref show deluze1992)")
    assert store_copy.read_text() == text
    merged = cli("add", doi, "--store", store_copy, "--merge")
    assert merged.code == 0, merged.err
    assert merged.err.startswith("merged into deluze1992: ")
    deluze = tomllib.loads(store_copy.read_text())["references"]["deluze1992"]
    assert deluze["DOI"] == doi and deluze["design"] == "controlled-trial"


def test_add_pmid_maps_the_esummary_record(cli, store_copy, lookup):
    lookup.route("/eutils/esummary.fcgi", Reply.fixture("esummary-990001.json"))
    result = cli("add", "PMID: 990001", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    (item,) = json.loads(result.out)["added"]
    assert item["id"] == "needle2011"
    assert item["author"] == [{"family": "Needle", "given": "A.B."}, {"family": "van Sham", "given": "C."},
                              {"literal": "Fictitious Acupuncture Trialists"}]
    assert item["issued"] == {"date-parts": [[2011, 11, 21]]}
    assert (item["page"], item["PMID"], item["PMCID"], item["DOI"]) == ("1249-1252", "990001", "PMC990002", "10.5555/acuref.pubmed.1")
    assert item["title"] == "Electroacupuncture for fictitious pain: a randomised sham-controlled trial"
    assert item["design"] == "randomised-trial"  # PubMed's publication type
    (request,) = lookup.requests
    assert request.query == {"db": ["pubmed"], "id": ["990001"], "retmode": ["json"], "tool": ["acuref"],
                             "email": ["writer@example.org"]}


def test_add_pmcid_goes_through_the_id_converter(cli, store_copy, lookup):
    lookup.route("/idconv/", Reply.fixture("idconv-990002.json"))
    lookup.route("/eutils/esummary.fcgi", Reply.fixture("esummary-990001.json"))
    result = cli("add", "PMC990002", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["added"][0]["PMCID"] == "PMC990002"
    assert [r.path for r in lookup.requests] == ["/idconv/", "/eutils/esummary.fcgi"]


@pytest.mark.parametrize("arg, route, fixture, message", [
    ("PMC990009", "/idconv/", "idconv-missing.json", "error: PMC ID Converter has no record of PMC990009"),
    ("990009", "/eutils/esummary.fcgi", "esummary-missing.json", "error: PubMed has no record of PMID 990009"),
])
def test_unknown_ncbi_ids_are_not_found(cli, store_copy, lookup, arg, route, fixture, message):
    lookup.route(route, Reply.fixture(fixture))
    text = store_copy.read_text()
    result = cli("add", arg, "--store", store_copy)
    assert (result.code, result.out, result.err.strip()) == (3, "", message)
    assert store_copy.read_text() == text


def test_add_isbn_from_open_library(cli, store_copy, lookup):
    lookup.route("/openlibrary/api/books", Reply.fixture("openlibrary-9791099999009.json"))
    result = cli("add", "ISBN 979-10-99999-00-9", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    (item,) = json.loads(result.out)["added"]
    assert {k: item[k] for k in ("id", "type", "title", "author", "issued", "publisher", "publisher-place",
                                 "ISBN", "number-of-pages")} == {
        "id": "meridian2004", "type": "book", "title": "A fictitious handbook of acupuncture points: for testing",
        "author": [{"family": "Meridian", "given": "Mary"}], "issued": {"date-parts": [[2004]]},
        "publisher": "Test Press", "publisher-place": "Testville", "ISBN": "9791099999009", "number-of-pages": "216"}
    lookup.route("/openlibrary/api/books", Reply(body="{}"))
    missing = cli("add", "9780306406157", "--store", store_copy)
    assert (missing.code, missing.err.strip()) == (3, "error: Open Library has no record of ISBN 9780306406157")


def test_add_arxiv_from_the_atom_feed(cli, store_copy, lookup):
    lookup.route("/arxiv/query", Reply.fixture("arxiv-9901.00001.xml"))
    result = cli("add", "arXiv:9901.00001", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    (item,) = json.loads(result.out)["added"]
    assert {k: item[k] for k in ("id", "type", "title", "author", "issued", "number", "DOI", "notes")} == {
        "id": "preprint2099", "type": "article", "title": "A fictitious model of needle depth",
        "author": [{"family": "Preprint", "given": "Pat"}, {"family": "Queue", "given": "Quinn Q."}],
        "issued": {"date-parts": [[2099, 1, 2]]}, "number": "9901.00001v2", "DOI": "10.48550/arXiv.9901.00001",
        "notes": "Published as: J. Test Rec. 12 (2100) 1-9"}


@pytest.mark.parametrize("fixture, message", [
    ("arxiv-entities.xml", "error: arXiv: the answer is not a readable Atom feed"),
    ("arxiv-error.xml", "error: arXiv: arXiv:9901.00001: incorrect id format for 9901.99999"),
])
def test_arxiv_feeds_with_entities_or_errors_are_refused(cli, store_copy, lookup, fixture, message):
    lookup.route("/arxiv/query", Reply.fixture(fixture))
    text = store_copy.read_text()
    result = cli("add", "arXiv:9901.00001", "--store", store_copy)
    assert result.code == 7
    assert result.err.startswith(message) and len(result.err.strip().splitlines()) == 1
    assert store_copy.read_text() == text


def test_http_429_waits_as_retry_after_asks_then_succeeds(cli, store_copy, lookup):
    lookup.crossref(NEW_DOI, Reply(429, "{}", {"Retry-After": "2"}), Reply.fixture("crossref-new.json"))
    result = cli("add", NEW_DOI, "--store", store_copy)
    assert result.code == 0, result.err
    assert lookup.sleeps == [2.0]
    assert len(lookup.requests) == 2


def test_http_429_asking_for_too_long_a_wait_fails_at_once(cli, store_copy, lookup):
    lookup.crossref(NEW_DOI, Reply(429, "{}", {"Retry-After": "3600"}))
    text = store_copy.read_text()
    result = cli("add", NEW_DOI, "--store", store_copy)
    assert (result.code, result.out) == (7, "")
    assert result.err.strip() == "error: Crossref: HTTP 429 (too many requests); it asks to retry after 3600 s"
    assert len(lookup.requests) == 1 and lookup.sleeps == []
    assert store_copy.read_text() == text


def test_server_errors_are_retried_with_exponential_backoff_then_reported(cli, store_copy, lookup, monkeypatch):
    monkeypatch.setenv("ACUREF_HTTP_BACKOFF", "0.5")
    lookup.crossref(NEW_DOI, Reply(503, "unavailable"))
    text = store_copy.read_text()
    result = cli("add", NEW_DOI, "--store", store_copy)
    assert result.code == 7
    assert result.err.strip() == "error: Crossref: HTTP 503 (after 3 attempts)"
    assert lookup.sleeps == [0.5, 1.0]
    assert store_copy.read_text() == text


def test_a_timeout_is_retried_then_reported(cli, store_copy, lookup, monkeypatch):
    monkeypatch.setenv("ACUREF_HTTP_TIMEOUT", "0.2")
    monkeypatch.setenv("ACUREF_HTTP_RETRIES", "1")
    lookup.crossref(NEW_DOI, Reply.fixture("crossref-new.json", delay=1.0))
    text = store_copy.read_text()
    result = cli("add", NEW_DOI, "--store", store_copy)
    assert result.code == 7
    assert result.err.strip() == "error: Crossref: no answer within 0.2 s (after 2 attempts)"
    assert store_copy.read_text() == text


def test_404_and_malformed_json_and_offline(cli, store_copy, lookup, monkeypatch):
    text = store_copy.read_text()
    missing = cli("add", "10.5555/nothing.here", "--store", store_copy)
    assert (missing.code, missing.err.strip()) == (3, "error: Crossref has no record of DOI 10.5555/nothing.here")
    lookup.crossref(NEW_DOI, Reply(body='{"status": "ok", "message": {"title": ['))
    broken = cli("add", NEW_DOI, "--store", store_copy)
    assert broken.code == 7
    assert broken.err.startswith("error: Crossref: the answer is not valid JSON")
    lookup.crossref(NEW_DOI, Reply.fixture("crossref-new.json"))
    assert cli("add", NEW_DOI, "--store", store_copy, "--dry-run").code == 0  # the bad body was not cached
    monkeypatch.setenv("ACUREF_CROSSREF_URL", closed_port_url())
    offline = cli("add", "10.5555/other", "--store", store_copy)
    assert offline.code == 7
    assert offline.err.startswith("error: Crossref: cannot connect (") and offline.err.strip().endswith("are you offline?")
    assert store_copy.read_text() == text


def test_one_failed_lookup_among_several_writes_nothing(cli, store_copy, lookup):
    lookup.crossref(NEW_DOI, Reply.fixture("crossref-new.json"))
    text = store_copy.read_text()
    result = cli("add", NEW_DOI, "10.5555/nothing.here", "--store", store_copy)
    assert result.code == 3 and store_copy.read_text() == text


def test_add_a_pasted_reference_through_the_text_parser(cli, store_copy, lookup):
    line = "Tester, A. and Probe, B., 2019. A pasted fictitious trial. Journal of Test Records12(3), pp.101-110."
    result = cli("add", line, "--store", store_copy)
    assert result.code == 0, result.err
    ref = tomllib.loads(store_copy.read_text())["references"]["tester2019"]
    assert (ref["title"], ref["container-title"], ref["page"], ref["original"]) == (
        "A pasted fictitious trial", "Journal of Test Records", "101-110", line)
    assert lookup.requests == []
    garbage = cli("add", "not", "a", "reference", "--store", store_copy)
    assert garbage.code == 5
    assert garbage.err.splitlines()[0].startswith("error: <argument>: not an identifier")


def test_add_reads_pasted_references_from_stdin(cli, store_copy, monkeypatch):
    import io

    pasted = ("Tester, A., 2019. A first pasted fictitious trial. Journal of Test Records12(3), pp.101-110.\n\n"
              "Probe, B., 2018. A second pasted fictitious trial. Journal of Test Records11(1), pp.1-9.\n")
    monkeypatch.setattr("sys.stdin", io.StringIO(pasted))
    result = cli("add", "-", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    assert [i["id"] for i in json.loads(result.out)["added"]] == ["tester2019", "probe2018"]
    assert {"tester2019", "probe2018"} <= set(tomllib.loads(store_copy.read_text())["references"])


def test_add_refuses_the_bundled_store_and_needs_something_to_add(cli, lookup):
    assert cli("add").code == 2
    lookup.crossref(NEW_DOI, Reply.fixture("crossref-new.json"))
    bundled = cli("add", NEW_DOI)  # no --store, no $ACUREF_STORE, empty cwd: the bundled store
    assert bundled.code == 6 and "the bundled store is read-only" in bundled.err


FAKE_EDITOR = """
import json, os, sys
path = sys.argv[1]
state = os.environ["FAKE_EDITOR_STATE"]
texts = json.load(open(state))
seen = open(path).read()
open(state + ".seen", "a").write(json.dumps(seen) + "\\n")
if texts:
    text = texts.pop(0)
    json.dump(texts, open(state, "w"))
    if text is not None:
        open(path, "w").write(text)
"""


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """``editor([text, None, …])``: each editor run writes the next text (None: saves unchanged);
    returns a function giving what the editor was shown each time."""
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR)
    state = tmp_path / "editor-state.json"
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("FAKE_EDITOR_STATE", str(state))

    def plan(texts):
        state.write_text(json.dumps(texts))
        seen = state.with_name(state.name + ".seen")
        seen.unlink(missing_ok=True)
        return lambda: [json.loads(line) for line in seen.read_text().splitlines()] if seen.exists() else []

    return plan


def test_add_edit_starts_from_the_template_and_reopens_until_valid(cli, store_copy, editor):
    from acuref.adding import TEMPLATE

    filled = TEMPLATE.replace('\ntitle = ""', '\ntitle = "A hand-typed fictitious report"').replace(
        'family = "", given = ""', 'family = "Typist", given = "T."')
    shown = editor([filled, filled.replace("# issued = 2024", "issued = 2023")])
    result = cli("add", "--edit", "--store", store_copy)
    assert result.code == 0, result.err
    first, second = shown()
    assert first == TEMPLATE
    assert second.splitlines()[:2] == [
        "#! acuref: not saved yet. Fix these problems and save, or save unchanged to give up:",
        "#!   line 5: KEY: missing year ('issued'; list it in 'missing' if the source gives none)",
    ]
    assert second.splitlines()[4] == "[references.KEY]"  # the line number is the line in the file as shown
    ref = tomllib.loads(store_copy.read_text())["references"]["typist2023"]
    assert ref == {"type": "article-journal", "title": "A hand-typed fictitious report",
                   "author": [{"family": "Typist", "given": "T."}], "issued": 2023, "design": "unknown"}


def test_add_edit_problems_point_at_the_line_as_written_not_at_the_text_without_empty_fields(cli, store_copy, editor):
    from acuref.adding import TEMPLATE

    filled = TEMPLATE.replace('\ntitle = ""', '\ntitle = "A hand-typed fictitious report"').replace(
        'family = "", given = ""', 'family = "Typist", given = "T."').replace("# issued = 2024", "issued = 2023")
    shown = editor([filled.replace('design = "unknown"', 'design = "rct"'), filled])
    assert cli("add", "--edit", "--store", store_copy).code == 0
    second = shown()[1].splitlines()
    line = int(second[1].split("line ")[1].split(":")[0])
    assert "unknown design 'rct'" in second[1]
    assert second[line - 1] == 'design = "rct"'  # empty fields dropped before validation must not shift it


def test_add_edit_saved_unchanged_adds_nothing_and_invalid_unchanged_gives_up(cli, store_copy, editor):
    text = store_copy.read_text()
    editor([None])
    result = cli("add", "--edit", "--store", store_copy)
    assert (result.code, result.err.strip()) == (0, "nothing added (the template was saved unchanged)")
    editor(["[references.KEY]\ntype = 'article-journal'\ntitle = 'x'\n", None])
    gave_up = cli("add", "--edit", "--store", store_copy)
    assert gave_up.code == 2
    assert gave_up.err.strip() == "error: the reference still has problems; nothing written"
    assert store_copy.read_text() == text


def test_add_identifier_with_edit_reviews_the_record(cli, store_copy, lookup, editor):
    lookup.crossref(NEW_DOI, Reply.fixture("crossref-clean.json"))
    shown = editor([None])
    result = cli("add", NEW_DOI, "--edit", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    assert shown()[0].startswith("[references.KEY]\ntype = \"article-journal\"\ntitle = \"A fictitious study nobody")
    assert json.loads(result.out)["added"][0]["id"] == "nwork2017"
