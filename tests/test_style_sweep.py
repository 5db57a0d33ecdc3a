"""No bundled style crashes (issue 13): every style without a <bibliography>, the styles that once
crashed, and a deterministic sample of the rest render citations and a bibliography (where the style has
one) without a traceback.  bench/style_sweep.py runs all 2,851 independent styles."""

from __future__ import annotations

import pytest

from style_sweep import independent_styles, render_style, styles_without_bibliography, sweep_references
from tests.conftest import FIXTURES

SAMPLE_EVERY = 25  # every 25th style in name order: about 115 styles, a fixed choice


def crashed_before() -> list[str]:
    lines = (FIXTURES / "cite" / "sweep-crashed-styles.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def chosen_styles() -> list[str]:
    every = independent_styles()
    return sorted(set(styles_without_bibliography()) | set(crashed_before()) | set(every[::SAMPLE_EVERY]))


@pytest.fixture(scope="module")
def refs():
    return sweep_references()


def test_the_chosen_styles_cover_the_kinds():
    notes_only = styles_without_bibliography()
    assert len(notes_only) >= 90 and "chicago-notes" in notes_only
    assert len(crashed_before()) == 116 and set(crashed_before()) <= set(independent_styles())


@pytest.mark.parametrize("style", chosen_styles())
def test_style_renders_without_a_traceback(refs, style):
    outcome = render_style(style, refs)
    assert outcome.kind == "ok", f"{style}: {outcome.kind}\n{outcome.detail}"
