"""BibTeX as LaTeX users write it (issue 14, point 2): the grammar's corners, each with its right value."""

from __future__ import annotations

from acuref.formats import parse
from acuref.formats.bibtex_lex import lex


def _one(text):
    result = parse(text, "bibtex", "x.bib")
    assert not result.problems, result.problems
    return result


def test_comments_preamble_and_percent_lines_are_not_data():
    text = ("@preamble{\"\\newcommand{\\noop}[1]{}\"}\n@comment{jabref-meta: databaseType:bibtex;}\n"
            "Stray text between entries is a comment too.\n"
            "@article{k,\n  title = {T},\n%  note = {commented out},\n  year = 2001,\n}\n")
    bib = lex(text)
    assert bib.preambles == ["\\newcommand{\\noop}[1]{}"] and len(bib.entries) == 1
    [ref] = _one(text).references
    assert "note" not in ref.fields and "commented out" not in ref.notes


def test_xdata_and_crossref_inherit_as_biber_does():
    text = ("@xdata{pub, publisher = {Invented Press}, location = {Bloomfield}}\n"
            "@mvbook{whole, title = {Collected Works}, editor = {Salem, L.}, year = 2004, xdata = {pub}}\n"
            "@book{vol2, crossref = {whole}, title = {Letters}, volume = 2}\n"
            "@incollection{chap, crossref = {book}, title = {A Chapter}, author = {Doe, J.}}\n"
            "@collection{book, title = {The Book}, subtitle = {Essays}, year = 1999, shorttitle = {Book}}\n")
    refs = {r.key: r for r in _one(text).references}
    assert "pub" not in refs  # @xdata is data, not a work
    assert refs["whole"].fields["publisher"] == "Invented Press"
    assert refs["vol2"].fields["volume-title"] == "Collected Works"  # mvbook title -> maintitle
    assert refs["vol2"].fields["publisher"] == "Invented Press" and refs["vol2"].year == 2004
    chap = refs["chap"]
    assert chap.fields["container-title"] == "The Book: Essays" and chap.year == 1999
    assert "title-short" not in chap.fields  # shorttitle is not inherited


def test_undefined_macros_cycles_and_repeats_are_warnings_not_refusals():
    text = ("@article{a, journal = nomacro, title = {A}, year = 2001, crossref = {b}}\n"
            "@article{b, title = {B}, year = 2002, crossref = {a}}\n"
            "@article{c, title = {C}, title = {C again}, year = 2003, keywords = {x}, keywords = {y}}\n")
    result = _one(text)
    assert [r.key for r in result.references] == ["a", "b", "c"]
    messages = " ".join(w.message for w in result.warnings)
    assert "undefined @string macro 'nomacro'" in messages and "refers back" in messages
    assert "field 'title' is repeated" in messages
    c = result.references[2]
    assert c.title == "C" and "title: C again" in c.notes and "keywords: y" in c.notes


def test_parenthesised_entries_quoted_values_and_numbers():
    [ref] = _one('@Article(k, title = "A {"}quoted{"} title", year = 1999, volume = 12, month = dec)\n').references
    assert ref.title == 'A "quoted" title' and ref.issued == (1999, 12) and ref.fields["volume"] == "12"


def test_latex_accents_become_composed_unicode():
    [ref] = _one("@book{k, title = {Caf\\'e na\\\"{\\i}ve \\v{R}eh\\r{u}\\v{r}ek}, author = {M{\\\"u}ller, J{\\o}rgen}, year = 2000}\n").references
    assert ref.title == "Café naïve Řehůřek" and (ref.author[0].family, ref.author[0].given) == ("Müller", "Jørgen")


def test_biblatex_eprint_pubmed_and_arxiv():
    text = ("@article{a, title = {A}, date = {2020-05}, eprint = {12345678}, eprinttype = {pubmed}}\n"
            "@online{b, title = {B}, date = {2021/2022}, eprint = {2101.00001}, eprinttype = {arxiv}, eprintclass = {cs.DL}}\n")
    a, b = _one(text).references
    assert a.fields["PMID"] == "12345678" and a.issued == (2020, 5)
    assert (b.fields["archive"], b.fields["archive_location"]) == ("arxiv", "2101.00001") and b.issued.end == (2022,)
    assert "eprintclass: cs.DL" in b.notes or "eprintclass" in b.notes
