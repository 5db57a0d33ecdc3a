"""RIS from Embase, Ovid/PsycINFO and Scopus: the tags these exporters overload (M1, M3, C7, A2) are read
by type and shape, as Zotero's RIS translator does, and nothing they hold is lost (it goes to notes).

The files are the real exports in tests/fixtures/import (SOURCES-ris.txt: asreview/asreview demo data)."""

from __future__ import annotations

import pytest

from acuref.formats import parse, read_file
from acuref.render import render
from tests.conftest import FIXTURES

IMPORT = FIXTURES / "import"


def _refs(name: str):
    """The file's references by key and by alias (Ovid's IDs, accession numbers, are aliases)."""
    refs = read_file(IMPORT / name).references
    return {**{a: r for r in refs for a in r.aliases}, **{r.key: r for r in refs}}


def test_embase_affiliations_in_m1_are_notes_not_a_number():
    refs = _refs("asreview_embase.ris")
    for ref in refs.values():
        assert "number" not in ref.fields
    ref = refs["eloubeidi2004"]
    assert ref.fields["page"] == "253-258"
    assert "M1: (Cerfolio R.J.) Department of Cardiothoracic Surgery" in ref.notes  # kept, not lost


def test_embase_pages_are_printed_in_apa():
    ref = _refs("asreview_embase.ris")["eloubeidi2004"]
    [entry] = render([ref], [], style="apa").bibliography
    assert "Cancer, 102(4), 253–258." in entry.text and "Gastroenterol" not in entry.text


def test_ovid_cited_references_in_m1_and_cited_surnames_in_a2_are_notes():
    refs = _refs("asreview_ovid_psycinfo.ris")
    ref = refs["2019-29490-001"]
    assert "number" not in ref.fields and "editor" not in ref.fields
    assert ref.fields["page"] == "847-856"
    assert "\nA2: Andres, Bucchianeri, Buote," in "\n" + ref.notes
    assert "M1: Andres, PG, & Friedman, LS (1999). Epidemiology" in ref.notes
    [entry] = render([ref], [], style="apa").bibliography
    assert entry.text.endswith("Journal of Health Psychology, 24(7), 847–856. https://doi.org/10.1177/1359105317742958")


@pytest.mark.parametrize("name", ["asreview_ovid_psycinfo.ris", "asreview_scopus.ris", "asreview_embase.ris"])
def test_database_document_types_and_classification_codes_are_not_a_genre(name):
    refs = _refs(name)
    assert all("genre" not in r.fields for r in refs.values())
    assert any("M3: " in r.notes for r in refs.values())


def test_scopus_article_number_in_c7_is_the_number():
    ref = _refs("asreview_scopus.ris")["labanski2020"]
    assert ref.fields["number"] == "104501"
    [entry] = render([ref], [], style="apa").bibliography
    assert "Psychoneuroendocrinology, 111, Article 104501." in entry.text


@pytest.mark.parametrize("record, field, value", [
    # a thesis's M3 is its kind (RIS spec "Thesis Type", Zotero thesisType)
    ("TY  - THES\nTI  - T\nM3  - Doctoral dissertation\nER  - \n", "genre", "Doctoral dissertation"),
    # EndNote writes the DOI to M3 (Zotero RIS.js degenerateImportFieldMap M3: "DOI")
    ("TY  - JOUR\nTI  - T\nM3  - 10.3109/07434618.2014.906498\nER  - \n", "DOI", "10.3109/07434618.2014.906498"),
    ("TY  - JOUR\nTI  - T\nM3  - doi: 10.3109/07434618.2014.906498\nER  - \n", "DOI", "10.3109/07434618.2014.906498"),
    # a report number in M1, an editor in A2: the tags' own meaning where the value fits it
    ("TY  - RPRT\nTI  - T\nM1  - 99-02\nER  - \n", "number", "99-02"),
    ("TY  - CHAP\nTI  - T\nA2  - Smith, John\nER  - \n", "editor", None),
])
def test_tags_keep_their_meaning_where_the_value_fits(record, field, value):
    [ref] = parse(record, "ris", "x.ris").references
    assert field in ref.fields and (value is None or ref.fields[field] == value)
    assert ref.notes == ""


def test_c7_outside_journals_and_a_second_number_stay_in_notes():
    [ref] = parse("TY  - JOUR\nTI  - T\nM1  - 12\nC7  - e104501\nER  - \n", "ris", "x.ris").references
    assert ref.fields["number"] == "12" and ref.notes == "C7: e104501"
    [ref] = parse("TY  - BOOK\nTI  - T\nC7  - 3\nER  - \n", "ris", "x.ris").references
    assert "number" not in ref.fields and ref.notes == "C7: 3"
