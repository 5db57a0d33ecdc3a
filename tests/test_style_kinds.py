"""Styles as users name and write them: unknown names, unsafe user files, notes-only and note styles."""

from __future__ import annotations

import json

import pytest

from acuref.errors import InvalidInputError, StyleNotFoundError
from acuref.styles import StyleKind, find_style, style_kind
from tests.conftest import BUNDLED_STORE


def run(cli, *args):
    return cli(*args, "--store", BUNDLED_STORE)


@pytest.mark.parametrize("name, suggested", [("vancover", "vancouver"), ("apa7", "apa"),
                                             ("chicago", "chicago-author-date")])
def test_unknown_style_suggests_near_names(cli, name, suggested):
    result = run(cli, "cite", "hayhoe2010", "--style", name)
    assert result.code == 3 and result.out == ""
    assert result.err.startswith(f"error: no style matches '{name}'; did you mean ")
    assert suggested in result.err.split("did you mean ", 1)[1].rstrip("?\n").split(", ")


def test_unknown_style_without_a_near_name_says_how_to_list():
    with pytest.raises(StyleNotFoundError) as caught:
        find_style("qqqqzzzz")
    assert str(caught.value) == "no style matches 'qqqqzzzz'; list styles with: acuref styles WORD"


STYLE_TAIL = """<citation><layout><text variable="title"/></layout></citation></style>\n"""
HEAD = '<?xml version="1.0"?>\n'
OPEN = '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'


@pytest.mark.parametrize("text, line, says", [
    (HEAD + OPEN.replace('class', 'xmlns:xi="http://www.w3.org/2001/XInclude" class') + '\n<xi:include href="/etc/passwd" parse="text"/>\n' + STYLE_TAIL,
     3, "XInclude <include href='/etc/passwd'>: refused"),
    (HEAD + '<!DOCTYPE style SYSTEM "http://127.0.0.1:9/x.dtd">\n' + OPEN + STYLE_TAIL, 2,
     "refers to an external DTD (http://127.0.0.1:9/x.dtd)"),
    (HEAD + '<!DOCTYPE style [\n<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + OPEN.replace('class="in-text"', 'class="&x;"')
     + STYLE_TAIL, 3, "the style declares XML entities"),
    (HEAD + '<!DOCTYPE style [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n' + OPEN
     + '<info><title>&b;</title></info>' + STYLE_TAIL, 2, "the style declares XML entities"),
])
def test_unsafe_user_style_is_refused_naming_the_file(cli, tmp_path, text, line, says):
    style = tmp_path / "mine.csl"
    style.write_text(text, encoding="utf-8")
    result = run(cli, "cite", "hayhoe2010", "--style", style)
    assert result.code == 5 and result.out == ""
    assert result.err.startswith(f"error: refusing style {style}\n")
    assert f"  {style}:{line}: " in result.err and says in result.err
    with pytest.raises(InvalidInputError):
        find_style(str(style))


def test_style_kind():
    assert style_kind(find_style("chicago-notes")) == StyleKind(has_bibliography=False, note=True)
    assert style_kind(find_style("apa")) == StyleKind(has_bibliography=True, note=False)


def test_style_kind_follows_an_edited_user_style(tmp_path):
    """The kind is read from the file's current version (as rendering is), not from a per-path memo."""
    import os

    path = tmp_path / "mine.csl"
    path.write_bytes((find_style("apa").path).read_bytes())
    assert style_kind(find_style(str(path))).has_bibliography
    text = path.read_text(encoding="utf-8")
    start, end = text.index("<bibliography"), text.index("</bibliography>") + len("</bibliography>")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a new mtime even on a coarse clock
    assert not style_kind(find_style(str(path))).has_bibliography


def test_notes_only_style_cites_each_reference_as_a_note(cli):
    result = run(cli, "cite", "hayhoe2010", "deluze1992", "--style", "chicago-notes")
    assert result.code == 0 and result.err == ""
    notes = result.out.splitlines()
    assert len(notes) == 2
    assert notes == ["S. Hayhoe, “Postoperative Benefits with Electroacupuncture,” Acupuncture in Medicine 28, no. 2 "
                     "(2010): 64.", "C. Deluze, L. Bosia, A. Zirbs, A. Chantraine, and T. L. Vischer, “Electroacupuncture "
                     "in Fibromyalgia: Results of a Controlled Trial,” British Medical Journal 305, no. 6864 (1992): 1249–52."]
    data = json.loads(run(cli, "cite", "hayhoe2010", "deluze1992", "--style", "chicago-notes", "--json").out)
    assert data["bibliography"] == [] and data["notes"] == notes and data["citation"] is None
    from tests.test_json_schemas import _validator

    assert not list(_validator("cite").iter_errors(data))


def test_note_style_intext_is_one_note(cli):
    result = run(cli, "cite", "hayhoe2010", "deluze1992", "--style", "chicago-notes", "--intext")
    assert result.code == 0 and len(result.out.splitlines()) == 1 and "(2010): 64; C. Deluze, L. Bosia" in result.out


def test_export_of_a_style_without_bibliography_is_a_clear_error(cli, tmp_path):
    result = run(cli, "export", "--to", "text", "--style", "chicago-notes", "--output", tmp_path / "out.txt")
    assert result.code == 2 and result.out == ""
    assert result.err == ("error: style chicago-notes has no bibliography: its citations are notes "
                          "(acuref cite KEY --style chicago-notes); chicago-notes-bibliography has one\n")
    assert not (tmp_path / "out.txt").exists()
