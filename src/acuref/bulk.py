"""Building many objects at once without the cyclic garbage collector getting in the way."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause CPython's cyclic collector while a bulk job allocates objects that form no cycles.

    The collector runs after every few hundred new container objects, and its older generations
    walk every object still alive, so the cost of reading records grows with how many were read:
    reading and deduplicating 100,000 records spent over 40% of its time collecting nothing
    (bench/dedupe_scale.py). Reference counting still frees everything as usual; the collector
    is switched back on (if it was on) when the block ends, even on error.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
