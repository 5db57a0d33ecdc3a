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
    under 2.5 × FACTOR (20: room for a shared machine's noise; quadratic growth gives 64), with times
    under 2 ms counted as 2 ms so that noise on tiny times cannot fail it."""
    work(make(small // 10))  # warm imports and caches
    t_small, t_large = _best(work, make(small)), _best(work, make(small * factor))
    assert t_large < 2.5 * factor * max(t_small, 2e-3), (t_small, t_large)
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
