"""No input makes a reader slow (the brief: no regular expression that can backtrack without bound).

Each reader or parser gets a long adversarial input at two sizes; the time must grow like the input.
The assertion is on the ratio of the best of five runs (quadratic growth gives 64 times for 8 times
the input, linear 8), never on seconds. bench/regex_sweep.py runs every pattern of src/ this way."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def _best(work, text: str) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        work(text)
        best = min(best, time.perf_counter() - start)
    return best


def grows_linearly(work, make, small: int = 25_000, factor: int = 8) -> tuple[float, float]:
    """(time at SMALL, time at FACTOR × SMALL) of WORK on MAKE(n), best of five; asserts the ratio stays
    under 3 × FACTOR (24: room for a shared machine's noise; quadratic growth gives 64), with times
    under 3 ms counted as 3 ms so that noise on tiny times cannot fail it."""
    work(make(small // 10))  # warm imports and caches
    t_small, t_large = _best(work, make(small)), _best(work, make(small * factor))
    assert t_large < 3 * factor * max(t_small, 3e-3), (t_small, t_large)
    return t_small, t_large


# --- "Author Year" queries (keys.py) ---------------------------------------------------------

_OLD_AUTHOR_YEAR = re.compile(r"^\s*(?P<name>.*?[^\W\d_].*?)[\s,]+(?:et\s+al\.?\s*,?\s*)?\(?(?P<year>\d{4})"
                              r"(?P<suffix>[a-z]?)\)?\s*$", re.I)
_PIECES = st.sampled_from(["Smith", "van", " ", ",", "et", "al", ".", "(", ")", "2001", "1992a", "1", "x", "  ", "\t", "é"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_author_year_reads_what_the_old_pattern_read(query):
    # the old single pattern is the oracle on short queries, where its backtracking is cheap
    from acuref.keys import author_year
    from acuref.normalize import squash

    m = _OLD_AUTHOR_YEAR.match(query)
    old = (squash(m.group("name")), int(m.group("year"))) if m else None
    new = author_year(query)
    assert ((squash(new[0]), new[1]) if new else None) == old


@pytest.mark.parametrize("make", [
    lambda n: "a" * n + " 1", lambda n: "a " * (n // 2) + "x", lambda n: "Smith" + " ," * (n // 2) + " 2001x",
    lambda n: "Smith " + "et al. " * (n // 7) + "2001", lambda n: "a" + " " * n + "2001 b",
], ids=["letters", "words", "separators", "et-al", "spaces"])
def test_author_year_queries_take_time_linear_in_their_length(bundled, make):
    from acuref.keys import author_year_matches

    grows_linearly(lambda q: author_year_matches(bundled, q), make)


# --- --year ranges (query.py) -----------------------------------------------------------------

@pytest.mark.parametrize("make", [lambda n: " " * n + "x", lambda n: "2010" + " " * n + "-" + " " * n + "x"],
                         ids=["spaces", "spaced-range"])
def test_a_year_range_takes_time_linear_in_its_length(make):
    from acuref.errors import UsageError
    from acuref.query import parse_years

    def work(spec):
        with pytest.raises(UsageError):
            parse_years(spec)

    grows_linearly(work, make)


# --- every reader on a long run in one field (bench/reader_runs.py found these the worst) ----------

def _read(label):
    from acuref.formats import read_data

    return lambda text: read_data(text.encode("utf-8"), label)


_READERS = {
    "bibtex-author": (_read("x.bib"), lambda n: "@article{k, author = {Smith, A. and " + "$" * n + "}, title = {T}, year = 2001}"),
    "bibtex-year": (_read("x.bib"), lambda n: "@article{k, author = {Smith, A.}, title = {T}, year = {" + "'" * n + "}}"),
    "bibtex-pages": (_read("x.bib"), lambda n: "@article{k, title = {T}, year = 2001, pages = {1" + " -" * (n // 2) + "}}"),
    "ris": (_read("x.ris"), lambda n: "TY  - JOUR\nAU  - " + "1-" * (n // 2) + "\nTI  - T\nSP  - " + "1" * n + "-2\nER  - \n"),
    "medline": (_read("x.nbib"), lambda n: "PMID- 1\nFAU - " + "1-" * (n // 2) + "\nTI  - T\nPG  - 1" + " " * n + "-2\n"),
    "wos": (_read("x.txt"), lambda n: "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU " + "1-" * (n // 2)
            + "\nTI T\nER\n\nEF\n"),
    "endnote-xml": (_read("x.xml"), lambda n: "<xml><records><record><contributors><authors><author>" + "1-" * (n // 2)
                    + "</author></authors></contributors><titles><title>T</title></titles></record></records></xml>"),
    "csl-json": (_read("x.json"), lambda n: '[{"id": "a", "type": "book", "title": "' + "é" * n + '", "issued": {"raw": "'
                 + "1 " * (n // 2) + '"}}]'),
    "csl-yaml": (_read("x.yaml"), lambda n: "- id: a\n  type: book\n  title: '" + "a " * (n // 2) + "'\n"),
    "text": (_read("x.txt"), lambda n: "Smith A, Jones B. " + "-" * n + ". J Invented. 2001;1:1-2.\n"),
    "detection": (_read("-"), lambda n: "\n" * n + "x TY  - \n" + " \n" * n),
}


@pytest.mark.parametrize("name", list(_READERS))
def test_every_reader_takes_time_linear_in_a_long_field(name):
    work, make = _READERS[name]

    def read(text):
        try:
            work(text)
        except Exception as exc:  # a refusal is fine; it must be acuref's own (located) error, never a traceback
            from acuref.errors import AcurefError

            assert isinstance(exc, AcurefError), exc

    grows_linearly(read, make)


# --- drafts, the store, user styles -------------------------------------------------------------

@pytest.mark.parametrize(("kind", "make"), [
    ("md", lambda n: "As Smith et al. (" + "2001, " * (n // 6) + ") and [@" + "a;" * (n // 3) + "] show *" + "_" * n),
    ("text", lambda n: "Smith " * (n // 6) + "(2001" + " " * n),
    ("html", lambda n: "<p>" + "&amp" * (n // 4) + "<i>" * (n // 3) + "Smith (2001)</p>"),
], ids=["md", "text", "html"])
def test_checking_a_draft_takes_time_linear_in_its_length(bundled, kind, make):
    from acuref.drafts.checking import check

    grows_linearly(lambda text: check(bundled, text, kind), make, small=5_000)


def test_pandoc_citations_take_time_linear_in_their_length():
    from acuref.drafts.pandoc import find_pandoc_citations

    grows_linearly(find_pandoc_citations, lambda n: "[see @a, pp. " + "1, " * (n // 3) + "; @b" + "[" * (n // 10))


def test_loading_a_store_takes_time_linear_in_a_long_value(tmp_path):
    from acuref.errors import AcurefError
    from acuref.store import load

    def work(text):
        path = tmp_path / "references.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load(path, use_cache=False) if "use_cache" in load.__code__.co_varnames else load(path)
        except AcurefError:
            pass

    grows_linearly(work, lambda n: 'schema = 1\n[references.a]\ntype = "book"\ntitle = "' + "a " * (n // 2)
                   + '"\nissued = 2001\nauthor = [{ family = "' + "\\u00e9" * (n // 6) + '" }]\n', small=10_000)


def test_a_user_style_with_long_text_takes_time_linear_in_its_length(tmp_path, bundled):
    from acuref.render import Cite, render
    from acuref.styles import find_style

    ref = bundled.references["deluze1992"]
    counter = iter(range(1000))

    def work(text):
        path = tmp_path / f"s{next(counter)}.csl"  # a new file each time: no cached tree
        path.write_text(text, encoding="utf-8")
        render([ref], [[Cite(ref.key)]], style=find_style(str(path)), fmt="text")

    def make(n):
        return ('<?xml version="1.0" encoding="utf-8"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" '
                'version="1.0"><info><title>x</title><id>x</id><updated>2020-01-01T00:00:00+00:00</updated></info>'
                '<citation><layout><text variable="title" prefix="' + "(" * n + '"/><text value="' + "a " * (n // 2)
                + '"/></layout></citation></style>')

    grows_linearly(work, make, small=5_000)


# --- CSL names: particles at the end of a given name (csl/particles.py) -----------------------------

_OLD_GIVEN_PARTICLES = re.compile(r"^(.+?)\s+((?:[a-z\u00df-\u00ff]+[’']?\s*)+)$")


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ ’'.-ßéÉ\t1\u00f7")), max_size=12))
def test_given_particles_are_what_the_old_pattern_found(text):
    from acuref.csl.particles import given_particles

    m = _OLD_GIVEN_PARTICLES.match(text)
    assert given_particles(text) == (m.groups() if m else None)


def test_a_long_lower_case_given_name_renders_in_linear_time():
    # the old pattern took 10 s at 26 letters and a digit, and doubled with each letter more
    from acuref.dates import Date
    from acuref.model import Name, Reference
    from acuref.render import Cite, render

    def work(given):
        ref = Reference(key="k", type="book", title="T", issued=Date(parts=(2001,)),
                        author=(Name(family="Smith", given=given),))
        assert render([ref], [[Cite("k")]], style="apa", fmt="text").citations

    grows_linearly(work, lambda n: "Jo " + "a " * (n // 4) + "a" * (n // 2) + "1", small=10_000)


# --- CSL number variables and locators (csl/numbers.py, csl/evaluate.py) ---------------------------

_SPLITTERS = [  # (old pattern, the linear one in src): a leading \s* or \s+ starts only where a space run starts
    (r"(\s*[-–]\s*|\s*,\s*|\s*&\s*|\s+and\s+)", "acuref.csl.numbers", "_TOKENS"),
    (r"\s*&\s*|,?\s+(?:and|et|und|y|e)\s+|[;,]\s+|\s*\\*[-–]+\s*", "acuref.csl.numbers", "_JOINERS"),
    (r"\s+and\s+|\s*&\s*|;\s+|,\s+|\s*[-–]+\s*", "acuref.csl.numbers", "_PAGE_JOINERS"),
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(list(" \t1a&,-–—;\\") + [" and ", "et", " e ", "y", "and", "  ", "\\\\"]), max_size=10)
       .map("".join))
def test_number_splitters_split_as_the_old_patterns_did(text):
    import importlib

    for old, module, name in _SPLITTERS:
        new = getattr(importlib.import_module(module), name)
        assert new.split(text) == re.split(old, text)


@pytest.mark.parametrize("where", ["locator", "volume", "page"])
def test_a_long_space_run_in_a_number_or_locator_renders_in_linear_time(where):
    # "1" + 8,000 spaces + "x" as a locator took 1.6 s (quadratic: 80,000 took minutes)
    from acuref.dates import Date
    from acuref.model import Name, Reference
    from acuref.render import Cite, render

    def work(value):
        fields = {"container-title": "J"} | ({} if where == "locator" else {where: value})
        ref = Reference(key="k", type="article-journal", title="T", issued=Date(parts=(2001,)),
                        author=(Name(family="Smith", given="J."),), fields=fields)
        render([ref], [[Cite("k", locator=value if where == "locator" else "")]], style="apa", fmt="text")

    grows_linearly(work, lambda n: "1" + " " * n + "x", small=10_000)


def test_a_long_backslash_run_in_a_number_renders_in_linear_time():
    # "1" + 16,000 backslashes + "x" took 2 s in _JOINERS (a "\\*" run retried from each of its positions)
    from acuref.csl.numbers import _JOINERS

    grows_linearly(_JOINERS.split, lambda n: "1" + "\\" * n + "x")


def test_reading_another_store_takes_time_linear_in_its_references(monkeypatch):
    """The acuref-store reader finds every reference's line in one pass (it searched the text once per
    key: 21 s of 24 s for 10,000 references). The store's own parsing, linear and tested above, is
    stubbed so that the reader's own work is what is timed."""
    from acuref import store_validate
    from acuref.formats import parse
    from acuref.model import Reference, Store

    stores = {}

    def make(n):
        keys = [f"k{i}" for i in range(n // 40)]
        text = "schema = 1\n" + "".join(f'\n[references.{k}]\ntype = "book"\ntitle = "T"\n' for k in keys)
        stores[text] = Store(references={k: Reference(key=k, title="T") for k in keys})
        return text

    monkeypatch.setattr(store_validate, "parse", lambda text, path: (stores[text], []))
    grows_linearly(lambda text: parse(text, "acuref", "theirs.toml"), make, small=200_000)
