"""Each class of dedupe error from issue 16, with invented records: the rule that stops it, the
duplicates it must not stop, and the editor's control over merges (apply, interactive, undo)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from acuref.dedupe import features, find_groups, merge_records, score_pair
from acuref.dedupe.merge import full_pages
from acuref.dedupe.model import estimate
from acuref.dedupe.compare import compare
from acuref.model import Name, Reference, Store
from acuref.store import dumps_reference, load, save


def art(key, title, authors=(), year=2019, **fields):
    names = tuple(Name(*a.split(", ")) if ", " in a else Name(literal=a) for a in authors)
    return Reference(key=key, title=title, author=names, issued=(year,) if year else (), fields=fields)


def decision(a, b):
    return score_pair(features(a), features(b))


# --- shared identifiers that do not identify ----------------------------------------------------


def test_a_supplement_doi_shared_by_different_abstracts_does_not_identify():
    doi = "10.9999/invented.supp.2019.1"
    a = art("a", "Invented needling depth and shoulder pain in swimmers", ["Okafor, A."], DOI=doi,
            **{"container-title": "Invented Journal of Sports Medicine"})
    b = art("b", "Moxibustion timing for invented menstrual cramps", ["Lindqvist, B."], DOI=doi,
            **{"container-title": "Invented Journal of Sports Medicine"})
    result = decision(a, b)
    assert result.confidence is None and "supplement" in result.reason
    assert find_groups([a, b]) == []


def test_the_same_doi_still_identifies_one_paper_written_two_ways():
    a = art("a", "Invented needling depth and shoulder pain", ["Okafor, A.", "Berg, C."], DOI="10.9999/x.1",
            **{"container-title": "Invented Journal of Sports Medicine"})
    b = art("b", "INVENTED NEEDLING DEPTH AND SHOULDER PAIN.", ["Okafor, Ada"], DOI="https://doi.org/10.9999/X.1",
            **{"container-title": "Invented J Sports Med"})
    assert decision(a, b).confidence == "certain"


# --- replies and companions ---------------------------------------------------------------------


@pytest.mark.parametrize("reply_title", [
    "Invented cupping for tension headache - Reply",
    "Response to: Invented cupping for tension headache",
    "Comment on invented cupping for tension headache",
])
def test_a_reply_by_other_authors_is_not_the_letter(reply_title):
    letter = art("a", "Invented cupping for tension headache", ["Moreau, P."], volume="12", page="301",
                 **{"container-title": "Invented Headache Letters"})
    reply = art("b", reply_title, ["Tanaka, H.", "Ruiz, E."], volume="12", page="301",
                **{"container-title": "Invented Headache Letters"})
    result = decision(letter, reply)
    assert result.confidence is None and "reply or comment" in result.reason


def test_an_addendum_by_the_same_authors_is_another_work():
    paper = art("a", "Invented rules for acupoint selection", ["Ceri, S.", "Tanca, L."], 1994,
                **{"container-title": "Invented Transactions on Acupoints"})
    addendum = art("b", "Addendum to invented rules for acupoint selection", ["Tanca, L.", "Ceri, S."], 1995,
                   **{"container-title": "Invented Transactions on Acupoints"})
    assert "companion" in decision(paper, addendum).reason


# --- titles that differ by one content word; records with no author -----------------------------


def test_sister_trials_of_one_sponsor_stay_apart():
    sponsor = ["Invented Pharma Ltd"]
    trials = [art(f"t{n}", title, sponsor, 2011) for n, title in enumerate([
        "Open-label trial of inventumab in adults with responsive invented anaemia",
        "Open-label trial of inventumab in adults with refractory invented anaemia",
        "Open-label trial of inventumab in adolescents with responsive invented anaemia"])]
    assert find_groups(trials) == []
    assert "sister" in decision(trials[0], trials[1]).reason


def test_a_spelling_variant_is_not_another_content_word():
    a = art("a", "Randomised trial of invented auricular acupressure in paediatric asthma", ["Osei, K."], 2018,
            volume="4", page="10-19", **{"container-title": "Invented Asthma Journal"})
    b = art("b", "Randomized trial of invented auricular acupressure in pediatric asthma", ["Osei, K."], 2018,
            volume="4", page="10-9", **{"container-title": "Invented Asthma J"})
    assert decision(a, b).confidence == "certain"


def test_records_without_authors_need_more_than_a_similar_title():
    a = art("a", "Invented registry study of needling in chronic pain of the lower back", [], 2012)
    b = art("b", "Invented registry study of needling in chronic pain of the upper back", [], 2012)
    c = art("c", "Invented registry study of needling in chronic pain of the lower back", [], 2013)
    assert find_groups([a, b, c]) == []
    same = art("d", "Invented registry study of needling in chronic pain of the lower back", [], 2012)
    [group] = find_groups([a, same])
    assert group.confidence == "likely"  # the same title and year, nothing else: an editor decides


# --- same work, written differently -------------------------------------------------------------


def test_authors_in_another_order_and_the_venue_written_out_are_the_same_paper():
    a = art("a", "Adaptive invented indexing for acupoint databases", ["Jensen, C.", "Snodgrass, R.", "Slivinskas, G."], 2001,
            **{"container-title": "Proc. Intl. Conf. on Data Systems"})
    b = art("b", "Adaptive invented indexing for acupoint databases", ["Slivinskas, Giedre", "Jensen, Christa", "Snodgrass, Ron"],
            2001, **{"container-title": "DataSys Conference"})
    a, b = a.with_changes(type="paper-conference"), b.with_changes(type="paper-conference")
    [group] = find_groups([a, b])
    assert group.confidence == "certain" and group.pairs[0].levels["authors"] == "same"


def test_a_bracketed_translated_title_is_the_same_printed_item():
    original = art("a", "Prophylaxie antibiotique inventee en chirurgie thoracique", ["Renard, J.", "Libert, J."], 1989,
                   volume="37", page="477-480", **{"container-title": "Invented Pathologie Biologie"})
    medline = art("b", "[Invented antibiotic prophylaxis in thoracic surgery. Controlled study]", ["Renard, J.", "Libert, J."], 1989,
                  volume="37", page="477-80", **{"container-title": "Invented Pathol Biol"})
    assert decision(original, medline).confidence == "certain"
    abstract = medline.with_changes(key="c", title="Invented antibiotic prophylaxis in thoracic surgery. Controlled study")
    assert decision(original, abstract).reason == "titles differ"  # two abstracts of one team on one page


def test_a_conference_paper_and_its_journal_version_are_two_works():
    conf = art("a", "Invented scaling of needle databases for smartcards", ["Pucheral, P.", "Bouganim, L."], 2000,
               **{"container-title": "VLDB"})
    journal = art("b", "Invented scaling of needle databases for smartcards", ["Bouganim, L.", "Pucheral, P."], 2001,
                  **{"container-title": "VLDB J."})
    assert "journal" in decision(conf, journal).reason


# --- generic short titles -----------------------------------------------------------------------


def test_generic_titles_a_year_apart_are_not_duplicates():
    """Case D3 of shared/cases/import (its D02b file: the same generic title, no authors, 2020 and 2021)."""
    a = Reference(key="item2020", title="This is an example title", issued=(2020,))
    b = Reference(key="item2021", title="This is an example title", issued=(2021,))
    assert find_groups([a, b]) == []
    # the rule that keeps them apart, not blocking that never compared them, is what is tested
    assert decision(a, b).reason == "a short title in another year (an annual report, a recurring column)"
    editorials = [art(f"e{y}", "Editorial", ["Invented Board"], y, **{"container-title": "Invented Acupuncture Review"})
                  for y in (2019, 2019, 2020)]
    editorials[1] = editorials[1].with_changes(key="e2019b")
    assert find_groups(editorials) == []
    assert decision(editorials[0], editorials[1]).reason.startswith("generic title, and neither volume")


def test_a_recurring_column_of_the_next_year_is_another_item():
    a = art("a", "Invented chair's message", ["Okonjo, M."], 1999, **{"container-title": "Invented Needling Record"})
    b = art("b", "Invented Chair's Message", ["Okonjo, M."], 2000, **{"container-title": "Invented Needling Record"})
    assert decision(a, b).reason == "a short title in another year (an annual report, a recurring column)"


def test_a_thesis_and_its_dissertation_abstracts_listing_are_only_likely():
    thesis = art("a", "An invented evaluation of prompting systems for acupuncture self-care at home", ["Lemon, R. R."], 2008,
                 volume="Ph.D.").with_changes(type="thesis")
    listing = art("b", "An invented evaluation of prompting systems for acupuncture self-care at home", ["Lemon, Richard R."],
                  2009, volume="69", page="4714", **{"container-title": "Dissertation Abstracts International"})
    result = decision(thesis, listing)
    assert result.confidence == "likely" and "dissertation-abstracts" in result.decided_by


def test_a_generic_title_with_volume_and_page_is_one_item():
    a = art("a", "Editorial", ["Invented Board"], 2019, volume="7", page="1", **{"container-title": "Invented Acupuncture Review"})
    b = art("b", "EDITORIAL.", ["Invented Board"], 2019, volume="7", page="1-2", **{"container-title": "Invented Acupunct Rev"})
    [group] = find_groups([a, b])
    assert group.confidence == "certain"


def test_a_chain_through_a_record_does_not_merge_works_a_rule_keeps_apart():
    common = dict(volume="12", page="101-110", **{"container-title": "Invented Journal of Moxibustion"})
    a = art("a", "Invented moxibustion for breech presentation", ["Ito, K.", "Vega, L."], 2015, DOI="10.9999/a", **common)
    b = art("b", "Invented moxibustion for breech presentation", ["Ito, K.", "Vega, L."], 2015, **common)
    c = art("c", "Invented moxibustion for breech presentation", ["Ito, K.", "Vega, L."], 2015, DOI="10.9999/c", **common)
    [group] = find_groups([a, b, c])
    assert group.keys == ("a", "b", "c") and group.confidence == "likely"
    assert [(p.a, p.b, p.reason) for p in group.conflicts] == [("a", "c", "different DOIs")]
    assert group.to_json()["conflicts"][0]["decided_by"] == "rule: different DOIs"


# --- the model: estimated on the input, explained -----------------------------------------------


def test_weights_are_estimated_on_the_input_and_explain_each_decision():
    works = [art(f"w{n}", f"Invented trial number {word} of needling for {part} pain", [f"Author{n}, A.", "Shared, B."], 2000 + n % 5,
                 volume=str(n), page=str(10 * n), **{"container-title": f"Invented Journal {n % 7}"})
             for n, (word, part) in enumerate((w, p) for w in ("alpha", "beta", "gamma", "delta", "omega")
                                               for p in ("neck", "back", "knee", "hip", "jaw", "wrist"))]
    copies = [w.with_changes(key=w.key + "c", title=w.title.upper()) for w in works[::3]]
    explain: dict = {}
    groups = find_groups(works + copies, explain=explain)
    assert sorted(g.keys for g in groups) == sorted((w.key, w.key + "c") for w in works[::3])
    model = explain["model"]
    assert model["estimated_from_pairs"] > 0
    assert model["fields"]["title"]["exact"]["weight"] > 5 > model["fields"]["title"]["else"]["weight"]
    pair = groups[0].pairs[0]
    assert pair.match_weight == pytest.approx(model["prior_weight"] + sum(w for w in pair.weights.values() if w), abs=0.05)
    assert pair.decided_by == "match weight" and set(pair.levels) == {"title", "authors", "year", "container", "volume", "page", "doi"}


def test_estimation_with_no_candidates_keeps_the_priors():
    model = estimate([], [], 2)
    assert model.m[0][0] == pytest.approx(0.70) and model.estimated_from == 0


# --- merged records -----------------------------------------------------------------------------


def test_the_merged_record_takes_the_best_value_of_each_field():
    """Case D8 of shared/cases/import: the Embase title with "[Chinese]", the fullest names, full pages."""
    embase = art("embase", "Effect of invented acupuncture on nausea: a randomized controlled trial [Chinese]", ["Wang, X.", "Liu, Y."],
                 2016, volume="36", page="459-63", **{"container-title": "Zhongguo Zhen Jiu"})
    pubmed = art("pubmed", "[Effect of invented acupuncture on nausea: a randomized controlled trial].", ["Wang, Xiaoming", "Liu, Ying"],
                 2016, **{"container-title": "Zhongguo zhen jiu = Chinese acupuncture & moxibustion"})
    plain = art("plain", "Effect of invented acupuncture on nausea: a randomized controlled trial", ["Wang, Xiaoming", "Liu, Y."],
                2016, volume="36", page="459-463", **{"container-title": "Zhongguo Zhen Jiu"})
    [group] = find_groups([embase, pubmed, plain])
    assert group.keys == ("embase", "pubmed", "plain")
    merged = merge_records(embase, [pubmed, plain])
    assert merged.title == "Effect of invented acupuncture on nausea: a randomized controlled trial"
    assert [n.display() for n in merged.author] == ["Wang, Xiaoming", "Liu, Ying"]
    assert merged.fields["page"] == "459-463" and merged.aliases == ("pubmed", "plain")
    assert merged.notes.splitlines() == [
        "merged from embase: title = 'Effect of invented acupuncture on nausea: a randomized controlled trial [Chinese]'; "
        "author = Wang, X.; Liu, Y.; page = '459-63'; container-title = 'Zhongguo Zhen Jiu'",
        "merged from pubmed: title = '[Effect of invented acupuncture on nausea: a randomized controlled trial].'",
        "merged from plain: author = Wang, Xiaoming; Liu, Y.; container-title = 'Zhongguo Zhen Jiu'"]


@pytest.mark.parametrize("given, full", [("221-8", "221-228"), ("1596-9", "1596-1599"), ("S12-4", "S12-14"),
                                         ("e101", "e101"), ("12-19", "12-19")])
def test_page_ranges_are_written_out(given, full):
    assert full_pages(given) == full


# --- the editor decides: apply, interactive, undo, import ---------------------------------------


def editor_store(tmp_path):
    """Two certain duplicates and one likely pair (no author on one side)."""
    refs = [
        art("smith2019", "Invented electroacupuncture for chronic neck pain", ["Smith, J.", "Jones, K."], 2019, volume="25",
            page="221-228", **{"container-title": "Invented Journal of Acupuncture"}),
        art("smith2019b", "INVENTED ELECTROACUPUNCTURE FOR CHRONIC NECK PAIN [Chinese]", ["Smith, John", "Jones, K."], 2019,
            volume="25", page="221-8", **{"container-title": "Invented J Acupunct"}),
        art("reg2012", "Invented registry record of cupping for fibromyalgia in primary care", ["Osei, K."], 2012),
        art("reg2012b", "Invented registry record of cupping for fibromyalgia in primary care", [], 2012),
    ]
    path = tmp_path / "references.toml"
    save(Store(references={r.key: r.with_changes(aliases=("old-" + r.key,) if r.key == "smith2019b" else ())
                           for r in refs}), path)
    return path


def test_apply_merges_only_certain_groups_unless_asked(cli, tmp_path):
    path = editor_store(tmp_path)
    groups = json.loads(cli("dedupe", "--store", path, "--json").out)["groups"]
    assert [(g["keys"], g["confidence"]) for g in groups] == [(["smith2019", "smith2019b"], "certain"),
                                                              (["reg2012", "reg2012b"], "likely")]
    result = cli("dedupe", "--store", path, "--apply")
    assert result.code == 0 and "1 likely group not merged" in result.err
    assert sorted(load(path).references) == ["reg2012", "reg2012b", "smith2019"]
    assert cli("dedupe", "--store", path, "--include-likely").code == 2  # only with --apply
    cli("dedupe", "--store", path, "--apply", "--include-likely")
    assert sorted(load(path).references) == ["reg2012", "smith2019"]


def test_undo_restores_the_records_of_the_last_merge(cli, tmp_path):
    path = editor_store(tmp_path)
    before = load(path)
    assert cli("dedupe", "--store", path, "--apply").code == 0
    assert (tmp_path / "references.toml.dedupe-undo.json").exists()
    undone = cli("dedupe", "--store", path, "--undo")
    assert undone.code == 0, undone.err
    after = load(path)
    assert [dumps_reference(r) for r in after] == [dumps_reference(r) for r in before]  # keys, aliases, every field
    again = cli("dedupe", "--store", path, "--undo")
    assert again.code == 3 and "nothing to undo" in again.err


def test_undo_refuses_when_the_merged_record_was_edited(cli, tmp_path):
    path = editor_store(tmp_path)
    cli("dedupe", "--store", path, "--apply")
    store = load(path)
    edited = store.references["smith2019"].with_changes(notes="checked by the editor")
    save(store.with_references({**store.references, "smith2019": edited}), path)
    result = cli("dedupe", "--store", path, "--undo")
    assert result.code == 3 and "changed after the merge" in result.err
    assert load(path).references["smith2019"].notes == "checked by the editor"


def run_interactive(path, stdin: str):
    return subprocess.run([sys.executable, "-m", "acuref", "dedupe", "--store", str(path), "--interactive"],
                          input=stdin, capture_output=True, text=True, timeout=60)


def test_interactive_numbers_groups_asks_again_on_a_typo_and_keeps_decisions_on_quit(tmp_path):
    path = editor_store(tmp_path)
    result = run_interactive(path, "x\nm\nq\n")
    assert result.returncode == 0, result.stderr
    assert "group 1 of 2" in result.stdout and "please answer m, a, s or q (not 'x')" in result.stderr
    assert "stopped at group 2 of 2: the decisions made so far are saved" in result.stderr
    assert sorted(load(path).references) == ["reg2012", "reg2012b", "smith2019"]


def test_interactive_end_of_input_keeps_decisions(tmp_path):
    path = editor_store(tmp_path)
    result = run_interactive(path, "a\n")  # then Ctrl-D
    assert result.returncode == 0, result.stderr
    refs = load(path).references
    assert refs["smith2019"].distinct == ("smith2019b",) and "reg2012b" in refs


@pytest.mark.skipif(os.name != "posix", reason="SIGINT delivery")
def test_interactive_ctrl_c_keeps_decisions(tmp_path):
    path = editor_store(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "acuref", "dedupe", "--store", str(path), "--interactive"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdin.write("m\n")
    proc.stdin.flush()
    seen = b""
    while b"group 2 of 2" not in seen:  # the second question: the first answer was read
        chunk = os.read(proc.stderr.fileno(), 4096)
        assert chunk, seen
        seen += chunk
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    err = seen.decode() + err
    assert proc.returncode == 0, err
    assert "decisions made so far are saved" in err and "internal error" not in err
    assert sorted(load(path).references) == ["reg2012", "reg2012b", "smith2019"]


def test_import_adds_likely_duplicates_and_says_so(cli, tmp_path):
    path = tmp_path / "references.toml"
    save(Store(references={"reg2012": art("reg2012", "Invented registry record of cupping for fibromyalgia in primary care",
                                          ["Osei, K."], 2012)}), path)
    incoming = tmp_path / "in.json"
    incoming.write_text(json.dumps([{"id": "reg", "type": "article-journal", "issued": {"date-parts": [[2012]]},
                                     "title": "Invented registry record of cupping for fibromyalgia in primary care"}]))
    result = cli("import", incoming, "--store", path, "--json")
    data = json.loads(result.out)
    assert data["added"] == ["reg"] and data["skipped"] == []
    assert data["likely_duplicates"] == [{"key": "reg", "likely_duplicate_of": "reg2012",
                                          "title": "Invented registry record of cupping for fibromyalgia in primary care"}]
    assert sorted(load(path).references) == ["reg", "reg2012"]
