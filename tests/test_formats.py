"""Readers and writers against real export files, quirks and broken files included."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acuref.formats import detect, export, parse, read_file
from acuref.formats.text import parse_reference
from acuref.model import Name, Reference
from tests.conftest import FIXTURES

IMPORT = FIXTURES / "import"


def test_bibtex_latex_accents_months_and_keys():
    result = read_file(IMPORT / "bbt_ring_above_1115.bib")
    [ref] = result.references
    assert (ref.key, ref.type) == ("rehurek_lrec", "paper-conference")
    assert ref.author[0] == Name(family="Řehůřek", given="Radim")
    assert ref.issued == (2010, 5)
    assert ref.fields["page"] == "45-50"


def test_bibtex_utf16_with_bom():
    [ref] = read_file(IMPORT / "jabref_tiny_utf16le_bom.bib").references
    assert ref.key == "Verwilghen+vanGalen+Wilke2011"
    assert ref.fields["DOI"] == "10.1136/vr.d6221"


_NAME_NOISE = st.lists(st.sampled_from(list("AbCdÉéÖøŁł.-' ,\t~{}") + [" and ", " AND ", " van ", " Jr", "\\'e"]),
                       max_size=30).map("".join)
_NAME_WORD = st.sampled_from(["Smith", "Ölz", "Łukasz", "J.", "A", "McDonald", "Heijenbrok-Kal", "van", "de", "'t", "Jr", "2nd"])
_PERSON = st.tuples(st.lists(_NAME_WORD, min_size=1, max_size=3), st.sampled_from(["", ",", ", ", " , "]),
                    st.lists(_NAME_WORD, max_size=3)).map(lambda t: " ".join(t[0]) + t[1] + " ".join(t[2]))
_NAME_TEXT = st.one_of(_NAME_NOISE, st.lists(_PERSON, min_size=1, max_size=4).map(" and ".join))


@settings(max_examples=500, deadline=None)
@given(_NAME_TEXT)
def test_plain_name_shortcut_reads_names_as_bibtexparser_does(value):
    """The shortcut for plain names gives exactly what BibTeX's full name grammar gives."""
    from acuref.formats.bibtex import _names, _names_bibtex

    assert _names(value) == _names_bibtex(value)


def test_plain_name_shortcut_leaves_von_parts_and_braces_to_the_grammar():
    from acuref.formats.bibtex import _names

    names = _names("Smith, J. A. and Jean Paul Sartre and van Gogh, V. and {World Health Organization}")
    assert [(n.family, n.given, n.non_dropping_particle, n.literal) for n in names] == [
        ("Smith", "J. A.", "", ""), ("Sartre", "Jean Paul", "", ""), ("Gogh", "V.", "van", ""),
        ("", "", "", "World Health Organization")]


def test_bibtex_entry_without_key_gets_one():
    result = read_file(IMPORT / "bbt_endnote_export_no_key.bib")
    assert result.problems == []
    [ref] = result.references
    assert ref.key == "huang2012" and ref.fields["page"] == "1204-22"  # "1204-22" kept as given


def test_jabref_library_reads_every_entry():
    result = read_file(IMPORT / "bbt_jabref51_groups_1641.bib")
    assert len(result.references) == 20 and result.problems == []
    assert result.references[0].author[0].family == "Bogadóttir"


def test_bibtex_bad_entries_are_located_and_do_not_hide_the_rest():
    text = "@article{good1, title={Fine}, author={Smith, J.}, year={2001}}\n\n@article{bad, title={Broken\n\n@article{good2, title={Also fine}, year={2002}}\n"
    result = parse(text, "bibtex", "x.bib")
    assert [p.line for p in result.problems] and all(p.path == "x.bib" for p in result.problems)
    assert "good1" in [r.key for r in result.references]


@pytest.mark.parametrize("name, count", [("asreview_pubmed_zotero.ris", 6), ("asreview_ovid_psycinfo.ris", 6), ("asreview_embase.ris", 6)])
def test_real_ris_exports(name, count):
    result = read_file(IMPORT / name)
    assert result.problems == [] and len(result.references) == count
    assert all(r.title and r.author and r.year for r in result.references)


def test_ovid_quirks():
    refs = read_file(IMPORT / "asreview_ovid_psycinfo.ris").references
    first = refs[0]
    assert first.key == "2019-65183-001"
    assert first.fields["DOI"] == "10.1002/cpp.2398"  # URL prefix removed
    assert all("page" not in r.fields or any(c.isdigit() for c in r.fields["page"]) for r in refs)  # "No" / "Specified" dropped


def test_embase_names():
    first = read_file(IMPORT / "asreview_embase.ris").references[0]
    assert first.author[:2] == (Name(family="Liu", given="R."), Name(family="Adler", given="D.G."))


def test_corrupt_ris_is_reported_with_its_line():
    result = read_file(IMPORT / "jabref_RisImporterCorrupted.ris")
    assert result.references == []
    assert [(p.line, p.message) for p in result.problems] == [(2, "RIS record has no 'TY  -' line: skipped")]


def test_csljson_from_zotero_with_string_dates():
    refs = read_file(IMPORT / "zotxt_zotero_biblio.json").references
    assert refs[0].key == "haslanger:2012resisting" and refs[0].issued == (2012,) and refs[0].type == "book"


def test_csljson_null_date_is_a_problem():
    result = read_file(IMPORT / "manubot_null_date_parts.json")
    assert result.references == []
    assert "'issued' has no usable date" in result.problems[0].message and result.problems[0].line == 11


def test_malformed_json_has_line_and_column():
    result = parse('[{"id": "a",\n  "title": }]', "csl-json", "x.json")
    assert (result.problems[0].line, result.problems[0].column) == (2, 12)


@pytest.mark.parametrize("name, fmt", [("a.bib", "bibtex"), ("a.ris", "ris"), ("a.json", "csl-json"), ("a.txt", "text")])
def test_detect_by_extension(name, fmt, tmp_path):
    assert detect(tmp_path / name, "") == fmt


def test_detect_by_content(tmp_path):
    assert detect(tmp_path / "x", "TY  - JOUR\nER  - \n") == "ris"
    assert detect(tmp_path / "x", "  @article{a,}") == "bibtex"
    assert detect(tmp_path / "x", '[{"id": "a"}]') == "csl-json"


def test_harvard_and_vancouver_lines():
    ref = parse_reference("Casimiro, L., Barnsley, L. and Wells, G.A., 2005. Acupuncture and electroacupuncture for the "
                          "treatment of rheumatoid arthritis. Cochrane Database of Systematic Reviews, (4).")
    assert [n.family for n in ref.author] == ["Casimiro", "Barnsley", "Wells"] and ref.author[2].given == "G.A."
    assert ref.fields == {"container-title": "Cochrane Database of Systematic Reviews", "issue": "4"}
    van = parse_reference("Zhang, R, Lao, L; Ren, K; Berman, BM (2014) Mechanisms of Acupuncture–Electroacupuncture on "
                          "Persistent Pain Anesthesiology 2014; 120:482-503")
    assert [n.display() for n in van.author] == ["Zhang, R.", "Lao, L.", "Ren, K.", "Berman, B.M."]
    assert van.fields == {"container-title": "Anesthesiology", "volume": "120", "page": "482-503"}
    assert parse_reference("This is a sentence, not a reference.") is None


# --- round trips -------------------------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u00ad\\~^"),
                min_size=1, max_size=25).map(lambda s: " ".join(s.split())).filter(bool)
_tricky = st.sampled_from(["Ünïcödé", "Braces {x}", "A & B", "50% off", "$5 fee", "snake_case", "O'Brien", "Łódź", "naïve"])
_word = st.one_of(_text, _tricky)


@st.composite
def references(draw):
    n = draw(st.integers(1, 4))
    refs = []
    for i in range(n):
        authors = tuple(Name(family=draw(_tricky | st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)),
                             given=draw(st.sampled_from(["J.", "Anna", "J.-P.", ""])))
                        for _ in range(draw(st.integers(1, 3))))
        fields = {"container-title": draw(_word), "volume": str(draw(st.integers(1, 400))),
                  "page": f"{draw(st.integers(1, 99))}-{draw(st.integers(100, 999))}"}
        refs.append(Reference(key=f"k{i}", title=draw(_word), author=authors, issued=(draw(st.integers(1900, 2030)),),
                              fields=fields))
    return refs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
@given(refs=references())
def test_export_import_export_is_stable(fmt, refs):
    first = export(refs, fmt)
    result = parse(first, fmt, "x")
    assert result.problems == []
    assert export(result.references, fmt) == first
    back = {r.key: r for r in result.references}
    for ref in refs:
        assert back[ref.key].title == ref.title
        assert [(n.family, n.given) for n in back[ref.key].author] == [(n.family, n.given) for n in ref.author]
