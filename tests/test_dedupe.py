"""acuref dedupe: true duplicates found, look-alikes kept apart, merges that lose nothing."""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acuref.dedupe import features, find_groups, merge_groups, merge_records, score_pair
from acuref.formats.text import parse_reference
from acuref.model import Name, Reference, Store
from acuref.store import load, save
from tests.conftest import BUNDLED_STORE, SEED

FENG = ("Feng, C., Shao, Y., Wang, B., Qu, Y., Wang, Q., Li, Y. and Yang, T., 2021. Development and application of "
        "artificial intelligence in auxiliary tcm diagnosis. Evidence-based Complementary and Alternative Medicine2021.")


def ref(key, line):
    return parse_reference(line).with_changes(key=key)


def pair(a: Reference, b: Reference):
    return score_pair(features(a), features(b))


def test_the_seeds_repeated_paper_is_found():
    groups = find_groups([ref("feng2021", FENG), ref("feng2021b", FENG)])
    assert [(g.keys, g.confidence) for g in groups] == [(("feng2021", "feng2021b"), "certain")]


def test_misspelt_author_is_still_a_duplicate(bundled):
    deluze = bundled.references["deluze1992"]
    delize = deluze.with_changes(key="delize", author=(Name("Delize", "C."),) + deluze.author[1:])
    assert pair(deluze, delize).confidence == "certain"


@pytest.mark.parametrize("a, b", [("zhang2014", "zhang2014a"), ("wang2021", "wang2022a"), ("lin2002", "lin2022"),
                                  ("liu2011", "liu2017"), ("zhang2022a", "zhang2022b"), ("wang2022", "wang2022a")])
def test_seed_look_alikes_are_kept_apart(bundled, a, b):
    assert pair(bundled.references[a], bundled.references[b]).confidence is None


def test_the_curated_store_has_no_duplicates(bundled):
    assert find_groups(list(bundled)) == []


BASE = Reference(key="a", title="Electroacupuncture for chronic neck pain: a randomised trial",
                 author=(Name("Smith", "J."), Name("Jones", "K.")), issued=(2019,),
                 fields={"container-title": "Journal of Alternative and Complementary Medicine", "volume": "25",
                         "issue": "3", "page": "221-228", "DOI": "10.1089/acm.2018.0123"})


@pytest.mark.parametrize("change", [
    {"title": "ELECTROACUPUNCTURE FOR CHRONIC NECK PAIN: A RANDOMISED TRIAL"},
    {"title": "Electroacupuncture for chronic neck pain: a randomised trial. [Chinese]"},
    {"title": "[Electroacupuncture for chronic neck pain: a randomised trial]"},
    {"title": "Electroacupuncture for chronic neck pain: a <i>randomised</i> trial"},
    {"fields": {**BASE.fields, "page": "221-8"}},
    {"fields": {**BASE.fields, "container-title": "J Altern Complement Med"}},
    {"fields": {**BASE.fields, "DOI": "https://doi.org/10.1089/ACM.2018.0123"}},
    {"author": (Name("Smiht", "J."), Name("Jones", "K."))},
    {"author": (Name("J.", "Smith"), Name("K.", "Jones"))},
])
def test_export_variants_are_duplicates(change):
    other = BASE.with_changes(key="b", **change)
    result = pair(BASE, other)
    assert result.confidence is not None, result


@pytest.mark.parametrize("change, reason", [
    ({"fields": {**BASE.fields, "DOI": "10.1089/acm.2018.9999"}}, "different DOIs"),
    ({"title": "Erratum: Electroacupuncture for chronic neck pain: a randomised trial", "fields": {"container-title": "J"}},
     "an erratum and an article"),
    ({"type": "paper-conference", "issued": (2018,), "fields": {"container-title": "World Congress of Acupuncture"}},
     "a conference abstract and a journal article"),
    ({"title": "Acupuncture for chronic neck pain: long-term follow-up", "fields": {**BASE.fields, "DOI": ""}},
     "titles differ"),
    ({"title": BASE.title + " II", "fields": {**BASE.fields, "DOI": "", "page": "301-309"}},
     "the titles carry different numbers (parts, series, trial phases)"),
])
def test_look_alikes_are_not_duplicates(change, reason):
    result = pair(BASE, BASE.with_changes(key="b", **change))
    assert (result.confidence, result.reason) == (None, reason)


def test_abbreviated_journal_with_as_many_words_is_the_same_journal():
    full = BASE.with_changes(fields={"container-title": "Laboratory Investigation", "volume": "25", "page": "221-228"})
    short = full.with_changes(key="b", fields={"container-title": "Lab Invest", "page": "221-8"})  # no volume
    result = pair(full, short)
    assert (result.confidence, result.scores["container"]) == ("certain", 0.95)


def test_same_doi_is_one_work_however_the_journal_is_written():
    a = BASE.with_changes(fields={**BASE.fields, "container-title": "British Medical Journal"})
    b = a.with_changes(key="b", fields={"container-title": "BMJ", "DOI": "https://doi.org/10.1089/ACM.2018.0123"})
    result = pair(a, b)
    assert (result.confidence, result.levels["doi"], result.weights["doi"] > 10) == ("certain", "same", True)


def test_three_copies_are_one_group():
    refs = [BASE, BASE.with_changes(key="b", title=BASE.title.upper()), BASE.with_changes(key="c", fields={**BASE.fields, "page": "221-8"})]
    [group] = find_groups(refs)
    assert group.keys == ("a", "b", "c") and len(group.pairs) == 3


def test_editor_decision_keeps_a_pair_apart():
    assert find_groups([BASE, BASE.with_changes(key="b", distinct=("a",))]) == []


# --- properties --------------------------------------------------------------------------------

_variant = st.sampled_from(["same", "upper", "tag", "page", "journal"])


@st.composite
def corpora(draw):
    works = draw(st.integers(1, 5))
    refs = []
    for w in range(works):
        base = BASE.with_changes(key=f"w{w}", title=f"Study number {w} of acupuncture in {['neck', 'back', 'knee', 'hip', 'jaw'][w]} pain",
                                 fields={**BASE.fields, "DOI": "", "page": f"{100 + w}-{110 + w}"})
        refs.append(base)
        for c in range(draw(st.integers(0, 2))):
            kind = draw(_variant)
            changes = {"same": {}, "upper": {"title": base.title.upper()}, "tag": {"title": base.title + " [Chinese]"},
                       "page": {"fields": {**base.fields, "page": f"{100 + w}-{10 + w}"}},
                       "journal": {"fields": {**base.fields, "container-title": "J Altern Complement Med"}}}[kind]
            refs.append(base.with_changes(key=f"w{w}c{c}", **changes))
    return refs, draw(st.permutations(range(len(refs))))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_result_does_not_depend_on_input_order(data):
    refs, order = data
    first = {frozenset(g.keys) for g in find_groups(refs)}
    shuffled = {frozenset(g.keys) for g in find_groups([refs[i] for i in order])}
    assert first == shuffled
    assert first == {frozenset(k for k in (r.key for r in refs) if k.split("c")[0] == w)
                     for w in {r.key.split("c")[0] for r in refs} if sum(r.key.split("c")[0] == w for r in refs) > 1}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_merging_finds_nothing_more_and_loses_nothing(data):
    refs, _ = data
    store = Store(references={r.key: r for r in refs})
    merged = merge_groups(store, find_groups(refs))
    assert find_groups(list(merged)) == []
    aliases = merged.alias_index()
    for r in refs:  # every key still resolves
        assert r.key in merged.references or r.key in aliases
        kept = merged.references.get(r.key) or merged.references[aliases[r.key]]
        for var, value in r.fields.items():  # every value is in the result or recorded with it
            assert kept.fields.get(var) == value or f"{var} = {value!r}" in kept.notes
        assert r.title == kept.title or repr(r.title) in kept.notes


def test_merge_records_keeps_the_most_complete_values():
    short = BASE.with_changes(key="s", fields={"container-title": "J Altern Complement Med", "page": "221-8"})
    merged = merge_records(BASE, [short])
    assert merged.fields["container-title"] == BASE.fields["container-title"]
    assert merged.aliases == ("s",)
    assert "merged from s: container-title = 'J Altern Complement Med'; page = '221-8'" in merged.notes


# --- CLI -----------------------------------------------------------------------------------------


def seed_store_with_repeats(tmp_path):
    store = load(BUNDLED_STORE)
    feng = store.references["feng2021"]
    refs = dict(store.references)
    refs["feng2021b"] = feng.with_changes(key="feng2021b", original="", notes="", sources=())
    deluze = refs["deluze1992"]
    refs["delize1992b"] = deluze.with_changes(key="delize1992b", author=(Name("Delize", "C."),) + deluze.author[1:],
                                              aliases=(), name_variants=(), original="", notes="", design="unknown",
                                              fields={**deluze.fields, "container-title": "Br Med J"})
    path = tmp_path / "references.toml"
    save(store.with_references(refs), path)
    return path


def test_cli_json_and_exit_code(cli, tmp_path):
    path = seed_store_with_repeats(tmp_path)
    result = cli("dedupe", "--store", path, "--json", "--exit-code")
    assert result.code == 1
    groups = json.loads(result.out)["groups"]
    assert [g["keys"] for g in groups] == [["deluze1992", "delize1992b"], ["feng2021", "feng2021b"]]
    assert all(g["confidence"] == "certain" and g["pairs"][0]["scores"]["title"] == 1.0 for g in groups)
    assert cli("dedupe", "--store", BUNDLED_STORE, "--exit-code").code == 0
    assert cli("dedupe", "--store", path).code == 0  # found, but no --exit-code


def test_cli_dry_run_then_apply(cli, tmp_path):
    path = seed_store_with_repeats(tmp_path)
    before = path.read_bytes()
    dry = cli("dedupe", "--store", path)
    assert "group 1 of 2: certain" in dry.out and "dry run: nothing written" in dry.err
    assert path.read_bytes() == before
    applied = cli("dedupe", "--store", path, "--apply")
    assert applied.code == 0
    after = load(path)
    assert len(after) == 35 and "feng2021b" in after.references["feng2021"].aliases
    assert "delize1992b" in after.references["deluze1992"].aliases
    assert ("merged from delize1992b: author = Delize, C.; Bosia, L.; Zirbs, A.; Chantraine, A.; Vischer, T.L.; "
            "container-title = 'Br Med J'") in after.references["deluze1992"].notes
    assert cli("show", "delize1992b", "--store", path).out.startswith("[references.deluze1992]")


def test_apply_that_fails_mid_write_leaves_the_old_file(cli, tmp_path, monkeypatch):
    path = seed_store_with_repeats(tmp_path)
    before = path.read_bytes()

    def fail(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", fail)
    result = cli("dedupe", "--store", path, "--apply")
    assert result.code == 6 and "Input/output error" in result.err
    assert path.read_bytes() == before


def test_interactive_keep_apart_is_remembered(cli, tmp_path, monkeypatch):
    path = seed_store_with_repeats(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("a\nm\n"))
    result = cli("dedupe", "--store", path, "--interactive")
    assert result.code == 0, result.err
    after = load(path)
    assert after.references["deluze1992"].distinct == ("delize1992b",)
    assert "feng2021b" in after.references["feng2021"].aliases
    assert json.loads(cli("dedupe", "--store", path, "--json").out)["groups"] == []


def test_dedupe_a_file_uses_its_own_keys(cli, tmp_path):
    bib = tmp_path / "s.bib"
    bib.write_text("@article{One, title={A trial of needles}, author={Smith, J.}, year={2001}, journal={J}, volume={2}, pages={1-9}}\n"
                   "@article{Two, title={A trial of needles.}, author={Smith, J}, year={2001}, journal={J}, volume={2}, pages={1-9}}\n")
    groups = json.loads(cli("dedupe", bib, "--json").out)["groups"]
    assert [g["keys"] for g in groups] == [["One", "Two"]]
    assert cli("dedupe", bib, "--apply").code == 2
