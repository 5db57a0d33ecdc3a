"""Undoing the last merge: what a merge keeps beside the store, and how the records come back.

Where: a file beside the store, ``STORE.dedupe-undo.json`` (the store file's name plus that
suffix), written under the store's lock in the same update as the merge, atomically. It holds,
for each merged group, the merged record as written and the records it replaced, each as the
TOML table the store itself holds (``store.dumps_reference``): keys, aliases, notes, every field.
Only the last merge is kept: a new merge replaces the file, a successful undo removes it.

``restore`` refuses (UndoError) when a merged record has changed since the merge (an edit would
be lost) or is gone, or when a restored key is taken by another record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from ..errors import UndoError
from ..model import Reference, Store

FORMAT = "acuref dedupe undo 1"
SUFFIX = ".dedupe-undo.json"


def undo_path(store_path: Path) -> Path:
    """The undo file beside STORE_PATH."""
    return store_path.with_name(store_path.name + SUFFIX)


def _table(ref: Reference) -> str:
    from ..store import dumps_reference

    return dumps_reference(ref)


def _references(tables: Sequence[str]) -> list[Reference]:
    from ..store import loads

    store = loads("".join(tables), "<dedupe undo>")
    return list(store)


def record(merges: Sequence[tuple[Reference, Sequence[Reference]]]) -> str:
    """The undo file's text for MERGES: (merged record, the records it replaced) each."""
    return json.dumps({"format": FORMAT, "merges": [
        {"kept": merged.key, "merged": _table(merged), "replaced": [_table(r) for r in replaced]}
        for merged, replaced in merges]}, indent=1, ensure_ascii=False) + "\n"


def read(path: Path) -> dict:
    """The undo file at PATH; UndoError when there is none or it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UndoError(f"nothing to undo: no merge recorded beside the store ({path} does not exist)") from None
    except (OSError, ValueError) as exc:
        raise UndoError(f"{path}: not an acuref undo file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UndoError(f"{path}: not an acuref undo file (format {data.get('format') if isinstance(data, dict) else None!r})")
    return data


def restore(store: Store, data: dict) -> tuple[Store, list[str]]:
    """STORE with every merge in DATA undone (the replaced records back where the merged one
    stood), and the keys restored. Raises UndoError (nothing changed) when it cannot."""
    refs = dict(store.references)
    restored: list[str] = []
    for merge in data["merges"]:
        kept = merge["kept"]
        if kept not in refs:
            raise UndoError(f"cannot undo: the merged record {kept!r} is no longer in the store")
        if _table(refs[kept]) != merge["merged"]:
            raise UndoError(f"cannot undo: {kept!r} was changed after the merge (undoing would lose that edit)")
        originals = _references(merge["replaced"])
        others = {k for k in refs if k != kept}
        clash = [r.key for r in originals if r.key in others]
        if clash:
            raise UndoError(f"cannot undo: key {clash[0]!r} is now used by another record")
        rebuilt: dict[str, Reference] = {}
        for key, ref in refs.items():
            if key == kept:
                for original in originals:
                    rebuilt[original.key] = original
                    restored.append(original.key)
            else:
                rebuilt[key] = ref
        refs = rebuilt
    return store.with_references(refs), restored
