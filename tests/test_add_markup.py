"""acuref add: Crossref's and PubMed's markup and HTML entities become rich text, not raw tags in the store.

Served by the local stand-in (tests/lookup_server.py); fixtures in tests/fixtures/lookup (SOURCE.txt)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lookup_server import Reply, lookup  # noqa: F401 (fixture)

DOI = "10.5555/acuref.markup.1"


def test_crossref_markup_and_entities_become_rich_text(cli, store_copy, lookup):
    lookup.crossref(DOI, Reply.fixture("crossref-markup.json"))
    result = cli("add", DOI, "--store", store_copy, "--json")
    assert result.code == 0, result.err
    (item,) = json.loads(result.out)["added"]
    assert item["title"] == ('Needling depth in <span style="font-variant:small-caps;">EA</span> for <i>Helicobacter '
                             "pylori</i> dyspepsia: a <randomised> trial of H<sub>2</sub> breath tests and the "
                             "g<sub>1</sub> factor")
    assert item["container-title"] == "Journal of Alternative & Complementary Medicine"
    assert item["author"] == [{"family": "O'Neil", "given": "Siobhán"},
                              {"literal": "Acupuncture & Moxibustion Trials Group"}]
    assert item["publisher"] == "Mary Ann Liebert, Inc & Co"


@pytest.mark.parametrize("fmt, expected", [
    ("text", "a <randomised> trial of H2 breath tests"),
    ("html", "a &lt;randomised&gt; trial of H<sub>2</sub> breath tests"),
])
def test_added_markup_renders_as_markup_and_entities_as_characters(cli, store_copy, lookup, fmt, expected):
    lookup.crossref(DOI, Reply.fixture("crossref-markup.json"))
    added = cli("add", DOI, "--store", store_copy, "--json")
    key = json.loads(added.out)["added"][0]["id"]
    result = cli("cite", key, "--style", "apa", "--to", fmt, "--store", store_copy)
    assert result.code == 0, result.err
    assert expected in result.out
    assert "&amp;amp;" not in result.out and "&Amp;" not in result.out and "scp>" not in result.out
    assert "jats" not in result.out and "mml" not in result.out


def test_pubmed_markup_escaped_once_becomes_rich_text(cli, store_copy, lookup):
    lookup.route("/eutils/esummary.fcgi", Reply.fixture("esummary-markup.json"))
    result = cli("add", "PMID: 990003", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    (item,) = json.loads(result.out)["added"]
    assert item["title"] == ("Electroacupuncture and <i>Helicobacter pylori</i> eradication in CO<sub>2</sub> breath "
                             "tests: a randomised trial")
    assert item["container-title"] == "Journal of alternative & complementary medicine"


@pytest.mark.parametrize("value, rich", [
    ("<jats:bold>Bold</jats:bold> and <em>em</em>", "<b>Bold</b> and <i>em</i>"),
    ("x <inline-formula><alternatives><mml:math><mml:mi>α</mml:mi></mml:math><tex-math>\\alpha</tex-math>"
     "</alternatives></inline-formula> y", "x α y"),  # the TeX alternative repeats the formula
    ("<mml:msubsup><mml:mi>x</mml:mi><mml:mi>i</mml:mi><mml:mn>2</mml:mn></mml:msubsup>", "x<sub>i</sub><sup>2</sup>"),
    ("Unclosed <i>italic", "Unclosed <i>italic</i>"),
    ("stray </i> end", "stray end"),
    ("a < b &gt; c &#233;", "a < b > c é"),
    ("<![CDATA[Cdata title]]>", "Cdata title"),
])
def test_markup_shapes(value, rich):
    from acuref.lookup.markup import rich_text

    assert rich_text(value) == rich


_PIECES = ["<i>", "</i>", "<scp>", "</scp>", "<jats:italic>", "</jats:italic>", "<mml:msub>", "</mml:msub>", "<mml:mi>",
           "</mml:mi>", "<alternatives>", "</alternatives>", "&amp;", "&lt;", "&gt;", "&#x", "<", ">", "&", "a", " ", "<br/>",
           "<![CDATA[", "]]>", "<span class=\"nocase\">", "</span>", "&lt;i&gt;", "&lt;/i&gt;"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_any_markup_is_read_without_error_and_leaves_no_foreign_tag(value):
    from acuref.lookup.markup import plain_text, rich_text

    text = rich_text(value)
    assert "\0" not in text and "<jats:" not in text and "<scp>" not in text and "<mml:" not in text
    assert "<i>" not in plain_text(value) and "<sub>" not in plain_text(value)
