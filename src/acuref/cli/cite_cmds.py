"""Writers' commands: cite references in a style, and find styles."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from . import fast
from .common import JsonOption, StoreOption, print_json
from .completion import complete_keys

StyleOption = Annotated[Optional[str], fast.CITE["style"].typer()]
LocaleOption = Annotated[Optional[str], fast.CITE["locale"].typer()]


def cite(
    keys: Annotated[list[str], typer.Argument(help=fast.KEYS_HELP, show_default=False, autocompletion=complete_keys)],
    store: StoreOption = fast.CITE["store"].default,
    style: StyleOption = fast.CITE["style"].default,
    locale: LocaleOption = fast.CITE["locale"].default,
    to: Annotated[str, fast.CITE["to"].typer()] = fast.CITE["to"].default,
    intext: Annotated[bool, fast.CITE["intext"].typer()] = fast.CITE["intext"].default,
    both: Annotated[bool, fast.CITE["both"].typer()] = fast.CITE["both"].default,
    json_out: JsonOption = fast.CITE["json_out"].default,
) -> None:
    """Format references for a bibliography, or as an in-text citation, in any CSL style.

    Example: acuref cite deluze1992 "hayhoe 2010" --style apa --intext
    """
    fast.cite(keys, store, style, locale, to, intext, both, json_out)


def styles(
    query: Annotated[Optional[list[str]], typer.Argument(help="Words to look for in style names and titles.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many (0: all).")] = 30,
    json_out: JsonOption = False,
) -> None:
    """List and search the CSL styles acuref can use (independent and dependent).

    Example: acuref styles vancouver
    """
    from ..styles import renamed_styles, search_styles

    words = " ".join(query or [])
    hits = search_styles(words, limit or None)
    renamed = renamed_styles()
    if words in renamed:  # a renamed style ("vancouver") first: it is what the name means
        target = [h for h in search_styles(renamed[words]) if h[0] == renamed[words]]
        hits = target + [h for h in hits if h[0] != renamed[words]]
    if json_out:
        print_json([{"id": i, "title": t, "dependent": d} for i, t, d in hits])
        return
    from rich.table import Table

    from .common import stdout_console

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("style", "title", "kind"):
        table.add_column(column)
    for i, t, d in hits:
        table.add_row(i, t, "dependent" if d else "independent")
    stdout_console().print(table)


def register(app: typer.Typer) -> None:
    app.command("cite")(cite)
    app.command("styles")(styles)
