"""Loading, validating and saving the TOML store."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acuref.errors import InvalidStoreError, StoreWriteError
from acuref.model import DESIGNS, Claim, Name, Reference, Store
from acuref.store import dumps, find_store, load, loads, parse, save, update, validate

GOOD = """\
schema = 1

[references.deluze1992]
type = "article-journal"
title = "Electroacupuncture in fibromyalgia: results of a controlled trial"
author = [{ family = "Deluze", given = "C." }, { family = "Bosia", given = "L." }]
issued = 1992
container-title = "British Medical Journal"
volume = "305"
design = "controlled-trial"
aliases = ["delize1992"]

[references.nice2021]
type = "webpage"
title = "Chronic pain: Scenario: Management"
author = [{ literal = "NICE" }]
issued = 2021
design = "guideline"

[[claims]]
id = "fibro"
text = "Electroacupuncture may help fibromyalgia."
cites = ["delize1992"]
"""


def problems_of(text: str) -> list[str]:
    return [f"{p.line}: {p.message}" for p in parse(text, "s.toml")[1]]


def test_good_store_parses_into_model():
    store = loads(GOOD)
    ref = store.references["deluze1992"]
    assert ref.author == (Name(family="Deluze", given="C."), Name(family="Bosia", given="L."))
    assert ref.issued == (1992,)
    assert ref.fields == {"container-title": "British Medical Journal", "volume": "305"}
    assert ref.design == "controlled-trial" and ref.aliases == ("delize1992",)
    assert store.references["nice2021"].author == (Name(literal="NICE"),)
    assert store.claims == (Claim(id="fibro", text="Electroacupuncture may help fibromyalgia.", cites=("delize1992",)),)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('schema = 1\n[references.a]\ntitle = "x\n', "3: TOML syntax error: Illegal character '\\n'"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1\n[references.a]\n', "5: TOML syntax error: Cannot declare ('references', 'a') twice"),
        ('[references.a]\ntype = "book"\ntitel = "x"\nissued = 1999\n', "3: a: unknown field 'titel'; did you mean 'title'?"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\nvolume = 3\n', '5: a: field \'volume\' must be a string, not an integer (write "3")'),
        ('[references.a]\ntype = "book"\nissued = 1999\n', "1: a: missing title (list it in 'missing' if the source gives none)"),
        ('[references.a]\ntype = "book"\ntitle = "x"\n', "1: a: missing year ('issued'; list it in 'missing' if the source gives none)"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = "1999"\n', "4: a: field 'issued': must be a year (1992), [year, month, day], [[start], [end]] or a table, not '1999'"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = [1999, 13]\n', "4: a: field 'issued': [1999, 13] is not a valid date (month 13)"),
        ('[references.a]\ntype = "journal"\ntitle = "x"\nissued = 1999\n', "2: a: unknown type 'journal'"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\ndesign = "rct"\n', "5: a: unknown design 'rct' (one of: " + ", ".join(DESIGNS) + ")"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\nauthor = [{ famly = "x" }]\n', "5: a: field 'author': name 1: unknown part famly"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\nauthor = ["Smith, J."]\n', "5: a: field 'author': name 1 must be a table such as { family = \"Smith\", given = \"J.\" }, not a string"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\ntopics = "pain"\n', "5: a: field 'topics' must be a list of strings"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\n[references.b]\ntype = "book"\ntitle = "y"\nissued = 2000\naliases = ["a"]\n',
         "9: b: alias 'a' collides with the key of another reference"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\naliases = ["z"]\n[references.b]\ntype = "book"\ntitle = "y"\nissued = 2000\naliases = ["z"]\n',
         "10: b: alias 'z' is also an alias of 'a'"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\n[[claims]]\nid = "c"\ntext = "t"\ncites = ["b"]\n', "8: claim 'c' cites unknown key 'b'"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\n[[claims]]\nid = "c"\ncites = ["a"]\n', "5: claim 'c': missing 'text'"),
        ('[references.a]\ntype = "book"\ntitle = "x"\nissued = 1999\n[[claims]]\nid = "c"\ntext = "t"\ncites = ["a"]\n'
         '[[claims]]\nid = "c"\ntext = "u"\ncites = ["a"]\n', "10: claim 'c': id repeats the claim at line 6"),
        ('schema = 2\n', "1: schema 2 is newer than this acuref understands (1); upgrade acuref"),
        ('[references."a b"]\ntype = "book"\ntitle = "x"\nissued = 1999\n', "1: 'a b' is not a usable citation key (no spaces and none of , { } ( ) \" ' \\ = %)"),
    ],
)
def test_each_kind_of_problem_is_reported_with_its_line(text, expected):
    assert expected in problems_of(text)


def test_every_problem_is_reported_in_one_run():
    text = ('[references.a]\ntype = "book"\ntitel = "x"\nissued = 1999\n'
            '[references.b]\ntype = "book"\ntitle = "y"\nissued = "2000"\n'
            '[[claims]]\nid = "c"\ntext = "t"\ncites = ["nope"]\n')
    assert [p.split(":")[0] for p in problems_of(text)] == ["1", "3", "8", "12"]


def test_missing_field_can_be_acknowledged():
    text = '[references.nih2022]\ntype = "webpage"\nauthor = [{ literal = "NIH" }]\nissued = 2022\nmissing = ["title"]\n'
    assert problems_of(text) == []


def test_load_raises_with_all_problems(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[references.a]\ntype = "book"\ntitel = "x"\n', encoding="utf-8")
    with pytest.raises(InvalidStoreError) as err:
        load(path)
    assert len(err.value.problems) == 3
    assert err.value.details()[0].startswith(f"{path}:1: a: missing title")


def test_not_utf8_is_a_located_problem(tmp_path):
    path = tmp_path / "s.toml"
    path.write_bytes(b'[references.a]\ntitle = "\xff"\n')
    assert [str(p) for p in validate(path)] == [f"{path}:2:10: not UTF-8: invalid start byte"]


# --- saving ----------------------------------------------------------------------------------


def test_save_is_canonical_and_idempotent(tmp_path):
    path = tmp_path / "references.toml"
    save(loads(GOOD), path)
    first = path.read_bytes()
    save(load(path), path)
    assert path.read_bytes() == first
    assert load(path) == loads(GOOD)


def test_bundled_store_is_in_canonical_form(bundled):
    from tests.conftest import BUNDLED_STORE

    assert dumps(bundled) == BUNDLED_STORE.read_text(encoding="utf-8")


def test_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "references.toml"
    save(loads(GOOD), path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    extra = Reference(key="new2000", title="New", issued=(2000,))
    with pytest.raises(StoreWriteError, match="No space left on device"):
        update(path, lambda s: s.with_references({**s.references, "new2000": extra}))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_update_writes_nothing_when_the_change_fails(tmp_path):
    path = tmp_path / "references.toml"
    save(loads(GOOD), path)
    before = path.stat().st_mtime_ns

    def change(store):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        update(path, change)
    assert path.stat().st_mtime_ns == before


def test_update_refuses_to_write_an_invalid_store(tmp_path):
    path = tmp_path / "references.toml"
    save(loads(GOOD), path)
    before = path.read_bytes()
    bad = Reference(key="x", title="", issued=(2000,))  # no title
    with pytest.raises(InvalidStoreError):
        update(path, lambda s: s.with_references({**s.references, "x": bad}))
    assert path.read_bytes() == before


def _append_reference(args):
    path, n = args
    from acuref.model import Reference
    from acuref.store import update

    ref = Reference(key=f"w{n}", title=f"Work {n}", issued=(2000 + n,))
    update(path, lambda s: s.with_references({**s.references, ref.key: ref}))


def test_two_writers_do_not_lose_each_others_changes(tmp_path):
    path = tmp_path / "references.toml"
    save(Store(), path)
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.map(_append_reference, [(path, n) for n in range(12)])
    assert sorted(load(path).references) == sorted(f"w{n}" for n in range(12))


def test_lock_timeout_is_a_clear_error(tmp_path):
    from filelock import FileLock

    from acuref.store import locked

    path = tmp_path / "references.toml"
    with FileLock(str(path) + ".lock"):
        with pytest.raises(StoreWriteError, match="another acuref process has held"):
            with locked(path, timeout=0.1):
                pass


# --- round trip --------------------------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(lambda s: s.strip() == s and s)
_name = st.one_of(
    st.builds(Name, family=_text, given=st.one_of(st.just(""), _text)),
    st.builds(Name, literal=_text),
)
_key = st.from_regex(r"[a-z][a-z0-9]{0,8}(?:[:.\-][a-z0-9]{1,4})?", fullmatch=True)


@st.composite
def stores(draw):
    keys = draw(st.lists(_key, unique=True, max_size=6))
    refs = {}
    for key in keys:
        issued = draw(st.one_of(st.tuples(st.integers(1000, 2100)), st.tuples(st.integers(1000, 2100), st.integers(1, 12))))
        fields = draw(st.dictionaries(st.sampled_from(["container-title", "volume", "issue", "page", "URL", "note"]), _text, max_size=4))
        refs[key] = Reference(
            key=key, type=draw(st.sampled_from(["article-journal", "book", "webpage", "chapter"])), title=draw(_text),
            author=tuple(draw(st.lists(_name, max_size=4))), issued=issued, fields=fields,
            design=draw(st.sampled_from(list(DESIGNS))), topics=tuple(draw(st.lists(_key, max_size=3))),
            notes=draw(st.one_of(st.just(""), _text)),
        )
    claims = tuple(
        Claim(id=f"c{i}", text=draw(_text), cites=tuple(draw(st.lists(st.sampled_from(keys), max_size=2))) if keys else ())
        for i in range(draw(st.integers(0, 3)))
    )
    return Store(references=refs, claims=claims)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stores())
def test_load_of_dumps_is_identity(store):
    assert loads(dumps(store)) == store
    assert dumps(loads(dumps(store))) == dumps(store)


# --- finding the store -------------------------------------------------------------------------


def test_store_location_order(tmp_path):
    (tmp_path / "proj" / "data").mkdir(parents=True)
    (tmp_path / "proj" / "sub").mkdir()
    found = tmp_path / "proj" / "data" / "references.toml"
    found.write_text("schema = 1\n")
    assert find_store("x.toml", cwd=tmp_path, environ={"ACUREF_STORE": "env.toml"}) .how == "option"
    assert find_store(None, cwd=tmp_path, environ={"ACUREF_STORE": "env.toml"}).path == Path("env.toml")
    assert find_store(None, cwd=tmp_path / "proj" / "sub", environ={}).path == found
    bundled = find_store(None, cwd=tmp_path, environ={})
    assert bundled.how == "bundled" and bundled.path.name == "references.toml" and not bundled.writable


def test_public_api_names_resolve():
    import acuref

    for name in acuref.__all__:
        assert getattr(acuref, name) is not None
    assert acuref.load is load
    with pytest.raises(AttributeError):
        acuref.nothing_here  # noqa: B018


def test_atomic_write_keeps_an_existing_mode_and_gives_new_files_the_umask_mode(tmp_path):
    import os
    import stat

    from acuref.store import write_atomic

    fresh = tmp_path / "new.html"
    old_mask = os.umask(0o022)
    try:
        write_atomic(fresh, "<p>x</p>")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's private 0600
    kept = tmp_path / "references.toml"
    kept.write_text("schema = 1\n")
    kept.chmod(0o640)
    write_atomic(kept, "schema = 1\n\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text() == "schema = 1\n\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
