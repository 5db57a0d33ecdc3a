"""The Typer application. Each command module registers its commands; each command calls the library."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="acuref",
    help="acuref: a reference and citation manager for evidence-based health writing.\n\n"
    "Exit codes: 0 ok, 1 findings (check, dedupe --exit-code), 2 usage, 3 unknown or ambiguous key, "
    "4 invalid store, 5 invalid input file, 6 read/write error, 7 web service unreachable or failing.",
    no_args_is_help=True,
    add_completion=False,
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
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"{__package__}.{_name}").register(app)
