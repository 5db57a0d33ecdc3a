"""The curated store against its source: the five seed articles (tests/fixtures/seed/articles.txt).

Nothing in data/references.toml may be invented: every stored fact must be
found in the reference's `original` line, which must be verbatim in the seed.
"""

from __future__ import annotations

import re

import pytest

from acuref.model import DESIGNS
from acuref.normalize import fold
from tests.conftest import BUNDLED_STORE, SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.splitlines()

EXPECTED_KEYS = """zhang2022 li2020 lin2022 petti1998 trento2021 wang2022 wu2021 casimiro2005 deluze1992 ezzo2006
hayhoe2010 ho1990 lin2002 liu2017 liu2011 papadopoulos2019 qu2007 sim2002 tavares2007 xu2018 xue2004 yeung2003
yu2015 zhang2014 zhang2014a feng2021 wang2022a wang2021 he2022 nice2021 nih2022 zhang2022a zhang2022b church2018
feinstein2022""".split()

#: Reference-list lines of the seed: "Surname, I., … YEAR." lines and the organisations' entries.
REFERENCE_LINE = re.compile(r"^(?:[A-Z][^\s,]+(?: [A-Z][^\s,]+)?, [A-Z]|NICE \(|NIH \()")


def seed_reference_lines() -> list[str]:
    return [line for line in SEED_LINES if REFERENCE_LINE.match(line) and re.search(r"(19|20)\d\d", line)]


def test_every_seed_reference_is_stored_once(bundled):
    lines = seed_reference_lines()
    assert len(lines) == 36  # the Feng 2021 line appears twice
    assert len(set(lines)) == 35
    assert sorted(r.original for r in bundled) == sorted(set(lines))
    assert list(bundled.references) == EXPECTED_KEYS


def test_curated_keys_are_ordered_as_the_seed_lists_them(bundled):
    positions = [SEED_TEXT.index(r.original) for r in bundled]
    assert positions == sorted(positions)


@pytest.mark.parametrize("key", EXPECTED_KEYS)
def test_every_stored_fact_is_in_the_original_line(bundled, key):
    ref = bundled.references[key]
    original = fold(ref.original)
    assert ref.original in SEED_TEXT
    for name in ref.author:
        assert fold(name.literal or name.family) in original, name
        for initial in re.findall(r"[A-Z]", name.given):
            assert initial.lower() in original
    if ref.title:
        assert fold(ref.title) in original
    assert str(ref.year) in original
    for var in ("container-title", "volume", "issue", "page"):
        if var in ref.fields:
            assert fold(ref.fields[var]) in original, var
    assert ref.design in DESIGNS
    # no identifier the seed does not give
    assert not {"DOI", "PMID", "PMCID", "URL", "ISBN", "ISSN"} & set(ref.fields)


def test_corrections_are_recorded(bundled):
    refs = bundled.references
    assert [n.family for n in refs["xue2004"].author] == ["Xue", "Polus", "English", "Zheng", "Costa"]
    assert "MApplSc" in refs["xue2004"].original and any("MApplSc" in c for c in refs["xue2004"].corrections)
    assert [n.family for n in refs["yu2015"].author] == ["Yu", "Xu"]
    assert "YU, H.L." in refs["yu2015"].original and refs["yu2015"].corrections
    assert refs["petti1998"].author[0].given == "F." and "F.." in refs["petti1998"].original
    assert refs["nih2022"].missing == ("title",) and refs["nih2022"].title == ""
    # every reference whose stored names differ from the seed's spelling says why
    for ref in bundled:
        spelled = [n.family for n in ref.author if n.family]
        if any(f"{family}, " not in ref.original and f"{family} " not in ref.original for family in spelled):
            assert ref.corrections, ref.key


def test_designs_come_from_what_the_seed_says(bundled):
    by_design = {}
    for ref in bundled:
        by_design.setdefault(ref.design, []).append(ref.key)
    assert by_design["systematic-review"] == ["casimiro2005", "ezzo2006", "xu2018", "church2018", "feinstein2022"]
    assert by_design["randomised-trial"] == ["liu2017"]
    assert by_design["controlled-trial"] == ["deluze1992"]
    assert by_design["observational"] == ["liu2011"]
    assert by_design["narrative-review"] == ["trento2021", "wang2022a"]
    for ref in bundled:  # each non-unknown design is stated by the title or the container
        words = fold(ref.title + " " + ref.fields.get("container-title", ""))
        evidence = {
            "systematic-review": ("systematic review", "meta-analysis"),
            "randomised-trial": ("randomized", "randomised"),
            "controlled-trial": ("controlled trial",),
            "observational": ("observational",),
            "narrative-review": ("review",),
            "mechanistic": ("mechanism",),
            "guideline-protocol": ("guideline protocol",),
        }.get(ref.design)
        if evidence:
            assert any(e in words for e in evidence), ref.key


def test_prose_spellings_resolve(bundled):
    from acuref.keys import resolve

    assert resolve(bundled, "Delize 1992").key == "deluze1992"
    assert resolve(bundled, "delize1992").key == "deluze1992"
    assert resolve(bundled, "Zhishun 2017").key == "liu2017"


def test_yeung_is_not_given_the_topic_it_is_cited_for(bundled):
    assert not [t for t in bundled.references["yeung2003"].topics if "elbow" in t]


def test_claims_point_at_the_seed(bundled):
    ids = [c.id for c in bundled.claims]
    assert len(ids) == len(set(ids))
    for claim in bundled.claims:
        for written in claim.cited_as:
            window = "\n".join(SEED_LINES[claim.line - 2: claim.line + 1])
            assert written in window, (claim.id, written)
        for key in claim.cites:
            assert key in bundled.references
    cited = {k for c in bundled.claims for k in c.cites}
    # every work the prose cites by author and year has a claim
    for key in ("zhang2014", "zhang2014a", "ho1990", "ezzo2006", "casimiro2005", "hayhoe2010", "lin2002", "qu2007",
                "deluze1992", "tavares2007", "sim2002", "liu2011", "liu2017", "xue2004", "xu2018", "yeung2003",
                "papadopoulos2019", "yu2015", "wang2022a", "wang2021", "feng2021", "zhang2022a", "zhang2022b",
                "he2022", "nice2021", "feinstein2022", "church2018", "zhang2022"):
        assert key in cited, key
    unsupported = {c.cited_as[0] for c in bundled.claims if not c.cites}
    assert unsupported == {"Alice et al (2021)", "WHO (2019)"}
