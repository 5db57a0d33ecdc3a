"""acuref against citeproc-js (the reference CSL processor) on every reference of the bundled store,
and on a hand-made set of what the store lacks (tests/fixtures/cite/extra-items.json: full given
names, particles, editors, books, chapters, reports, web pages, theses, 22 authors, no date,
repeated authors, abbreviated page ranges).

The goldens in tests/golden/cite are citeproc-js's output (tools/make_cite_goldens.sh regenerates
them; node is not needed here).  Each style must reproduce at least 97% of the golden lines exactly;
every difference is printed so that a regression shows what changed, not just a number.
"""

from __future__ import annotations

import pytest

from acuref import store as store_mod
from cite_goldens import GOLDEN, STYLES, acuref_lines, compare

THRESHOLD = 0.97


@pytest.fixture(scope="module")
def bundled():
    return store_mod.load(store_mod.bundled_store_path())


@pytest.fixture(scope="module")
def ours(bundled):
    """acuref's lines per style, rendered once for the module."""
    cache: dict[str, list[str]] = {}
    return lambda style: cache.setdefault(style, acuref_lines(bundled, style))


@pytest.mark.parametrize("style", STYLES)
def test_matches_citeproc_js(bundled, ours, style, capsys):
    rate, differences = compare(bundled, style, ours(style))
    with capsys.disabled():
        print(f"\n{style}: {rate:.1%} of golden lines identical to citeproc-js")
        for golden, ours in differences:
            print(f"  citeproc-js: {golden}\n  acuref:      {ours}")
    assert rate >= THRESHOLD, f"{style}: {rate:.1%} < {THRESHOLD:.0%}; differences listed above"


@pytest.fixture(scope="module")
def extra():
    from acuref.formats import read_file

    from tests.conftest import FIXTURES

    return read_file(FIXTURES / "cite" / "extra-items.json").references


@pytest.mark.parametrize("style", STYLES)
def test_extra_set_matches_citeproc_js(extra, style, capsys):
    rate, differences = compare(extra, style, golden_dir=GOLDEN / "extra")
    with capsys.disabled():
        print(f"\n{style} (extra set): {rate:.1%} of golden lines identical to citeproc-js")
        for golden, ours in differences:
            print(f"  citeproc-js: {golden}\n  acuref:      {ours}")
    assert rate >= THRESHOLD, f"{style}: {rate:.1%} < {THRESHOLD:.0%}; differences listed above"


def test_golden_structure_is_whole(bundled, ours):
    """The goldens cover each reference alone (citation + entry) and all together, for every style."""
    n = len(list(bundled))
    for style in STYLES:
        golden = (GOLDEN / f"{style}.tsv").read_text(encoding="utf-8").splitlines()
        assert len(golden) == 2 * n + 1 + n, style
        assert [line.split("\t")[:3] for line in golden] == [
            line.split("\t")[:3] for line in ours(style)]


def test_comparison_catches_a_difference(bundled, ours):
    """The rate is honest: a corrupted rendering lowers it."""
    corrupted = [line.replace("2014", "2041") for line in ours("vancouver")]
    rate, differences = compare(bundled, "vancouver", corrupted)
    assert rate < 1 and any("2041" in ours for _, ours in differences)
