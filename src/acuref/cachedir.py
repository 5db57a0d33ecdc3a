"""Where acuref keeps its caches (parsed stores, rendered bibliographies): one rule for all of them.

``$ACUREF_CACHE_DIR``, else the platform's user cache folder (platformdirs: ``$XDG_CACHE_HOME/acuref`` or
``~/.cache/acuref`` on Linux, ``~/Library/Caches/acuref`` on macOS, ``%LOCALAPPDATA%\\acuref\\Cache`` on
Windows); ``ACUREF_NO_CACHE=1`` turns every cache off. A cache only ever saves time: its entries are
checked against what they were made from, and a missing, stale or damaged entry is rebuilt, never trusted.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The cache folder (not created here), or None when caching is off."""
    if os.environ.get("ACUREF_NO_CACHE", "") not in ("", "0"):
        return None
    if os.environ.get("ACUREF_CACHE_DIR"):
        return Path(os.environ["ACUREF_CACHE_DIR"])
    from platformdirs import user_cache_path

    return user_cache_path("acuref", appauthor=False)
