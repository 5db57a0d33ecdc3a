"""Control characters in imported fields (terminal escapes, bells, NULs) never reach the store or a terminal."""

from __future__ import annotations

import json

import pytest

from acuref.normalize import without_controls
from acuref.store import load

ESC = "\x1b"
HOSTILE = f"Red {ESC}[31mtitle{ESC}[0m\x07 with{ESC}]0;retitled\x07 escapes"


@pytest.mark.parametrize("text, expected", [
    (HOSTILE, "Red title with escapes"),
    ("tab\tand\nnewline kept", "tab\tand\nnewline kept"),
    ("EndNote\x0bline\x0cbreaks", "EndNote line breaks"),
    ("nul\x00 del\x7f c1\x85", "nul del c1"),
    ("Ünïcödé – “quoted”", "Ünïcödé – “quoted”"),
])
def test_without_controls(text, expected):
    assert without_controls(text) == (expected, text != expected)


def test_csl_json_import_drops_escapes_and_says_so(cli, tmp_path):
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps([{"id": "doe2001", "type": "book", "title": HOSTILE,
                                   "author": [{"family": f"Doe{ESC}[2J", "given": "Jane"}],
                                   "issued": {"date-parts": [[2001]]}}]), encoding="utf-8")
    store = tmp_path / "references.toml"
    result = cli("import", source, "--store", store)
    assert result.code == 0, result.err
    assert "doe2001: control characters removed" in result.err
    ref = load(store).references["doe2001"]
    assert ref.title == "Red title with escapes"
    assert ref.author[0].family == "Doe"
    listing = cli("list", "--store", store)
    assert ESC not in listing.out and "\x07" not in listing.out
    assert ESC not in store.read_text(encoding="utf-8")


def test_bibtex_and_ris_imports_drop_escapes(cli, tmp_path):
    bib = tmp_path / "a.bib"
    bib.write_text("@article{roe2002, title={Bell\x07 and " + ESC + "[1mbold" + ESC + "[0m}, author={Roe, Rik},"
                   " journal={J}, year={2002}}\n", encoding="utf-8")
    ris = tmp_path / "b.ris"
    ris.write_text("TY  - JOUR\nTI  - Null\x00 byte\nAU  - Poe, Pia\nPY  - 2003\nER  - \n", encoding="utf-8")
    store = tmp_path / "references.toml"
    assert cli("import", bib, "--store", store).code == 0
    assert cli("import", ris, "--store", store).code == 0
    titles = sorted(r.title for r in load(store))
    assert titles == ["Bell and bold", "Null byte"]
