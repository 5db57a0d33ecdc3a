"""The --json output of add, edit, set, remove, rename and retractions validates against its schema
(src/acuref/schemas/NAME.schema.json), and each schema rejects a changed shape."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from tests.lookup_server import Reply, lookup  # noqa: F401 (fixture)
from tests.test_add import editor  # noqa: F401 (fixture)
from tests.test_retractions import STORE

jsonschema = pytest.importorskip("jsonschema")

PASTED = "Tester, A. and Probe, B., 2019. A pasted fictitious trial. Journal of Test Records12(3), pp.101-110."


def validator(name):
    schema = json.loads((files("acuref") / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def check(name, data):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(data)]
    assert not errors, errors
    assert data


def test_outputs_validate(cli, store_copy, lookup, editor, tmp_path):
    def run(*args, codes=(0,)):
        result = cli(*args, "--json", "--store", store_copy)
        assert result.code in codes, result.err
        return json.loads(result.out)

    check("add", run("add", PASTED))
    check("add", run("add", PASTED, codes=(1,)))  # now a duplicate: "skipped"
    check("set", run("set", "tester2019", "design=randomised-trial", "topics=pain"))
    editor([None])
    check("edit", run("edit", "tester2019"))
    check("rename", run("rename", "tester2019", "tester2019pasted"))
    check("remove", run("remove", "tester2019pasted"))
    small = tmp_path / "small.toml"
    small.write_text(STORE)
    lookup.crossref("10.5555/acuref.retracted", Reply.fixture("crossref-retracted.json"))
    result = cli("retractions", "tracted2015", "gone2010", "--json", "--store", small)
    assert result.code == 1
    data = json.loads(result.out)
    check("retractions", data)
    draft = tmp_path / "draft.md"
    draft.write_text("As shown (Tracted, 2015).\n")
    checked = json.loads(cli("check", draft, "--retractions", "--json", "--store", small).out)
    check("retraction-report", checked["retractions"])


def test_schemas_reject_a_changed_shape():
    assert list(validator("add").iter_errors({"store": None, "added": [], "skipped": [], "merged": []}))
    assert list(validator("retractions").iter_errors(
        {"checked": 1, "retracted": [], "without_doi": [], "recorded": False,
         "references": [{"key": "a", "doi": "10.1/x", "status": "withdrawn", "updates": [], "new": [],
                         "cited_by": [], "error": None, "notice_of": []}]}))
    assert list(validator("rename").iter_errors({"old": "a", "new": "b", "aliases": "a", "claims": []}))
