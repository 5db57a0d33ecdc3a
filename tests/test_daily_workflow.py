"""The README's daily workflow, end to end on a new store: add by DOI -> set design -> cite -> check draft ->
retractions, with Crossref played by the local server."""

from __future__ import annotations

import json

from tests.lookup_server import Reply, lookup  # noqa: F401 (fixture)


def test_add_set_cite_check_retractions(cli, tmp_path, lookup):
    store = tmp_path / "references.toml"  # a new store: add creates it
    lookup.crossref("10.5555/acuref.test.1", Reply.fixture("crossref-new.json"))
    lookup.crossref("10.5555/acuref.retracted", Reply.fixture("crossref-retracted.json"))

    added = cli("add", "10.5555/acuref.test.1", "10.5555/acuref.retracted", "--store", store)
    assert added.code == 0, added.err
    assert [line.split(":")[0] for line in added.err.splitlines() if line.startswith("added")] == [
        "added tester2020", "added tracted2015"]

    assert cli("set", "tester2020", "design=randomised-trial", "topics=electroacupuncture,pain", "--store", store).code == 0
    listed = json.loads(cli("list", "--design", "randomised-trial", "--json", "--store", store).out)
    assert [i["id"] for i in listed] == ["tester2020"]

    cited = cli("cite", "tester2020", "--style", "apa", "--store", store)
    assert cited.code == 0 and "Sham needles in a fictitious trial" in cited.out

    draft = tmp_path / "article.md"
    draft.write_text("Sham needles did as well (Tester, 2020), and so did another trial (Tracted, 2015).\n")
    checked = cli("check", draft, "--store", store)
    assert checked.code == 0, checked.out + checked.err

    report = cli("retractions", "--store", store)
    assert report.code == 1
    assert "retracted: tracted2015 (DOI 10.5555/acuref.retracted)" in report.err
    again = cli("check", draft, "--retractions", "--store", store)
    assert again.code == 1
    assert cli("validate", "--store", store).code == 0
