"""The load cache: a hit gives the same store without parsing; any change or damage means a fresh parse."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from acuref import store as store_mod
from acuref.errors import InvalidStoreError
from acuref.cachedir import cache_dir
from acuref.store import load, update, validate


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Paths that store.parse was called for (parse still runs)."""
    calls: list[str] = []
    real = store_mod.parse

    def counting(text, path="<store>"):
        calls.append(path)
        return real(text, path)

    monkeypatch.setattr(store_mod, "parse", counting)
    return calls


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("store-*.marshal"))


def test_hit_returns_an_equal_store_without_parsing(store_copy, cache_dir, parses):
    first = load(store_copy)
    assert parses == [str(store_copy)] and len(entries(cache_dir)) == 1
    second = load(store_copy)
    assert parses == [str(store_copy)]  # not parsed again
    assert second == first and first == second
    assert list(second.references) == list(first.references)  # file order kept
    assert [second.references[k] for k in second.references] == list(first)
    assert second.claims == first.claims and second.schema == first.schema
    assert dict(second.references) == dict(first.references)


def test_lazy_references_behave_as_the_dict_they_stand_for(store_copy):
    parsed = load(store_copy).references
    cached = load(store_copy).references
    assert type(cached) is not dict  # really the cached form
    assert len(cached) == len(parsed) == 35
    assert "deluze1992" in cached and "nosuchkey" not in cached
    assert cached.get("nosuchkey") is None
    assert cached["deluze1992"] is cached["deluze1992"]  # built once
    assert pickle.loads(pickle.dumps(cached)) == parsed
    assert type(pickle.loads(pickle.dumps(cached))) is dict
    changed = dict(parsed)
    changed["deluze1992"] = changed["deluze1992"].with_changes(title="Other")
    assert cached != changed and changed != cached


def test_editing_the_store_invalidates_the_entry_even_with_same_size_and_mtime(store_copy, parses):
    load(store_copy)
    text = store_copy.read_text(encoding="utf-8")
    stat = store_copy.stat()
    edited = text.replace("Electroacupuncture in fibromyalgia", "ELECTROACUPUNCTURE IN FIBROMYALGIA", 1)
    assert edited != text and len(edited) == len(text)
    store_copy.write_text(edited, encoding="utf-8")
    os.utime(store_copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = load(store_copy)
    assert again.references["deluze1992"].title.startswith("ELECTROACUPUNCTURE IN FIBROMYALGIA")
    assert len(parses) == 2


def test_a_store_saved_through_update_is_read_back_changed(store_copy):
    load(store_copy)
    update(store_copy, lambda s: s.with_references(
        {k: (r.with_changes(notes="checked") if k == "deluze1992" else r) for k, r in s.references.items()}))
    assert load(store_copy).references["deluze1992"].notes == "checked"
    assert load(store_copy).references["deluze1992"].notes == "checked"  # and from the new entry


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty"])
def test_a_damaged_entry_is_ignored_and_rebuilt(store_copy, cache_dir, parses, damage):
    good = load(store_copy)
    (entry,) = entries(cache_dir)
    blob = entry.read_bytes()
    damaged = {"garbage": b"not a cache at all",
               "truncated": blob[: len(blob) // 2],
               "flipped": blob[:-100] + bytes([blob[-100] ^ 0x01]) + blob[-99:],
               "empty": b""}[damage]
    entry.write_bytes(damaged)
    assert load(store_copy) == good
    assert len(parses) == 2  # parsed again, not trusted
    assert entry.read_bytes() == blob  # and rewritten whole
    load(store_copy)
    assert len(parses) == 2


def test_an_entry_with_a_valid_checksum_but_another_stamp_is_not_used(store_copy, cache_dir, parses, tmp_path):
    """An intact entry made from other bytes (another version of the store) is stale."""
    other = tmp_path / "other.toml"
    other.write_text(store_copy.read_text(encoding="utf-8").replace("Deluze", "Delouze"), encoding="utf-8")
    load(other)
    (entry_other,) = entries(cache_dir)
    load(store_copy)
    (entry,) = [e for e in entries(cache_dir) if e != entry_other]
    entry.write_bytes(entry_other.read_bytes())  # right place, wrong store
    assert load(store_copy).references["deluze1992"].author[0].family == "Deluze"
    assert len(parses) == 3


def test_no_cache_env_disables_it(store_copy, cache_dir, parses, monkeypatch):
    monkeypatch.setenv("ACUREF_NO_CACHE", "1")
    load(store_copy)
    load(store_copy)
    assert parses == [str(store_copy)] * 2
    assert not cache_dir.exists() or entries(cache_dir) == []


def test_an_invalid_store_is_never_cached(store_copy, cache_dir, parses):
    store_copy.write_text(store_copy.read_text(encoding="utf-8").replace('type = "article-journal"', 'type = "artcle"', 1),
                          encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InvalidStoreError):
            load(store_copy)
    assert len(parses) == 2 and entries(cache_dir) == []


def test_validate_always_parses(store_copy, parses):
    load(store_copy)
    assert validate(store_copy) == [] and validate(store_copy) == []
    assert len(parses) == 3


def test_an_unwritable_cache_folder_is_no_error(store_copy, tmp_path, monkeypatch, parses):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("ACUREF_CACHE_DIR", str(blocker / "cache"))
    assert load(store_copy) == load(store_copy)
    assert len(parses) == 2


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown to another user needs root")
def test_an_entry_owned_by_another_user_is_not_loaded(store_copy, cache_dir, parses):
    load(store_copy)
    (entry,) = entries(cache_dir)
    os.chown(entry, 4242, 4242)
    load(store_copy)
    assert len(parses) == 2


def test_cache_dir_resolution(monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "/y")
    monkeypatch.setenv("ACUREF_CACHE_DIR", "/x/c")
    assert cache_dir() == Path("/x/c")
    monkeypatch.delenv("ACUREF_CACHE_DIR")
    assert cache_dir() == Path("/y/acuref")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "acuref"
    monkeypatch.setenv("ACUREF_NO_CACHE", "1")
    assert cache_dir() is None
    monkeypatch.setenv("ACUREF_NO_CACHE", "0")
    assert cache_dir() is not None


def test_cli_cite_gives_the_same_text_from_a_warm_cache(cli, store_copy, cache_dir):
    cold = cli("cite", "deluze1992", "zhang2014", "--store", store_copy, "--style", "apa")
    assert len(entries(cache_dir)) == 1
    warm = cli("cite", "deluze1992", "zhang2014", "--store", store_copy, "--style", "apa")
    assert cold.code == warm.code == 0 and cold.out == warm.out and cold.out.count("\n") == 2


def test_a_store_acuref_writes_is_cached_as_written(store_copy, parses):
    """save() and update() parse what they write anyway, so they leave an entry the next load uses."""
    from acuref.store import save

    store = load(store_copy)
    changed = store.with_references({k: (r.with_changes(notes="saved") if k == "hayhoe2010" else r)
                                     for k, r in store.references.items()})
    save(changed, store_copy)
    n = len(parses)
    assert load(store_copy) == changed and len(parses) == n
    _, new = update(store_copy, lambda s: s.with_references(
        {k: (r.with_changes(notes="updated") if k == "hayhoe2010" else r) for k, r in s.references.items()}))
    n = len(parses)
    assert load(store_copy) == new and load(store_copy).references["hayhoe2010"].notes == "updated"
    assert len(parses) == n
