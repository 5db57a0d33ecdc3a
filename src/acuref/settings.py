"""The user's defaults (store, style, locale): from an option, the environment, the config file, or built in.

The config file is TOML in the platform's config folder (platformdirs: ``~/.config/acuref/config.toml``
on Linux, ``~/Library/Application Support/acuref/config.toml`` on macOS, ``%APPDATA%\\acuref\\config.toml``
on Windows); ``$ACUREF_CONFIG`` names another file (tests use it). Every key is optional::

    store = "~/Documents/references.toml"   # relative paths are relative to the config file
    style = "apa"
    locale = "en-GB"

Precedence, highest first: the command-line option, the environment variable (``ACUREF_STORE``,
``ACUREF_STYLE``, ``ACUREF_LOCALE``), then for the store a ``references.toml`` found upwards from the
current folder (a project's own store), then the config file, then the built-in default.
A malformed config file is an error naming its line (:class:`~acuref.errors.InvalidInputError`),
never silently ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

CONFIG_ENV = "ACUREF_CONFIG"
#: the settings, each with its environment variable and built-in default (None: decided elsewhere).
SETTINGS: dict[str, tuple[str, str | None, str]] = {
    "store": ("ACUREF_STORE", None, "a references.toml found upwards from here, else the bundled store"),
    "style": ("ACUREF_STYLE", "harvard-cite-them-right", "harvard-cite-them-right"),
    "locale": ("ACUREF_LOCALE", None, "the style's own locale"),
}


@dataclass(frozen=True)
class Setting:
    """One setting's value and where it came from: ``option``, ``env``, ``found``, ``config`` or ``default``.

    ``where`` says more: the variable's name, the file's path.
    """

    name: str
    value: str | None
    source: str
    where: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "source": self.source, "where": self.where}


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The config file: ``$ACUREF_CONFIG``, else ``config.toml`` in the platform's user config folder."""
    environ = os.environ if environ is None else environ
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV]).expanduser()
    from platformdirs import user_config_path

    return user_config_path("acuref", appauthor=False) / "config.toml"


def read_config(path: Path) -> dict[str, str]:
    """The config file's settings ({} when there is none); raise InvalidInputError naming every problem."""
    import tomllib

    from .errors import InvalidInputError, Problem

    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"cannot read the config file {path}",
                                [Problem(str(path), None, None, getattr(exc, "strerror", None) or str(exc))]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .store_validate import syntax_problem

        raise InvalidInputError(f"the config file {path} is not valid TOML", [syntax_problem(exc, str(path), text)]) from None
    problems = []
    for key, value in data.items():
        if key not in SETTINGS:
            problems.append(Problem(str(path), key_line(text, key), None,
                                    f"unknown setting {key!r} (known: {', '.join(SETTINGS)})"))
        elif not isinstance(value, str) or not value:
            problems.append(Problem(str(path), key_line(text, key), None, f"{key!r} must be a non-empty string"))
    if problems:
        from .wording import count

        raise InvalidInputError(f"the config file {path} has {count(len(problems), 'problem')}", problems)
    if "store" in data:
        store = Path(data["store"]).expanduser()
        data["store"] = str(store if store.is_absolute() else path.parent / store)
    return data


def key_line(text: str, key: str) -> int | None:
    """The 1-based line of TOML ``text`` where bare key ``key`` is assigned (``key = …``), or None."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(key) and line.strip()[len(key):].lstrip().startswith("="):
            return n
    return None


def configured(name: str, environ: Mapping[str, str] | None = None) -> Setting | None:
    """The config file's value for ``name``, or None."""
    path = config_path(environ)
    value = read_config(path).get(name)
    return Setting(name, value, "config", str(path)) if value is not None else None


def resolve(name: str, option: str | os.PathLike | None = None,
            environ: Mapping[str, str] | None = None) -> Setting:
    """``name``'s value and its source: option, environment, config file, built-in default.

    The store also looks upwards from the current folder; see :func:`acuref.store.find_store`.
    """
    environ = os.environ if environ is None else environ
    variable, default, _ = SETTINGS[name]
    if name == "store":
        from .store import find_store

        location = find_store(option, environ=environ)
        where = {"env": variable, "config": str(config_path(environ))}.get(location.how, "")
        return Setting(name, str(location.path), {"bundled": "default"}.get(location.how, location.how), where)
    if option:
        return Setting(name, str(option), "option")
    if environ.get(variable):
        return Setting(name, environ[variable], "env", variable)
    return configured(name, environ) or Setting(name, default, "default")


def style(option: str | None = None) -> str:
    """The CSL style to use: ``--style``, ``$ACUREF_STYLE``, the config file, else harvard-cite-them-right."""
    return resolve("style", option).value or SETTINGS["style"][1]


def locale(option: str | None = None) -> str | None:
    """The locale to use: ``--locale``, ``$ACUREF_LOCALE``, the config file, else None (the style's)."""
    return resolve("locale", option).value


def report(option_store: str | None = None, option_style: str | None = None,
           option_locale: str | None = None) -> list[Setting]:
    """Every setting with its value and source, for ``acuref config``."""
    return [resolve("store", option_store), resolve("style", option_style), resolve("locale", option_locale)]
