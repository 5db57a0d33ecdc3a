"""Readers and writers against real export files, quirks and broken files included."""

from __future__ import annotations

import unicodedata

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
    assert ref.issued == (2010, 5, 22)  # the day field too
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


_BIB_PIECES = st.sampled_from([
    "@article{k1,", "@Article{ k2 ,", "@misc{k3,}", "@book{k4}", "@article{k1,\n", "@{x,", "@string{jan = {January}}",
    "@comment{x}", "@preamble{\"x\"}", "% a comment\n", "text between\n", "\n", "\t", " ", "}", "{", ",", "\"", "#",
    "title = {A {B} c},", "title={x}", "TITLE = \"q {\"} r\",", "author = {Smith, J. and Doe, A}", "year = 2001,",
    "month = jan,", "pages = {1--2},", "note = {x # y},", "doi = {10.1/ab_c},", "journal = \"J\" # \" K\",",
    "volume = {3", "number = {4}}", "abstract = {Line one\n line two},", "title = {}, ", "= {v},", "year = {20 01},",
])


def _weighted(*pairs):
    """One of the strategies, each drawn as often as its weight."""
    return st.sampled_from([strategy for weight, strategy in pairs for _ in range(weight)]).flatmap(lambda s: s)


_WS = st.sampled_from(["", " ", "\n", "\t", "  \n  ", "\r\n"])
_BIB_CLEAN_TEXT = st.lists(st.sampled_from(["Acupuncture", "for", " ", "Řehůřek", "\\'e", ",", "--", "&", "\n", "="]),
                           max_size=8).map("".join)
_BIB_BRACED_TEXT = st.lists(st.one_of(_BIB_CLEAN_TEXT, st.sampled_from(["{DNA}", "\\'{e}", "{\\O}", '"', "{{x}}", "a@b"])),
                            max_size=4).map("".join)
_BIB_NOISY_TEXT = st.lists(st.sampled_from(list("aZé0 ,.-:;'\"\\&%$_{}~=#@\n") + ["{x}", "\\'e", "\n@x{"]),
                           max_size=12).map("".join)
_BIB_VALUE = _weighted(
    (4, _BIB_BRACED_TEXT.map(lambda v: "{" + v + "}")), (2, _BIB_CLEAN_TEXT.map(lambda v: '"' + v + '"')),
    (2, st.sampled_from(["2001", "jan", "12a", "x.y"])),
    (1, _BIB_NOISY_TEXT.map(lambda v: "{" + v + "}")), (1, _BIB_NOISY_TEXT.map(lambda v: '"' + v + '"')))
_BIB_FIELD = st.tuples(_WS, st.sampled_from(["title", "Author", "year", "journal", "pages", "note", "doi", "month", "foo-bar",
                                             "a.b", "volume", "number", "abstract", "url", "editor", "TITLE"]),
                       _WS, _BIB_VALUE, _WS).map(lambda t: f"{t[0]}{t[1]}{t[2]}={t[2]}{t[3]}{t[4]}")
_BIB_ENTRY = st.tuples(_WS, st.sampled_from(["article", "Book", "misc", "inproceedings"]),
                       st.sampled_from(["", " ", "\t", "", "", "\n"]), st.text("abkxyz0129:/+-_.", min_size=1, max_size=6),
                       st.lists(_BIB_FIELD, max_size=5), st.booleans(), _WS).map(
    lambda t: f"{t[0]}@{t[1]}{t[2]}{{{t[3]},{','.join(t[4])}{',' if t[5] else ''}{t[6]}}}")
_BIB_FILE = st.lists(_BIB_ENTRY, max_size=4).map("\n".join)
_BIB_NOISY = st.tuples(_BIB_FILE, _BIB_PIECES, st.integers(min_value=0)).map(
    lambda t: t[0][:t[2] % (len(t[0]) + 1)] + t[1] + t[0][t[2] % (len(t[0]) + 1):])


def _bibtexparser_fields(text):
    """Entries as bibtexparser v2 reads them (the oracle), or None when it fails on any block."""
    import logging

    import bibtexparser

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    if library.failed_blocks or library.strings or library.preambles:
        return None
    if any(len({f.key.lower() for f in e.fields}) != len(e.fields) for e in library.entries):
        return None  # "TITLE" and "title": bibtexparser keeps both, BibTeX keeps the first
    return [(e.entry_type.lower(), e.key, {f.key.lower(): f.value for f in e.fields}) for e in library.entries]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BIB_FILE)
def test_bibtex_lexer_reads_plain_files_as_bibtexparser_does(text):
    """Where bibtexparser reads a file without complaint, our grammar reads the same entries, fields and
    values (bare words aside: we expand them as @string macros, as BibTeX does)."""
    from acuref.formats.bibtex_lex import lex

    import re

    oracle = _bibtexparser_fields(text)
    if oracle is None or any(k == "" for _, k, _ in oracle) or re.search(r'@\w+\s*\n|[}"]\s*[^\s,}]|%|#', text):
        return  # bibtexparser reads no entry where a line break follows the type, and glues "x"y; we take % as a comment
    ours = lex(text)
    assert not ours.problems
    got = [(e.entry_type.lower(), e.key, e.fields) for e in ours.entries]
    assert [(t, k, sorted(f)) for t, k, f in got] == [(t, k, sorted(f)) for t, k, f in oracle]
    for (_, _, mine), (_, _, theirs) in zip(got, oracle):
        for name, value in theirs.items():
            if value not in ("jan", "12a", "x.y", "2001"):
                assert mine[name] == value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_weighted((2, _BIB_NOISY), (1, st.lists(_BIB_PIECES, max_size=25).map("".join))))
def test_bibtex_reader_locates_every_problem_in_noisy_files(text):
    from acuref.formats.bibtex import parse_bibtex

    result = parse_bibtex(text, "x.bib")
    lines = text.count("\n") + 1
    assert all(p.path == "x.bib" and 1 <= p.line <= lines and p.message for p in result.problems)
    assert all(1 <= line <= lines for line in result.lines.values())


@pytest.mark.parametrize("path", sorted(IMPORT.rglob("*.bib")), ids=lambda p: p.name)
def test_bibtex_lexer_agrees_with_bibtexparser_on_real_exports(path):
    from acuref.formats import decode
    from acuref.formats.bibtex_lex import lex

    text = decode(path.read_bytes())
    oracle = _bibtexparser_fields(text)
    ours = lex(text)
    assert ours.entries and not ours.problems
    if oracle is not None:
        assert [(e.key, sorted(set(e.fields) - set(e.inherited))) for e in ours.entries] == [(k, sorted(f)) for _, k, f in oracle]


def test_bibtex_entry_without_key_gets_one():
    result = read_file(IMPORT / "bbt_endnote_export_no_key.bib")
    assert result.problems == []
    [ref] = result.references
    assert ref.key == "huang2012" and ref.fields["page"] == "1204-1222"  # PubMed's contracted "1204-22", expanded


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
    assert first.key == "trindade2019" and first.aliases == ("2019-65183-001",)  # Ovid's ID, an accession number
    assert first.fields["DOI"] == "10.1002/cpp.2398"  # URL prefix removed
    assert all("page" not in r.fields or any(c.isdigit() for c in r.fields["page"]) for r in refs)  # "No" / "Specified" dropped
    # Ovid's A2 lists the first authors of cited works, comma-separated: not one "Family, Given, Suffix"
    # name (it was read as family "Andres", given "Bucchianeri" and a 30-name suffix)
    second = refs[1]
    assert "editor" not in second.fields


def test_ris_m1_of_an_article_is_a_number_only_when_it_looks_like_one():
    """Embase's M1 holds author addresses and Ovid's the cited references: for a journal article that is
    no CSL number (APA printed "Article (Quintanilla-Dieck L., quintani@ohsu.edu) Department of ...");
    it is kept in the notes, as Zotero keeps M1 in Extra.  An article number stays a number."""
    embase = {r.title: r for r in read_file(IMPORT / "asreview_embase.ris").references}["Congenital Neck Masses"]
    assert "number" not in embase.fields
    ovid = read_file(IMPORT / "asreview_ovid_psycinfo.ris").references[1]
    assert "number" not in ovid.fields
    [article] = parse("TY  - JOUR\nTI  - A\nM1  - e16881\nER  - \n", "ris").references
    assert article.fields["number"] == "e16881"


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


def test_csljson_null_date_is_left_out_with_a_warning():
    # date-parts [[null]] (manubot) holds no date: read as no date, as citeproc-js does, and said so
    result = read_file(IMPORT / "manubot_null_date_parts.json")
    assert result.problems == []
    [ref] = result.references
    assert not ref.issued and ref.fields["DOI"] == "10.22541/au.149693987.70506124"
    [warning] = [w for w in result.warnings if "issued" in w.message]
    assert "'issued' has no date in it" in warning.message and warning.line == 11


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
    assert (van.year, van.fields["volume"], van.fields["page"]) == (2014, "120", "482-503")
    nlm = parse_reference("Zhang R, Lao L, Ren K, Berman BM. Mechanisms of acupuncture-electroacupuncture on persistent "
                          "pain. Anesthesiology. 2014 Feb;120(2):482-503.")
    assert [n.display() for n in nlm.author] == ["Zhang, R.", "Lao, L.", "Ren, K.", "Berman, B.M."]
    assert (nlm.issued, nlm.title) == ((2014, 2), "Mechanisms of acupuncture-electroacupuncture on persistent pain")
    assert nlm.fields == {"container-title": "Anesthesiology", "volume": "120", "issue": "2", "page": "482-503"}
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
    nfc = (lambda t: unicodedata.normalize("NFC", t)) if fmt == "bibtex" else (lambda t: t)  # BibTeX text is NFC
    for ref in refs:
        assert back[ref.key].title == nfc(ref.title)
        assert [(n.family, n.given) for n in back[ref.key].author] == [(nfc(n.family), nfc(n.given)) for n in ref.author]


def test_ris_export_keeps_a_line_break_in_a_field_inside_its_record():
    # A title or name with a line break (CSL-JSON allows "\n") was written as is: the next line became a
    # tag of its own, so "ER  - " ended the record early and "TY  - " started an invented one.
    ref = Reference(key="inj2021", type="book", title="Line one\nER  - \nTY  - BOOK\nTI  - injected",
                    author=(Name(family="Smith\nAU  - Fake", given="J"),), issued=(2021,),
                    fields={"publisher": "Pub\r\nPB  - Other\u2028DO  - 10.1/x"})
    text = export([ref], "ris")
    [back] = parse(text, "ris").references
    assert text.count("TY  - ") == 1 and text.count("ER  - ") == 1
    assert back.title == "Line one ER - TY - BOOK TI - injected"
    assert back.author == (Name(family="Smith AU - Fake", given="J"),)
    assert back.fields["publisher"] == "Pub PB - Other DO - 10.1/x" and "DOI" not in back.fields


def test_bibtex_latex_keeps_logos_typewriter_text_and_dash_ligatures():
    """Shapes of the real biblatex-examples.bib (tests/fixtures/import/SOURCE): pylatexenc alone dropped
    \\TeX (": The Program") and the argument of \\texttt; "--" became an en dash only in values that
    also held a backslash.  A verbatim field (url) keeps its hyphens."""
    text = ("@book{k, title = {\\TeX: The Program}, author = {Knuth, Donald E.}, year = 1986,"
            " annotation = {Note the \\texttt{doi} and \\mbox{url} fields},"
            " note = {\\LaTeX{} and \\BibTeX\\ in \\textsf{sans}},"
            " url = {http://example.org/a--b}}\n"
            "@article{a, title = {In Honore Salvatoris~-- Vom Sinn---und Unsinn}, journal = {Revue},"
            " year = 2002, pages = {431--456}}\n"
            "@article{c, title = {C--C coupling of {\\\"O}l -{}- kept}, journal = {J}, year = 2006}\n")
    k, a, c = parse(text, "bibtex", "x.bib").references
    assert k.title == "TeX: The Program"
    assert k.fields["annote"] == "Note the doi and url fields"
    assert k.fields["note"] == "LaTeX and BibTeX in sans"
    assert k.fields["URL"] == "http://example.org/a--b"
    assert a.title == "In Honore Salvatoris \u2013 Vom Sinn\u2014und Unsinn" and a.fields["page"] == "431-456"
    assert c.title == "C\u2013C coupling of \u00d6l -- kept"


def test_bibtex_writer_keeps_literal_double_hyphens_apart():
    """A title with two hyphens in a row (not a LaTeX ligature) comes back as written."""
    ref = Reference(key="h", type="article-journal", title="Tests -- like this --- and A--B",
                    fields={"page": "12-15", "container-title": "J"})
    text = export([ref], "bibtex")
    assert "-{}-" in text and "pages = {12--15}" in text
    [back] = parse(text, "bibtex", "x.bib").references
    assert back.title == ref.title and back.fields["page"] == "12-15"


def test_a_yaml_alias_bomb_is_refused_at_once():
    """Nine levels of nine aliases would be 9**9 values: the CSL-YAML reader refuses it after a walk
    bounded by the text's size, instead of running for minutes (billion laughs, in YAML)."""
    import time

    from acuref.formats import parse

    lines, prev = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'], "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join(["*" + prev] * 9) + "]")
        prev = name
    lines.append("references: [{id: x, type: book, title: *i}]")
    started = time.perf_counter()
    result = parse("\n".join(lines) + "\n", "csl-yaml", "bomb.yaml")
    assert time.perf_counter() - started < 5  # generous: the walk is linear; expanded it takes minutes
    assert not result.references
    assert [(p.line, "alias bomb" in p.message) for p in result.problems] == [(1, True)]


def test_ris_html_entities_are_decoded():
    """Scopus writes HTML character references into RIS ("p &lt; .001", "&amp;"): RIS is plain text, so
    they are decoded; an ampersand that is not a complete reference stays ("AT&T", "R&D")."""
    from acuref.formats import parse

    text = ("TY  - JOUR\nTI  - Health &amp; care at AT&T and R&D: p &lt; .001 &#8211; done\n"
            "T2  - Gut &amp; Brain\nPY  - 2020\nER  - \n")
    ref = parse(text, "ris", "x.ris").references[0]
    assert ref.title == "Health & care at AT&T and R&D: p < .001 – done"
    assert ref.fields["container-title"] == "Gut & Brain"
