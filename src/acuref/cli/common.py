"""What every command shares: the store option, opening the store, stdout/stderr output.

Typer-free, so the fast path of ``acuref cite`` (fast.py) can use it: options are
plain :class:`Opt` data, and the ``StoreOption``/``JsonOption`` annotations Typer
commands use are built from them on first use.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import AcurefError, StoreWriteError
from ..wording import count
from ..model import Store


@dataclass(frozen=True)
class Opt:
    """One option as plain data: the Typer command and the fast path both read it, so they cannot disagree."""

    flags: tuple[str, ...]
    help: str
    default: Any = None
    convert: Callable[[str], Any] = str  # what the fast path does to the value; Typer converts by annotation
    metavar: str | None = None
    flag: bool = False  # takes no value (--json)
    show_default: bool = True
    complete: Callable | None = None  # shell completion of the value (cli/completion.py)

    def typer(self):
        """The ``typer.Option`` for a command signature."""
        import typer

        return typer.Option(*self.flags, help=self.help, metavar=self.metavar, show_default=self.show_default,
                            autocompletion=self.complete)


STORE = Opt(("--store",), "Reference store (default: $ACUREF_STORE, a references.toml or data/references.toml "
            "found upwards from here, else the bundled store).", convert=Path, metavar="PATH", show_default=False)
JSON = Opt(("--json",), "Print JSON for scripts instead of a table.", default=False, flag=True)
FORMAT = Opt(("--format", "-f"), "auto, bibtex, ris, medline, wos, endnote-xml, csl-json, csl-yaml, acuref (a store) "
             "or text.", default="auto")  # every reader of acuref.formats.READ_FORMATS (tests/test_import_store.py)


def __getattr__(name: str):
    """``StoreOption`` and ``JsonOption``, the annotated types of the shared options (imports Typer)."""
    from typing import Annotated, Optional

    if name == "StoreOption":
        return Annotated[Optional[Path], STORE.typer()]
    if name == "JsonOption":
        return Annotated[bool, JSON.typer()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    return Console(file=sys.stdout, highlight=False, soft_wrap=False, width=width)  # a closed pipe: cli.main


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


def read_files(files: list[Path], fmt: str, skip_invalid: bool, *, encoding: str | None = None,
               importing: bool = False):
    """The references of FILES (``-``: standard input); unreadable entries fail the whole read unless
    SKIP_INVALID (then noted). Reading no reference at all is always an error. Warnings (fields
    kept in notes, repeated fields, keys changed) go to stderr."""
    from ..errors import InvalidInputError
    from ..formats import read_file

    refs, problems = [], []
    for path in files:
        result = read_file(path, fmt, encoding)
        refs.extend(result.references)
        problems.extend(result.problems)
        for warning in result.warnings:
            note(f"warning: {warning}")
        label = "<stdin>" if str(path) == "-" else str(path)
        for old, new in result.renamed:
            what = ("record number {!r} is not a citation key" if old in result.record_numbers
                    else "key {!r} cannot be used as it is").format(old)
            note(f"{label}: {what}; read as {new!r}"
                 + (f" (alias {old!r} kept)" if any(old in r.aliases for r in result.references if r.key == new) else ""))
    if problems and (not skip_invalid or not refs):
        n = len(problems)
        if not refs:
            summary = "no references could be read" + ("; nothing was imported" if importing else "")
        else:
            summary = (f"{count(n, 'entry')} could not be read"
                       + ("; nothing was imported (--skip-invalid imports the rest)" if importing else ""))
        raise InvalidInputError(summary, problems)
    for problem in problems:
        note(f"skipped: {problem}")
    return refs
