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
