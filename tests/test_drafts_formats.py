"""render of a pandoc Markdown draft as a writer writes one (s2-qa item 3): YAML front matter
(title shown, csl/bibliography/lang honoured), lists, links, pipe tables, block quotes, the
writer's own footnotes and raw HTML, carried into html, text, .docx and .odt, or refused by name.
The .docx and .odt are read back with python-docx/lxml and, when installed, pandoc 2.17."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from tests.conftest import BUNDLED_STORE

DRAFT = """---
title: "Acupuncture & pain"
author:
  - Ann Writer
  - name: Bo Editor
date: 2024-05-01
csl: apa
---

# Heading *one*

Some **bold** text with a [link](https://example.org/?a=1&b=2) [@ho1990].

- item one [@deluze1992]
- item two

3. third
4. fourth

| Trial | Outcome |
|-------|---------|
| x [@qu2007] | less pain |

> quote [@lin2002]

A <span>raw</span> span and a footnote.[^n]

[^n]: A footnote citing [@sim2002].
"""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PANDOC = shutil.which("pandoc")


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "rich.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def render(cli, *args):
    result = cli("render", *args, "--store", BUNDLED_STORE)
    assert result.code == 0, result.err
    return result.out


def test_html_has_the_title_block_table_footnote_and_raw_html(cli, draft):
    out = render(cli, draft, "--to", "html")
    assert out.startswith('<header id="title-block-header">\n<h1 class="title">Acupuncture &amp; pain</h1>\n'
                          '<p class="author">Ann Writer</p>\n<p class="author">Bo Editor</p>\n'
                          '<p class="date">2024-05-01</p>\n</header>\n')
    assert "title:" not in out and "<hr" not in out
    assert "<td>x (Qu &amp; Zhou, 2007)</td>" in out  # the front matter's csl: apa
    assert '<a href="https://example.org/?a=1&amp;b=2">link</a>' in out
    assert "A <span>raw</span> span" in out
    assert 'footnote.<sup><a href="#fn1" id="fnref1">1</a></sup>' in out
    assert '<li id="fn1"><p>A footnote citing (Sim et al., 2002). <a href="#fnref1">↩</a></p>' in out


def test_markdown_keeps_the_front_matter_and_text_shows_only_the_title_block(cli, draft):
    md = render(cli, draft)
    assert md.startswith(DRAFT[:DRAFT.index("# Heading")]) and "(Ho et al., 1990)" in md
    text = render(cli, draft, "--to", "text")
    assert text.startswith("Acupuncture & pain\nAnn Writer; Bo Editor\n2024-05-01\n\n# Heading *one*\n")
    assert "csl:" not in text
    # notes numbered in order and put after the bibliography, as pandoc's plain writer puts them
    assert "a footnote.[1]\n" in text and text.endswith("\n\n[1] A footnote citing (Sim et al., 2002).\n")
    assert "[^n]" not in text and "[n]" not in text


def test_the_command_line_style_wins_over_the_front_matter(cli, draft):
    out = render(cli, draft, "--style", "vancouver")
    assert "(Ho et al., 1990)" not in out and "(1)" in out


def test_front_matter_bibliography_is_used_for_its_keys(cli, tmp_path):
    (tmp_path / "mine.bib").write_text("@article{onlymine2020, author={Quist, Ada}, title={Needles at dawn},"
                                       " journal={Pain}, year={2020}}\n", encoding="utf-8")
    path = tmp_path / "d.md"
    path.write_text("---\nbibliography: mine.bib\ncsl: apa\n---\n\nDawn [@onlymine2020] and [@ho1990].\n", encoding="utf-8")
    out = render(cli, path)
    assert "Dawn (Quist, 2020) and (Ho et al., 1990)." in out
    assert "Quist, A. (2020). Needles at dawn. *Pain*." in out


@pytest.mark.parametrize("yaml, message", [
    ("nocite: '@*'\n", "rich.md:2: nocite: pandoc's citeproc option that acuref render does not carry out"),
    ("link-citations: true\n", "rich.md:2: link-citations:"),
    ("title: [a\n", "the YAML front matter is malformed"),
    ("bibliography: missing.bib\n", "rich.md:2: missing.bib: not found"),
    # an alias bomb: 9 ** 8 values once expanded; refused at once, not walked
    ("".join(f"{n}: &{n} [" + ", ".join([f"*{p}" if p else "x"] * 9) + "]\n"
             for p, n in zip(["", *"abcdefg"], "abcdefgh"))
     + "references:\n- id: ho\n  title: *h\n", "rich.md:1: more than 100000 values"),
])
def test_front_matter_acuref_cannot_honour_is_refused_by_name(cli, tmp_path, yaml, message):
    path = tmp_path / "rich.md"
    path.write_text(f"---\n{yaml}---\n\nText [@ho1990].\n", encoding="utf-8")
    result = cli("render", path, "--store", BUNDLED_STORE)
    assert result.code != 0 and result.out == "" and message in result.err


def docx_parts(path):
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_docx_carries_lists_links_tables_quotes_notes_and_title(cli, draft, tmp_path):
    out = tmp_path / "rich.docx"
    render(cli, draft, "--to", "docx", "-o", out)
    from docx import Document

    document = Document(out)
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[:5] == [("Title", "Acupuncture & pain"), ("Author", "Ann Writer"), ("Author", "Bo Editor"),
                          ("Date", "2024-05-01"), ("Heading 1", "Heading one")]
    numbered = [(p.text, p._p.pPr.numPr.numId.val) for p in document.paragraphs
                if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert [t for t, _ in numbered] == ["item one (Deluze et al., 1992)", "item two", "third", "fourth"]
    assert numbered[0][1] == numbered[1][1] != numbered[2][1] == numbered[3][1]
    parts = docx_parts(out)
    numbering = etree.fromstring(parts["word/numbering.xml"])
    start = numbering.find(f".//{W}num[@{W}numId='{numbered[2][1]}']//{W}startOverride")
    assert start.get(f"{W}val") == "3"
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    assert [r.get("Target") for r in rels if r.get("TargetMode") == "External"] == ["https://example.org/?a=1&b=2"]
    [table] = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["Trial", "Outcome"],
                                                                  ["x (Qu & Zhou, 2007)", "less pain"]]
    notes = etree.fromstring(parts["word/footnotes.xml"])
    texts = ["".join(t.text for t in n.iter(f"{W}t")).strip() for n in notes.iter(f"{W}footnote")
             if n.get(f"{W}type") is None]
    assert texts == ["A footnote citing (Sim et al., 2002)."]
    assert b"[^n]" not in parts["word/document.xml"]
    core = parts["docProps/core.xml"].decode()
    assert "<dc:title>Acupuncture &amp; pain</dc:title>" in core and "python-docx" not in core


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")
@pytest.mark.parametrize("to", ["docx", "odt"])
def test_pandoc_reads_back_what_the_writer_wrote(cli, draft, tmp_path, to):
    out = tmp_path / f"rich.{to}"
    render(cli, draft, "--to", to, "-o", out)
    back = subprocess.run([PANDOC, str(out), "-t", "markdown"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    for expected in ("[link](https://example.org/?a=1&b=2)", "-   item one (Deluze et al., 1992)", "3.  third",
                     "x (Qu & Zhou, 2007)", "> quote (Lin et al., 2002)", "[^1]: A footnote citing (Sim et al., 2002).",
                     "Ho, R. T., Jawan, B."):
        assert expected in back, (expected, back)


def test_odt_has_styles_and_a_list_for_list_items(cli, draft, tmp_path):
    out = tmp_path / "rich.odt"
    render(cli, draft, "--to", "odt", "-o", out)
    parts = docx_parts(out)
    assert b'style:name="Heading_20_1"' in parts["styles.xml"]
    assert b'manifest:full-path="styles.xml"' in parts["META-INF/manifest.xml"]
    content = etree.fromstring(parts["content.xml"])
    t = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    lists = [["".join(i.itertext()) for i in lst.findall(f"{t}list-item")] for lst in content.iter(f"{t}list")]
    assert lists == [["item one (Deluze et al., 1992)", "item two"], ["third", "fourth"]]
    assert content.find(f".//{t}list-item[@{t}start-value='3']") is not None


def test_what_a_word_processor_file_cannot_carry_is_refused_by_line(cli, tmp_path):
    path = tmp_path / "img.md"
    path.write_text("---\ntitle: T\n---\n\nA figure ![trial flow](flow.png) [@ho1990].\n\n<div>raw block</div>\n",
                    encoding="utf-8")
    out = tmp_path / "img.docx"
    result = cli("render", path, "--to", "docx", "-o", out, "--store", BUNDLED_STORE)
    assert result.code != 0 and not out.exists()
    assert "img.md:5: image 'flow.png'" in result.err and "img.md:7: raw HTML block '<div>raw block</div>'" in result.err


def test_pandoc_blocks_markdown_it_does_not_know_are_refused_not_garbled(cli, tmp_path):
    # a grid table would be a paragraph of "+---+" lines, a simple table a setext heading
    path = tmp_path / "tables.md"
    path.write_text("Trials [@ho1990].\n\n+------+------+\n| a    | b    |\n+======+======+\n| 1    | 2    |\n"
                    "+------+------+\n\n  Right  Left\n-------  ------\n     12  12\n\nTerm\n:   its definition\n\n"
                    "```\n+---+---+\n::: not a div in code\n```\n", encoding="utf-8")
    for to in ("html", "docx"):
        result = cli("render", path, "--to", to, "-o", tmp_path / f"t.{to}", "--store", BUNDLED_STORE)
        assert result.code != 0 and not (tmp_path / f"t.{to}").exists()
        located = [line.split(": ", 1)[0].strip().rsplit("/", 1)[-1] for line in result.err.splitlines()[1:]]
        assert located == ["tables.md:3", "tables.md:10", "tables.md:14"], result.err
        assert "a grid table: write it as a pipe table" in result.err
    assert cli("render", path, "--store", BUNDLED_STORE).code == 0  # Markdown output keeps them as written


def test_docx_a_list_items_second_paragraph_stays_in_the_item(cli, tmp_path):
    # as pandoc's docx writer does it: numbered with an invisible bullet at the item's level, so Word
    # indents it with the item; element order as ECMA-376 requires (pStyle, numPr, ...; rStyle, rFonts, b, i)
    path = tmp_path / "item.md"
    path.write_text("- first item [@ho1990]\n\n  its second paragraph with `code` and **bold**\n- second item\n",
                    encoding="utf-8")
    out = tmp_path / "item.docx"
    render(cli, path, "--to", "docx", "-o", out)
    parts = docx_parts(out)
    body = etree.fromstring(parts["word/document.xml"]).find(f"{W}body")
    numbering = etree.fromstring(parts["word/numbering.xml"])
    nums = []
    for p in body.iter(f"{W}p"):
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None:
            abstract = numbering.find(f"{W}num[@{W}numId='{num.get(f'{W}val')}']/{W}abstractNumId").get(f"{W}val")
            mark = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl/{W}lvlText").get(f"{W}val")
            nums.append(("".join(p.itertext())[:12], mark))
    assert nums == [("first item (", "•"), ("its second p", " "), ("second item", "•")]
    for props in body.iter(f"{W}pPr", f"{W}rPr"):
        order = [etree.QName(child).localname for child in props]
        known = ["pStyle", "numPr", "pBdr", "ind", "rStyle", "rFonts", "b", "i", "strike", "vertAlign"]
        assert order == sorted(order, key=known.index)


@pytest.mark.parametrize("style, hanging", [("apa", True), ("vancouver", False)])
def test_bibliography_entries_have_pandocs_style_and_the_styles_hanging_indent(cli, draft, tmp_path, style, hanging):
    # CSL 1.0.2 "Whitespace": bibliography hanging-indent="true" (APA) indents all lines but the first
    html = render(cli, draft, "--style", style, "--to", "html")
    assert f'<div id="refs" class="references csl-bib-body{" hanging-indent" if hanging else ""}">\n<p>' in html
    assert "<ol>" not in html.split("<section")[0]
    from docx import Document

    out = tmp_path / "b.docx"
    render(cli, draft, "--style", style, "--to", "docx", "-o", out)
    document = Document(out)
    entries = [p.text for p in document.paragraphs if p.style.name == "Bibliography"]
    # Vancouver's "1. Ho RT, …" stays an entry with its number as text, not an ordered list renumbered by Word
    assert len(entries) == 5 and entries[0].startswith("1. Ho RT, Jawan B" if style == "vancouver" else "Deluze, C.")
    indent = document.styles["Bibliography"].paragraph_format.first_line_indent
    assert (indent is not None and indent < 0) == hanging
