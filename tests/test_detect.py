"""Format detection weighs the whole evidence, not one marker (the QA leftover: a .bib whose abstract
has a line "TY  - " was read as RIS and failed). Each case hides another format's marker in a field."""

from __future__ import annotations

import json

import pytest

from acuref.formats import detect, read_data

BIB_WITH_RIS = "@article{a,\n  title = {T},\n  year = 2001,\n  abstract = {Methods:\nTY  - JOUR\nER  - \n}\n}\n"
RIS_WITH_BIB = "TY  - JOUR\nTI  - T\nPY  - 2001\nAB  - Example of markup:\n@article{x,\n}\nER  - \n"
CSL_JSON_WITH_RIS = json.dumps([{"id": "a", "type": "article-journal", "title": "TY  - JOUR\nER  - "}], indent=2)
YAML_WITH_RIS = "- id: a\n  type: article-journal\n  title: T\n  abstract: |\n    TY  - JOUR\n    @article{x,\n"
MEDLINE_WITH_BIB = "PMID- 1\nTI  - T\n      @article{x, continued\nDP  - 2001\nFAU - Smith, John\n"
BIB_AFTER_COMMENTS = "% Encoding: UTF-8\n%% JabRef\n\n@article{a, title={T}, year=2001,\n abstract={x\nPMID- 1\n}}\n"
REFER = "%0 Journal Article\n%A Smith, John\n%T A title\n%D 2001\n%J A Journal\n"


@pytest.mark.parametrize(("name", "text", "fmt"), [
    ("x.bib", BIB_WITH_RIS, "bibtex"), ("x.txt", BIB_WITH_RIS, "bibtex"), ("-", BIB_WITH_RIS, "bibtex"),
    ("x.ris", RIS_WITH_BIB, "ris"), ("x.txt", RIS_WITH_BIB, "ris"), ("x.bib", RIS_WITH_BIB, "ris"),
    ("x.json", CSL_JSON_WITH_RIS, "csl-json"), ("x.txt", CSL_JSON_WITH_RIS, "csl-json"),
    ("x.yaml", YAML_WITH_RIS, "csl-yaml"), ("x", YAML_WITH_RIS, "csl-yaml"),
    ("x.nbib", MEDLINE_WITH_BIB, "medline"), ("x.txt", MEDLINE_WITH_BIB, "medline"),
    ("x.bib", BIB_AFTER_COMMENTS, "bibtex"), ("x.txt", BIB_AFTER_COMMENTS, "bibtex"),
    ("x.txt", REFER, "refer"), ("x.enw", REFER, "refer"),
])
def test_a_marker_inside_a_field_does_not_decide_the_format(name, text, fmt):
    assert detect(name, text) == fmt


@pytest.mark.parametrize(("text", "title"), [(BIB_WITH_RIS, "T"), (RIS_WITH_BIB, "T"), (CSL_JSON_WITH_RIS, "TY  - JOUR\nER  - "),
                                             (YAML_WITH_RIS, "T")])
def test_such_files_are_read_whole(text, title):
    result = read_data(text.encode(), "x.txt")
    assert not result.problems
    [ref] = result.references
    assert ref.title == title


def test_free_text_before_the_first_entry_leaves_the_extension_and_the_structure_to_decide():
    # BibTeX allows any text outside entries; a stray RIS tag line (no ER) in an abstract must not win
    text = "Exported by a tool\n\n" + BIB_WITH_RIS.replace("ER  - \n", "")
    assert detect("x.bib", text) == "bibtex"
    assert detect("-", text) == "bibtex"


def test_an_endnote_refer_file_is_named_not_read_as_plain_references():
    result = read_data(REFER.encode(), "export.txt")
    assert not result.references
    [problem] = result.problems
    assert problem.path == "export.txt" and problem.line == 1 and "Refer" in problem.message and "RIS" in problem.message
