"""The Typer application. Each command module registers its commands; each command calls the library."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="acuref",
    help="acuref: a reference and citation manager for evidence-based health writing.\n\n"
    "Exit codes: 0 ok, 1 findings (check, dedupe --exit-code), 2 usage, 3 unknown or ambiguous key, "
    "4 invalid store, 5 invalid input file, 6 read/write error (or a read-only file), "
    "7 web service unreachable or failing.\n\n"
    "--store, --style, --locale and --json may come before the command too: acuref --store X import F.",
    no_args_is_help=True,
    add_completion=False,  # `acuref completion SHELL` prints the script (config_cmds.py)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Command modules, in help order; each has ``register(app)``.
COMMAND_MODULES = (
    "store_cmds",
    "cite_cmds",
    "draft_cmds",
    "io_cmds",
    "summary_cmds",
    "manage_cmds",
    "config_cmds",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"{__package__}.{_name}").register(app)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"acuref {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", help="Print acuref's version and exit.",
                                 callback=_version, is_eager=True),
) -> None:
    """acuref: a reference and citation manager for evidence-based health writing."""
