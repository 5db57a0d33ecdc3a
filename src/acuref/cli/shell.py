"""What a shell user expects of the command line: global options before the command, quiet closed pipes.

Typer-free (the fast paths use it).
"""

from __future__ import annotations

import sys

#: Options that may come before the command name too: ``acuref --store X import …``.
GLOBAL_VALUE_OPTIONS = ("--store", "--style", "--locale")
GLOBAL_FLAGS = ("--json",)


def split_global_options(args: list[str]) -> tuple[list[str], list[str]]:
    """(the global options given before the command, with their values; the command line from the command on).

    ``--store X cite k`` gives (["--store", "X"], ["cite", "k"]). Nothing is split off when no command
    follows (``acuref --store X`` alone is click's usage error).
    """
    moved: list[str] = []
    i = 0
    while i < len(args):
        token = args[i]
        name = token.split("=", 1)[0]
        if name in GLOBAL_VALUE_OPTIONS and "=" in token:
            moved.append(token)
            i += 1
        elif name in GLOBAL_VALUE_OPTIONS and i + 1 < len(args):
            moved += args[i:i + 2]
            i += 2
        elif token in GLOBAL_FLAGS:
            moved.append(token)
            i += 1
        else:
            break
    if not moved or i >= len(args) or args[i].startswith("-"):
        return [], args
    return moved, args[i:]


def place_global_options(args: list[str], moved: list[str], accepted: set[str]) -> list[str]:
    """``args`` with the global options the command accepts inserted after its name; the others are dropped.

    So ``alias acuref='acuref --store ~/refs.toml'`` works for every command, ``styles`` included,
    and the command parses the options as its own (an option given again after the command wins).
    """
    kept: list[str] = []
    i = 0
    while i < len(moved):
        name = moved[i].split("=", 1)[0]
        width = 1 if "=" in moved[i] or name in GLOBAL_FLAGS else 2
        if name in accepted:
            kept += moved[i:i + width]
        i += width
    return [args[0], *kept, *args[1:]]


def pipe_closed(stream=None) -> int:
    """The reader of stdout went away (``acuref topics | head -1``): not an error, exit 0 quietly.

    stdout is pointed at /dev/null so the interpreter's final flush cannot fail again (Python's
    documented recipe for SIGPIPE).
    """
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, (stream or sys.stdout).fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return 0


class StdoutClosed(Exception):
    """The reader of stdout went away. Not an OSError, so click's own handler (exit 1) lets it through."""


class PipeGuard:
    """stdout for the duration of a command: a closed pipe raises :class:`StdoutClosed`, everything else delegates."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise StdoutClosed from None

    def flush(self):
        try:
            return self._stream.flush()
        except BrokenPipeError:
            raise StdoutClosed from None

    def __getattr__(self, name):
        return getattr(self._stream, name)
