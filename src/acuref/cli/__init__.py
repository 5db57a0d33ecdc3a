"""The ``acuref`` command: one handler turns every error into a message and an exit code."""

from __future__ import annotations

import sys
from typing import Sequence

from ..errors import AcurefError, ExitStatus


def main(argv: Sequence[str] | None = None) -> int:
    """Run acuref with ``argv``; return the exit status (never raises for user errors).

    ``--traceback`` anywhere on the command line re-raises unexpected errors,
    for debugging (httpie's habit).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--traceback" in args
    if debug:
        args.remove("--traceback")
    global_options, args = split_global_options(args)
    if args[:1] in (["--version"], ["-V"]):
        from .. import __version__

        print(f"acuref {__version__}")
        return 0
    real_stdout = sys.stdout
    sys.stdout = _PipeGuard(real_stdout)
    try:
        from .fast import run as run_fast

        result = run_fast(args, global_options)
        if result is None:
            result = _run_typer(args, global_options)
        sys.stdout.flush()
    except AcurefError as exc:
        from .common import report_error

        report_error(exc)
        return int(exc.exit_status)
    except KeyboardInterrupt:
        print("aborted", file=sys.stderr)
        return 130
    except (BrokenPipeError, StdoutClosed):
        return _pipe_closed(real_stdout)
    except Exception as exc:  # a bug: say so plainly, keep the trace for --traceback
        if debug:
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); rerun with --traceback and report it",
              file=sys.stderr)
        return int(ExitStatus.INTERNAL)
    finally:
        sys.stdout = real_stdout
    return int(result) if isinstance(result, int) else 0


class StdoutClosed(Exception):
    """The reader of stdout went away. Not an OSError, so click's own handler (exit 1) lets it through."""


class _PipeGuard:
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


def _pipe_closed(stream=None) -> int:
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


def _run_typer(args: list[str], global_options: Sequence[str] = ()):
    """Run ``args`` through the Typer app (every command; cite when the fast path declines)."""
    from typer import Abort, TyperException
    from typer.main import get_command

    import os

    from .app import app
    from .completion import COMPLETE_VAR, SHELLS

    instruction = os.environ.get(COMPLETE_VAR, "")
    if instruction:  # shell completion; click's own spelling (bash_source) accepted too
        shell, _, verb = instruction.partition("_")
        if shell in SHELLS:
            os.environ[COMPLETE_VAR] = f"{verb}_{shell}"
        from typer.completion import completion_init

        completion_init()
    root = get_command(app)
    if global_options:
        command = root.commands.get(args[0]) if hasattr(root, "commands") else None
        accepted = {o for p in command.params for o in p.opts} if command is not None else set(GLOBAL_VALUE_OPTIONS)
        args = place_global_options(args, list(global_options), accepted)
    try:
        return root.main(args=args, prog_name="acuref", standalone_mode=False)
    except TyperException as exc:  # click's usage errors
        exc.show()
        return int(getattr(exc, "exit_code", ExitStatus.USAGE))
    except Abort:
        print("aborted", file=sys.stderr)
        return 130


def run() -> None:
    """Console-script entry point."""
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        status = _pipe_closed() if status == 0 else status
    sys.exit(status)
