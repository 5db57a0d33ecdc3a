"""Settings and shell integration: ``acuref config`` and ``acuref completion``."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .common import JsonOption, StoreOption, print_json
from .completion import SHELLS, complete_styles


def config(
    store: StoreOption = None,
    style: Annotated[Optional[str], typer.Option("--style", "-s", help="A style to show as if given to a command.",
                                                 autocompletion=complete_styles)] = None,
    locale: Annotated[Optional[str], typer.Option("--locale", help="A locale to show as if given to a command.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Show each setting (store, style, locale), its value and where it comes from; and the cache folder.

    Sources, highest first: the option, the environment (ACUREF_STORE, ACUREF_STYLE, ACUREF_LOCALE),
    a references.toml found upwards from here (store only), the config file, the built-in default.
    The config file is TOML (store = "...", style = "...", locale = "...") in the platform's config
    folder, or the file $ACUREF_CONFIG names.

    Example: acuref config --json
    """
    from ..cachedir import cache_dir
    from ..settings import SETTINGS, config_path, report

    path = config_path()
    settings = report(str(store) if store else None, style, locale)
    cache = cache_dir()
    if json_out:
        print_json({"config_file": str(path), "config_file_exists": path.is_file(),
                    "cache_dir": None if cache is None else str(cache),
                    "settings": [s.to_json() for s in settings]})
        return
    lines = [f"config file: {path}" + ("" if path.is_file() else " (none)"),
             f"cache folder: {cache}" if cache is not None else "cache folder: (off: ACUREF_NO_CACHE)"]
    for s in settings:
        value = s.value if s.value is not None else f"({SETTINGS[s.name][2]})"
        lines.append(f"{s.name} = {value}    # {s.source}" + (f": {s.where}" if s.where else ""))
    print("\n".join(lines))


def completion(
    shell: Annotated[str, typer.Argument(help="bash, zsh or fish.", autocompletion=lambda: list(SHELLS),
                                         show_default=False)],
) -> None:
    """Print the shell completion script: commands, options, citation keys and style names complete.

    Save it where the shell looks: zsh, a file _acuref in a folder on $fpath; fish,
    ~/.config/fish/completions/acuref.fish; or eval "$(acuref completion bash)" in ~/.bashrc.

    Example: acuref completion bash > ~/.local/share/bash-completion/completions/acuref
    """
    from ..errors import UsageError
    from .completion import script

    if shell not in SHELLS:
        raise UsageError(f"unknown shell {shell!r}; one of: {', '.join(SHELLS)}")
    print(script(shell))


def register(app: typer.Typer) -> None:
    app.command("config")(config)
    app.command("completion")(completion)
