"""Where acuref keeps its caches (parsed stores, rendered bibliographies): one rule for both.

``$ACUREF_CACHE_DIR``, else ``$XDG_CACHE_HOME/acuref``, else ``~/.cache/acuref``; ``ACUREF_NO_CACHE=1``
turns every cache off. A cache only ever saves time: its entries are checked against what they
were made from, and a missing, stale or damaged entry is rebuilt, never trusted.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    if os.environ.get("ACUREF_NO_CACHE", "") not in ("", "0"):
        return None
    if os.environ.get("ACUREF_CACHE_DIR"):
        return Path(os.environ["ACUREF_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "acuref"
