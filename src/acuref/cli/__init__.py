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
    from .shell import PipeGuard, StdoutClosed, pipe_closed, split_global_options

    global_options, args = split_global_options(args)
    if args[:1] in (["--version"], ["-V"]):
        from .. import __version__

        print(f"acuref {__version__}")
        return 0
    real_stdout = sys.stdout
    sys.stdout = PipeGuard(real_stdout)
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
        return pipe_closed(real_stdout)
    except Exception as exc:  # a bug: say so plainly, keep the trace for --traceback
        if debug:
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); rerun with --traceback and report it",
              file=sys.stderr)
        return int(ExitStatus.INTERNAL)
    finally:
        sys.stdout = real_stdout
    return int(result) if isinstance(result, int) else 0


def _run_typer(args: list[str], global_options: Sequence[str] = ()):
    """Run ``args`` through the Typer app (every command; cite when the fast path declines)."""
    import os

    from typer import Abort, TyperException
    from typer.main import get_command

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
        from .shell import GLOBAL_VALUE_OPTIONS, place_global_options

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
        from .shell import pipe_closed

        status = pipe_closed() if status == 0 else status
    sys.exit(status)
