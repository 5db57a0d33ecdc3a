"""acuref render: pandoc citation syntax, checked against pandoc's own citeproc output.

The goldens in tests/golden/render/ are pandoc 2.17's output (tools/make_render_goldens.sh,
`pandoc --citeproc -t plain --wrap=none`) for the drafts in tests/fixtures/drafts/ (the seed
article "Electro Acupuncture" with [@key] citations, and a draft of the common forms: single and
multiple cites, locators, page ranges, author-in-text, suppress-author). The comparison is of
whole outputs, with two normalisations: pandoc's plain writer drops "# " from headings and
writes list items as "-   ", which is Markdown block syntax, not citation formatting; and pandoc
2.17 leaves an issue range as written ("20(2-3)") where citeproc-js, the reference implementation
that acuref follows (tests/test_cite_goldens.py), joins number ranges with the en dash ("20(2–3)").
"""

from __future__ import annotations

import re

import pytest

from acuref.manuscript import find_pandoc_citations
from tests.conftest import BUNDLED_STORE, FIXTURES, ROOT

DRAFTS = FIXTURES / "drafts"
GOLDEN = ROOT / "tests" / "golden" / "render"


def as_pandoc_plain(text: str) -> str:
    text = re.sub(r"^#+ ", "", text, flags=re.M)
    text = re.sub(r"\((\d+)–(\d+)\)", r"(\1-\2)", text)  # issue ranges: see the module docstring
    return re.sub(r"^- ", "-   ", text, flags=re.M)


@pytest.mark.parametrize("draft", ["common", "electroacupuncture"])
@pytest.mark.parametrize("style", ["harvard-cite-them-right", "apa"])
def test_agrees_with_pandoc_citeproc(cli, draft, style):
    result = cli("render", DRAFTS / f"{draft}.md", "--to", "text", "--style", style, "--store", BUNDLED_STORE)
    assert result.code == 0, result.err
    assert as_pandoc_plain(result.out) == (GOLDEN / f"{draft}.{style}.txt").read_text(encoding="utf-8")


def test_seed_article_renders_with_harvard_bibliography(cli):
    out = cli("render", DRAFTS / "electroacupuncture.md", "--store", BUNDLED_STORE).out
    assert "- Nausea prevention: post chemotherapy (X. Zhang *et al.*, 2014); post surgery (Ho *et al.*, 1990)" in out
    assert "fibromyalgia (Deluze *et al.*, 1992)" in out  # written as the alias @delize1992
    bibliography = out.split("The acupuncturist may use EA alongside other acupuncture techniques where it is indicated.\n\n")[1]
    assert len(bibliography.strip().split("\n\n")) == 18
    assert bibliography.startswith("Casimiro, L. *et al.* (2005)")


def test_bibliography_goes_at_the_marker(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("Text [@hayhoe2010].\n\n## References\n\n<!-- bibliography -->\n\n## Appendix\n\nMore.\n")
    out = cli("render", draft, "--store", BUNDLED_STORE).out
    assert out == ("Text (Hayhoe, 2010).\n\n## References\n\nHayhoe, S. (2010) “Postoperative benefits with electroacupuncture,” "
                   "*Acupuncture in Medicine*, 28(2), p. 64.\n\n## Appendix\n\nMore.\n")


def test_unknown_keys_are_all_listed_and_nothing_written(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("One [@deluse1992].\n\nTwo @nobody2020 and [@hayhoe2010].\n")
    out = tmp_path / "out.md"
    result = cli("render", draft, "-o", out, "--store", BUNDLED_STORE)
    assert result.code == 5 and not out.exists()
    assert f"{draft}:1: @deluse1992: no reference matches 'deluse1992'; did you mean deluze1992" in result.err
    assert f"{draft}:3: @nobody2020: no reference matches 'nobody2020'" in result.err


def test_html_output(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("# Title\n\nPain & needles [@deluze1992].\n")
    out = cli("render", draft, "--to", "html", "--store", BUNDLED_STORE).out
    assert out.startswith("<h1>Title</h1>\n<p>Pain &amp; needles (Deluze <em>et al.</em>, 1992).</p>")
    assert "<em>British Medical Journal</em>" in out


def test_syntax_details():
    text = "Mail a@b.com, `code @x` and\n```\n@y\n```\nsee [see @a, chap. 3; -@b] and @c [p. 4] or @{d.e}."
    found = [[(c.key, c.mode, c.locator, c.label, c.prefix) for c in f.cites] for f in find_pandoc_citations(text)]
    assert found == [[("a", "normal", "3", "chapter", "see"), ("b", "suppress-author", "", "page", "")],
                     [("c", "author-in-text", "4", "page", "")], [("d.e", "author-in-text", "", "page", "")]]
