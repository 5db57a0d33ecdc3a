"""check reads drafts as writers write them (issue 17, point 1): wrapped and hyphenated text,
HTML markup, Word (.docx: runs, tables, footnotes) and OpenDocument (.odt: spans, notes), with
each citation reported where it starts in the original file; broken files are clear errors."""

from __future__ import annotations

import json
import textwrap
import zipfile

import pytest

from acuref.drafts.checking import check, check_file
from acuref.drafts.outputs import to_docx, to_odt
from acuref.drafts.rendering import RenderedDraft
from tests.conftest import BUNDLED_STORE, FIXTURES

SEED = FIXTURES / "seed"
ARTICLES = ["ai", "electroacupuncture", "help", "neurotransmitters", "tapping"]


def wrap(text: str, width: int) -> str:
    """Every line wrapped at ``width`` columns, as an editor's hard wrap does (blank lines kept)."""
    out = []
    for line in text.splitlines():
        out += textwrap.wrap(line, width, break_long_words=False) or [""]
    return "\n".join(out) + "\n"


def outcome(report):
    return [(r.citation.text, r.status, r.keys, r.likeliest) for r in report.citations]


@pytest.mark.parametrize("width", [40, 60, 80])
@pytest.mark.parametrize("article", ARTICLES)
def test_wrapped_seed_articles_check_as_unwrapped(bundled, article, width):
    text = (SEED / f"article_{article}.txt").read_text(encoding="utf-8")
    wrapped = wrap(text, width)
    assert max(len(line) for line in wrapped.splitlines()) <= max(width, 60)  # really wrapped
    report = check(bundled, wrapped)
    assert outcome(report) == outcome(check(bundled, text))
    lines = wrapped.splitlines()
    for r in report.citations:  # each position is where the citation starts in the wrapped file
        first_word = r.citation.text.split()[0]
        assert lines[r.citation.line - 1][r.citation.column - 1:].startswith(first_word), r.citation


def test_hyphenated_and_soft_hyphenated_names(bundled):
    text = "Post-operative pain fell (Hay-\nhoe, 2010) and (Deluze et\u00a0al., 19\n92 is not a year).\nAlso (De\u00adluze et al., 1992).\n"
    report = check(bundled, text)
    assert [(r.citation.line, r.citation.column, r.citation.text, r.status) for r in report.citations] == [
        (1, 27, "Hayhoe, 2010", "ok"), (4, 7, "De\u00adluze et al., 1992".replace("\u00ad", ""), "ok")]


def test_html_markup_inside_a_citation(bundled):
    html = ("<html><head><style>p {}</style></head><body>\n<p>Pain fell (<i>Deluze</i> et&nbsp;al.,\n"
            "1992) and <b>Hayhoe</b>\n(2010) agrees.</p>\n<p>Ezzo &amp; al (<span>2006</span>)</p></body></html>\n")
    report = check(bundled, html, "html")
    assert [(r.citation.line, r.citation.column, r.citation.text, r.status) for r in report.citations] == [
        (2, 18, "Deluze et al., 1992", "ok"), (3, 14, "Hayhoe (2010)", "ok"), (5, 4, "Ezzo & al (2006)", "ok")]


def test_docx_runs_tables_and_footnotes(cli, tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Electroacupuncture")
    paragraph = document.add_paragraph("Pain fell (")
    paragraph.add_run("Deluze").italic = True
    paragraph.add_run(" et al., 1992) and rose.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Surgery"
    table.cell(0, 1).text = "Benefits (Hayhoe, 2010)"
    document.add_paragraph("Unknown (Nobody et al., 2001).")
    path = tmp_path / "draft.docx"
    document.save(path)
    data = json.loads(cli("check", path, "--json", "--store", BUNDLED_STORE).out)
    assert [(c["part"], c["line"], c["column"], c["text"], c["status"]) for c in data["citations"]] == [
        ("body", 2, 12, "Deluze et al., 1992", "ok"), ("body", 4, 11, "Hayhoe, 2010", "ok"),
        ("body", 5, 10, "Nobody et al., 2001", "unresolved")]


def test_docx_and_odt_footnotes_are_read(bundled, tmp_path):
    parts = RenderedDraft("Pain fell.[^1] More (Hayhoe, 2010).\n", (("1", "See *Deluze et al.* (1992)."),), (), ())
    for name, data in (("d.docx", to_docx(parts)), ("d.odt", to_odt(parts))):
        path = tmp_path / name
        path.write_bytes(data)
        report = check_file(bundled, path)
        got = [(r.citation.part, r.citation.line, r.citation.column, r.citation.text, r.status)
               for r in report.citations]
        # Word's footnote text starts with a space after the note mark
        column = 6 if name.endswith(".docx") else 5
        assert got == [("body", 1, 18, "Hayhoe, 2010", "ok"), ("footnote 1", 1, column, "Deluze et al. (1992)", "ok")]


def test_docx_footnotes_are_named_by_the_number_word_shows(bundled, tmp_path):
    # s2-qa item 13: pandoc numbers footnote ids from 20; Word shows 1, 2, ... in the order of the
    # references in the body, whatever the ids, and endnotes as i, ii, ...
    import zipfile

    parts = RenderedDraft("Pain fell.[^1] More.[^2]\n", (("1", "See Hayhoe (2010)."), ("2", "See Deluze et al. (1992).")),
                          (), ())
    source = tmp_path / "ours.docx"
    source.write_bytes(to_docx(parts))
    path = tmp_path / "pandoc-like.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name in ("word/document.xml", "word/footnotes.xml"):
                data = data.replace(b'w:id="1"', b'w:id="21"').replace(b'w:id="2"', b'w:id="20"')
            out.writestr(name, data)
    with zipfile.ZipFile(path) as package:
        notes = package.read("word/footnotes.xml")
    assert notes.index(b'w:id="21"') < notes.index(b'w:id="20"')
    report = check_file(bundled, path)
    assert [(r.citation.part, r.citation.text) for r in report.citations] == [
        ("footnote 1", "Hayhoe (2010)"), ("footnote 2", "Deluze et al. (1992)")]
    from acuref.drafts.office import _format_number

    assert [_format_number(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert [_format_number(n, "upperLetter") for n in (1, 26, 27)] == ["A", "Z", "AA"]


def test_odt_spans_spaces_and_tables(bundled, tmp_path):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>'
               '<text:h>Title</text:h><text:p>Fell<text:s text:c="2"/>(<text:span>Deluze</text:span> et al.,'
               '<text:line-break/>1992).</text:p><table:table><table:table-row><table:table-cell>'
               '<text:p>As (Hayhoe, 2010)</text:p></table:table-cell></table:table-row></table:table>'
               '</office:text></office:body></office:document-content>')
    path = tmp_path / "d.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    report = check_file(bundled, path)
    assert [(r.citation.line, r.citation.column, r.citation.text, r.status) for r in report.citations] == [
        (2, 8, "Deluze et al., 1992", "ok"), (3, 5, "Hayhoe, 2010", "ok")]


@pytest.mark.parametrize("name, data, reason", [
    ("bad.docx", b"not a zip at all", "not a .docx file (not a ZIP package)"),
    ("bad.odt", b"PK\x03\x04 broken", "not a .odt file (not a ZIP package)"),
    ("empty.docx", None, "word/document.xml is missing from the package"),
    ("garbled.docx", b"<w:document", "word/document.xml: malformed XML"),
    ("entity.odt", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><office:document-content xmlns:office='
     b'"urn:oasis:names:tc:opendocument:xmlns:office:1.0">&a;</office:document-content>',
     "content.xml has no office:text body"),
])
def test_broken_documents_are_clear_errors(cli, tmp_path, name, data, reason):
    path = tmp_path / name
    if data is None or data.startswith(b"<"):
        with zipfile.ZipFile(path, "w") as package:
            if data is not None:
                package.writestr("word/document.xml" if name.endswith(".docx") else "content.xml", data)
    else:
        path.write_bytes(data)
    result = cli("check", path, "--store", BUNDLED_STORE)
    assert result.code == 5, result.err
    assert f"{path}: {reason}" in result.err


def test_the_issues_wrapped_example(bundled):
    """Issue 17: only Hayhoe was found in this wrapped text; all four are found where they start."""
    text = ("Benefits (Hayhoe, 2010, Lin et al,\n2002) and fibromyalgia (Delize\net al. 1992). Xu et al\n"
            "(2018) found less migraine.\n")
    report = check(bundled, text)
    assert [(r.citation.line, r.citation.column, r.citation.text, r.status) for r in report.citations] == [
        (1, 11, "Hayhoe, 2010", "ok"), (1, 25, "Lin et al, 2002", "ok"), (2, 25, "Delize et al. 1992", "fuzzy"),
        (3, 15, "Xu et al (2018)", "ok")]


def test_html_line_break_inside_a_citation(bundled):
    report = check(bundled, "<p>Pain fell (Deluze et al.,<br/>1992) and<br>more.</p>", "html")
    assert [(r.citation.column, r.citation.text, r.status) for r in report.citations] == [
        (15, "Deluze et al., 1992", "ok")]
