"""A cache of rendered citations and bibliographies, so a repeat export does not render again.

An entry is keyed by everything the output depends on: acuref's rendering code and the version of
the CSL locale files (citeproc-py's data), the
style file (path, size, modification time), the locale, the format, the clusters and every
reference's CSL data.  Any change gives a new key; a stale entry is simply never read again, and
the oldest entries are removed beyond ``KEEP``.  A cache file that cannot be read or parsed is a
miss, never an error: the cache can only save time, not change output.

Location: :func:`acuref.cachedir.cache_dir` (``ACUREF_NO_CACHE=1`` turns it off).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Sequence

from .cachedir import cache_dir

KEEP = 64


def key(refs, clusters, style_ref, locale: str | None, fmt: str, bibliography: bool) -> str | None:
    """The cache key of one render() call, or None when caching is off or the style file is gone."""
    from importlib.util import find_spec

    from . import __version__
    from .model import to_csl

    if cache_dir() is None:
        return None
    try:
        stat = Path(style_ref.path).stat()
    except OSError:
        return None
    digest = hashlib.sha256()
    # the rendering code's own files stand for its version (an edited checkout too): no import, no metadata scan
    spec = find_spec("citeproc")
    here = Path(__file__).parent
    files = sorted([here / "render.py", *(here / "csl").glob("*.py"), here / "styles.py"])
    if spec and spec.origin:  # citeproc-py's package file stands for the version of its CSL locale files
        files.append(Path(spec.origin))
    engine = [[str(f), st.st_mtime_ns, st.st_size] for f in files if f.exists() for st in [f.stat()]]
    header = [__version__, engine, str(style_ref.path), stat.st_size, stat.st_mtime_ns,
              style_ref.locale, locale, fmt, bibliography,
              [[[c.key, c.locator, c.label, c.prefix, c.suffix, c.mode, c.note] for c in cluster] for cluster in clusters]]
    digest.update(json.dumps(header, sort_keys=True).encode())
    for ref in refs:
        digest.update(json.dumps([ref.key, to_csl(ref, extras=False)], sort_keys=True, default=str).encode())
    return digest.hexdigest()


def read(cache_key: str) -> dict[str, Any] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"render-{cache_key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("citations"), list) \
            or not isinstance(data.get("bibliography"), list):
        return None
    return data


def write(cache_key: str, data: dict[str, Any]) -> None:
    """Store an entry atomically (a reader never sees half a file); failures are ignored."""
    from .errors import StoreWriteError
    from .store import write_atomic

    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # as the store cache makes it
        write_atomic(folder / f"render-{cache_key}.json", json.dumps(data, ensure_ascii=False), durable=False)
        _prune(folder)
    except (OSError, StoreWriteError):
        return


def _prune(folder: Path, keep: int = KEEP) -> None:
    entries: Sequence[Path] = sorted(folder.glob("render-*.json"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-keep]:
        try:
            old.unlink()
        except OSError:
            pass
