"""check: every word of a citation is evidence (issue 17, point 2). Invented names throughout.

Each class: two names, three names, "X and colleagues", "X et al.", possessives, particles in any
position (BibTeX braces, CSL particles, capitalised at a sentence start), initials written in prose,
a/b year suffixes, and ambiguity left only when the citation's own words cannot decide. Then the
draft's own reference list: matched first, with unused entries and missing citations reported.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from acuref.drafts.checking import check
from acuref.formats import parse
from acuref.model import Store

WORKS = [
    {"id": "okafor2019pair", "title": "Needle depth in shoulder pain",
     "author": [{"family": "Okafor", "given": "Ngozi"}, {"family": "Brandt", "given": "Lena"}]},
    {"id": "okafor2019trio", "title": "Cupping for neck pain",
     "author": [{"family": "Okafor", "given": "Ngozi"}, {"family": "Quist", "given": "Emil"},
                {"family": "Lund", "given": "Per"}]},
    {"id": "okafor2019solo", "title": "Moxibustion at dawn", "author": [{"family": "Okafor", "given": "Ada"}]},
    {"id": "marwick2014", "title": "Wiki histories", "author": [{"family": "Marwick", "given": "Sara"}]},
    {"id": "berg2018", "title": "Particles in names",
     "author": [{"family": "Berg", "non-dropping-particle": "van den", "given": "Anna"}]},
    {"id": "pell2020x", "title": "Alpha trial of needling", "author": [{"family": "Pell", "given": "Iris"}]},
    {"id": "pell2020y", "title": "Beta trial of needling", "author": [{"family": "Pell", "given": "Iris"}]},
    {"id": "tamm2017", "title": "Ear points", "author": [{"family": "Tamm", "given": "Rein"}]},
]
BIBTEX = """@article{dielmann2018,
  author = {{von Dielmann}, Anders and {Ramos-Fresno}, Andres},
  title = {Two-author glioma note}, journal = {Brain Notes}, year = {2018}
}
@article{falten2021,
  author = {Falten\u2010Dumescu, Marta and Keller, Ina and Roth, Uwe},
  title = {Tumour grading from scans}, journal = {Imaging Letters}, year = {2021}
}
"""


@pytest.fixture(scope="module")
def store() -> Store:
    items = [dict(w, type="article-journal",
                  issued={"date-parts": [[int("".join(ch for ch in w["id"] if ch.isdigit()))]]}) for w in WORKS]
    refs = [replace(r, key=w["id"]) for r, w in zip(parse(json.dumps(items), "csl-json").references, WORKS)]
    refs += parse(BIBTEX, "bibtex").references
    return Store({r.key: r for r in refs})


def first(store: Store, text: str):
    [resolution] = check(store, text).citations
    return resolution.status, list(resolution.keys)


@pytest.mark.parametrize("text, status, keys", [
    # two names decide between the same first author's works of one year
    ("Depth matters (Okafor and Brandt, 2019).", "ok", ["okafor2019pair"]),
    ("Okafor & Brandt (2019) measured depth.", "ok", ["okafor2019pair"]),
    # three names
    ("Cupping helps (Okafor, Quist and Lund, 2019).", "ok", ["okafor2019trio"]),
    # "and colleagues", "et al."
    ("Okafor and colleagues (2019) tried cupping.", "ok", ["okafor2019trio"]),
    ("Okafor (2019) and colleagues tried cupping.", "ok", ["okafor2019trio"]),
    ("Cupping helps (Okafor et al., 2019).", "ok", ["okafor2019trio"]),
    # one name: the single-author work
    ("Okafor (2019) wrote on moxibustion.", "ok", ["okafor2019solo"]),
    # initials written in prose
    ("A. Okafor (2019) wrote on moxibustion.", "ok", ["okafor2019solo"]),
    ("N. Okafor et al. (2019) tried cupping.", "ok", ["okafor2019trio"]),
    ("A. Okafor et al. (2019) tried cupping.", "mismatch", ["okafor2019solo"]),  # A. Okafor wrote alone
    # a co-author who is not there
    ("Depth matters (Okafor and Smith, 2019).", "mismatch", ["okafor2019pair"]),
    # possessives
    ("Marwick's (2014) history of wikis.", "ok", ["marwick2014"]),
    ("In Marwick’s (2014) account.", "ok", ["marwick2014"]),
    # particles: CSL non-dropping particle, with or without it, capitalised at a sentence start
    ("Names vary (van den Berg, 2018).", "ok", ["berg2018"]),
    ("Van den Berg (2018) listed them.", "ok", ["berg2018"]),
    ("Names vary (Berg, 2018).", "ok", ["berg2018"]),
    # particles: BibTeX braces {von Dielmann}, written with and without the particle
    ("A two-author note (von Dielmann & Ramos-Fresno, 2018) agrees.", "ok", ["dielmann2018"]),
    ("As does von Dielmann and Ramos-Fresno (2018).", "ok", ["dielmann2018"]),
    ("As does Dielmann and Ramos-Fresno (2018).", "ok", ["dielmann2018"]),
    # a hyphen written as U+2010 in the source, as "-" in the draft
    ("Grading from scans is reliable (Falten-Dumescu et al., 2021).", "ok", ["falten2021"]),
    # a/b year suffixes: the letters a style would give (bibliography order: names, then title)
    ("First trial (Pell, 2020a).", "ok", ["pell2020x"]),
    ("Second trial (Pell, 2020b).", "ok", ["pell2020y"]),
    # ambiguity only when the citation's own words cannot decide
    ("A trial (Pell, 2020).", "ambiguous", ["pell2020x", "pell2020y"]),
])
def test_every_word_is_evidence(store, text, status, keys):
    assert first(store, text) == (status, keys)


def test_position_points_at_the_start_of_a_wrapped_citation(store):
    text = "Depth matters, as shown\n(Okafor and\nBrandt, 2019), and more.\n"
    [r] = check(store, text).citations
    assert (r.citation.line, r.citation.column, r.citation.text, r.status) == (2, 2, "Okafor and Brandt, 2019", "ok")


DRAFT_WITH_LIST = """Trials of needling (Pell, 2020) and ear points (Tamm, 2017) and dawn (Okafor, 2019).

References

Pell, I., 2020. Beta trial of needling. Needle Journal, 3, pp.1-9.

Marwick, S., 2014. Wiki histories. Open Press.
"""


def test_the_drafts_own_list_decides_and_is_reported(store):
    report = check(store, DRAFT_WITH_LIST)
    statuses = [(r.citation.text, r.status, list(r.keys), r.in_list) for r in report.citations]
    assert statuses == [("Pell, 2020", "ok", ["pell2020y"], True),  # the list holds only the Beta trial
                        ("Tamm, 2017", "ok", ["tamm2017"], False),
                        ("Okafor, 2019", "ok", ["okafor2019solo"], False)]
    data = report.to_json()["reference_list"]
    assert data["entries"] == 2
    assert [(e["line"], e["key"]) for e in data["unused"]] == [(7, "marwick2014")]
    assert [m["text"] for m in data["missing"]] == ["Tamm, 2017", "Okafor, 2019"]
