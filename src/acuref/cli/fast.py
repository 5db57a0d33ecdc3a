"""``acuref cite`` and ``acuref dedupe`` without Typer: their options as plain data, and a parser for plain command lines.

Importing Typer (with click, and the pydantic adapters Typer builds for every parameter) takes
about 0.3 s: as long as all of cite's own work, and a third of deduplicating a 2,000-record file.
So :func:`main` in ``cli/__init__.py`` first offers the command line to :func:`run`: a plain
``cite`` or ``dedupe`` line (arguments, known options, each at most once, values that do not start
with ``-``) runs here; anything else (help, a typo, a missing value, ``--``, bundled short options,
a repeated option) returns None and goes to Typer, so usage errors have one source, click's. The
Typer commands are built from the same option specs (:data:`CITE`, :data:`DEDUPE`) and call the
same bodies, and errors are raised, not printed, so both paths share options, defaults, output,
messages and exit codes (tests/test_cli_fast.py runs both).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from .common import FORMAT, JSON, STORE, Opt, open_store, print_json
from .completion import choices, complete_styles

STYLE_HELP = "CSL style name, title word, or a .csl file (default: $ACUREF_STYLE, the config file, else harvard-cite-them-right)."
LOCALE_HELP = "Locale such as en-GB (default: $ACUREF_LOCALE, the config file, else the style's)."

KEYS_HELP = "Keys, aliases or \"Author Year\" queries."

#: cite's options by parameter name, in help order.
CITE: dict[str, Opt] = {
    "store": STORE,
    "style": Opt(("--style", "-s"), STYLE_HELP, complete=complete_styles, show_default=False),
    "locale": Opt(("--locale",), LOCALE_HELP, show_default=False),
    "to": Opt(("--to",), "Output format: text, md, html or rtf.", default="text",
              complete=choices("text", "md", "html", "rtf")),
    "intext": Opt(("--intext",), "One in-text citation citing them all.", default=False, flag=True),
    "both": Opt(("--both",), "The in-text citation, then the bibliography entries.", default=False, flag=True),
    "json_out": JSON,
}


def cite(keys: Sequence[str], store: Path | None = None, style: str | None = None,
         locale: str | None = None, to: str = CITE["to"].default, intext: bool = False, both: bool = False,
         json_out: bool = False) -> None:
    """The body of ``acuref cite``: resolve the keys, render, print."""
    from .. import settings
    from ..keys import resolve_many
    from ..render import Cite, render

    style, locale = settings.style(style), settings.locale(locale)
    loaded = open_store(store)
    # a key and its alias (or a key given twice) are one work: cited once, as the draft renderer does
    refs = list({r.key: r for r in resolve_many(loaded, keys)}.values())
    if any(r.updates for r in refs):  # retraction and correction notices (acuref retractions records them)
        from ..retractions import flags

        for line in (f for r in refs for f in flags(r)):
            print(f"warning: {line}", file=sys.stderr)
    want_citation = intext or both
    # One render: without --intext/--both each reference is also cited in a note of its own, so that a
    # notes-only style (no <bibliography>) prints those notes from the same pass instead of a second render.
    clusters = [[Cite(r.key) for r in refs]] if want_citation else [[Cite(r.key)] for r in refs]
    result = render(refs, clusters, style=style, locale=locale, fmt=to, bibliography=not intext, cache=True)
    notes = None
    if not want_citation and refs and not result.bibliography:
        from ..styles import find_style, style_kind

        if not style_kind(find_style(style)).has_bibliography:  # a notes-only style: each reference as a note
            notes = result.citations
    if json_out:
        print_json({"citation": result.citations[0] if want_citation else None,
                    "bibliography": [{"key": e.key, "text": e.text} for e in result.bibliography],
                    "notes": notes})
        return
    lines = (list(result.citations) if want_citation else []) + [e.text for e in result.bibliography] + (notes or [])
    sys.stdout.write("".join(line + "\n" for line in lines))


DEDUPE_FILE_HELP = "A reference file to check instead of the store (read-only)."

#: dedupe's options by parameter name, in help order.
DEDUPE: dict[str, Opt] = {
    "store": STORE,
    "fmt": FORMAT,
    "apply": Opt(("--apply",), "Merge the certain groups into the store (default: a dry run).", default=False, flag=True),
    "interactive": Opt(("--interactive", "-i"), "Decide group by group: merge, keep apart, skip, quit.", default=False, flag=True),
    "exit_code": Opt(("--exit-code",), "Exit 1 when duplicates are found.", default=False, flag=True),
    "json_out": JSON,
    "include_likely": Opt(("--include-likely",), "With --apply, merge the likely groups too.", default=False, flag=True),
    "undo": Opt(("--undo",), "Restore the records of the last merge.", default=False, flag=True),
}


def parse(args: Sequence[str], options: dict[str, Opt], stdin_dash: bool = False) -> tuple[list[str], dict] | None:
    """(positional arguments, option values by name) for a plain command line, else None (Typer decides).

    With ``stdin_dash`` a lone ``-`` is a positional argument (standard input), as click reads it."""
    by_flag = {f: name for name, opt in options.items() for f in opt.flags}
    positional: list[str] = []
    values: dict = {}
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if not token.startswith("-") or (stdin_dash and token == "-"):
            positional.append(token)
            continue
        flag, eq, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        name = by_flag.get(flag)
        if name is None or name in values:
            return None  # unknown, help, bundled short options, "-", "--", or repeated
        opt = options[name]
        if opt.flag:
            if eq:
                return None
            values[name] = True
            continue
        if eq:
            value = inline
        elif rest:
            value = rest.pop(0)
        else:
            return None
        if not value or value.startswith("-"):
            return None  # click may read these otherwise (an option, "."): let it
        values[name] = opt.convert(value)
    return positional, values


#: import's options by parameter name, for the fast path only: the help and the body stay in
#: io_cmds.import_refs, which is a plain function; calling it directly never loads Typer's pydantic
#: adapters (0.3 s), so pasting one reference (``acuref import --format text one.txt``) starts fast.
#: An option missing here only sends the command line to Typer.
IMPORT: dict[str, Opt] = {
    "store": STORE,
    "fmt": FORMAT,
    "dry_run": Opt(("--dry-run",), "", default=False, flag=True),
    "merge": Opt(("--merge",), "", default=False, flag=True),
    "skip_invalid": Opt(("--skip-invalid",), "", default=False, flag=True),
    "encoding": Opt(("--encoding",), ""),
    "json_out": JSON,
}


def run(args: Sequence[str], global_options: Sequence[str] = ()) -> int | None:
    """Run a plain ``cite``, ``dedupe`` or ``import`` command line and return its exit status; None when Typer must handle it.

    ``global_options`` came before the command (``acuref --store X cite k``): those the command takes
    are parsed as its own, the others ignored, as on the Typer path.
    """
    if not args or args[0] not in ("cite", "dedupe", "import"):
        return None
    options = CITE if args[0] == "cite" else DEDUPE if args[0] == "dedupe" else IMPORT
    if global_options:
        from .shell import place_global_options

        args = place_global_options(list(args), list(global_options), {f for o in options.values() for f in o.flags})
    parsed = parse(args[1:], options, stdin_dash=args[0] == "import")  # paste, then Ctrl-D: starts fast too
    if parsed is None:
        return None
    positional, values = parsed
    if args[0] == "import":
        if not positional:
            return None
        from .io_cmds import import_refs

        import_refs([Path(p) for p in positional], **values)
        return 0
    if args[0] == "cite":
        if not positional:
            return None
        cite(positional, **values)
        return 0
    if len(positional) > 1:
        return None
    from .dedupe_cmd import dedupe

    return dedupe(Path(positional[0]) if positional else None, **values)
