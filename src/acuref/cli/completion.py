"""Shell completion: what to offer for citation keys and style names (commands and options come from Typer).

Completion runs the ``acuref`` program with ``_ACUREF_COMPLETE=complete_SHELL`` (Typer's protocol,
written against typer 0.29 with its vendored click); ``acuref completion SHELL`` prints the script that
does so. The functions here never raise: a store that cannot be read offers nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_ACUREF_COMPLETE"


def complete_keys(ctx, incomplete: str) -> list[tuple[str, str]]:
    """Citation keys and aliases starting with ``incomplete``, each with "Author year title" as help."""
    from ..errors import AcurefError
    from .common import open_store

    store = ctx.params.get("store") if ctx is not None else None
    try:
        loaded = open_store(store)
    except (AcurefError, OSError):
        return []
    out = []
    for ref in loaded:
        about = f"{ref.first_author} {ref.year or ''} {ref.plain_title[:60]}".strip()
        out += [(key, about) for key in (ref.key, *ref.aliases) if key.startswith(incomplete)]
    return out


def complete_key_list(ctx, incomplete: str) -> list[str]:
    """For comma-separated keys (``export --keys a,b``): the keys that complete the last item."""
    head, _, last = incomplete.rpartition(",")
    prefix = head + "," if head else ""
    return [prefix + key for key, _ in complete_keys(ctx, last)]


def complete_topics(ctx, incomplete: str) -> list[tuple[str, str]]:
    """Topics of the store starting with ``incomplete``, with how many references have each."""
    from ..errors import AcurefError
    from ..query import counts
    from .common import open_store

    try:
        topics, _ = counts(open_store(ctx.params.get("store") if ctx is not None else None))
    except (AcurefError, OSError):
        return []
    from ..wording import count

    return [(t, count(n, "reference")) for t, n in sorted(topics.items()) if t.startswith(incomplete)]


def complete_designs(incomplete: str) -> list[tuple[str, str]]:
    """Study designs starting with ``incomplete``, with their meaning."""
    from ..model import DESIGNS

    return [(d, DESIGNS[d][1]) for d in DESIGNS if d.startswith(incomplete)]


def choices(*values: str):
    """A completion function offering fixed ``values``."""
    return lambda incomplete: [v for v in values if v.startswith(incomplete)]


def complete_styles(incomplete: str) -> list[str]:
    """Style names (independent, dependent and renamed ones) starting with ``incomplete``; .csl files too."""
    from ..styles import renamed_styles, styles_dir

    if "/" in incomplete or incomplete.startswith("."):
        folder, _, stem = incomplete.rpartition("/")
        try:
            return sorted(f"{folder}/{n}" if folder else n for n in os.listdir(folder or ".")
                          if n.startswith(stem) and n.endswith(".csl"))
        except OSError:
            return []
    root = styles_dir()
    names = {p[:-4] for sub in (root, root / "dependent") for p in _listdir(sub) if p.endswith(".csl")}
    names.update(renamed_styles())
    return sorted(n for n in names if n.startswith(incomplete))


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def script(shell: str) -> str:
    """The completion script for ``shell`` (bash, zsh or fish), to source from the shell's startup file."""
    from typer.completion import completion_init
    from typer._completion_shared import get_completion_script  # typer 0.29; see the module docstring

    completion_init()
    return get_completion_script(prog_name="acuref", complete_var=COMPLETE_VAR, shell=shell)
