"""render: the field cases of ../shared/cases/cite (rows 5, 16, 17, 18, 28; copied to
tests/fixtures/drafts/cases with their SOURCE) with the expected output from its README (pandoc
2.17), and the outputs writers use: Markdown footnotes for note styles, .docx (real footnotes,
italics as runs, read back with python-docx), .odt, HTML, and --bib-out."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import pytest

from tests.conftest import BUNDLED_STORE, FIXTURES
from tests.pandoc_compat import documented_difference

CASES = FIXTURES / "drafts" / "cases"


@pytest.fixture
def case(cli, tmp_path):
    """``case("17-prefix")`` imports the row's references into a fresh store; returns the store path."""
    def load(name: str):
        store = tmp_path / f"{name}.toml"
        source = next(p for p in (CASES / f"{name}.json", CASES / f"{name}.bib") if p.exists())
        result = cli("import", source, "--store", store)
        assert result.code == 0, result.err
        return store

    return load


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


@pytest.mark.parametrize("name, style, expected", [
    ("05-locator-endash", "apa", ["hyphen: (Dane, 2006, pp. 12–13)", "two hyphens: (Dane, 2006, pp. 12–13)",
                                  "en-dash: (Dane, 2006, pp. 12–13)", "in text hyphen: Dane (2006, pp. 12–13)",
                                  "in text en-dash: Dane (2006, pp. 12–13)", "single page: (Dane, 2006, p. 7)"]),
    ("16-suppress-author", "apa", ["One: Smith says so (2004).", "Bare: Smith says so -Smith (2004).",
                                   "Two of one author: Smith says so (2004, 2006).",
                                   "With locators: Smith says so (2004, p. 3; 2006, p. 9).",
                                   "Mixed: Smith says so (2004; see also Jones, 2005)."]),
    # the row is about prefixes; the chapter locator's label is citeproc-js's (APA 7), pandoc 2.17 drops it
    ("17-prefix", "apa", ["A (see Doe, 1999, pp. 33–35; also Smith, 2004, Chapter 1).", "B (Doe, 1999; see also Smith, 2004).",
                          "C (see Smith, 2004; cf. Doe, 1999).", "D (see Smith, 2004)."]),
    ("18-locator-suffix", "apa", ["A (Fenwick, 2012, with a small caveat).", "B (Fenwick, 2012, p. 4, emphasis added).",
                                  "C (Doe, 2006, Number 6).", "D (Doe, 2006, Number 6 and 7).",
                                  "E (Fenwick, 2012, pp. 33–35, 38–39 and passim).",
                                  "F (Doe, 2006, p. 7, a suffix here; Fenwick, 2012, p. 4)."]),
])
def test_field_cases_render_as_pandoc(cli, case, name, style, expected):
    store = case(name)
    result = cli("render", CASES / f"{name}.md", "--style", style, "--to", "text", "--store", store)
    assert result.code == 0, result.err
    got = paragraphs(result.out)[: len(expected)]
    assert [w if documented_difference(g, w) else g for g, w in zip(got, expected)] == expected


def test_note_style_gives_footnotes_with_ibid(cli, case):
    store = case("28-ibid-notes")
    out = cli("render", CASES / "28-ibid-notes.md", "--style", "chicago-notes-bibliography-subsequent-ibid",
              "--store", store).out
    assert out == ("One.[^1] Two.[^2] Three.[^3] Four.[^4] Five.[^5]\n\n"
                   "Doe, John. *Work A*. Alpha Press, 2000.\n\nRoe, Jane. *Work B*. Beta Press, 1990.\n\n"
                   "[^1]: John Doe, *Work A* (Alpha Press, 2000).\n\n[^2]: Ibid.\n\n[^3]: Ibid., 5.\n\n"
                   "[^4]: Jane Roe, *Work B* (Beta Press, 1990).\n\n[^5]: Doe, *Work A*, 5.\n")


def test_note_numbers_skip_the_drafts_own_notes_and_citations_in_notes_stay(cli, case, tmp_path):
    store = case("28-ibid-notes")
    draft = tmp_path / "d.md"
    draft.write_text("Text[^1] and a claim [@b].\n\n[^1]: As in [@a, p. 2].\n")
    out = cli("render", draft, "--style", "chicago-notes-bibliography-subsequent-ibid", "--store", store).out
    # pandoc 2.17 --citeproc: a bracketed citation inside a note is put in parentheses, without the closing period
    assert out.startswith("Text[^1] and a claim.[^2]\n\n[^1]: As in (John Doe, *Work A* (Alpha Press, 2000), 2).\n")
    assert out.rstrip().endswith("[^2]: Jane Roe, *Work B* (Beta Press, 1990).")


def test_unknown_key_listed_once(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("Braced [@{HFH+:W:09}] and @{HFH+:W:09} again.\n")
    result = cli("render", draft, "--store", BUNDLED_STORE)
    assert result.code == 5
    assert result.err.count("@HFH+:W:09: no reference matches") == 1


def test_render_of_a_word_draft_says_what_render_reads(cli, tmp_path):
    import docx

    draft = tmp_path / "article.docx"
    document = docx.Document()
    document.add_paragraph("Cited [@deluze1992].")
    document.save(draft)
    result = cli("render", draft, "--store", BUNDLED_STORE)
    assert result.code == 2 and result.out == ""
    assert "render reads Markdown or text drafts" in result.err and "acuref check article.docx" in result.err


@pytest.fixture
def notes_docx(cli, case, tmp_path):
    store = case("28-ibid-notes")
    path = tmp_path / "out.docx"
    result = cli("render", CASES / "28-ibid-notes.md", "--style", "chicago-notes-bibliography-subsequent-ibid",
                 "--to", "docx", "-o", path, "--store", store)
    assert result.code == 0, result.err
    return path


def test_docx_has_real_footnotes_and_italic_runs(notes_docx):
    from docx import Document
    from lxml import etree

    document = Document(notes_docx)
    body = document.paragraphs
    assert body[0].text == "One. Two. Three. Four. Five."
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    refs = [r.get(f"{w}id") for r in body[0]._p.iter(f"{w}footnoteReference")]
    assert refs == ["1", "2", "3", "4", "5"]
    assert [(r.text, bool(r.italic)) for r in body[1].runs] == [("Doe, John. ", False), ("Work A", True),
                                                                 (". Alpha Press, 2000.", False)]
    with zipfile.ZipFile(notes_docx) as package:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    texts = {n.get(f"{w}id"): "".join(t.text for t in n.iter(f"{w}t")).strip() for n in notes.iter(f"{w}footnote")
             if n.get(f"{w}type") is None}
    assert texts == {"1": "John Doe, Work A (Alpha Press, 2000).", "2": "Ibid.", "3": "Ibid., 5.",
                     "4": "Jane Roe, Work B (Beta Press, 1990).", "5": "Doe, Work A, 5."}
    italic = [t.text for n in notes.iter(f"{w}footnote") if n.get(f"{w}id") == "1"
              for r in n.iter(f"{w}r") if r.find(f"{w}rPr/{w}i") is not None for t in r.iter(f"{w}t")]
    assert italic == ["Work A"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_docx(notes_docx, tmp_path):
    subprocess.run(["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(notes_docx)],
                   check=True, timeout=120, capture_output=True)
    text = (tmp_path / "out.txt").read_text(encoding="utf-8-sig")
    assert "Ibid., 5." in text and "Doe, John. Work A. Alpha Press, 2000." in text


def test_odt_has_notes_and_italics(cli, case, tmp_path):
    from lxml import etree

    store = case("28-ibid-notes")
    path = tmp_path / "out.odt"
    assert cli("render", CASES / "28-ibid-notes.md", "--style", "chicago-notes-bibliography-subsequent-ibid",
               "--to", "odt", "-o", path, "--store", store).code == 0
    with zipfile.ZipFile(path) as package:
        assert package.namelist()[0] == "mimetype"
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = etree.fromstring(package.read("content.xml"))
    t = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    notes = ["".join(n.find(f"{t}note-body").itertext()) for n in content.iter(f"{t}note")]
    assert notes == ["John Doe, Work A (Alpha Press, 2000).", "Ibid.", "Ibid., 5.",
                     "Jane Roe, Work B (Beta Press, 1990).", "Doe, Work A, 5."]
    italic = [s.text for s in content.iter(f"{t}span") if s.get(f"{t}style-name") == "I"]
    assert italic[:2] == ["Work A", "Work B"]


def test_html_notes(cli, case):
    store = case("28-ibid-notes")
    out = cli("render", CASES / "28-ibid-notes.md", "--style", "chicago-notes-bibliography-subsequent-ibid",
              "--to", "html", "--store", store).out
    assert out.startswith('<p>One.<sup><a href="#fn1" id="fnref1">1</a></sup> Two.')
    # a note's paragraphs are <p> (as pandoc writes them), so a note may hold several
    assert '<li id="fn3"><p>Ibid., 5. <a href="#fnref3">↩</a></p>\n</li>' in out
    assert "<p>Doe, John. <em>Work A</em>. Alpha Press, 2000.</p>" in out


def test_docx_and_odt_need_an_output_file(cli):
    result = cli("render", CASES / "17-prefix.md", "--to", "docx", "--store", BUNDLED_STORE)
    assert result.code == 2 and "-o FILE" in result.err


@pytest.mark.parametrize("suffix", [".bib", ".json"])
def test_bib_out_writes_only_the_cited_works(cli, tmp_path, suffix):
    draft = tmp_path / "d.md"
    draft.write_text("Pain fell [@deluze1992; @hayhoe2010] and @deluze1992 [p. 3].\n")
    bib = tmp_path / f"cited{suffix}"
    result = cli("render", draft, "--bib-out", bib, "--store", BUNDLED_STORE)
    assert result.code == 0, result.err
    from acuref.formats import read_file

    back = read_file(bib)
    assert not back.problems
    assert sorted((r.first_author, r.year) for r in back.references) == [("Deluze", 1992), ("Hayhoe", 2010)]
    if suffix == ".json":
        assert sorted(item["id"] for item in json.loads(bib.read_text())) == ["deluze1992", "hayhoe2010"]


def test_bib_out_refuses_other_extensions(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("Pain [@deluze1992].\n")
    result = cli("render", draft, "--bib-out", tmp_path / "x.txt", "--store", BUNDLED_STORE)
    assert result.code == 2 and "--bib-out writes .bib or .json" in result.err


def test_check_field_case_names_as_written(cli, case):
    """Rows 25/26: a U+2010 hyphen in the source, braces around a particle; only the missing work fails."""
    store = case("25-check-names")
    result = cli("check", CASES / "25-check-names.md", "--json", "--store", store)
    got = [(c["line"], c["column"], c["text"], c["status"], c["keys"][:1]) for c in json.loads(result.out)["citations"]]
    assert got[:4] == [(1, 33, "Falten-Dumescu et al., 2021", "ok", ["falten2021"]),
                       (3, 28, "Eckart-Pessoa et al. (2019)", "ok", ["eckart2019"]),
                       (5, 20, "von Dielmann & Ramos-Fresno, 2018", "ok", ["dielmann2018"]),
                       (5, 71, "von Dielmann and Ramos-Fresno (2018)", "ok", ["dielmann2018"])]
    assert got[4][2:4] == ("Okafor-Lane, 2023", "unresolved")
    assert result.code == 1


def test_braced_key_with_plus(cli, case):
    """Row 21: a BibTeX key with "+" and ":" cited as @{HFH+:WEKA:09}, in brackets and in text."""
    store = case("21-key-plus")
    out = cli("render", CASES / "21-key-plus.md", "--style", "apa", "--to", "text", "--store", store).out
    assert paragraphs(out)[0] == "Braced key (Hale et al., 2009) and in text Hale et al. (2009) says."


@pytest.mark.parametrize("style, text, entry", [
    ("apa", "This is a work by Gorling et al. (2017) and by Smith et al. (2020).", "Smith, J., et al. (2020). A short book. Quill."),
    ("chicago-author-date", "This is a work by Gorling et al. (2017) and by Smith et al. (2020).",
     "Smith, John, et al. 2020. A Short Book. Quill."),
])
def test_and_others_is_et_al(cli, case, style, text, entry):
    """Row 24: BibTeX "and others" means "et al.", not an author called "others"."""
    store = case("24-and-others")
    result = cli("render", CASES / "24-and-others.md", "--style", style, "--to", "text", "--store", store)
    assert paragraphs(result.out)[0] == text
    assert paragraphs(result.out)[-1] == entry
    assert "others" not in result.out and "Truncated" not in result.err


def test_two_emphases_in_one_suffix_are_both_plain_in_text(cli, case, tmp_path):
    # "*n* of **all**" lost only part of its marks ("n* of *all**"): after a one-letter span the lazy
    # pattern ran on to a later closer
    store = case("17-prefix")
    key = json.loads((CASES / "17-prefix.json").read_text())[0]["id"]
    draft = tmp_path / "d.md"
    draft.write_text(f"X [*see* @{key}, *n* of **all**].\n")
    result = cli("render", draft, "--style", "apa", "--to", "text", "--store", store)
    assert result.code == 0, result.err
    assert "*" not in result.out and "(see Doe, 1999, n of all)" in result.out


@pytest.mark.parametrize("style, expected", [
    ("apa", "Pain (Deluze et al., 1992) and relief (Deluze et al., 1992, p. 3; Ho et al., 1990)."),
    ("vancouver", "Pain (1) and relief (1,2)."),
])
def test_a_work_cited_by_key_and_by_alias_in_one_cluster_is_cited_once(cli, tmp_path, style, expected):
    # s2-qa item 16: delize1992 is deluze1992's alias (the seed's misspelling); "1992, 1992" and "(1,1)" before
    draft = tmp_path / "d.md"
    draft.write_text("Pain [@deluze1992; @delize1992] and relief [@delize1992, p. 3; @deluze1992, p. 3; @ho1990].\n",
                     encoding="utf-8")
    out = cli("render", draft, "--style", style, "--store", BUNDLED_STORE).out
    assert paragraphs(out)[0] == expected


def test_cite_of_a_key_and_its_alias_prints_the_work_once(cli):
    result = cli("cite", "delize1992", "deluze1992", "--both", "--style", "apa", "--store", BUNDLED_STORE)
    assert result.code == 0
    assert result.out.startswith("(Deluze et al., 1992)\n") and result.out.count("Electroacupuncture in fibromyalgia") == 1


def test_author_in_text_notes_sit_after_the_names_as_pandoc_puts_them(cli, tmp_path):
    """pandoc 2.17 --citeproc, chicago-note-bibliography, -t plain: the note mark of "@key" follows the
    names and the sentence keeps its punctuation after it ("See Hayhoe[2]."); names ending in "et al."
    absorb the sentence's period ("Deluze et al.[1]"); a bracketed citation's note moves after it."""
    draft = tmp_path / "d.md"
    draft.write_text("First claim @deluze1992.\n\nSee @hayhoe2010.\n\nWork by @deluze1992, and more; then "
                     "@hayhoe2010: fine.\n\nAnd [@hayhoe2010, p. 3].\n", encoding="utf-8")
    out = cli("render", draft, "--style", "chicago-note-bibliography", "--to", "text", "--store", BUNDLED_STORE).out
    assert out.split("\n\n")[:4] == ["First claim Deluze et al.[1]", "See Hayhoe[2].",
                                     "Work by Deluze et al.[3], and more; then Hayhoe[4]: fine.", "And.[5]"]


@pytest.mark.parametrize("style, first", [
    ("apa", "As shown by Ho et al. (1990)."),
    ("chicago-note-bibliography", "As shown by Ho et al., “Electro‐acupuncture and Postoperative Emesis”."),
])
def test_inline_note_keeps_its_words_and_its_citation_is_rendered_inside_it(cli, tmp_path, style, first):
    # pandoc 2.17 --citeproc: "^[…]" is a note (never a citation bracket "[…]"), its citations rendered in it
    draft = tmp_path / "inline.md"
    draft.write_text("Pain fell.^[As shown by @ho1990.] More.^[A plain inline note.]\n")
    out = cli("render", draft, "--style", style, "--to", "text", "--store", BUNDLED_STORE).out
    assert out.startswith("Pain fell.[1] More.[2]\n")
    assert f"\n[1] {first}\n" in out
    assert "\n[2] A plain inline note.\n" in out
    assert "^" not in out
    html = cli("render", draft, "--style", style, "--to", "html", "--store", BUNDLED_STORE).out
    assert "As shown by Ho et al." in html and "A plain inline note." in html and "^" not in html


def test_a_citation_that_prints_nothing_is_warned_of_and_leaves_no_double_space(cli, tmp_path):
    """MLA prints nothing for [-@key] (pandoc 2.17 too, with "[WARNING] Citeproc: Citation with no printed
    form"): the sentence keeps one space and stderr names the file, line and key."""
    draft = tmp_path / "d.md"
    draft.write_text("Intro.\n\nEzzo et al. [-@ezzo2006] agreed.\n", encoding="utf-8")
    result = cli("render", draft, "--style", "modern-language-association", "--to", "text", "--store", BUNDLED_STORE)
    assert result.code == 0 and result.out.split("\n\n")[1] == "Ezzo et al. agreed."
    assert "d.md:3: @ezzo2006: the citation prints nothing" in result.err
    apa = cli("render", draft, "--style", "apa", "--to", "text", "--store", BUNDLED_STORE)
    assert apa.out.split("\n\n")[1] == "Ezzo et al. (2006) agreed." and apa.err == ""


def test_plain_text_numbers_the_writers_notes_and_the_generated_ones_in_order(cli, tmp_path):
    """--to text, note style: the writer's own footnote [^w] between two citations is note 2 of 3, and
    every note follows the body in that order (html and docx already numbered them so; QA2)."""
    draft = tmp_path / "d.md"
    draft.write_text("One [@ho1990].\n\nTwo.[^w]\n\nThree [@hayhoe2010].\n\n[^w]: The writer's own note.\n",
                     encoding="utf-8")
    out = cli("render", draft, "--style", "chicago-note-bibliography", "--to", "text", "--store", BUNDLED_STORE).out
    assert out.startswith("One.[1]\n\nTwo.[2]\n\nThree.[3]\n\n")
    notes = out.split("\n\n")[-3:]
    assert [n[:3] for n in notes] == ["[1]", "[2]", "[3]"] and notes[1] == "[2] The writer's own note."
