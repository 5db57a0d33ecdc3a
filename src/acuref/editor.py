"""Editing text in the user's editor (``$VISUAL``, else ``$EDITOR``, else ``vi``) until it is valid.

The text is written to a private temporary file and the editor is run on it. If the saved text
has problems, the file is re-opened with the problems listed at the top as ``#!`` comment lines
(removed again before the text is read). Saving the text unchanged abandons the edit.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from .errors import EditAbortedError, Problem

T = TypeVar("T")

MARK = "#! "


def editor_command() -> list[str]:
    """The editor to run, as an argument list (``$VISUAL`` / ``$EDITOR`` may hold options: "code --wait")."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        words = shlex.split(command)
    except ValueError:
        words = []
    if not words:
        raise EditAbortedError(f"cannot run the editor {command!r} (set $EDITOR)")
    return words


def run_editor(path: Path) -> None:
    """Run the editor on ``path`` and wait; a missing editor or a failing exit status abandons the edit."""
    command = editor_command()
    try:
        done = subprocess.run([*command, str(path)])
    except OSError as exc:
        raise EditAbortedError(f"cannot run the editor {command[0]!r}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise EditAbortedError(f"the editor {command[0]!r} exited with status {done.returncode}")


def strip_marks(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(MARK))


def with_problems(text: str, problems: list[Problem]) -> str:
    """``text`` with the problems listed above it; their line numbers are those of the file as shown."""
    shift = 1 + len(problems)
    head = [f"{MARK}acuref: not saved yet. Fix these problems and save, or save unchanged to give up:\n"]
    head += [f"{MARK}  line {p.line + shift}: {p.message}\n" if p.line else f"{MARK}  {p.message}\n" for p in problems]
    return "".join(head) + strip_marks(text)


def edit_until_valid(initial: str, read: Callable[[str], tuple[T | None, list[Problem]]], *,
                     suffix: str = ".toml", edit: Callable[[Path], None] = run_editor) -> T | None:
    """Let the user edit ``initial`` until ``read`` accepts it; returns what ``read`` made of it.

    Returns None when the first save leaves ``initial`` unchanged (nothing to do). Raises
    EditAbortedError when a text with problems is saved unchanged, or the editor fails.
    """
    folder = tempfile.mkdtemp(prefix="acuref-edit-")
    path = Path(folder) / f"reference{suffix}"
    shown = initial
    try:
        while True:
            path.write_text(shown, encoding="utf-8")
            edit(path)
            try:
                saved = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise EditAbortedError(f"cannot read the edited file: {exc}") from None
            if saved == shown:
                if shown is initial:
                    return None
                raise EditAbortedError("the reference still has problems")
            text = strip_marks(saved)
            if not text.strip():
                raise EditAbortedError("the file was emptied")
            value, problems = read(text)
            if not problems and value is not None:
                return value
            shown = with_problems(text, problems)
    finally:
        try:
            path.unlink()
        except OSError:
            pass
        try:
            os.rmdir(folder)
        except OSError:
            pass
