"""Import fidelity: MEDLINE publication types and languages as `add` by PMID reads them; thesis and
biblatex type keys as their text; generated keys for organisations, CJK names and accession numbers.

Inputs: tests/fixtures/cases-import/I20-pubmed-nbib-as-ris.nbib and 04-corporate-author.bib (field cases,
README there), the Ovid/PsycINFO export in tests/fixtures/import (SOURCES-ris.txt), and small records in
the exporters' shapes written here."""

from __future__ import annotations

import pytest

from acuref.formats import export, parse, read_file
from acuref.model import Name
from tests.conftest import FIXTURES

CASES = FIXTURES / "cases-import"


def test_medline_publication_types_set_the_design_and_the_language_is_bcp47():
    [ref] = read_file(CASES / "I20-pubmed-nbib-as-ris.nbib").references
    assert ref.design == "randomised-trial"  # PT - Randomized Controlled Trial, as `add` by PMID reads it
    assert ref.fields["language"] == "zh"  # LA - chi (ISO 639-2)
    assert "LA: chi" in ref.notes.splitlines() and "PT: Randomized Controlled Trial" in ref.notes.splitlines()


def test_medline_and_esummary_share_one_publication_type_mapping():
    import acuref.formats.medline as medline
    import acuref.lookup.ncbi as ncbi
    from acuref import pubtypes

    assert medline.design_of is pubtypes.design_of and ncbi.design_of is pubtypes.design_of
    record = "PMID- 1\nTI  - T.\nDP  - 2001\nPT  - Journal Article\nPT  - Retracted Publication\nPT  - Meta-Analysis\nLA  - eng\n"
    [ref] = parse(record, "medline", "x.nbib").references
    assert ref.design == "systematic-review" and ref.fields["language"] == "en"
    assert [u.split()[0] for u in ref.updates] == ["retraction"]


@pytest.mark.parametrize("code, tag", [("chi", "zh"), ("eng", "en"), ("ger", "de"), ("fre", "fr"), ("jpn", "ja"),
                                       ("zh-CN", "zh-CN"), ("English", "English"), ("haw", "haw")])
def test_language_codes_become_bcp47(code, tag):
    from acuref.formats.common import bcp47_language

    assert bcp47_language(code) == tag


@pytest.mark.parametrize("entry, genre", [
    ("@phdthesis{k, author={Doe, J.}, title={Acupuncture for pain}, school={University of York}, year={2010}}",
     "PhD thesis"),
    ("@mastersthesis{k, author={Doe, J.}, title={T}, school={U}, year={2010}}", "Master's thesis"),
    ("@thesis{k, author={Doe, J.}, title={T}, institution={U}, type={phdthesis}, date={2010}}", "PhD thesis"),
    ("@thesis{k, author={Doe, J.}, title={T}, institution={U}, type={mathesis}, date={2010}}", "Master's thesis"),
    ("@report{k, author={Doe, J.}, title={T}, institution={U}, type={techreport}, number={99-02}, date={1999}}",
     "technical report"),
    # biblatex's own example (biblatex-examples.bib, kowalik): a French patent request
    ("@patent{kowalik, author={Kowalik, F. and Isard, M.}, title={Estimateur}, number={9500261}, date={1995-01-11},"
     " type={patreqfr}}", "French patent request"),
])
def test_thesis_types_and_biblatex_type_keys_become_genre_text(entry, genre):
    [ref] = parse(entry, "bibtex", "x.bib").references
    assert ref.fields["genre"] == genre
    for fmt in ("bibtex", "biblatex"):
        [back] = parse(export([ref], fmt), "bibtex", "x.bib").references
        assert back == ref


def test_phd_thesis_renders_its_kind_in_apa():
    from acuref.render import render

    [ref] = parse("@phdthesis{k, author={Doe, J.}, title={Acupuncture for pain}, school={University of York},"
                  " year={2010}}", "bibtex", "x.bib").references
    [entry] = render([ref], [], style="apa").bibliography
    assert entry.text == "Doe, J. (2010). Acupuncture for pain [PhD thesis]. University of York."


def test_organisation_keys_take_the_initials_of_their_name():
    refs = read_file(CASES / "04-corporate-author.bib").references
    assert refs[0].key == "who2020guideline"  # the file's own key is kept
    generated = parse("TY  - RPRT\nAU  - World Health Organization\nTI  - Guideline\nPY  - 2019\nER  - \n"
                      "TY  - RPRT\nAU  - National Institute for Health and Care Excellence\nTI  - Low back pain\n"
                      "PY  - 2021\nER  - \n", "ris", "x.ris").references
    assert [r.key for r in generated] == ["who2019", "nihce2021"]


def test_cjk_author_keys_keep_the_family_name():
    # gbk.ris (QA report): a Chinese record with no key
    [ref] = parse("TY  - JOUR\nAU  - 王, 磊\nTI  - 针刺治疗腰痛的临床研究\nJO  - 中国针灸\nPY  - 2015\nER  - \n",
                  "ris", "x.ris").references
    assert ref.author == (Name(family="王", given="磊"),) and ref.key == "王2015"


def test_accession_numbers_are_aliases_not_keys():
    result = read_file(FIXTURES / "import" / "asreview_ovid_psycinfo.ris")
    [ref] = [r for r in result.references if "2019-57370-001" in r.aliases]  # Ovid's ID: the accession number
    assert ref.key == "polak2019"
    assert all(any(c.isalpha() for c in r.key) for r in result.references)


def test_endnote_xml_style_runs_keep_their_italics():
    # the shape EndNote X9 writes (File > Export > XML): a title split into <style> runs
    xml = ('<?xml version="1.0" encoding="UTF-8"?><xml><records><record><ref-type name="Journal Article">17</ref-type>'
           '<contributors><authors><author><style face="normal" font="default" size="100%">Smith, J.</style></author>'
           '</authors></contributors><titles><title><style face="normal" font="default" size="100%">Acupuncture and </style>'
           '<style face="italic" font="default" size="100%">Helicobacter pylori</style>'
           '<style face="normal" font="default" size="100%"> in CO</style><style face="subscript" font="default" '
           'size="100%">2</style><style face="normal" font="default" size="100%"> breath tests</style></title>'
           '<secondary-title><style face="normal" font="default" size="100%">Gut</style></secondary-title></titles>'
           '<dates><year><style face="normal" font="default" size="100%">2001</style></year></dates></record></records></xml>')
    [ref] = parse(xml, "endnote-xml", "x.xml").references
    assert ref.title == "Acupuncture and <i>Helicobacter pylori</i> in CO<sub>2</sub> breath tests"
    assert ref.fields["container-title"] == "Gut"


def test_a_skipped_duplicate_reports_no_key_change(cli, store_copy, tmp_path):
    # QA report item 17: every string skipped as a duplicate, yet "key … is already in the store: would be
    # imported as …" was printed for keys that were neither in the store nor imported
    bib = tmp_path / "dup.bib"
    bib.write_text("@article{hayhoe2010, title={Postoperative benefits with electroacupuncture.}, author={Hayhoe, S.},"
                   " year={2010}, journal={Acupunct Med}, volume={28}, number={2}, pages={64}}\n"
                   "@article{deluze1992, title={An unrelated paper}, author={Deluze, T.}, year={1992}, journal={J}}\n")
    dry = cli("import", bib, "--store", store_copy, "--dry-run")
    assert dry.code == 0
    assert "would skip   hayhoe2010a: duplicate of hayhoe2010" in dry.out
    assert "would add    deluze1992a" in dry.out
    assert [line for line in dry.err.splitlines() if "imported as" in line] == [
        "key 'deluze1992' is already in the store: would be imported as 'deluze1992a'"]


def test_bibtex_round_trip_keeps_a_correction_that_holds_a_semicolon():
    from acuref.store import load
    from tests.conftest import BUNDLED_STORE

    refs = [r for r in load(BUNDLED_STORE) if any(";" in c for c in r.corrections)]
    assert refs  # the seed's corrections cite "Gut 2001;49:1"-style sources
    for fmt in ("bibtex", "biblatex"):
        back = {r.key: r for r in parse(export(refs, fmt), "bibtex", "x.bib").references}
        assert all(back[r.key].corrections == r.corrections for r in refs)


def test_import_says_a_record_number_became_an_alias(cli, tmp_path):
    store = tmp_path / "s.toml"
    result = cli("import", FIXTURES / "import" / "asreview_ovid_psycinfo.ris", "--store", store)
    assert result.code == 0, result.err
    assert ("asreview_ovid_psycinfo.ris: record number '2019-57370-001' is not a citation key; read as 'polak2019' "
            "(alias '2019-57370-001' kept)") in result.err
