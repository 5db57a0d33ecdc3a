"""The collector pause used by bulk reads and deduplication gives the collector back as it found it."""

from __future__ import annotations

import gc

import pytest

from acuref.bulk import gc_paused
from acuref.dedupe import find_groups
from acuref.formats import parse


def test_paused_inside_and_restored_after_even_on_error():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_reading_and_deduplicating_leave_the_collector_on():
    refs = parse("@article{a, title={Acupuncture for chronic neck pain}, author={Smith, J}, year=2000}\n", "bibtex").references
    assert [r.key for r in refs] == ["a"] and gc.isenabled()
    assert find_groups(refs + refs[:1]) and gc.isenabled()
