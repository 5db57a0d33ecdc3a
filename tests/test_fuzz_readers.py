"""Every reader survives 1,000 mutated real files: no traceback, no internal error, every problem located
to the file, and whatever is accepted can be stored and read back (issue 14, point 5)."""

from __future__ import annotations

import pytest

from tests.fuzzing import run_one, seeds, sweep

READERS = ["bibtex", "ris", "medline", "wos", "endnote-xml", "csl-json", "csl-yaml"]


@pytest.mark.parametrize("fmt", READERS)
def test_reader_survives_a_thousand_mutations(fmt):
    stats = sweep(fmt, 1000)
    assert stats["inputs"] == 1000
    assert stats["with_refs"] > 0 and stats["refused"] > 0  # the mutations reach both outcomes


@pytest.mark.parametrize("fmt", READERS)
def test_seeds_are_read_or_refused_with_located_problems(fmt):
    outcomes = [run_one(data, fmt) for data in seeds()[fmt]]
    assert all(refs or problems for refs, problems in outcomes)
    assert sum(refs for refs, _ in outcomes) >= len(outcomes) - 2  # the deliberately broken seeds aside


_RUN = " " * 200_000  # quadratic regexes took minutes on this; linear ones take milliseconds


@pytest.mark.parametrize("fmt, text", [
    ("bibtex", "@article{k, author = {Smith, A. and Jones," + _RUN + "B.}, title = {T}, year = 2001,"
               " pages = {12" + _RUN + "15}}\n"),
    ("medline", "PMID- 1\nTI  - T\nAU  - Smith A\nDP  - 2001\nPG  - 12" + _RUN + "15\n\n"),
    ("ris", "TY  - JOUR\nTI  - T\nAU  - Smith, A.\nPY  - 2001\nSP  - 12" + _RUN + "15\nER  - \n"),
], ids=["bibtex", "medline", "ris"])
def test_long_space_runs_in_names_and_pages_are_read_without_hanging(fmt, text):
    from acuref.formats import parse
    from tests.test_parser_reading import hang_guard

    with hang_guard(30):
        [ref] = parse(text, fmt, "x").references
    assert ref.author[0].family == "Smith" and ref.title == "T"
    assert ref.fields["page"].startswith("12") and ref.fields["page"].endswith("15")
