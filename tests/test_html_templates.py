"""HTML pages come from autoescaped Jinja2 templates: hostile field values arrive as text, never as markup."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

HOSTILE_TITLE = "<script>alert(\"x\")</script> & 'quoted' \"double\""
HOSTILE_FAMILY = "O'Brien \"<img src=x onerror=alert(1)>\""
HOSTILE_KEY = "a<b>c&d"
HOSTILE_CLAIM = "Helps <b>nausea</b> & \"pain\" <script>x</script>"
HOSTILE_GROUP = "Group \" onmouseover=\"alert(1)"
HOSTILE_CONDITION = "cond' data-x='1 & <i>"

STORE = {
    "schema": 1,
    "references": {HOSTILE_KEY: {
        "type": "article-journal", "title": HOSTILE_TITLE, "author": [{"family": HOSTILE_FAMILY, "given": "A."}],
        "issued": 2020, "container-title": "J & <Journal>", "design": "randomised-trial", "topics": ["nausea"]}},
    "claims": [{"id": 'c" onclick="x', "topic": "nausea", "group": HOSTILE_GROUP, "condition": HOSTILE_CONDITION,
                "text": HOSTILE_CLAIM, "cites": [HOSTILE_KEY]}],
}

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "span", "table", "thead", "tbody",
                "tr", "th", "td", "br", "ol", "li", "i", "b", "sup", "sub", "div"}


class Page(HTMLParser):
    """The page as a browser reads it: tags, attribute values and text (entities decoded)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture
def hostile_store(tmp_path):
    path = tmp_path / "hostile.toml"
    import tomli_w

    path.write_text(tomli_w.dumps(STORE))
    return path


def test_the_hostile_store_is_valid(cli, hostile_store):
    result = cli("validate", "--store", hostile_store)
    assert result.code == 0, result.err


def test_export_html_escapes_every_field(cli, hostile_store):
    result = cli("export", "--to", "html", "--style", "apa", "--store", hostile_store)
    assert result.code == 0, result.err
    page = Page(result.out)
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    text = "".join(page.text).replace("“", '"').replace("”", '"')  # CSL curls field quotes (citeproc-js)
    for value in ('<script>alert("x")</script> &', '<img src=x onerror=alert(1)>', "J & <Journal>"):
        assert value in text, value  # shown as text (the style curls the single quotes)
    assert {name for name, _ in page.attrs} <= {"lang", "charset", "class", "style"}


def test_export_html_title_is_escaped(tmp_path):
    from acuref.exporting import html_page

    page = html_page(["<i>ok</i>"], "Bibliography (</title><script>x</script>)")
    assert "<title>Bibliography (&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;)</title>" in page
    assert '<div class="csl-entry"><i>ok</i></div>' in page  # the renderer's own HTML is kept


def test_summary_html_escapes_every_field(cli, hostile_store):
    result = cli("summary", "--to", "html", "--style", "apa", "--store", hostile_store)
    assert result.code == 0, result.err
    page = Page(result.out)
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    text = "".join(page.text).replace("“", '"').replace("”", '"')  # CSL curls field quotes (citeproc-js)
    for value in (HOSTILE_CLAIM, HOSTILE_GROUP, HOSTILE_CONDITION, '<script>alert("x")</script> &',
                  f"{HOSTILE_KEY}: randomised trial", "Evidence summary: all topics"):
        assert value in text, value
    attrs = dict()
    for name, value in page.attrs:
        attrs.setdefault(name, []).append(value)
    assert set(attrs) <= {"lang", "charset", "name", "content", "class", "id", "title", "scope", "style",
                          "data-condition", "data-design", "data-claim", "data-key"}
    assert attrs["data-claim"] == ['c" onclick="x']
    assert attrs["data-key"] == [HOSTILE_KEY]
    assert set(attrs["data-condition"]) == {HOSTILE_CONDITION}


def test_templates_ship_in_the_package():
    from importlib.resources import files

    folder = files("acuref") / "templates"
    assert sorted(p.name for p in folder.iterdir()) == ["bibliography.html.j2", "evidence_summary.html.j2"]


def test_every_template_variable_must_exist():
    """StrictUndefined: a misspelt name in a template fails loudly instead of printing nothing."""
    from jinja2 import UndefinedError

    from acuref.html_templates import render_page

    with pytest.raises(UndefinedError):
        render_page("bibliography.html.j2", entries=[])
