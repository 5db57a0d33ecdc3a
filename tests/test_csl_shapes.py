"""CSL behaviours found by the "shapes" comparison set (tests/fixtures/cite/shapes-items.json), each on a
value that failed before the fix, in a small style of its own so the behaviour is tested apart from
any one bundled style.  The citeproc-js behaviour each follows is named in the test."""

from __future__ import annotations

import json

import pytest

from acuref.csl import numbers
from acuref.formats import read_file
from acuref.render import Cite, render

HEAD = ('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><id/><title/>'
        '<updated>2009-08-10T04:49:00+09:00</updated></info>')


def _render(tmp_path, items: list[dict], citation: str, clusters: list[list[Cite]], bibliography: str = "",
            options: str = ""):
    style = tmp_path / "s.csl"
    style.write_text(HEAD.replace('version="1.0"', f'version="1.0" {options}') + citation + bibliography + "</style>",
                     encoding="utf-8")
    data = tmp_path / "items.json"
    data.write_text(json.dumps(items), encoding="utf-8")
    return render(read_file(data).references, clusters, style=str(style))


@pytest.mark.parametrize(("value", "plural"), [
    ("12-15", True), ("xi-xv", True), ("S12-S18", True), ("12, 15", True), ("5 and 7", True),
    ("166.e1-166.e8", False), ("3.1-3.5", False), ("10,12", False), ("US 10,987,654 B2", False),
    ("e1234", False), ("367-368, fig. 333", True)])
def test_plural_only_for_a_list_of_numbers(value, plural):
    """citeproc-js processNumber: values split at "&", "and", "; ", ", " (a comma with a space) and
    hyphens; plural when there are several and each is a number (letters around digits, or roman)."""
    assert numbers.label_plural("contextual", value, "page") is plural


def test_a_hyphen_in_a_dotted_locator_is_no_range(tmp_path):
    items = [{"id": "a", "type": "book", "title": "T"}]
    citation = '<citation><layout delimiter="; "><label variable="locator" form="short" suffix=" "/>' \
               '<text variable="locator"/></layout></citation>'
    out = _render(tmp_path, items, citation, [[Cite("a", locator="166.e1-166.e8", label="line")],
                                              [Cite("a", locator="xi-xv", label="line")]])
    assert out.citations == ["l. 166.e1-166.e8", "ll. xi–xv"]


def test_a_suffix_ending_in_punctuation_takes_the_delimiters_place(tmp_path):
    """citeproc-js CSL.getCitationCluster: after a cite whose suffix ends in ; . or , the delimiter keeps
    only what follows its first space."""
    items = [{"id": k, "type": "book", "title": k.upper()} for k in "abc"]
    citation = '<citation><layout delimiter="; "><text variable="title"/></layout></citation>'
    out = _render(tmp_path, items, citation, [[Cite("a", suffix=", p. 3."), Cite("b"), Cite("c", prefix="see ")]])
    assert out.citations == ["A, p. 3. B; see C"]


def test_year_collapse_after_a_locator_keeps_the_group_delimiter(tmp_path):
    """citeproc-js getSpliceDelimiter: without after-collapse-delimiter the cite-group delimiter
    follows a cite with a locator."""
    items = [{"id": k, "type": "book", "author": [{"family": "Helms", "given": "J"}],
              "issued": {"date-parts": [[y]]}} for k, y in (("a", 1995), ("b", 2007))]
    citation = ('<citation collapse="year"><layout prefix="(" suffix=")" delimiter="; ">'
                '<group delimiter=", "><names variable="author"><name form="short"/></names>'
                '<date variable="issued"><date-part name="year"/></date><text variable="locator"/></group>'
                '</layout></citation>')
    out = _render(tmp_path, items, citation, [[Cite("a", locator="88"), Cite("b")]])
    assert out.citations == ["(Helms, 1995, 88, 2007)"]


def test_static_ordering_and_sub_verbo(tmp_path):
    """CSL-JSON static-ordering: family first with a space, whatever name-as-sort-order says; the
    locator label "sub verbo" takes the locale's "sub-verbo" term."""
    items = [{"id": "v", "type": "book", "title": "T", "author": [
        {"family": "Nguyen", "given": "Van Anh", "static-ordering": True}, {"family": "Tran", "given": "Thi Hoa"}]}]
    citation = ('<citation><layout><names variable="author"><name name-as-sort-order="all" and="text" '
                'delimiter=", " initialize-with=". "/></names><group prefix=", " delimiter=" ">'
                '<label variable="locator" form="short"/><text variable="locator"/></group></layout></citation>')
    out = _render(tmp_path, items, citation, [[Cite("v", locator="needle", label="sub verbo")]])
    assert out.citations == ["Nguyen V. A. and Tran, T. H., s.v. needle"]


def test_title_case_keeps_one_letter_words_lowercase(tmp_path):
    """citeproc-js title case capitalises only words longer than one letter (past the first word)."""
    items = [{"id": "s", "type": "book", "title": "acupuntura y dolor lumbar"}]
    citation = '<citation><layout><text variable="title" text-case="title"/></layout></citation>'
    assert _render(tmp_path, items, citation, [[Cite("s")]]).citations == ["Acupuntura y Dolor Lumbar"]


def test_a_suffix_comma_stays_after_the_closing_quote(tmp_path):
    """citeproc-js leaves a cite suffix's leading comma outside the quotes even with punctuation-in-quote
    ("“Title”, who disagree!"), while ". And" moves in (affix_MovingPunctuation)."""
    items = [{"id": "a", "type": "book", "title": "The Title"}]
    citation = '<citation><layout delimiter="; "><text variable="title" quotes="true"/></layout></citation>'
    out = _render(tmp_path, items, citation, [[Cite("a", suffix=", who disagree!")], [Cite("a", suffix=". And")]])
    assert out.citations == ["“The Title”, who disagree!", "“The Title.” And"]


def test_an_open_range_with_no_shown_part_prints_nothing(tmp_path):
    """A date "2015–" (open end) asked for its month only has nothing to show: no lone "–"."""
    items = [{"id": "a", "type": "article-journal", "title": "T", "issued": {"date-parts": [[2015], [0]]}}]
    citation = ('<citation><layout><text variable="title"/><date variable="issued" prefix=" (" suffix=")">'
                '<date-part name="month"/></date><date variable="issued" prefix=" "><date-part name="year"/></date>'
                '</layout></citation>')
    assert _render(tmp_path, items, citation, [[Cite("a")]]).citations == ["T 2015–"]


def test_grouped_sort_orders_ties_by_names_and_gathers_cites_without_names(tmp_path):
    """citeproc-js grouped sort (a collapsing in-text citation): ties on the style's keys go in the order
    of the printed names, and cites that print no names gather after the first of them."""
    items = [{"id": "ng", "type": "book", "author": [{"family": "Ng", "given": "S"}], "issued": {"date-parts": [[2013]]}},
             {"id": "me", "type": "book", "author": [{"family": "Mendoza", "given": "L"}], "issued": {"date-parts": [[2013]]}},
             {"id": "t1", "type": "book", "title": "Zeta", "issued": {"date-parts": [[2001]]}},
             {"id": "t2", "type": "book", "title": "Alpha", "issued": {"date-parts": [[1990]]}}]
    by_year = ('<citation collapse="year"><sort><key variable="issued"/></sort><layout prefix="(" suffix=")" '
               'delimiter="; "><group delimiter=" "><names variable="author"><name form="short"/></names>'
               '<date variable="issued"><date-part name="year"/></date></group></layout></citation>')
    assert _render(tmp_path, items[:2], by_year, [[Cite("ng"), Cite("me")]]).citations == ["(Mendoza 2013; Ng 2013)"]
    by_author = ('<macro name="a"><names variable="author"><name form="short"/><substitute><text variable="title"/>'
                 '</substitute></names></macro><citation collapse="year"><sort><key macro="a"/></sort>'
                 '<layout prefix="(" suffix=")" delimiter="; "><group delimiter=" "><text macro="a"/>'
                 '<date variable="issued"><date-part name="year"/></date></group></layout></citation>')
    out = _render(tmp_path, items, by_author, [[Cite("t1"), Cite("ng"), Cite("t2"), Cite("me")]])
    assert out.citations == ["(Alpha 1990; Zeta 2001; Mendoza 2013; Ng 2013)"]


def test_locator_range_takes_the_styles_range_delimiter_and_lowercase_given_parts_stay(tmp_path):
    """A non-page locator range takes the page-range-delimiter the style sets (AMA "-": "ll10-12",
    citeproc-js fixupRangeDelimiter); without initialize-with-hyphen a lowercase part of a hyphenated
    given name is a word of its own and stays whole ("Hwang J woo", citeproc-js doInitialize)."""
    items = [{"id": "a", "type": "book", "title": "T", "author": [{"family": "Hwang", "given": "Ji-woo"},
                                                                  {"family": "Sartre", "given": "Jean-Paul"}]}]
    style = ('<locale><terms><term name="page-range-delimiter">-</term></terms></locale>'
             '<citation><layout><names variable="author"><name initialize-with="" '
             'name-as-sort-order="all" sort-separator=" " delimiter=", "/></names><group prefix=" (" suffix=")">'
             '<label variable="locator" form="short" strip-periods="true"/><text variable="locator"/></group>'
             '</layout></citation>')
    out = _render(tmp_path, items, style, [[Cite("a", locator="10-12", label="line")]],
                  options='initialize-with-hyphen="false"')
    assert out.citations == ["Hwang J woo, Sartre JP (ll10-12)"]


def test_cites_printing_only_their_dates_group_but_never_with_named_ones(tmp_path):
    """Two cites that print no names and only their dates group like cites of one author, with the
    style's cite-group-delimiter also after a year-suffix collapse (citeproc-js: "(2004, 2019a, b)"); a
    title in the names' place keeps a cite apart, and a date-only cite does not join a named one."""
    items = [{"id": k, "type": "book", "title": t, "issued": {"date-parts": [[y]]}}
             for k, t, y in (("a", "Act", 2004), ("b", "Bill", 2019), ("c", "Case", 2019))]
    items.append({"id": "n", "type": "book", "author": [{"family": "Ng", "given": "S"}], "issued": {"date-parts": [[2001]]}})
    citation = ('<citation collapse="year-suffix" cite-group-delimiter=", " disambiguate-add-year-suffix="true">'
                '<sort><key variable="issued"/></sort><layout prefix="(" suffix=")" delimiter="; ">'
                '<group delimiter=" "><names variable="author"><name form="short"/></names>'
                '<date variable="issued"><date-part name="year"/></date></group></layout></citation>')
    out = _render(tmp_path, items, citation, [[Cite("n"), Cite("a"), Cite("b"), Cite("c")]])
    assert out.citations == ["(Ng 2001; 2004, 2019a, b)"]


@pytest.mark.parametrize(("value", "item_type", "numeric"), [
    ("3/4", "article-journal", True), ("2021/388", "regulation", True), ("A/1", "book", False),
    ("18-1205", "legal_case", True), ("114-11", "report", False), ("TR-2020-07", "report", False),
    ("xii, 340", "book", True), ("10,12", "book", False)])
def test_is_numeric_reads_slashes_and_docket_numbers(value, item_type, numeric):
    """citeproc-js: numbers joined by a slash are numeric (a double issue "3/4"), lowercase roman numerals
    too ("xii, 340 p."), a comma joins only with a space after it; a legal case's number with hyphens is
    one number (it escapes them), a report's is an identifier (field case 11)."""
    assert numbers.is_numeric(value, "number", item_type) is numeric


def test_substitute_prints_the_first_names_even_inside_a_choose(tmp_path):
    """Once a cs:names in cs:substitute has printed, later ones in the same substitute print nothing,
    also those in the same cs:choose (chicago-author-date's editor, translator: citeproc-js)."""
    items = [{"id": "e", "type": "book", "title": "T", "editor": [{"family": "Smith", "given": "Anne"}],
              "translator": [{"family": "Smith", "given": "Anne"}]}]
    citation = ('<citation><layout><names variable="author"><name form="short"/><substitute><choose><if type="book">'
                '<names variable="editor"/><names variable="translator"/></if></choose></substitute></names>'
                '</layout></citation>')
    assert _render(tmp_path, items, citation, [[Cite("e")]]).citations == ["Smith"]


def test_a_prefix_ending_in_punctuation_gets_a_space(tmp_path):
    """citeproc-js checkPrefixSpaceAppend: a space after a prefix ending in a letter, digit, ")", "]",
    "," or sentence punctuation ("as discussed in: Han"), none after "(" or a dash."""
    items = [{"id": "h", "type": "book", "title": "Han"}]
    citation = '<citation><layout><text variable="title"/></layout></citation>'
    out = _render(tmp_path, items, citation, [[Cite("h", prefix="as discussed in:")], [Cite("h", prefix="(")],
                                              [Cite("h", prefix="see")]])
    assert out.citations == ["as discussed in: Han", "(Han", "see Han"]


def test_a_given_name_the_citation_prints_in_full_is_full_in_the_entry(tmp_path):
    """With disambiguate-add-givenname, a name the citation had to print with its full given name keeps
    it in the bibliography under initialize-with ("Roberts, John" beside "Roberts, James": citeproc-js
    applies the cite's disambiguated given names to the entry)."""
    items = [{"id": k, "type": "book", "title": "T" + k, "author": [{"family": "Roberts", "given": g}],
              "issued": {"date-parts": [[2019]]}} for k, g in (("a", "John"), ("b", "James"))]
    citation = ('<citation disambiguate-add-givenname="true" givenname-disambiguation-rule="by-cite"><layout>'
                '<names variable="author"><name form="short" initialize-with=". "/></names></layout></citation>')
    bibliography = ('<bibliography><sort><key variable="title"/></sort><layout><names variable="author">'
                    '<name name-as-sort-order="all" initialize-with=". "/></names></layout></bibliography>')
    out = _render(tmp_path, items, citation, [[Cite("a")], [Cite("b")]], bibliography)
    assert out.citations == ["John Roberts", "James Roberts"]
    assert [e.text for e in out.bibliography] == ["Roberts, John", "Roberts, James"]


@pytest.mark.parametrize(("locale", "quoted", "title", "expected"), [
    ("en-GB", False, "“Why it works”: beliefs", "“Why it works”: beliefs"),
    ("en-GB", False, "\"Why it works\": beliefs", "‘Why it works’: beliefs"),
    ("en-GB", True, "‘Why’ it works", "‘“Why” it works’"),
    ("en-US", True, "It “works”", "“It ‘works’”"),
    ("en-US", False, "‘Why’ it works", "‘Why’ it works")])
def test_curly_quotes_typed_in_a_field(tmp_path, locale, quoted, title, expected):
    """citeproc-js prints curly quotes typed in a field as typed outside other quotes (straight ones take
    the locale's), and flip-flops them inside quotes; a ’ after a word closes an open ‘."""
    items = [{"id": "q", "type": "article-journal", "title": title}]
    attr = ' quotes="true"' if quoted else ""
    citation = f'<citation><layout><text variable="title"{attr}/></layout></citation>'
    out = _render(tmp_path, items, citation, [[Cite("q")]], options=f'default-locale="{locale}"')
    assert out.citations == [expected]
