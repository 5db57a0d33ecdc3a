"""`acuref summary`: the evidence for each condition, with study designs and flags, in any citation style."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .fast import CITE
from .common import JsonOption, StoreOption, open_store, print_json

FORMATS = {"terminal": "text", "md": "md", "html": "html"}


def summary(
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="Only claims of this topic "
                     "(e.g. electroacupuncture).")] = None,
    condition: Annotated[Optional[str], typer.Option("--condition", "-c", help="Only conditions or groups "
                         "containing this text.")] = None,
    style: Annotated[Optional[str], CITE["style"].typer()] = None,
    locale: Annotated[Optional[str], CITE["locale"].typer()] = None,
    to: Annotated[str, typer.Option("--to", help="terminal, md (for an article) or html (one page with "
                  "an evidence map).")] = "terminal",
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Summarise the evidence by condition: claims, citations, study designs, counts, flags, bibliography.

    Flags: claims citing nothing, only narrative reviews/mechanistic/animal work, a reference of unknown
    design, or a reference whose title and topics share nothing with the condition.

    Example: acuref summary --topic electroacupuncture --style apa --to md
    """
    import sys

    from ..errors import UsageError
    from ..evidence import summarise, to_data
    from ..evidence_render import to_html, to_md, to_text

    if to not in FORMATS:
        raise UsageError(f"--to must be one of {', '.join(FORMATS)}, not {to!r}")
    from .. import settings

    result = summarise(open_store(store), topic=topic, condition=condition, style=settings.style(style),
                       locale=settings.locale(locale),
                       fmt="text" if json_out else FORMATS[to])
    if json_out:
        print_json(to_data(result))
        return
    sys.stdout.write({"terminal": to_text, "md": to_md, "html": to_html}[to](result))


def register(app: typer.Typer) -> None:
    app.command("summary")(summary)
