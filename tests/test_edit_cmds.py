"""acuref edit, set, remove, rename: exit codes, stdout, stderr and the store file after."""

from __future__ import annotations

import json
import tomllib

import pytest

from tests.conftest import BUNDLED_STORE
from tests.test_add import editor  # noqa: F401 (fixture)


def refs_of(path):
    return tomllib.loads(path.read_text())["references"]


def claims_of(path):
    return tomllib.loads(path.read_text())["claims"]


# --- set ------------------------------------------------------------------------------


def test_set_design_topics_names_and_dates(cli, store_copy):
    before = refs_of(store_copy)
    result = cli("set", "zhang2022", "design=randomised-trial", "topics+=pain, analgesia", "topics-=neurotransmitters",
                 "editor=Smith, J.; {World Health Organization}", "issued=2022-03-01", "notes=read by an editor",
                 "--store", store_copy)
    assert result.code == 0, result.err
    assert result.err.strip() == "zhang2022: set design, topics, editor, issued, notes"
    after = refs_of(store_copy)
    ref = after["zhang2022"]
    assert ref["design"] == "randomised-trial"
    assert ref["topics"] == ["analgesia", "pain"]
    assert ref["editor"] == [{"family": "Smith", "given": "J."}, {"literal": "World Health Organization"}]
    assert ref["issued"] == [2022, 3, 1] and ref["notes"] == "read by an editor"
    assert tomllib.loads(result.out)["references"]["zhang2022"] == ref
    assert {k: v for k, v in after.items() if k != "zhang2022"} == {k: v for k, v in before.items() if k != "zhang2022"}


def test_set_topics_keeps_order_and_removes_a_field(cli, store_copy):
    assert cli("set", "zhang2022", "topics=pain,analgesia,pain", "--store", store_copy).code == 0
    assert refs_of(store_copy)["zhang2022"]["topics"] == ["pain", "analgesia"]
    assert cli("set", "zhang2022", "volume=", "--store", store_copy, "--json").code == 0
    assert "volume" not in refs_of(store_copy)["zhang2022"]


@pytest.mark.parametrize("assignment, code, message", [
    ("design=rct", 5, "zhang2022: unknown design 'rct'"),
    ("titel=x", 5, "zhang2022: unknown field 'titel'; did you mean 'title'?"),
    ("type=journal", 5, "zhang2022: unknown type 'journal'"),
    ("issued=March 2022", 2, "error: issued: 'March 2022' is not a date (write 1992, 1992-11 or 1992-11-21)"),
    ("title+=x", 2, "error: title+=…: only list fields"),
    ("design", 2, "error: 'design' is not FIELD=VALUE"),
    ("updates=retraction yesterday - -", 5, "date 'yesterday' must be YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_set_rejects_invalid_values_and_writes_nothing(cli, store_copy, assignment, code, message):
    text = store_copy.read_text()
    result = cli("set", "zhang2022", assignment, "--store", store_copy)
    assert result.code == code
    assert message in result.err
    assert result.out == ""
    assert store_copy.read_text() == text


def test_set_unknown_key_and_bundled_store(cli, store_copy):
    result = cli("set", "zhang2099", "design=guideline", "--store", store_copy)
    assert result.code == 3 and result.err.startswith("error: no reference matches 'zhang2099'")
    bundled = cli("set", "zhang2022", "design=guideline")
    assert bundled.code == 6 and "the bundled store is read-only" in bundled.err
    assert BUNDLED_STORE.read_text().count("zhang2022") >= 1


# --- remove ---------------------------------------------------------------------------


def cited_key(path):
    """A key that claims cite, and the ids of those claims."""
    claims = claims_of(path)
    key = claims[0]["cites"][0]
    return key, [c["id"] for c in claims if key in c["cites"]]


def test_remove_is_refused_while_claims_cite_it(cli, store_copy):
    key, claim_ids = cited_key(store_copy)
    text = store_copy.read_text()
    result = cli("remove", key, "--store", store_copy)
    assert result.code == 2
    assert result.err.strip().startswith(f"error: {key} is cited by claim")
    assert all(c in result.err for c in claim_ids)
    assert result.err.strip().endswith("nothing removed (--force removes it and those citations)")
    assert store_copy.read_text() == text


def test_remove_force_reports_what_it_broke(cli, store_copy):
    key, claim_ids = cited_key(store_copy)
    result = cli("remove", key, "--force", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["removed"] == key and data["claims"] == claim_ids
    for claim in claim_ids:
        assert f"claim {claim} no longer cites {key}" in result.err
    assert key not in refs_of(store_copy)
    after = {c["id"]: c for c in claims_of(store_copy)}
    assert all(key not in after[c]["cites"] for c in claim_ids)
    assert data["claims_citing_nothing"] == [c for c in claim_ids if not after[c]["cites"]]
    assert cli("validate", "--store", store_copy).code == 0


def test_remove_an_uncited_reference(cli, store_copy):
    claims = claims_of(store_copy)
    cited = {k for c in claims for k in c["cites"]}
    key = next(k for k, r in refs_of(store_copy).items() if k not in cited and not set(r.get("aliases", [])) & cited)
    result = cli("remove", key, "--store", store_copy)
    assert result.code == 0, result.err
    assert result.err.startswith(f"removed {key}: ") and result.out == ""
    assert key not in refs_of(store_copy) and claims_of(store_copy) == claims
    assert cli("remove", key, "--store", store_copy).code == 3


# --- rename ---------------------------------------------------------------------------


def test_rename_keeps_the_old_key_as_an_alias_and_updates_claims(cli, store_copy):
    key, claim_ids = cited_key(store_copy)
    order = list(refs_of(store_copy))
    result = cli("rename", key, "renamed2000", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["old"] == key and data["new"] == "renamed2000" and data["claims"] == claim_ids
    assert key in data["aliases"]
    refs = refs_of(store_copy)
    assert list(refs) == [("renamed2000" if k == key else k) for k in order]
    assert key in refs["renamed2000"]["aliases"]
    for claim in claims_of(store_copy):
        assert key not in claim["cites"]
        assert ("renamed2000" in claim["cites"]) == (claim["id"] in claim_ids)
    show = cli("show", key, "--store", store_copy)  # the old key still resolves
    assert show.code == 0 and show.out.startswith("[references.renamed2000]")


@pytest.mark.parametrize("new, message", [
    ("deluze1992", "'deluze1992' is already a key or alias in the store"),
    ("delize1992", "'delize1992' is already a key or alias in the store"),
    ("bad key", "'bad key' is not a usable citation key"),
])
def test_rename_refuses_taken_or_unusable_keys(cli, store_copy, new, message):
    text = store_copy.read_text()
    result = cli("rename", "zhang2022", new, "--store", store_copy)
    assert result.code == 2 and message in result.err
    assert store_copy.read_text() == text


def test_rename_to_its_own_alias_swaps_them(cli, store_copy):
    result = cli("rename", "deluze1992", "delize1992", "--store", store_copy)
    assert result.code == 0, result.err
    ref = refs_of(store_copy)["delize1992"]
    assert ref["aliases"] == ["deluze1992"]


# --- edit -----------------------------------------------------------------------------


def test_edit_saves_a_valid_change(cli, store_copy, editor):
    from acuref.editing import reference_text
    from acuref.store import load

    ref = load(store_copy).references["deluze1992"]
    shown = editor([reference_text(ref).replace('design = "controlled-trial"', 'design = "randomised-trial"')])
    result = cli("edit", "deluze1992", "--store", store_copy, "--json")
    assert result.code == 0, result.err
    assert shown() == [reference_text(ref)]
    assert result.err.strip() == "saved deluze1992"
    assert json.loads(result.out)["changed"] is True
    assert refs_of(store_copy)["deluze1992"]["design"] == "randomised-trial"


def test_edit_reopens_with_problems_then_saves(cli, store_copy, editor):
    from acuref.editing import reference_text
    from acuref.store import load

    ref = load(store_copy).references["deluze1992"]
    good = reference_text(ref).replace('volume = "305"', 'volume = "306"')
    shown = editor([good.replace('design = "controlled-trial"', 'design = "rct"'), good])
    result = cli("edit", "deluze1992", "--store", store_copy)
    assert result.code == 0, result.err
    second = shown()[1].splitlines()
    assert second[0].startswith("#! acuref: not saved yet")
    line = int(second[1].split("line ")[1].split(":")[0])
    assert second[1].endswith("deluze1992: unknown design 'rct' (one of: " + ", ".join(
        __import__("acuref").DESIGNS) + ")")
    assert second[line - 1] == 'design = "rct"'  # the line number is the line in the file as shown
    assert refs_of(store_copy)["deluze1992"]["volume"] == "306"


def test_edit_toml_syntax_error_points_at_the_line_as_shown(cli, store_copy, editor):
    from acuref.editing import reference_text
    from acuref.store import load

    good = reference_text(load(store_copy).references["deluze1992"])
    broken = good.replace('volume = "305"', 'volume = "305')
    shown = editor([broken, good])
    assert cli("edit", "deluze1992", "--store", store_copy).code == 0
    second = shown()[1].splitlines()
    assert "TOML syntax error" in second[1]
    line = int(second[1].split("line ")[1].split(":")[0])  # Python 3.11-3.13 give it only in the message
    assert second[line - 1] == 'volume = "305'


def test_edit_unchanged_or_abandoned_writes_nothing(cli, store_copy, editor):
    text = store_copy.read_text()
    editor([None])
    same = cli("edit", "deluze1992", "--store", store_copy)
    assert (same.code, same.err.strip()) == (0, "deluze1992: no change")
    editor(['[references.deluze1992]\ntype = "article-journal"\n', None])
    abandoned = cli("edit", "deluze1992", "--store", store_copy)
    assert abandoned.code == 2
    assert abandoned.err.strip() == "error: the reference still has problems; nothing written"
    editor(['[references.other]\ntype = "book"\ntitle = "x"\nissued = 2000\n', None])
    renamed = cli("edit", "deluze1992", "--store", store_copy)
    assert renamed.code == 2
    assert store_copy.read_text() == text


def test_edit_with_a_failing_editor(cli, store_copy, monkeypatch):
    monkeypatch.setenv("EDITOR", "false")
    text = store_copy.read_text()
    result = cli("edit", "deluze1992", "--store", store_copy)
    assert result.code == 2
    assert result.err.strip() == "error: the editor 'false' exited with status 1; nothing written"
    assert store_copy.read_text() == text


def test_set_then_validate_round_trip_is_byte_stable(cli, store_copy):
    assert cli("set", "deluze1992", "notes=checked", "--store", store_copy).code == 0
    text = store_copy.read_text()
    again = cli("set", "deluze1992", "notes=checked", "--store", store_copy)
    assert again.code == 0 and again.err.strip() == "deluze1992: set notes (no change)"
    assert store_copy.read_text() == text


def test_rename_keeps_the_comments_of_the_renamed_reference(cli, store_copy):
    text = store_copy.read_text()
    text = text.replace("[references.deluze1992]\n", "# read in full, 2026\n[references.deluze1992]  # the BMJ trial\n")
    text = text.replace('volume = "305"\n', 'volume = "305"  # checked against the PDF\n', 1)
    store_copy.write_text(text)
    result = cli("rename", "deluze1992", "deluze1992bmj", "--store", store_copy)
    assert result.code == 0, result.err
    after = store_copy.read_text()
    assert "# read in full, 2026\n[references.deluze1992bmj]  # the BMJ trial\n" in after
    assert 'volume = "305"  # checked against the PDF\n' in after
    assert refs_of(store_copy)["deluze1992bmj"]["aliases"] == ["delize1992", "deluze1992"]
    assert cli("validate", "--store", store_copy).code == 0
    quoted = cli("rename", "deluze1992bmj", "Deluze:1992", "--store", store_copy)
    assert quoted.code == 0, quoted.err
    assert '# read in full, 2026\n[references."Deluze:1992"]  # the BMJ trial\n' in store_copy.read_text()
