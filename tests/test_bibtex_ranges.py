"""BibTeX's dashes and other TeX ligatures (the QA leftover: en dashes in page ranges were written as-is).

BibTeX writes a page range with ``--`` (pages = {123--130}); TeX reads ``--``/``---`` as en/em dash and
````…''`` as curly quotes in every text field (the TeXbook, ch. 9), so the reader decodes them alike
whether or not the value holds other LaTeX, and the writer keeps literal hyphens apart (``-{}-``).
Verbatim fields (URL, DOI: biblatex manual §2.2.1) are left as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acuref.dates import Date
from acuref.exporting import dropped_fields
from acuref.formats import export, parse
from acuref.formats.bibtex import _decode
from acuref.model import Reference


def _ref(**fields) -> Reference:
    title = fields.pop("title", "T")
    return Reference(key="k1", type="article-journal", title=title, issued=Date(parts=(2001,)),
                     fields={"container-title": "J", **fields})


def _field(text: str, name: str) -> str:
    [line] = [line for line in text.splitlines() if line.strip().startswith(name + " = ")]
    return line.strip()


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
@pytest.mark.parametrize(("page", "written"), [
    ("123–130", "pages = {123--130},"), ("123-130", "pages = {123--130},"), ("123 – 130", "pages = {123--130},"),
    ("1-5, 7–9", "pages = {1--5, 7--9},"), ("S1‐S4", "pages = {S1--S4},"), ("e1234", "pages = {e1234},"),
    ("12−14", "pages = {12--14},"),
])
def test_every_page_range_is_written_with_two_hyphens(fmt, page, written):
    ref = _ref(page=page)
    text = export([ref], fmt)
    assert _field(text, "pages") == written
    assert dropped_fields([ref], fmt, text.encode()) == {}  # the same ranges, whatever dash the store used


def test_a_bibtex_page_range_round_trips_to_the_same_csl_value():
    [first] = parse("@article{k1, title={T}, journal={J}, year=2001, pages={123--130}}", "bibtex", "x.bib").references
    assert first.fields["page"] == "123-130"
    text = export([first], "bibtex")
    assert _field(text, "pages") == "pages = {123--130},"
    [again] = parse(text, "bibtex", "x.bib").references
    assert again == first


@pytest.mark.parametrize(("var", "name"), [("volume", "volume"), ("issue", "number"), ("title", "title")])
def test_an_en_dash_in_other_fields_is_written_as_tex_writes_it(var, name):
    ref = _ref(**{var: "3–4"})
    text = export([ref], "bibtex")
    assert _field(text, name) == f"{name} = {{3--4}},"
    [back] = parse(text, "bibtex", "x.bib").references
    assert back == ref


@pytest.mark.parametrize("title", ["A--B", "x---y", "``Quoted''", "a–-b", "¡Hola! ¿Qué?", "“Real” — dash", "it's ''"])
def test_text_with_ligature_characters_round_trips(title):
    ref = _ref(title=title)
    [back] = parse(export([ref], "bibtex"), "bibtex", "x.bib").references
    assert back.title == title


def test_a_bibtex_ligature_is_read_alike_with_or_without_other_latex():
    # it used to depend on an unrelated backslash: "A--B" stayed "A--B", "A--B \\emph{x}" became "A–B x"
    [plain, latex] = parse("@article{a, title={A--B ``q''}, year=2001}\n@article{b, title={A--B ``q'' \\emph{x}}, year=2001}",
                           "bibtex", "x.bib").references
    assert plain.title == "A–B “q”"
    assert latex.title == "A–B “q” <i>x</i>"  # \\emph is italic rich text (latex_text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="-`'!?a {}", max_size=30))
def test_ligature_decoding_matches_pylatexenc(value):
    # the oracle: pylatexenc, which decodes a value that holds any LaTeX command (here \ss, "ß")
    assert _decode(value + "\\ss").replace(" ", "") == (_decode(value) + "ß").replace(" ", "")


@pytest.mark.parametrize("url", ["http://example.org/a--b", "http://example.org/~user/x_y%20z", "http://example.org/a''b"])
def test_verbatim_fields_keep_their_characters(url):
    ref = _ref(URL=url, DOI="10.1000/a--b")
    [back] = parse(export([ref], "bibtex"), "bibtex", "x.bib").references
    assert back.fields["URL"] == url and back.fields["DOI"] == "10.1000/a--b"


def test_a_tilde_in_a_url_as_other_files_write_it_is_not_a_tie():
    [ref] = parse("@misc{a, title={T}, year=2001, url={http://example.org/~user/a--b}}", "bibtex", "x.bib").references
    assert ref.fields["URL"] == "http://example.org/~user/a--b"
