"""acuref check: finding and resolving the author-year citations of drafts."""

from __future__ import annotations

import json

import pytest

from acuref.drafts.checking import check
from acuref.drafts.finding import find_citations
from tests.conftest import BUNDLED_STORE, FIXTURES

SEED = FIXTURES / "seed"

# (line, column, text, status, keys) for every citation of each seed article
EXPECTED = {
    "neurotransmitters": [
        # the article's own reference list holds only Zhang M. 2022 (issue 17)
        (13, 1, "Zhang et al (2022)", "ok", ["zhang2022"]),
    ],
    "electroacupuncture": [
        (7, 43, "Zhang et al, 2014", "ambiguous", ["zhang2014a", "zhang2014"]),
        (7, 77, "Ho et al, 1990", "ok", ["ho1990"]),
        (7, 162, "Ezzo et al, 2006", "ok", ["ezzo2006"]),
        (8, 58, "Casimiro et al 2005", "ok", ["casimiro2005"]),
        (8, 146, "Hayhoe, 2010", "ok", ["hayhoe2010"]),
        (8, 160, "Lin et al, 2002", "ok", ["lin2002"]),
        (8, 191, "Qu et al, 2007", "mismatch", ["qu2007"]),
        (8, 237, "Delize et al. 1992", "fuzzy", ["deluze1992"]),
        (8, 304, "Zhang et al, 2014", "ambiguous", ["zhang2014", "zhang2014a"]),
        (9, 18, "Tavares et al 2007", "ok", ["tavares2007"]),
        (9, 38, "Sim et al 2002", "ok", ["sim2002"]),
        (10, 44, "Liu et al 2011", "ok", ["liu2011"]),
        (10, 90, "Zhishun et al, 2017", "fuzzy", ["liu2017"]),
        (11, 28, "Xue et al, 2004", "ok", ["xue2004"]),
        (11, 82, "Xu et al, 2018", "ok", ["xu2018"]),
        (12, 19, "Yeung et al, 2003", "ok", ["yeung2003"]),
        (12, 60, "Papadopoulos et al, 2019", "ok", ["papadopoulos2019"]),
        (12, 108, "Yu et al, 2015", "mismatch", ["yu2015"]),
    ],
    "ai": [
        (7, 22, "Wang (2022)", "ok", ["wang2022a"]),  # the list's Wang Y. 2022 is the AI review
        (19, 99, "Wang et al (2021)", "ok", ["wang2021"]),
        (19, 241, "Feng et al (2021)", "ok", ["feng2021"]),
        (19, 331, "Alice et al (2021)", "unresolved", None),
    ],
    "help": [
        (11, 237, "Zhang & al 2022a", "ok", ["zhang2022a"]),
        (18, 237, "NICE Scenario Management guidelines (2021)", "ok", ["nice2021"]),
        (22, 54, "WHO (2019)", "unresolved", None),
        (22, 211, "Zhang et al, 2022b", "ok", ["zhang2022b"]),
        (24, 5, "He et al (2022)", "ok", ["he2022"]),
    ],
    "tapping": [
        (11, 27, "Feinstein (2022 – ref and link below)", "ok", ["feinstein2022"]),
        (11, 410, "Feinstein, 2022", "ok", ["feinstein2022"]),
        (13, 230, "Church et al, 2018", "ok", ["church2018"]),
    ],
}


@pytest.mark.parametrize("article", list(EXPECTED))
def test_every_citation_of_the_seed_articles(cli, article):
    path = SEED / f"article_{article}.txt"
    result = cli("check", path, "--json", "--store", BUNDLED_STORE)
    data = json.loads(result.out)
    got = [(c["line"], c["column"], c["text"], c["status"], c["keys"] if c["status"] != "unresolved" else None)
           for c in data["citations"]]
    assert got == EXPECTED[article]
    assert result.code == (0 if all(e[3] == "ok" for e in EXPECTED[article]) else 1)


def test_ambiguous_citations_name_the_likelier_candidate(bundled):
    text = (SEED / "article_electroacupuncture.txt").read_text(encoding="utf-8")
    ambiguous = [r for r in check(bundled, text).citations if r.status == "ambiguous"]
    # "post chemotherapy (Zhang et al, 2014)" is the nausea paper; "organ pain (Zhang et al, 2014)" the pain one
    assert [r.likeliest for r in ambiguous] == ["zhang2014a", "zhang2014"]
    assert all("likelier" in r.reason for r in ambiguous)


def test_unresolved_citations_suggest_the_nearest(bundled):
    result = check(bundled, "As shown before (Deluse et al, 1980).")
    [r] = result.citations
    assert r.status == "unresolved" and r.keys[0] == "deluze1992"


@pytest.mark.parametrize(
    "sentence, status, keys",
    [
        ("Reviews agree (Ezzo, Streitberger and Schneider, 2006).", "ok", ["ezzo2006"]),
        ("Reviews agree (Ezzo, Smith and Schneider, 2006).", "mismatch", ["ezzo2006"]),
        ("Deluze et al (1993) found less pain.", "mismatch", ["deluze1992"]),
        ("Hayhoe et al (2010) reports benefits.", "mismatch", ["hayhoe2010"]),
        ("Deluse et al (1992) found less pain.", "fuzzy", ["deluze1992"]),
        ("(Qu and Zhou, 2007)", "ok", ["qu2007"]),
        ("(Papadopoulos & al. 2019)", "ok", ["papadopoulos2019"]),
        ("Schünemann is not first author (Zhang et al. 2022a; Feinstein 2022)", "ok", ["zhang2022a"]),
        # issue 17: every name given is evidence (the two Zhang 2014 papers, the three Zhang 2022 papers)
        ("Pain (Zhang, Lao, Ren and Berman, 2014).", "ok", ["zhang2014"]),
        ("Nausea (Zhang, Jin, Fan, Lu, Meng and Chen, 2014).", "ok", ["zhang2014a"]),
        ("X. Zhang et al. (2014) found less nausea.", "ok", ["zhang2014a"]),
        ("M. Zhang et al. (2022) reviewed analgesia.", "ok", ["zhang2022"]),
        ("Zhang, Jing and Guyatt (2022) set out progress.", "ok", ["zhang2022b"]),
        # possessives of "et al." and "and colleagues", and initials after the surname (s2-qa item 4)
        ("Papadopoulos et al.'s (2019) trial treated calcific tendonitis.", "ok", ["papadopoulos2019"]),
        ("Papadopoulos et al’s (2019) trial treated calcific tendonitis.", "ok", ["papadopoulos2019"]),
        ("Papadopoulos et al's (2019) trial treated calcific tendonitis.", "ok", ["papadopoulos2019"]),
        ("Papadopoulos and colleagues' (2019) trial treated calcific tendonitis.", "ok", ["papadopoulos2019"]),
        ("Zhang X et al. (2014) found less nausea.", "ok", ["zhang2014a"]),
        ("Zhang, X. et al. (2014) found less nausea.", "ok", ["zhang2014a"]),
        ("Zhang R et al. (2014) reviewed persistent pain.", "ok", ["zhang2014"]),
        ("Ho RT et al. (1990) reported less emesis.", "ok", ["ho1990"]),
    ],
)
def test_forms_and_statuses(bundled, sentence, status, keys):
    first = check(bundled, sentence).citations[0]
    assert (first.status, list(first.keys)) == (status, keys)


@pytest.mark.parametrize(
    "text",
    [
        "In 2007 the guidelines changed.",
        "It was last revised in April 2021.",
        "Clinicians give over 4 million treatments, in a 30-minute documentary, since 1990.",
        "The American College of Physicians in 2007 recommended it.",
        "Zhang, M., Shi, L. and Meng, Z., 2022. Effective oriental magic for analgesia: acupuncture. eCAM, 2022.",
        "NIH (2022)",
    ],
)
def test_not_citations(text):
    assert find_citations(text) == []


def test_an_organisation_after_a_capitalised_common_word(bundled):
    # "The WHO (2019)" is WHO, not a surname "The" with the initials W. H. O. (s2-qa chk.md)
    found = [(r.citation.text, r.status) for r in check(bundled, "The WHO (2019) report. The NICE (2021) guideline.").citations]
    assert found == [("WHO (2019)", "unresolved"), ("NICE (2021)", "ok")]


def test_one_prose_sentence_shaped_like_an_entry_is_not_a_reference_list(bundled):
    # s2-qa item 4: the sentence made the draft "have a list" that lacked Hayhoe (2010)
    report = check(bundled, "Ho, R.T. et al. (1990) reported emesis fell.\n\nAs Hayhoe (2010) says.\n")
    assert [(r.citation.text, r.status, r.keys, r.in_list) for r in report.citations] == [
        ("Ho, R.T. et al. (1990)", "ok", ("ho1990",), None), ("Hayhoe (2010)", "ok", ("hayhoe2010",), None)]
    assert report.entries == ()


def test_a_citation_reads_the_same_beside_a_sentence_that_starts_like_an_entry(bundled):
    text = "Zhang, X. et al. (2014) found.\n\nX. Zhang et al. (2014) found.\n"
    assert [(r.citation.text, r.status, r.keys) for r in check(bundled, text).citations] == [
        ("Zhang, X. et al. (2014)", "ok", ("zhang2014a",)), ("X. Zhang et al. (2014)", "ok", ("zhang2014a",))]


@pytest.mark.parametrize("text, entries", [
    # a heading makes entries of blocks that start like one, whatever follows
    ("Pain fell (Hayhoe, 2010).\n\nReferences\n\nHayhoe, S. (2010) on benefits\n", 1),
    ("Pain fell (Hayhoe, 2010).\n\n## Bibliography:\n\nHayhoe, S. (2010) on benefits\n", 1),
    # without one, the entry's shape: a title, then a source
    ("Pain fell (Hayhoe, 2010).\n\nHayhoe, S., 2010. Postoperative benefits with electroacupuncture. "
     "Acupuncture in Medicine, 28(2), p.64.\n", 1),
    ("Pain fell (Hayhoe, 2010).\n\nHayhoe, S. (2010). Postoperative benefits. https://doi.org/10.1136/aim.2010.002444\n", 1),
    # an entry without that shape counts in a run with one that has it
    ("Cited (NIH, 2022).\n\nNICE (2021) Chronic pain: Scenario: Management Last revised in April 2021\n\nNIH (2022) survey\n", 2),
    # prose: a verb after the year
    ("Hayhoe, S. (2010) reports benefits. So do others.\n", 0),
])
def test_reference_list_needs_evidence_beyond_its_first_words(bundled, text, entries):
    assert len(check(bundled, text).entries) == entries


def test_each_article_of_a_joined_draft_is_checked_against_its_own_list(bundled):
    # s2-qa item 12: the five seed articles in one file, each with its list; line 13's "Zhang et al
    # (2022)" is the Zhang M. 2022 review of the first article's list, not the third's Zhang 2022b
    report = check(bundled, (SEED / "articles.txt").read_text(encoding="utf-8"))
    [first] = [r for r in report.citations if r.citation.line == 13]
    assert (first.citation.text, first.status, first.keys) == ("Zhang et al (2022)", "ok", ("zhang2022",))
    assert len({e.section for e in report.entries}) == 5


def test_html_draft_keeps_lines_and_columns(bundled):
    html = "<p>Pain <b>relief</b> (Hayhoe, 2010)</p>\n<p>Guidelines (Zhang &amp; al 2022a)</p>\n"
    report = check(bundled, html, "html")
    assert [(r.citation.line, r.citation.column, r.citation.text, r.status) for r in report.citations] == [
        (1, 24, "Hayhoe, 2010", "ok"), (2, 16, "Zhang & al 2022a", "ok")]


def test_human_report_groups_by_status_and_lists_uncited(cli):
    result = cli("check", SEED / "article_ai.txt", "--uncited", "--store", BUNDLED_STORE)
    assert result.code == 1
    out = result.out
    assert out.index("ok (3)") < out.index("unresolved (1)")
    assert "the draft's reference list lacks Alice et al (2021)" in out
    uncited = [line for line in out.splitlines() if line.startswith("uncited (")]
    assert uncited and "feng2021" not in uncited[0] and "deluze1992" in uncited[0]
    assert result.err.strip() == "4 citations: 3 ok, 1 unresolved"


def test_uncited_in_json(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("Fibromyalgia pain fell (Deluze et al, 1992).\n")
    data = json.loads(cli("check", draft, "--json", "--uncited", "--store", BUNDLED_STORE).out)
    assert data["citations"][0]["status"] == "ok"
    assert len(data["uncited"]) == 34 and "deluze1992" not in data["uncited"]


def test_all_ok_exits_zero(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("Fibromyalgia pain fell (Deluze et al, 1992).\n")
    assert cli("check", draft, "--store", BUNDLED_STORE).code == 0


def test_bad_draft_is_a_clear_error(cli, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_bytes(b"fine line\nbad \xff byte\n")
    result = cli("check", draft, "--store", BUNDLED_STORE)
    assert result.code == 5
    assert f"{draft}:2:5: not UTF-8: invalid start byte" in result.err
    missing = cli("check", tmp_path / "nope.md", "--store", BUNDLED_STORE)
    assert missing.code == 6 and "no such file" in missing.err.lower()
