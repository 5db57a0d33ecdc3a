"""The import cases of shared/cases/import (README there), each run as a user would: import into a fresh
store, then export. Copied into tests/fixtures/cases-import with their README."""

from __future__ import annotations

import json

import pytest

from acuref.store import load
from tests.conftest import FIXTURES

CASES = FIXTURES / "cases-import"


def _import(cli, tmp_path, name, *more):
    store = tmp_path / "store.toml"
    result = cli("import", CASES / name, "--store", store, *more)
    assert result.code == 0, result.err
    return store, load(store)


def _export(cli, store, fmt):
    result = cli("export", "--store", store, "--to", fmt)
    assert result.code == 0, result.err
    return result.out


def _round_trip(cli, tmp_path, store, fmt):
    """export in FMT, import that into a new store: the references must be the same."""
    suffix = {"bibtex": "bib", "biblatex": "bib", "ris": "ris", "csl-json": "json"}[fmt]
    exported = tmp_path / f"out.{suffix}"
    exported.write_text(_export(cli, store, fmt), encoding="utf-8")
    again = tmp_path / f"again-{fmt}.toml"
    result = cli("import", exported, "--store", again)
    assert result.code == 0, result.err
    return load(again)


def test_case_04_corporate_authors_stay_one_literal_name(cli, tmp_path):
    store, refs = _import(cli, tmp_path, "04-corporate-author.bib")
    assert [n.literal for n in refs.references["who2020guideline"].author] == ["World Health Organization"]
    bn = refs.references["bn2016"].author
    assert bn[0].literal == "Barnes and Noble, Inc." and (bn[1].family, bn[1].given) == ("Roe", "Jane")
    assert "author = {{Barnes and Noble, Inc.} and Roe, Jane}" in _export(cli, store, "bibtex")
    for fmt in ("bibtex", "biblatex", "csl-json"):
        assert _round_trip(cli, tmp_path, store, fmt).references == refs.references
    ris = _round_trip(cli, tmp_path, store, "ris").references
    assert [n.literal for n in ris["bn2016"].author][:1] == ["Barnes and Noble, Inc."]


def test_case_05_and_others_is_a_truncated_list_not_a_person(cli, tmp_path):
    store, refs = _import(cli, tmp_path, "05-and-others.bib")
    ref = refs.references["linden2016"]
    assert [n.family for n in ref.author] == ["Linden", "Doe"] and ref.truncated == ("author",)
    item = json.loads(_export(cli, store, "csl-json"))[0]
    assert item["truncated"] == ["author"] and all(a.get("family") != "others" for a in item["author"])
    assert "author = {Linden, Maria and Doe, John and others}" in _export(cli, store, "bibtex")
    assert _round_trip(cli, tmp_path, store, "bibtex").references == refs.references


def test_case_07_string_macros_and_concatenation(cli, tmp_path):
    store, refs = _import(cli, tmp_path, "07-string-concat.bib")
    assert refs.references["neuen1997"].fields["container-title"] == "Journal of Invented Engineering"
    aubert = refs.references["aubert2021"]
    assert [(n.family, n.given) for n in aubert.author] == [("Aubert", "Claire"), ("Varacca", "Daniel")]
    assert aubert.fields["container-title"] == "Journal of Invented Engineering"
    assert aubert.title == "Processes, Systems & Tests: Defining Invented Equivalences"


def test_case_08_crossref_child_inherits_from_its_book(cli, tmp_path):
    store, refs = _import(cli, tmp_path, "08-crossref.bib")
    chapter = refs.references["husseini2004"]
    assert chapter.type == "chapter" and chapter.year == 2004
    assert chapter.fields["container-title"] == "Global Invented Society: Dimensions of the Sector"
    assert chapter.fields["publisher"] == "Invented Press" and chapter.fields["publisher-place"] == "Bloomfield, CT"
    assert [(n.family, n.given) for n in chapter.fields["editor"]] == [("Salem", "Lester M."), ("Sokol", "S. Wojtek")]
    assert chapter.fields["page"] == "227-232"
    assert _round_trip(cli, tmp_path, store, "bibtex").references == refs.references


def test_case_10_biblatex_date_journaltitle_location_online(cli, tmp_path):
    store, refs = _import(cli, tmp_path, "10-biblatex-date.bib")
    brumer = refs.references["brumer1986"]
    assert brumer.issued == (1986, 5, 23) and brumer.fields["container-title"] == "Invented Physics Letters"
    mardia = refs.references["mardia2000"]
    assert mardia.fields["publisher-place"] == "Chichester ; New York" and mardia.fields["number-of-pages"] == "429"
    panther = refs.references["panther2005"]
    assert panther.type == "webpage" and panther.issued == (2005, 2) and panther.author[0].literal == "Panther"
    latex = _export(cli, store, "biblatex")
    assert "date = {1986-05-23}" in latex and "journaltitle = {Invented Physics Letters}" in latex
    assert "location = {Chichester ; New York}" in latex
    for fmt in ("bibtex", "biblatex", "csl-json"):
        assert _round_trip(cli, tmp_path, store, fmt).references == refs.references


@pytest.mark.parametrize("name", ["15-pages-abbrev.ris", "15b-pages-abbrev.bib"])
def test_case_15_contracted_page_ranges_are_made_whole(cli, tmp_path, name):
    store, refs = _import(cli, tmp_path, name)
    pages = {r.key: r.fields["page"] for r in refs}
    assert pages.get("pereira2011") == "221-228"
    if name.endswith(".ris"):
        assert pages["novak2012"] == "1095-1102"
    ris = _export(cli, store, "ris")
    assert "SP  - 221\nEP  - 228\n" in ris
    assert "EP  - 8\n" not in ris


def test_case_17_decomposed_accents_become_composed(cli, tmp_path):
    store, refs = _import(cli, tmp_path, "17-nfd-text.ris")
    [ref] = list(refs)
    assert ref.author[0].family == "Blüthmann" and "\u0308" not in ref.author[0].family
    assert ref.fields["container-title"] == "Zeitschrift für Erziehungswissenschaft"
    bib = _export(cli, store, "bibtex")
    assert "Blüthmann" in bib and "\u0308" not in bib


def test_case_19_pubmed_nbib_is_read_even_named_ris(cli, tmp_path):
    renamed = tmp_path / "pubmed.ris"
    renamed.write_bytes((CASES / "I20-pubmed-nbib-as-ris.nbib").read_bytes())
    for path in (CASES / "I20-pubmed-nbib-as-ris.nbib", renamed):
        store = tmp_path / f"{path.suffix[1:]}.toml"
        result = cli("import", path, "--store", store)
        assert result.code == 0, result.err
        [ref] = list(load(store))
        assert ref.fields["PMID"] == "99999901" and ref.fields["DOI"] == "10.9999/zzj.2016.0459"
        assert [(n.family, n.given) for n in ref.author] == [("Wang", "Xiaoming"), ("Liu", "Ying")]
        assert ref.issued == (2016, 5) and ref.fields["page"] == "459-463"
        assert ref.title.startswith("Effect of invented acupuncture") and ref.title.endswith("controlled trial")


CLEAN_D8 = "Effect of invented acupuncture on postoperative nausea after invented surgery: a randomized controlled trial"


def test_case_d8_plain_import_stores_the_clean_title_and_keeps_the_source_text(cli, tmp_path):
    # without --merge the two later records are skipped as duplicates; the first one's "[Chinese]" tag is
    # Embase's, not the title's, and must not reach the store (its text is kept in the notes)
    store, loaded = _import(cli, tmp_path, "D07-chinese-language-tag.ris")
    [ref] = loaded.references.values()
    assert ref.title == CLEAN_D8
    assert f"title in the source: {CLEAN_D8} [Chinese]" in ref.notes.splitlines()


@pytest.mark.parametrize(("title", "clean"), [
    (f"{CLEAN_D8} [Chinese]", CLEAN_D8), (f"[{CLEAN_D8}].", CLEAN_D8), (f"{CLEAN_D8}. [Article in German]", f"{CLEAN_D8}."),
    (f"{CLEAN_D8} [In Russian]", CLEAN_D8), (f"{CLEAN_D8} [Review] [33 refs]", CLEAN_D8),
    (f"{CLEAN_D8} [Erratum appears in Brain Inj. 2013 Mar;27(3):377]", CLEAN_D8),
    (f"{CLEAN_D8} [Italian] [Review]", CLEAN_D8), (f"[{CLEAN_D8}] [Chinese with English abstract]", CLEAN_D8),
    # a title's own brackets stay
    ("[18F]FDG PET after stroke", "[18F]FDG PET after stroke"), ("Calcium [Ca2+]i in neurons", "Calcium [Ca2+]i in neurons"),
    ("The [added] value of needling", "The [added] value of needling"), ("[Chinese]", "[Chinese]"),
    ("[A] versus [B]", "[A] versus [B]"),
])
@pytest.mark.parametrize("fmt", ["ris", "medline", "bibtex"])
def test_database_notes_in_titles_are_taken_out_by_every_database_reader(title, clean, fmt):
    from acuref.formats import read_data

    text = {"ris": f"TY  - JOUR\nTI  - {title}\nPY  - 2016\nER  - \n",
            "medline": f"PMID- 1\nTI  - {title}\nDP  - 2016\n",
            "bibtex": f"@article{{a, title = {{{title}}}, year = 2016}}\n"}[fmt]
    [ref] = read_data(text.encode(), f"x.{fmt}").references
    assert ref.title == clean
    kept = [line for line in ref.notes.splitlines() if line.startswith("title in the source: ")]
    # MEDLINE's reader drops a title's final period itself (NLM adds it to every title)
    assert kept == ([] if clean == title else [f"title in the source: {title.rstrip('.') if fmt == 'medline' else title}"])


def test_a_csl_json_title_is_the_users_data_and_stays_as_written(tmp_path):
    from acuref.formats import read_data

    item = [{"id": "a", "type": "article-journal", "title": f"{CLEAN_D8} [Chinese]"}]
    [ref] = read_data(json.dumps(item).encode(), "x.json").references
    assert ref.title == f"{CLEAN_D8} [Chinese]"


def test_many_database_notes_cost_time_linear_in_the_title():
    import time

    from acuref.formats.titles import clean_source_title

    def cost(n):
        title = "A" + " [Chinese]" * n
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            assert clean_source_title(title) == ("A", True)
            best = min(best, time.perf_counter() - start)
        return best

    cost(1000)
    assert cost(40000) < 40 * cost(4000)  # quadratic would be 100 times
