"""The store file stays the user's: comments kept, links followed, read-only refused, no stale temporary files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from acuref.store import compose, dumps, dumps_reference, load, loads, save, update, write_atomic
from tests.conftest import BUNDLED_STORE

COMMENTED = """\
# My acupuncture library. Keep the trials together.
# (edited by hand)

schema = 1

# --- trials ---
[references.deluze1992]
type = "article-journal"  # checked against the PDF
title = "Electroacupuncture in fibromyalgia: results of a controlled trial"
author = [
  # first author only; the rest are in the PDF
  { family = "Deluze", given = "C." },
]
issued = 1992
container-title = "British Medical Journal"
# the design is from the abstract
design = "unknown"
topics = ["electroacupuncture"]  # one topic for now

# a book I still have to read
[references.stux2003]
type = "book"
title = "Basics of acupuncture"
issued = 2003
design = "unknown"

# end of references
"""

BIB = """@article{hayhoe2010,
  author = {Hayhoe, S.},
  title = {Acupuncture for episodic tension-type headache},
  journal = {Journal of Headache},
  year = {2010}
}
"""

COMMENT_LINES = [line for line in COMMENTED.splitlines() if "#" in line]


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "#" in line]


@pytest.fixture
def commented(tmp_path) -> Path:
    path = tmp_path / "references.toml"
    path.write_text(COMMENTED)
    return path


def test_import_keeps_every_comment_and_adds_the_reference_canonically(cli, commented, tmp_path):
    bib = tmp_path / "new.bib"
    bib.write_text(BIB)
    result = cli("import", bib, "--store", commented)
    assert result.code == 0, result.err
    text = commented.read_text()
    assert text.startswith(COMMENTED)  # every byte of the user's file, unchanged
    added = text[len(COMMENTED):]
    assert added == "\n" + dumps_reference(load(commented).references["hayhoe2010"])
    assert list(load(commented).references) == ["deluze1992", "stux2003", "hayhoe2010"]


def test_a_changed_field_keeps_the_comments_of_its_table(commented):
    store = load(commented)
    ref = store.references["deluze1992"]
    changed = replace(store, references={**store.references, "deluze1992": replace(ref, design="controlled-trial",
                                                                                     topics=("electroacupuncture", "pain"))})
    save(changed, commented)
    expected = COMMENTED.replace('design = "unknown"\ntopics = ["electroacupuncture"]  # one topic for now',
                                 'design = "controlled-trial"\ntopics = [\n  "electroacupuncture",\n  "pain",\n]  # one topic for now')
    assert commented.read_text() == expected
    assert load(commented) == changed


def test_a_removed_reference_takes_only_its_own_comments(commented):
    store = load(commented)
    save(replace(store, references={"deluze1992": store.references["deluze1992"]}), commented)
    text = commented.read_text()
    assert "a book I still have to read" not in text and "stux2003" not in text
    assert _comments(text) == [c.strip() for c in COMMENT_LINES if c not in ("# a book I still have to read",
                                                                               "# end of references")]


def test_unchanged_save_is_byte_identical_with_comments(commented):
    before = commented.read_bytes()
    save(load(commented), commented)
    assert commented.read_bytes() == before
    update(commented, lambda s: s)
    assert commented.read_bytes() == before


def test_canonical_file_stays_canonical_after_changes(bundled, tmp_path):
    """A store without comments is written exactly as dumps() writes it, whatever changed."""
    path = tmp_path / "references.toml"
    path.write_text(dumps(bundled))
    refs = dict(bundled.references)
    first, second = list(refs)[:2]
    refs.pop(first)
    refs[second] = replace(refs[second], notes="read in full", design="randomised-trial")
    extra = replace(bundled.references[first], key="zz2030", aliases=())
    refs["zz2030"] = extra
    changed = replace(bundled, references=refs, claims=tuple(c for c in bundled.claims if first not in c.cites))
    assert compose(changed, path.read_text()) == dumps(changed)
    save(changed, path)
    assert path.read_text() == dumps(changed)


def test_a_file_shape_we_cannot_edit_is_written_canonically(tmp_path, bundled):
    odd = 'schema = 1\nreferences = { a = { type = "book", title = "T", issued = 2000 } }\n'
    store = loads(odd)
    assert compose(store, odd) == dumps(store)


def test_symlinked_store_is_written_through_the_link(cli, tmp_path):
    real = tmp_path / "real" / "references.toml"
    real.parent.mkdir()
    real.write_text(COMMENTED)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    bib = tmp_path / "new.bib"
    bib.write_text(BIB)
    result = cli("import", bib, "--store", link)
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "hayhoe2010" in load(real).references
    assert real.read_text().startswith(COMMENTED)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "new.bib", "real"]
    assert sorted(p.name for p in real.parent.iterdir()) == ["references.toml", "references.toml.lock"]


def test_read_only_store_is_refused(cli, commented, tmp_path):
    bib = tmp_path / "new.bib"
    bib.write_text(BIB)
    commented.chmod(0o444)
    result = cli("import", bib, "--store", commented)
    assert result.code == 6
    assert result.err.strip() == (f"error: cannot write {commented}: the file is read-only; "
                                  "make it writable (chmod u+w) or write elsewhere")
    assert result.out == ""
    assert commented.read_text() == COMMENTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.bib", "references.toml"]  # not even a lock file


def test_read_only_folder_is_refused(cli, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "references.toml"
    store.write_text(COMMENTED)
    bib = tmp_path / "new.bib"
    bib.write_text(BIB)
    folder.chmod(0o555)
    try:
        result = cli("import", bib, "--store", store)
        listing = sorted(p.name for p in folder.iterdir())
    finally:
        folder.chmod(0o755)
    assert result.code == 6
    assert result.err.strip() == f"error: cannot write {store}: its folder {folder} is read-only"
    assert listing == ["references.toml"]
    assert store.read_text() == COMMENTED


def test_read_only_export_target_is_refused(cli, tmp_path):
    target = tmp_path / "refs.bib"
    target.write_text("% mine\n")
    target.chmod(0o444)
    result = cli("export", "--store", BUNDLED_STORE, "--to", "bibtex", "-o", target)
    assert result.code == 6
    assert result.err.splitlines()[-1] == (f"error: cannot write {target}: the file is read-only; "
                                  "make it writable (chmod u+w) or write elsewhere")
    assert target.read_text() == "% mine\n"


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporary_files_are_removed_and_live_ones_kept(tmp_path):
    target = tmp_path / "refs.html"
    stale = tmp_path / f".refs.html.{_dead_pid()}.abc123.tmp"
    stale.write_text("half")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        live = tmp_path / f".refs.html.{sleeper.pid}.def456.tmp"
        live.write_text("being written")
        other = tmp_path / ".other.txt.1.x.tmp"
        other.write_text("not ours")
        write_atomic(target, "<p>x</p>")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name, "refs.html"])
    finally:
        sleeper.kill()
        sleeper.wait()


KILLED_WRITER = """
import os, sys, time
from acuref.store import load, save
from dataclasses import replace
path = sys.argv[1]
store = load(path)
real_replace = os.replace
def slow_replace(src, dst):
    print("temporary file written", flush=True)
    time.sleep(60)
os.replace = slow_replace
save(replace(store, references={k: replace(r, notes="x") for k, r in store.references.items()}), path)
"""


def test_a_killed_write_leaves_the_store_intact_and_the_next_write_cleans_up(cli, commented, tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(commented)], stdout=subprocess.PIPE,
                            env={**os.environ, "ACUREF_NO_CACHE": "1"}, text=True)
    try:
        assert proc.stdout.readline() == "temporary file written\n"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].startswith(f".references.toml.{proc.pid}.")
    assert commented.read_text() == COMMENTED
    bib = tmp_path / "new.bib"
    bib.write_text(BIB)
    deadline = time.monotonic() + 5
    result = cli("import", bib, "--store", commented)  # the killed process's lock is free again (flock)
    while result.code == 6 and time.monotonic() < deadline:
        result = cli("import", bib, "--store", commented)
    assert result.code == 0, result.err
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert "hayhoe2010" in load(commented).references


def test_claim_comments_survive_a_claim_change(tmp_path):
    text = COMMENTED.replace("# end of references\n", "") + """
# why this claim matters
[[claims]]
id = "c1"  # stable id
text = "EA helps fibromyalgia."
cites = ["deluze1992"]

[[claims]]
id = "c2"
text = "A book."
cites = ["stux2003"]
"""
    path = tmp_path / "references.toml"
    path.write_text(text)
    store = load(path)
    claims = (replace(store.claims[0], cites=("deluze1992", "stux2003")), store.claims[1])
    save(replace(store, claims=claims), path)
    assert path.read_text() == text.replace('cites = ["deluze1992"]', 'cites = [\n  "deluze1992",\n  "stux2003",\n]')
    assert load(path).claims == claims


def test_a_header_inside_a_multiline_string_falls_back_safely(tmp_path):
    """A line that looks like a table header inside a string must not split the file wrongly."""
    text = '''schema = 1

[references.a]
type = "book"
title = "T"
issued = 2000
notes = """
[references.b]
# not a comment
"""
design = "unknown"
'''
    path = tmp_path / "references.toml"
    path.write_text(text)
    store = load(path)
    assert list(store.references) == ["a"]
    changed = replace(store, references={"a": replace(store.references["a"], title="T2")})
    save(changed, path)
    assert load(path) == changed


def test_renaming_through_update_keeps_other_tables_byte_for_byte(commented):
    def rename(store):
        refs = {("stux2003b" if k == "stux2003" else k): (replace(r, key="stux2003b") if k == "stux2003" else r)
                for k, r in store.references.items()}
        return replace(store, references=refs)

    update(commented, rename)
    text = commented.read_text()
    head = COMMENTED.split("# a book I still have to read")[0]
    assert text.startswith(head)
    assert "[references.stux2003b]" in text and "[references.stux2003]" not in text


# --- properties -----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_comments_anywhere_survive_changes_additions_and_renames(tmp_path_factory, bundled, data):
    """Comment lines and end-of-line comments put anywhere in a canonical store all survive a save that
    changes scalar fields, adds and renames references; with removals too, the file reads back as the
    store meant."""
    keys = list(bundled.references)[:6]
    base = replace(bundled, references={k: bundled.references[k] for k in keys},
                   claims=tuple(c for c in bundled.claims if set(c.cites) <= set(keys))[:3])
    lines = dumps(base).splitlines(keepends=True)
    n = 0
    out = []
    for line in lines:
        if data.draw(st.booleans(), label="comment line before"):
            n += 1
            out.append(f"# note {n}\n")
        if line.strip() and data.draw(st.booleans(), label="comment at end of line"):
            n += 1
            line = line.rstrip("\n") + f"  # note {n}\n"
        out.append(line)
    text = "".join(out)
    path = tmp_path_factory.mktemp("prop") / "references.toml"
    path.write_text(text)
    assert load(path) == base  # the comments are valid TOML where they were put

    refs = dict(base.references)
    for key in data.draw(st.lists(st.sampled_from(keys), unique=True, max_size=4), label="changed"):
        refs[key] = replace(refs[key], notes=data.draw(st.text("abc \"'#=[]", max_size=8), label="notes"),
                            design=data.draw(st.sampled_from(["unknown", "randomised-trial", "guideline"])))
    for i in range(data.draw(st.integers(0, 2), label="added")):
        refs[f"new{i}"] = replace(bundled.references[keys[i]], key=f"new{i}", aliases=())
    cited = {k for c in base.claims for k in c.cites}
    for key in data.draw(st.lists(st.sampled_from(keys), unique=True, max_size=2), label="renamed"):
        if key not in cited:  # a rename as `acuref rename` does it: the old key becomes an alias
            refs = {(f"{k}r" if k == key else k): (replace(r, key=f"{k}r", aliases=(*r.aliases, k)) if k == key else r)
                    for k, r in refs.items()}
    removed = data.draw(st.lists(st.sampled_from(sorted(set(keys) - cited)), unique=True, max_size=2), label="removed")
    refs = {k: r for k, r in refs.items() if k not in removed}
    changed = replace(base, references=refs)
    save(changed, path)
    after = path.read_text()
    assert load(path) == changed
    if not removed:
        for i in range(1, n + 1):
            assert f"# note {i}\n" in after, i


def test_a_day_old_temporary_file_is_stale_even_if_its_pid_is_alive(tmp_path):
    target = tmp_path / "refs.txt"
    old = tmp_path / f".refs.txt.{os.getppid()}.abc.tmp"  # a live process (our parent)
    old.write_text("x")
    os.utime(old, (time.time() - 2 * 86_400,) * 2)
    write_atomic(target, "y")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.txt"]


def test_a_read_only_store_can_still_be_read(cli, commented):
    commented.chmod(0o444)
    result = cli("list", "--json", "--store", commented)
    assert result.code == 0, result.err
    assert [item["id"] for item in __import__("json").loads(result.out)] == ["deluze1992", "stux2003"]


DUPLICATE_OF_DELUZE = """
# the same trial, pasted from a reading list
[references.deluze1992b]
type = "article-journal"
title = "Electroacupuncture in fibromyalgia: results of a controlled trial"
author = [{ family = "Deluze", given = "C." }]
issued = 1992
container-title = "British Medical Journal"
volume = "305"
page = "1249-1252"
"""


def test_set_and_dedupe_apply_keep_the_comments(cli, commented):
    result = cli("set", "stux2003", "design=narrative-review", "--store", commented)
    assert result.code == 0, result.err
    assert commented.read_text() == COMMENTED.replace('title = "Basics of acupuncture"\nissued = 2003\ndesign = "unknown"',
                                                      'title = "Basics of acupuncture"\nissued = 2003\n'
                                                      'design = "narrative-review"')
    commented.write_text(commented.read_text() + DUPLICATE_OF_DELUZE)
    from acuref.store_edit import comments

    before = comments(commented.read_text())
    result = cli("dedupe", "--apply", "--store", commented)
    assert result.code == 0, result.err
    refs = load(commented).references
    assert len(refs) == 2 and {"deluze1992", "deluze1992b"} & set(refs) and "stux2003" in refs
    survivor = next(r for r in refs.values() if r.key != "stux2003")
    assert {"deluze1992", "deluze1992b"} - {survivor.key} <= set(survivor.aliases)
    assert sorted(comments(commented.read_text())) == sorted(before)  # the merged-away one's move above it


def test_rename_keeps_the_table_and_its_comments(cli, commented):
    result = cli("rename", "stux2003", "stux2003basics", "--store", commented)
    assert result.code == 0, result.err
    assert commented.read_text() == COMMENTED.replace(
        '[references.stux2003]\ntype = "book"\ntitle = "Basics of acupuncture"\nissued = 2003\n',
        '[references.stux2003basics]\ntype = "book"\ntitle = "Basics of acupuncture"\nissued = 2003\n'
    ).replace('design = "unknown"\n\n# end of references', 'design = "unknown"\naliases = [\n  "stux2003",\n]\n\n# end of references')


def test_comments_finds_comments_outside_strings_only():
    from acuref.store_edit import comments

    text = 'a = "x # no" # yes\n# full\nb = [\n  "y", # in\n]\nc = """\n# not\n""" # after\nd = \'#\' #q\n'
    assert comments(text) == ["# yes", "# full", "# in", "# after", "#q"]
