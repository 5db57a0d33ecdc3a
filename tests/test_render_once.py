"""Each render parses its style once and runs the CSL processor once (leftovers of the last session:
drafts/rendering.py parsed the style a second time for its shape; `cite` with a notes-only style
rendered twice). bench/render_double_work.py measures the time, old against new."""

from __future__ import annotations

import pytest


@pytest.fixture
def counted(monkeypatch):
    """Counts of CSL files parsed and of processor runs, from a clean style cache."""
    import acuref.csl.api as api
    import acuref.styles as styles
    from acuref import render

    counts = {"parses": 0, "runs": 0}
    parse, process = styles._parse_safely, api.process

    def counting_parse(path):
        counts["parses"] += 1
        return parse(path)

    def counting_process(*args, **kwargs):
        counts["runs"] += 1
        return process(*args, **kwargs)

    monkeypatch.setattr(styles, "_parse_safely", counting_parse)
    monkeypatch.setattr(api, "process", counting_process)
    render._style_node.cache_clear()
    yield counts
    render._style_node.cache_clear()


@pytest.mark.parametrize(("style", "parses"), [("apa", 1), ("chicago-notes", 1), ("nature-biotechnology", 2)])
def test_rendering_a_draft_parses_its_style_once(bundled, counted, style, parses):
    # a dependent style is two files (itself, to find its parent, and the parent it renders with)
    from acuref.drafts.rendering import render_parts

    text = "As shown [@deluze1992, p. 3] and [see @zhang2014; @zhang2014a]. Again @deluze1992."
    parts = render_parts(bundled, text, style=style)
    assert parts.cited and counted == {"parses": parses, "runs": 1}


@pytest.mark.parametrize(("style", "lines"), [("chicago-notes", 2), ("apa", 2)])
def test_cite_renders_once_even_with_a_notes_only_style(bundled, counted, capsys, style, lines, tmp_path, monkeypatch):
    from acuref.cli.fast import cite
    from tests.conftest import BUNDLED_STORE

    monkeypatch.setenv("ACUREF_NO_CACHE", "1")  # no render cache from earlier runs
    cite(["deluze1992", "zhang2014"], store=BUNDLED_STORE, style=style)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == lines and "Deluze" in out[0] + out[1]
    assert counted["runs"] == 1
