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
    try:
        from .fast import run as run_fast

        result = run_fast(args)
        if result is None:
            result = _run_typer(args)
    except AcurefError as exc:
        from .common import report_error

        report_error(exc)
        return int(exc.exit_status)
    except KeyboardInterrupt:
        print("aborted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error
        return 0
    except Exception as exc:  # a bug: say so plainly, keep the trace for --traceback
        if debug:
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); rerun with --traceback and report it",
              file=sys.stderr)
        return int(ExitStatus.INTERNAL)
    return int(result) if isinstance(result, int) else 0


def _run_typer(args: list[str]):
    """Run ``args`` through the Typer app (every command; cite when the fast path declines)."""
    from typer import Abort, TyperException
    from typer.main import get_command

    from .app import app

    try:
        return get_command(app).main(args=args, prog_name="acuref", standalone_mode=False)
    except TyperException as exc:  # click's usage errors
        exc.show()
        return int(getattr(exc, "exit_code", ExitStatus.USAGE))
    except Abort:
        print("aborted", file=sys.stderr)
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
