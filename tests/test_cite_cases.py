"""The field cases that concern rendering (tests/fixtures/cite/cases, from ../shared/cases/cite): each row
imported into a fresh store and cited through the CLI, with the value the README gives (citeproc-js,
pandoc).  Each stands for a kind: the varied-set goldens (tests/test_cite_varied.py) test its siblings."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES

CASES = FIXTURES / "cite" / "cases"


@pytest.fixture
def case(cli, tmp_path):
    """case("02-particle-csljson.json", "cite", ...) → stdout lines, after importing the file into a new store."""

    def run(name: str, *args: str) -> list[str]:
        store = tmp_path / "store.toml"
        if store.exists():
            store.unlink()
        imported = cli("import", CASES / name, "--store", store)
        assert imported.code == 0, imported.err
        result = cli(*args, "--store", store)
        assert result.code == 0 and result.err == "", result.err
        return result.out.splitlines()

    return run


def test_02_particle_inside_family_sorts_under_the_name(case):
    keys = ("hume1970", "ilpen1975", "ingwersen1976", "jones1980")
    harvard = case("02-particle-csljson.json", "cite", *keys, "--both")
    assert harvard[0] == "(Hume, 1970; van Ilpen, 1975; van Ingwersen, 1976; Jones, 1980)"
    assert [line.split(" (")[0] for line in harvard[1:]] == ["Hume, D.", "van Ilpen, P.", "van Ingwersen, K.",
                                                             "Jones, A."]
    assert harvard[3].startswith("van Ingwersen, K. (1976)")
    chicago = case("02-particle-csljson.json", "cite", *keys, "--both", "--style", "chicago-author-date")
    assert [line.split(". 19")[0] for line in chicago[1:]] == ["Hume, Dora", "Ilpen, Pieter van",
                                                               "Ingwersen, Karel van", "Jones, Amos"]
    assert chicago[3].startswith("Ingwersen, Karel van. 1976.")


@pytest.mark.parametrize("style", ["american-heart-association", "american-medical-association-10th-edition",
                                   "annals-of-surgery", "pnas"])
def test_07_number_then_one_space(case, style):
    lines = case("06-numeric-collapse.json", "cite", "ref1", "ref2", "--style", style)
    assert [line[:3] for line in lines] == ["1. ", "2. "] and "  " not in lines[0]
    if style == "american-heart-association":
        assert lines[0] == "1. WriterA A. Title A. Journal of Numbers. 2011;1:10–19."


def test_07_two_digit_numbers_stay_whole(case):
    """bmj (second-field-align, suffix " "): entry 10 is "10 …", not "1 0 …"."""
    from acuref.model import Name, Reference
    from acuref.render import Cite, render

    refs = [Reference(key=f"r{n}", title=f"Title {n}", author=(Name(f"Writer{n}", "A"),), issued=(2000 + n,))
            for n in range(11)]
    entries = render(refs, [[Cite(r.key)] for r in refs], style="bmj").bibliography
    assert [e.text.split(" ")[0] for e in entries] == [str(n) for n in range(1, 12)]


@pytest.mark.parametrize("style", ["chicago-author-date", "chicago-shortened-notes-bibliography"])
def test_08_empty_edition_label_prints_nothing(case, style):
    lines = case("08-empty-label.json", "cite", "doe2020", "roe2019", "ley2019", "may2021", "--style", style)
    assert not any("Edition" in line for line in lines)
    if style == "chicago-author-date":
        assert lines[1:] == ["Ley, Lia. 2019. “City Clinic Opens Late.” The Daily Ledger, May 4. https://example.org/clinic.",
                             "May, Mo. 2021. “Needles and Nerves.” Health Weekly, March.",
                             "Roe, Rik. 2019. Notes without a Journal."]


def test_09_chinese_names(case):
    apa = case("09-cjk-names.json", "cite", "li2021", "wang2020", "--style", "apa")
    assert apa[0].startswith("Wang, L., & 王磊. (2020).") and apa[1].startswith("李明远, & 秦子安. (2021).")
    gbt = case("09-cjk-names.json", "cite", "li2021", "wang2020", "--style",
               "china-national-standard-gb-t-7714-2015-numeric")
    assert gbt[0] == "[1] 李明远, 秦子安. 沙地种植小麦的可行性[J]. 沙地农业, 2021, 7(14): 11-17."


def test_11_hyphen_in_a_number_is_not_a_range(case):
    lines = case("11-number-hyphen.json", "cite", "cong2015", "west1992", "tech2020", "--style", "apa")
    assert lines == [
        "Committee on Rural Health. (2015). Report on rural clinic funding (114-11). Government Printing Office.",
        "Landtag of Westria. (1992, December 18). Draft of a second act amending the copyright act (LT-Drs. 12/4022).",
        "Ode, O. (2020). Sensor calibration notes (TR-2020-07). Lab Press."]


def test_15_undated_works_by_one_author_get_suffixes(case):
    lines = case("14-no-date.json", "cite", "dobbsa", "dobbsb", "--both", "--style", "apa")
    assert lines[0] == "(Dobbs, n.d.-a, n.d.-b)"
    assert lines[1].startswith("Dobbs, D. (n.d.-a). On the first question")
    assert lines[2].startswith("Dobbs, D. (n.d.-b). On the second question")


ACCENT_ORDER = ["Abbot", "Åberg", "de Sica", "Descartes", "Eco", "Ézard", "Ezra", "Ohlin", "Öhman", "Ulm", "Ünal",
                "Zola"]


def test_22_accented_names_sort_with_their_base_letter(case):
    entries = case("22-accent-sort.json", "export", "--to", "text", "--style", "apa")
    assert [line.split(",")[0] for line in entries if line] == ACCENT_ORDER
    keys = [f"n{n}" for n in range(12)]
    [citation] = case("22-accent-sort.json", "cite", *keys, "--intext", "--style", "apa")
    assert [part.split(",")[0] for part in citation.strip("()").split("; ")] == ACCENT_ORDER


def test_31_date_range_and_original_date(case):
    lines = case("31-date-range.json", "cite", "range2011", "laplace", "--both", "--style", "apa")
    assert lines[0] == "(Author, 2011; Laplume, 1814/1995)"
    assert lines[1].startswith("Author, A. (2011, September 24–26).")
