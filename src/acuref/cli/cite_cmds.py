"""Writers' commands: cite references in a style, and find styles."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .common import JsonOption, StoreOption, open_store, print_json

StyleOption = Annotated[str, typer.Option("--style", "-s", help="CSL style name, title word, or a .csl file.")]
LocaleOption = Annotated[Optional[str], typer.Option("--locale", help="Locale such as en-GB (default: the style's).")]


def cite(
    keys: Annotated[list[str], typer.Argument(help="Keys, aliases or \"Author Year\" queries.", show_default=False)],
    store: StoreOption = None,
    style: StyleOption = "harvard-cite-them-right",
    locale: LocaleOption = None,
    to: Annotated[str, typer.Option("--to", help="Output format: text, md, html or rtf.")] = "text",
    intext: Annotated[bool, typer.Option("--intext", help="One in-text citation citing them all.")] = False,
    both: Annotated[bool, typer.Option("--both", help="The in-text citation, then the bibliography entries.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Format references for a bibliography, or as an in-text citation, in any CSL style.

    Example: acuref cite deluze1992 "hayhoe 2010" --style apa --intext
    """
    import sys

    from ..keys import resolve_many
    from ..render import Cite, render

    loaded = open_store(store)
    refs = resolve_many(loaded, keys)
    want_citation = intext or both
    result = render(refs, [[Cite(r.key) for r in refs]] if want_citation else [], style=style, locale=locale,
                    fmt=to, bibliography=not intext, cache=True)
    if json_out:
        print_json({"citation": result.citations[0] if want_citation else None,
                    "bibliography": [{"key": e.key, "text": e.text} for e in result.bibliography]})
        return
    lines = list(result.citations) + [e.text for e in result.bibliography]
    sys.stdout.write("".join(line + "\n" for line in lines))


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
