"""Browsing the store: validate, list, show, search, topics."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..wording import count
from .completion import complete_designs, complete_keys, complete_topics
from .common import JsonOption, StoreOption, note, open_store, print_json, stdout_console


def validate(store: StoreOption = None, json_out: JsonOption = False) -> int:
    """Check the store and report every problem at once (exit 0 when clean, 4 otherwise).

    Example: acuref validate --store my-references.toml
    """
    from ..errors import ExitStatus
    from ..store import find_store, load, validate as check

    path = find_store(store).path
    problems = check(path)
    if json_out:
        print_json({"store": str(path), "valid": not problems, "problems": [p.to_json() for p in problems]})
    else:
        for problem in problems:
            note(f"{problem}")
    if problems:
        note(f"error: {path}: {count(len(problems), 'problem')}")
        return int(ExitStatus.INVALID_STORE)
    loaded = load(path)
    note(f"ok: {path}: {count(len(loaded), 'reference')}, {count(len(loaded.claims), 'claim')}")
    return 0


def list_refs(
    store: StoreOption = None,
    topic: Annotated[Optional[str], typer.Option(help="Only references with this topic.",
                                                 autocompletion=complete_topics)] = None,
    design: Annotated[Optional[str], typer.Option(help="Only this study design (see `acuref topics`).",
                                                  autocompletion=complete_designs)] = None,
    author: Annotated[Optional[str], typer.Option(help="Only references with an author whose surname contains this.")] = None,
    year: Annotated[Optional[str], typer.Option(help="A year or a range: 2010, 2010-2020, 2010-, -2005.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print CSL-JSON items (with acuref's fields alongside).")] = False,
) -> None:
    """List references as a table: key, first author, year, title, design.

    Example: acuref list --topic electroacupuncture --year 2000-2010
    """
    from ..model import to_csl
    from ..query import select

    refs = select(open_store(store), topic=topic, design=design, author=author, year=year)
    if json_out:
        print_json([to_csl(r) for r in refs])
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("key", "first author", "year", "title", "design"):
        table.add_column(column, overflow="fold")
    for ref in refs:
        table.add_row(ref.key, ref.first_author, str(ref.year or ""), ref.plain_title, ref.design)
    stdout_console().print(table)
    note(count(len(refs), "reference"))


def show(
    key: Annotated[str, typer.Argument(help="A citation key, an alias, or \"Author Year\".", autocompletion=complete_keys)],
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show one whole record, as it is stored (TOML), with the claims that cite it.

    Example: acuref show "deluze 1992"
    """
    import sys

    from ..keys import resolve
    from ..model import to_csl
    from ..store import dumps_reference

    loaded = open_store(store)
    ref = resolve(loaded, key)
    if ref.key != key:
        note(f"{key!r} resolves to {ref.key}")
    claims = [c.id for c in loaded.claims if ref.key in c.cites or set(ref.aliases) & set(c.cites)]
    if json_out:
        print_json({**to_csl(ref), "claims": claims})
        return
    sys.stdout.write(dumps_reference(ref))
    if claims:
        sys.stdout.write(f"# cited by claims: {', '.join(claims)}\n")


def search(
    query: Annotated[list[str], typer.Argument(help="Words to look for in authors, title, journal and year.")],
    store: StoreOption = None,
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 10,
    json_out: JsonOption = False,
) -> int:
    """Fuzzy search, ranked: every word is matched against authors, title, journal and year.

    Example: acuref search deluze fibromyalgia
    """
    from ..model import to_csl
    from ..query import search as run_search

    hits = run_search(open_store(store), " ".join(query), limit=limit)
    if json_out:
        print_json([{"score": h.score, **to_csl(h.ref)} for h in hits])
    else:
        from rich.table import Table

        table = Table(box=None, pad_edge=False, header_style="bold")
        for column in ("score", "key", "first author", "year", "title"):
            table.add_column(column, overflow="fold")
        for h in hits:
            table.add_row(f"{h.score:.0f}", h.ref.key, h.ref.first_author, str(h.ref.year or ""), h.ref.plain_title)
        stdout_console().print(table)
    if not hits:
        note("no reference matches")
    return 0


def topics(store: StoreOption = None, json_out: JsonOption = False) -> None:
    """Topics and study designs, with how many references have each.

    Example: acuref topics --json
    """
    from ..model import DESIGNS
    from ..query import counts

    topic_counts, design_counts = counts(open_store(store))
    designs = [(d, design_counts[d]) for d in DESIGNS if design_counts[d]]
    ordered_topics = sorted(topic_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if json_out:
        print_json({"topics": dict(ordered_topics), "designs": dict(designs)})
        return
    from rich.table import Table

    console = stdout_console()
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("topic")
    table.add_column("references", justify="right")
    for name, n in ordered_topics:
        table.add_row(name, str(n))
    console.print(table)
    console.print()
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("design")
    table.add_column("description")
    table.add_column("references", justify="right")
    for name, n in designs:
        table.add_row(name, DESIGNS[name][1], str(n))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
    app.command("list")(list_refs)
    app.command("show")(show)
    app.command("search")(search)
    app.command("topics")(topics)
