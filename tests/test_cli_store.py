"""validate, list, show, search, topics through the CLI: exit codes, stdout, stderr."""

from __future__ import annotations

import json

import pytest

from tests.conftest import BUNDLED_STORE

BROKEN = '[references.a]\ntype = "book"\ntitel = "x"\nissued = 1999\n'


def test_validate_bundled_store(cli, bundled):
    result = cli("validate", "--store", BUNDLED_STORE)
    assert result.code == 0, result.err
    assert result.err.strip() == f"ok: {BUNDLED_STORE}: 35 references, {len(bundled.claims)} claims"
    assert result.out == ""


def test_validate_reports_problems_and_fails(cli, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(BROKEN)
    result = cli("validate", "--store", path)
    assert result.code == 4
    assert result.err.splitlines() == [
        f"{path}:1: a: missing title (list it in 'missing' if the source gives none)",
        f"{path}:3: a: unknown field 'titel'; did you mean 'title'?",
        f"error: {path}: 2 problems",
    ]
    as_json = json.loads(cli("validate", "--store", path, "--json").out)
    assert as_json["valid"] is False and [p["line"] for p in as_json["problems"]] == [1, 3]


@pytest.mark.parametrize("command", [["list"], ["show", "a"], ["search", "x"], ["topics"]])
def test_every_command_refuses_an_invalid_store(cli, tmp_path, command):
    path = tmp_path / "bad.toml"
    path.write_text(BROKEN)
    result = cli(*command, "--store", path)
    assert result.code == 4
    assert result.out == ""
    assert f"{path}:3: a: unknown field 'titel'" in result.err


def test_store_from_environment_and_from_cwd(cli, tmp_path, monkeypatch):
    path = tmp_path / "data" / "references.toml"
    path.parent.mkdir()
    path.write_text('[references.only2000]\ntype = "book"\ntitle = "Only"\nissued = 2000\n')
    assert json.loads(cli("list", "--json").out)[0]["id"] == "only2000"  # found upwards from cwd
    monkeypatch.setenv("ACUREF_STORE", str(BUNDLED_STORE))
    assert len(json.loads(cli("list", "--json").out)) == 35


def test_list_json_is_csl_with_acuref_fields(cli):
    items = json.loads(cli("list", "--json", "--store", BUNDLED_STORE).out)
    assert len(items) == 35
    deluze = next(i for i in items if i["id"] == "deluze1992")
    assert deluze["issued"] == {"date-parts": [[1992]]}
    assert deluze["author"][0] == {"family": "Deluze", "given": "C."}
    assert deluze["container-title"] == "British Medical Journal"
    assert deluze["design"] == "controlled-trial"
    assert "delize1992" in deluze["aliases"] and "fibromyalgia" in deluze["topics"]


def test_list_table_and_filters(cli):
    result = cli("list", "--store", BUNDLED_STORE, "--design", "systematic-review")
    assert result.code == 0
    rows = [line.split()[0] for line in result.out.splitlines()[1:] if line.strip()]
    assert rows == ["casimiro2005", "ezzo2006", "xu2018", "church2018", "feinstein2022"]
    assert result.err.strip() == "5 references"
    assert result.out.splitlines()[0].split() == ["key", "first", "author", "year", "title", "design"]

    def keys(*args):
        return [i["id"] for i in json.loads(cli("list", "--json", "--store", BUNDLED_STORE, *args).out)]

    assert keys("--author", "zhang", "--year", "2014") == ["zhang2014", "zhang2014a"]
    assert keys("--year", "-1992") == ["deluze1992", "ho1990"]
    assert keys("--year", "2022-", "--author", "wang") == ["wang2022", "wang2022a"]
    assert keys("--topic", "fibromyalgia") == ["deluze1992"]
    assert keys("--author", "Delize") == ["deluze1992"]  # a known variant spelling


def test_list_bad_filters_are_usage_errors(cli):
    assert cli("list", "--store", BUNDLED_STORE, "--year", "199x").code == 2
    result = cli("list", "--store", BUNDLED_STORE, "--design", "rct")
    assert result.code == 2 and "unknown design 'rct'" in result.err


def test_show_alias_and_author_year(cli, bundled):
    by_alias = cli("show", "delize1992", "--store", BUNDLED_STORE)
    assert by_alias.code == 0
    assert by_alias.out.startswith("[references.deluze1992]\n")
    assert by_alias.err.strip() == "'delize1992' resolves to deluze1992"
    by_query = cli("show", "Deluze 1992", "--store", BUNDLED_STORE, "--json")
    record = json.loads(by_query.out)
    assert record["id"] == "deluze1992"
    citing = [c.id for c in bundled.claims if {"deluze1992", "delize1992"} & set(c.cites)]
    assert citing and record["claims"] == citing


def test_show_unknown_key_suggests(cli):
    result = cli("show", "deluse1992", "--store", BUNDLED_STORE)
    assert result.code == 3 and result.out == ""
    assert result.err.startswith("error: no reference matches 'deluse1992'; did you mean deluze1992")


def test_show_ambiguous_query_lists_candidates(cli):
    result = cli("show", "zhang 2014", "--store", BUNDLED_STORE)
    assert result.code == 3
    assert "'zhang 2014' is ambiguous: it matches zhang2014 (Zhang 2014:" in result.err
    assert "zhang2014a (Zhang 2014:" in result.err


@pytest.mark.parametrize(
    "query, best",
    [
        ("deluze fibromyalgia", "deluze1992"),
        ("zhang 2014 nausea", "zhang2014a"),
        ("zhang 2014 persistent pain", "zhang2014"),
        ("delize fibromyalga", "deluze1992"),  # misspelt words still find it
        ("tennis", None),
        ("tapping emotional freedom", "church2018"),
        ("cochrane rheumatoid", "casimiro2005"),
    ],
)
def test_search_ranks_the_right_paper_first(cli, query, best):
    result = cli("search", *query.split(), "--json", "--store", BUNDLED_STORE)
    assert result.code == 0
    hits = json.loads(result.out)
    if best is None:
        assert hits == [] or hits[0]["score"] < 100
    else:
        assert hits[0]["id"] == best
        assert all(h["score"] <= hits[0]["score"] for h in hits)


def test_topics_counts(cli, bundled):
    data = json.loads(cli("topics", "--json", "--store", BUNDLED_STORE).out)
    assert sum(data["designs"].values()) == 35
    assert data["designs"]["systematic-review"] == 5
    assert data["topics"]["electroacupuncture"] == sum("electroacupuncture" in r.topics for r in bundled)
    table = cli("topics", "--store", BUNDLED_STORE).out
    assert ["systematic-review", "systematic", "review/meta-analysis", "5"] in [line.split() for line in table.splitlines()]


def test_help_for_every_command(cli):
    from acuref.cli.app import app
    from typer.main import get_command

    names = sorted(get_command(app).commands)
    assert {"validate", "list", "show", "search", "topics"} <= set(names)
    for name in names:
        result = cli(name, "--help")
        assert result.code == 0 and "Example:" in result.out, name


def test_unknown_command_is_a_usage_error(cli):
    result = cli("frobnicate")
    assert result.code == 2 and "No such command" in result.err


def test_python_dash_m_runs(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "acuref", "show", "hayhoe2010", "--store", str(BUNDLED_STORE)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("[references.hayhoe2010]")


def test_listings_show_titles_without_their_markup(cli, tmp_path):
    """A title stored with rich text (BibTeX braces become nocase spans, <i> for species) is listed
    and searched as plain text; --json keeps the stored value."""
    store = tmp_path / "references.toml"
    store.write_text('schema = 1\n\n[references.doe2001]\ntype = "article-journal"\n'
                     'title = "<span class=\\"nocase\\">GABA</span> in <i>E. coli</i> cultures"\n'
                     'author = [{ family = "Doe", given = "J." }]\nissued = 2001\n', encoding="utf-8")
    listed = cli("list", "--store", store)
    assert listed.code == 0 and "GABA in E. coli cultures" in listed.out and "<span" not in listed.out
    found = cli("search", "GABA", "--store", store)
    assert "GABA in E. coli cultures" in found.out and "<i>" not in found.out
    assert '<span class=\\"nocase\\">GABA' in cli("list", "--store", store, "--json").out
