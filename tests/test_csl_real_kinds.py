"""Kinds of difference with citeproc-js found on the real comparison set (tests/fixtures/cite/real-*),
each tested on a value that fails without the fix.  The expected strings are citeproc-js 2.4.63's."""

from __future__ import annotations

import json

import pytest

from acuref.formats import read_file
from acuref.render import Cite, render


def _entries(tmp_path, items: list[dict], style: str) -> dict[str, str]:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    refs = read_file(path).references
    return {e.key: e.text for e in render(refs, [[Cite(refs[0].key)]], style=style).bibliography}


def test_space_before_colon_in_a_field_is_narrow_and_unbreakable(tmp_path):
    """citeproc-js prints " :", " ;", " ?", " !" in any field value with U+202F, in every locale
    (CMAJ : Canadian Medical Association Journal, a real Medline journal title)."""
    item = {"id": "a", "type": "article-journal", "title": "Is it? Yes ; no", "author": [{"family": "Marzona", "given": "I"}],
            "container-title": "CMAJ : Canadian Medical Association Journal", "issued": {"date-parts": [[2012]]}}
    text = _entries(tmp_path, [item], "vancouver")["a"]
    assert "CMAJ\u202f: Canadian" in text and "Yes\u202f; no" in text


@pytest.mark.parametrize(("style", "expected"), [("apa", "Oh, J.-R., & Yoo, S.-U."), ("vancouver", "1. Oh JR, Yoo SU."),
                                                 ("chicago-author-date", "Oh, J. R., and S. U. Yoo.")])
def test_hyphenated_initials_already_abbreviated(tmp_path, style, expected):
    """Given names written as "J.-R." (Medline records of Korean authors): one hyphenated initial, not
    "J. -R." (citeproc-js: "J.-R." with initialize-with-hyphen, "JR" without, "J. R." with initialize="false")."""
    item = {"id": "a", "type": "article-journal", "title": "T", "container-title": "J", "issued": {"date-parts": [[2010]]},
            "author": [{"family": "Oh", "given": "J.-R."}, {"family": "Yoo", "given": "S.-U."}]}
    assert _entries(tmp_path, [item], style)["a"].startswith(expected)


def test_year_collapse_with_a_locator_on_the_last_cite(tmp_path):
    """collapse="year" (APA): a locator on the last cite of an author's group does not end the group's
    cite-group delimiter ("1988a, 1988b, p. 250"); one before another cite does ("; ", suite fixtures)."""
    items = [{"id": k, "type": "book", "title": t, "author": [{"family": "Nietzsche", "given": "Friedrich"}],
              "issued": {"date-parts": [[1988]]}} for k, t in (("a", "Die Geburt"), ("b", "Vom Nutzen"))]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    refs = read_file(path).references
    result = render(refs, [[Cite("a"), Cite("b", locator="250", label="page")]], style="apa")
    assert result.citations[0] == "(Nietzsche, 1988a, 1988b, p. 250)"


def test_title_case_of_a_term_does_not_depend_on_the_item_language(tmp_path):
    """Title case is skipped for a non-English item's fields, not for the style's terms: APA's translator
    label is "Trans." for a German book too (biblatex-examples.bib's iliad, langid german)."""
    item = {"id": "a", "type": "book", "title": "Die Ilias", "author": [{"family": "Homer"}], "language": "german",
            "translator": [{"family": "Schadewaldt", "given": "Wolfgang"}], "edition": "3",
            "publisher": "Artemis & Winkler", "issued": {"date-parts": [[2004]]}}
    assert _entries(tmp_path, [item], "apa")["a"] == ("Homer. (2004). Die Ilias (W. Schadewaldt, Trans.; 3rd ed.). "
                                                     "Artemis & Winkler.")


def test_issue_label_is_plural_when_its_first_value_is_a_number(tmp_path):
    """citeproc-js decides a number list's plural by its first value: Dissertation Abstracts' issue "7-B"
    (a stroke-set record) is "nos. 7-B" in Chicago; "Michaelson-Morley" stays singular."""
    item = {"id": "a", "type": "article-journal", "title": "T", "author": [{"family": "Chao", "given": "Y"}],
            "container-title": "Dissertation Abstracts International", "volume": "72", "issue": "7-B",
            "issued": {"date-parts": [[2012]]}}
    assert "72, nos. 7-B" in _entries(tmp_path, [item], "chicago-note-bibliography")["a"]


@pytest.mark.parametrize(("title", "expected"), [
    ("10% of [100] and 90", "10% of [100] and 90"),  # a number is the first word; "and" is not the last
    ("in alzheimer's disease: 20-week extension", "In Alzheimer’s Disease: 20-Week Extension"),
    ("visual methods.[Erratum appears in x]", "Visual Methods.[Erratum Appears in x]"),
    ("St. Germain ms. (g<sub>1</sub>), now", "St. Germain Ms. (g1), Now"),  # "g" before markup: one letter
])
def test_title_case_of_real_titles(title, expected):
    """Title case as citeproc-js 2.4.63 applies it to titles of the real set (chicago-author-date goldens)."""
    from acuref.csl import rich, richtext, textcase

    assert rich.plain(textcase.title(richtext.parse(title))) == expected
