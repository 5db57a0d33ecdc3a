"""The render cache: a repeat render is read back, any change of input renders anew, and a broken
cache file is a miss, never an error or a wrong answer."""

from __future__ import annotations

from dataclasses import replace

import pytest

import acuref.render as render_mod
from acuref import render_cache
from acuref.render import Cite, render


@pytest.fixture
def calls(monkeypatch):
    """Counts the renders that really run citeproc."""
    count = []
    original = render_mod._render

    def counting(*args, **kwargs):
        count.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(render_mod, "_render", counting)
    return count


def test_repeat_render_is_read_from_the_cache(bundled, calls):
    refs = list(bundled)[:5]
    first = render(refs, [[Cite(refs[0].key)]], style="apa", fmt="html", cache=True)
    again = render(refs, [[Cite(refs[0].key)]], style="apa", fmt="html", cache=True)
    assert again == first and len(calls) == 1


CITE_OPTIONS = {"note": 1, "prefix": "see ", "mode": "suppress-author", "label": "chapter"}


@pytest.mark.parametrize("change", ["title", "style", "fmt", "cluster", "locale", "bibliography", "note", "prefix",
                                    "mode", "label", "dependent"])
def test_any_change_of_input_renders_anew(bundled, calls, change):
    refs = list(bundled)[:5]
    args = {"style": "apa", "fmt": "text", "locale": None, "bibliography": True}
    clusters = [[Cite(refs[0].key, locator="3")]]
    first = render(refs, clusters, cache=True, **args)
    if change in CITE_OPTIONS:  # each citation option is part of the key
        clusters = [[replace(clusters[0][0], **{change: CITE_OPTIONS[change]})]]
    elif change == "bibliography":
        args["bibliography"] = False
    elif change == "dependent":  # apa's file with its own default-locale (en-GB)
        args["style"] = "african-journal-of-career-development"
    elif change == "title":
        refs[1] = replace(refs[1], title="A different title")
    elif change == "style":
        args["style"] = "vancouver"
    elif change == "fmt":
        args["fmt"] = "md"
    elif change == "cluster":
        clusters = [[Cite(refs[1].key)]]
    else:
        args["locale"] = "en-GB"
    second = render(refs, clusters, cache=True, **args)
    assert len(calls) == 2
    assert second == render(refs, clusters, **args)  # and what the cache returned is a fresh render
    if change in ("title", "style", "cluster"):
        assert second != first


def test_corrupt_cache_file_is_a_miss(bundled, calls):
    refs = list(bundled)[:3]
    first = render(refs, [], style="apa", cache=True)
    for path in render_cache.cache_dir().glob("render-*.json"):
        path.write_text('{"citations": [], "bibliography": [["x", "tru', encoding="utf-8")
    assert render(refs, [], style="apa", cache=True) == first
    assert len(calls) == 2


def test_no_cache_env_turns_it_off(bundled, calls, monkeypatch):
    monkeypatch.setenv("ACUREF_NO_CACHE", "1")
    refs = list(bundled)[:3]
    render(refs, [], style="apa", cache=True)
    render(refs, [], style="apa", cache=True)
    assert len(calls) == 2 and render_cache.cache_dir() is None


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("ACUREF_CACHE_DIR", str(tmp_path))
    for n in range(render_cache.KEEP + 5):
        render_cache.write(f"k{n:03d}", {"citations": [], "bibliography": []})
    assert len(list(tmp_path.glob("render-*.json"))) == render_cache.KEEP
