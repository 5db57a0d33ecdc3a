"""What every command shares: the store option, opening the store, stdout/stderr output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import AcurefError, StoreWriteError
from ..model import Store

StoreOption = Annotated[
    Optional[Path],
    typer.Option("--store", metavar="PATH", help="Reference store (default: $ACUREF_STORE, a references.toml "
                 "or data/references.toml found upwards from here, else the bundled store).", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


def open_store(option: Path | None) -> Store:
    """Find and load the store; an invalid one raises with every problem listed."""
    from ..store import find_store, load

    return load(find_store(option).path)


def writable_store_path(option: Path | None) -> Path:
    """The store a command may write to; the bundled store is read-only."""
    from ..store import find_store

    location = find_store(option)
    if not location.writable:
        raise StoreWriteError(location.path, "the bundled store is read-only; pass --store PATH or set ACUREF_STORE")
    return location.path


def stdout_console():
    """Rich console on stdout; when piped, one row per line (no wrapping) so grep and cut work."""
    from rich.console import Console

    width = None if sys.stdout.isatty() else 100_000
    return Console(file=sys.stdout, highlight=False, soft_wrap=False, width=width)


def stderr_console():
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def note(message: str) -> None:
    """A diagnostic for people, on stderr."""
    print(message, file=sys.stderr)


def report_error(exc: AcurefError) -> None:
    print(f"error: {exc.message}", file=sys.stderr)
    for line in exc.details():
        print(f"  {line}", file=sys.stderr)
