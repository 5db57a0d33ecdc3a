"""acuref retractions and check --retractions against a local Crossref; the 'updates' field; cite/summary flags."""

from __future__ import annotations

import json
import tomllib

import pytest

from tests.lookup_server import Reply, closed_port_url, lookup  # noqa: F401 (fixture)

STORE = """\
schema = 1

[references.tracted2015]
type = "article-journal"
title = "A fictitious trial that was retracted"
author = [{ family = "Tracted", given = "R." }]
issued = 2015
DOI = "10.5555/acuref.retracted"
design = "randomised-trial"

[references.cern2019]
type = "article-journal"
title = "A fictitious study under an expression of concern"
author = [{ family = "Cern", given = "C." }]
issued = 2019
DOI = "10.5555/acuref.concern"

[references.nwork2017]
type = "article-journal"
title = "A fictitious study nobody has questioned"
author = [{ family = "Nwork", given = "C." }]
issued = 2017
DOI = "10.5555/acuref.clean"

[references.gone2010]
type = "article-journal"
title = "A fictitious study Crossref does not know"
author = [{ family = "Gone", given = "G." }]
issued = 2010
DOI = "10.5555/acuref.gone"

[references.nodoi2000]
type = "book"
title = "A fictitious book without a DOI"
author = [{ family = "Nodoi", given = "N." }]
issued = 2000

[[claims]]
id = "pain-claim"
topic = "electroacupuncture"
condition = "fictitious pain"
text = "Electroacupuncture helps fictitious pain."
cites = ["tracted2015", "nwork2017"]
"""

RETRACTED_UPDATES = ["correction 2016-01-10 10.5555/acuref.retracted.corr retraction-watch",
                     "retraction 2018-09-03 10.5555/acuref.retracted.notice publisher"]
CONCERN_UPDATES = ["expression_of_concern 2022-11-30 10.5555/acuref.concern.eoc retraction-watch"]


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "references.toml"
    path.write_text(STORE)
    return path


@pytest.fixture
def crossref(lookup):
    for doi, fixture in (("10.5555/acuref.retracted", "crossref-retracted.json"),
                         ("10.5555/acuref.concern", "crossref-concern.json"),
                         ("10.5555/acuref.clean", "crossref-clean.json")):
        lookup.crossref(doi, Reply.fixture(fixture))
    return lookup


def refs_of(path):
    return tomllib.loads(path.read_text())["references"]


def test_retractions_reports_records_and_fails_on_a_retracted_work(cli, store, crossref):
    result = cli("retractions", "--store", store)
    assert result.code == 1
    rows = [line.split() for line in result.out.splitlines()]
    assert rows[0] == ["key", "status", "notice", "date", "notice", "DOI", "source", "cited", "by"]
    assert rows[1:] == [
        ["tracted2015", "retracted", "correction", "(new)", "2016-01-10", "10.5555/acuref.retracted.corr", "retraction-watch", "pain-claim"],
        ["tracted2015", "retracted", "retraction", "(new)", "2018-09-03", "10.5555/acuref.retracted.notice", "publisher", "pain-claim"],
        ["cern2019", "concern", "expression", "of", "concern", "(new)", "2022-11-30", "10.5555/acuref.concern.eoc", "retraction-watch"],
        ["gone2010", "unknown", "Crossref", "has", "no", "record", "of", "DOI", "10.5555/acuref.gone"],
    ]
    assert result.err.splitlines() == [
        "checked 4 references with a DOI: 1 retracted, 1 concern, 1 ok, 1 unknown; 1 without a DOI",
        f"recorded the notices in {store}",
        "retracted: tracted2015 (DOI 10.5555/acuref.retracted); cited by pain-claim",
    ]
    refs = refs_of(store)
    assert refs["tracted2015"]["updates"] == RETRACTED_UPDATES
    assert refs["cern2019"]["updates"] == CONCERN_UPDATES
    assert "updates" not in refs["nwork2017"] and "updates" not in refs["gone2010"]
    assert [r.query for r in crossref.hits("/crossref/")] == [{"mailto": ["writer@example.org"]}] * 4


def test_a_second_run_finds_nothing_new_and_leaves_the_file_alone(cli, store, crossref):
    assert cli("retractions", "--store", store).code == 1
    text = store.read_text()
    cached = cli("retractions", "--store", store, "--json")
    assert cached.code == 1 and len(crossref.requests) == 5  # answers cached within the hour; the 404 asked again
    result = cli("retractions", "--store", store, "--json", "--fresh")
    assert len(crossref.requests) == 9
    assert result.code == 1
    data = json.loads(result.out)
    assert data["retracted"] == ["tracted2015"] and data["without_doi"] == ["nodoi2000"] and data["recorded"] is False
    by_key = {r["key"]: r for r in data["references"]}
    assert by_key["tracted2015"]["new"] == [] and by_key["tracted2015"]["cited_by"] == ["pain-claim"]
    assert by_key["tracted2015"]["updates"][1] == {"type": "retraction", "date": "2018-09-03",
                                                   "doi": "10.5555/acuref.retracted.notice", "source": "publisher"}
    assert by_key["gone2010"] == {"key": "gone2010", "doi": "10.5555/acuref.gone", "status": "unknown", "updates": [],
                                  "new": [], "cited_by": [], "error": "Crossref has no record of DOI 10.5555/acuref.gone",
                                  "notice_of": []}
    assert by_key["nwork2017"]["status"] == "ok"
    assert store.read_text() == text


def test_only_the_keys_asked_for_and_no_record(cli, store, crossref):
    text = store.read_text()
    result = cli("retractions", "cern2019", "nwork2017", "--no-record", "--store", store, "--json")
    assert result.code == 0  # a concern is not a retraction
    assert [r["key"] for r in json.loads(result.out)["references"]] == ["cern2019", "nwork2017"]
    assert store.read_text() == text
    assert len(crossref.requests) == 2


def test_offline_or_a_failing_crossref_records_nothing(cli, store, crossref, monkeypatch):
    text = store.read_text()
    crossref.crossref("10.5555/acuref.concern", Reply(body="<html>maintenance</html>"))
    broken = cli("retractions", "--store", store)
    assert broken.code == 7
    assert broken.err.startswith("error: Crossref: the answer is not valid JSON") and broken.out == ""
    monkeypatch.setenv("ACUREF_CROSSREF_URL", closed_port_url())
    offline = cli("retractions", "--store", store)
    assert offline.code == 7 and "are you offline?" in offline.err
    assert store.read_text() == text


def test_rate_limited_then_answered(cli, store, crossref):
    crossref.crossref("10.5555/acuref.retracted", Reply(429, "{}", {"Retry-After": "1"}),
                      Reply.fixture("crossref-retracted.json"))
    assert cli("retractions", "tracted2015", "--store", store).code == 1
    assert crossref.sleeps == [1.0]


def test_the_bundled_store_has_no_dois_and_is_never_written(cli, lookup):
    result = cli("retractions")
    assert result.code == 0
    assert result.out == ""
    assert result.err.strip() == "checked 0 references with a DOI; 35 without a DOI"
    assert lookup.requests == []


def test_cite_and_summary_flag_recorded_notices(cli, store, crossref):
    cli("retractions", "--store", store)
    cite = cli("cite", "tracted2015", "--store", store)
    assert cite.code == 0
    assert cite.err.splitlines() == ["warning: tracted2015: correction 2016-01-10, 10.5555/acuref.retracted.corr",
                                     "warning: tracted2015: retraction 2018-09-03, 10.5555/acuref.retracted.notice"]
    assert "A fictitious trial that was retracted" in cite.out
    assert cli("cite", "nwork2017", "--store", store).err == ""
    summary = json.loads(cli("summary", "--store", store, "--json").out)
    (claim,) = [c for g in summary["groups"] for cond in g["conditions"] for c in cond["claims"]]
    flags = [(f["kind"], f["key"], f["message"]) for f in claim["flags"] if f["kind"] in ("retracted", "notice")]
    assert flags == [("retracted", "tracted2015", "tracted2015: correction 2016-01-10, 10.5555/acuref.retracted.corr"),
                     ("retracted", "tracted2015", "tracted2015: retraction 2018-09-03, 10.5555/acuref.retracted.notice")]
    text = cli("summary", "--store", store)
    assert "! retracted: tracted2015: retraction 2018-09-03" in text.out


def test_check_retractions_on_a_draft(cli, store, crossref, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("Electroacupuncture helped (Tracted, 2015; Nwork, 2017).\n")
    plain = cli("check", draft, "--store", store)
    assert plain.code == 0 and crossref.requests == []
    result = cli("check", draft, "--retractions", "--store", store, "--json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["retractions"]["retracted"] == ["tracted2015"]
    assert sorted(r["key"] for r in data["retractions"]["references"]) == ["nwork2017", "tracted2015"]
    assert "retracted: tracted2015 (DOI 10.5555/acuref.retracted); cited by pain-claim" in result.err
    assert refs_of(store)["tracted2015"]["updates"] == RETRACTED_UPDATES


@pytest.mark.parametrize("entry, message", [
    ("retraction", "must be four words: TYPE DATE DOI SOURCE"),
    ("retracted 2018 - -", "unknown update type 'retracted'"),
    ("retraction 3 Sept 2018 -", "must be four words"),
    ("retraction 2018-9-3 - -", "date '2018-9-3' must be YYYY, YYYY-MM or YYYY-MM-DD"),
    ("retraction 2018 doi:10.1/x -", "'doi:10.1/x' is not a DOI"),
])
def test_the_updates_field_is_validated(cli, tmp_path, entry, message):
    path = tmp_path / "references.toml"
    path.write_text(STORE.replace('design = "randomised-trial"', f'updates = ["{entry}"]'))
    result = cli("validate", "--store", path)
    assert result.code == 4
    assert f"{path}:9: tracted2015: field 'updates': " in result.err and message in result.err


def test_notice_status_and_merge_rules():
    from acuref.updates import Update, merge, parse_all, status

    retraction = Update("2018-09-03", "retraction", "10.5555/n", "publisher")
    assert status([retraction]) == "retracted"
    assert status([retraction, Update("2019-01-01", "reinstatement")]) == "ok"
    assert status([Update("2019", "expression_of_concern")]) == "concern"
    assert status([Update("2019", "correction")]) == "corrected"
    recorded = ["retraction - 10.5555/n -"]
    assert merge(recorded, [retraction]) == ("retraction 2018-09-03 10.5555/n publisher",)
    assert parse_all(["nonsense", "erratum 2001 - -"]) == [Update("2001", "erratum")]
