"""Importing another acuref store, and recognising a record imported twice."""

from __future__ import annotations

import json

from acuref.dedupe import find_groups
from acuref.formats import detect, read_file
from acuref.model import Name, Reference
from tests.conftest import BUNDLED_STORE


def test_another_store_is_read_as_a_store(tmp_path):
    """A colleague's references.toml is an import file like any export: detected by its tables (also
    without the .toml extension), read with the store's own validation, claims left out with a warning."""
    text = BUNDLED_STORE.read_text(encoding="utf-8")
    assert detect("theirs.toml", text) == detect("theirs.txt", text) == "acuref"
    result = read_file(BUNDLED_STORE)
    assert result.format == "acuref" and not result.problems
    assert len(result.references) == 35 and result.references[0].key == "zhang2022"
    assert result.lines["zhang2022"] == 6
    assert any("evidence claims not imported" in w.message for w in result.warnings)


def test_a_malformed_store_file_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "theirs.toml"
    bad.write_text('schema = 1\n\n[references.doe2001]\ntype = "book"\ntitle = "Needles"\nissued = "someday"\n',
                   encoding="utf-8")
    result = read_file(bad)
    assert result.format == "acuref" and not result.references
    assert [(p.line, "issued" in p.message) for p in result.problems] == [(6, True)]


def test_importing_the_same_store_twice_adds_nothing_identifiable(cli, tmp_path):
    """Every record with a title or an identifier is recognised the second time, sparse ones too
    (feinstein2022: a title, one author, a year and a journal); the one record with neither (NIH 2022,
    a web page whose title the seed does not give) cannot be told from another NIH page of 2022."""
    store = tmp_path / "references.toml"
    first = cli("import", str(BUNDLED_STORE), "--store", store, "--json")
    assert first.code == 0 and len(json.loads(first.out)["added"]) == 35
    second = json.loads(cli("import", str(BUNDLED_STORE), "--store", store, "--json").out)
    assert second["added"] == ["nih2022a"]
    assert len(second["skipped"]) == 34


def test_identical_sparse_records_are_one_work_but_two_editorials_are_not():
    doe = Reference(key="doe", type="article-journal", title="Needling depth and pain relief in chronic neck pain",
                    author=(Name(family="Doe", given="J."),), issued=(2001,),
                    fields={"container-title": "Journal of Needles"})
    groups = find_groups([doe, doe.with_changes(key="doe2")])
    assert [(g.keys, g.confidence) for g in groups] == [(("doe", "doe2"), "certain")]
    editorial = doe.with_changes(title="Editorial", author=(Name(literal="Invented Board"),))
    assert find_groups([editorial, editorial.with_changes(key="ed2")]) == []


def test_the_format_option_names_every_reader():
    from acuref.cli.common import FORMAT
    from acuref.formats import READ_FORMATS

    assert all(name in FORMAT.help for name in READ_FORMATS)


def test_biblatex_is_a_name_of_the_bibtex_reader(cli, tmp_path):
    """`export --to biblatex` exists, so `import -f biblatex` reads the same syntax (QA2)."""
    bib = tmp_path / "x.bib"
    bib.write_text("@online{doe2001, author={Doe, Jane}, title={Needles online}, date={2001}, url={https://e.org}}\n",
                   encoding="utf-8")
    result = cli("import", bib, "-f", "biblatex", "--store", tmp_path / "r.toml", "--json")
    assert result.code == 0 and json.loads(result.out)["added"] == ["doe2001"]
