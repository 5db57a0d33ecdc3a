"""Evidence summaries as plain text (terminal), Markdown for an article, or one self-contained HTML page.

Citations and bibliography entries arrive already formatted (and, for HTML and Markdown, escaped) by
`acuref.render`; every other field is escaped here.
"""

from __future__ import annotations

from .evidence import Summary, describe_counts
from .model import DESIGNS

FLAG_NAMES = {"no-support": "no support", "weak-support": "weak support", "unknown-design": "design unknown",
              "off-topic": "off topic", "retracted": "retracted", "notice": "editorial notice"}


def _label(slug: str | None) -> str:
    return DESIGNS[slug][1] if slug else "none"


def _title(summary: Summary) -> str:
    what = summary.topic or "all topics"
    if summary.condition:
        what += f", {summary.condition}"
    return f"Evidence summary: {what}"


def to_text(summary: Summary) -> str:
    """For the terminal: groups, conditions with citations, designs and flags, then the bibliography."""
    lines = [_title(summary), f"Style: {summary.style}", f"References: {describe_counts(summary.counts)}",
             f"Claims flagged: {summary.flagged}", ""]
    for g in summary.groups:
        lines.append(f"{g.name} [{g.topic}]")
        lines.append(f"  strongest: {_label(g.strongest)}; {describe_counts(g.counts)}")
        for c in g.conditions:
            for cs in c.claims:
                lines.append(f"  - {c.name} {cs.citation}".rstrip())
                for r in cs.refs:
                    lines.append(f"      {r.key}: {r.label}")
                for f in cs.flags:
                    lines.append(f"      ! {FLAG_NAMES[f.kind]}: {f.message}")
        lines.append("")
    lines.append("References")
    lines.extend(e.text for e in summary.bibliography)
    return "\n".join(lines) + "\n"


def to_md(summary: Summary) -> str:
    """Markdown for an article: one bullet per group in the seed's shape ("Nausea prevention: nausea after
    chemotherapy (Zhang et al., 2014); …"), its design counts, then flags and the reference list.
    Expects a summary rendered with fmt="md"."""
    from .csl.output import _escape_md as _md_escape

    lines = []
    for g in summary.groups:
        parts = "; ".join(f"{_md_escape(c.name)} {cs.citation}".rstrip() for c in g.conditions for cs in c.claims)
        lines.append(f"- **{_md_escape(g.name)}**: {parts}. *Evidence: {describe_counts(g.counts)}; "
                     f"strongest: {_label(g.strongest)}.*")
    flagged = [(c, cs) for g in summary.groups for c in g.conditions for cs in c.claims if cs.flags]
    if flagged:
        lines += ["", "### Evidence notes", ""]
        for c, cs in flagged:
            notes = "; ".join(f"{FLAG_NAMES[f.kind]} ({_md_escape(f.message)})" for f in cs.flags)
            lines.append(f"- {_md_escape(c.name)}: {notes}")
    lines += ["", "### References", ""]
    lines += [f"{e.text}\n" for e in summary.bibliography]
    return "\n".join(lines).rstrip("\n") + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1b1b;max-width:1100px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f2f2f2}
tr.flagged td{background:#fff4e5}
.flag{display:inline-block;margin:.1rem 0;padding:0 .35rem;border-radius:.3rem;background:#c0392b;color:#fff;
  font-size:.8rem}
.flag.unknown-design{background:#7f8c8d}.flag.weak-support{background:#d35400}
table.map{width:auto}
table.map th.design{width:5.2rem;font-weight:normal;font-size:.8rem;text-align:center;vertical-align:bottom}
table.map td.cell{height:1.6rem;text-align:center;font-weight:bold}
table.map th[scope=row]{font-weight:normal;white-space:nowrap}
.legend{font-size:.85rem;color:#555}
ol.bib li{margin:.3rem 0}
"""


def _shade(n: int, most: int) -> str:
    """Cell colour: white for 0, deeper green as the count nears the largest count."""
    if n == 0 or most == 0:
        return "#ffffff"
    level = 0.25 + 0.75 * n / most
    r, g, b = (int(255 - (255 - c) * level) for c in (26, 127, 55))
    return f"#{r:02x}{g:02x}{b:02x}"


def to_html(summary: Summary) -> str:
    """One self-contained page (inline CSS, no scripts, no external assets): the evidence map first
    (conditions × designs, each cell the number of references, shaded by count), the summary table, the
    bibliography. Built from templates/evidence_summary.html.j2 with autoescape, so every field is escaped.
    Expects a summary rendered with fmt="html" (citations and entries arrive as the renderer's escaped HTML)."""
    from .html_templates import render_page, rendered

    present = {slug for g in summary.groups for c in g.conditions for slug, _ in c.counts}
    columns = [slug for slug in DESIGNS if slug in present or DESIGNS[slug][0] <= 7]
    most = max((n for g in summary.groups for c in g.conditions for _, n in c.counts), default=0)
    map_rows = []
    for g in summary.groups:
        for c in g.conditions:
            counts = dict(c.counts)
            map_rows.append({"condition": c.name, "cells": [
                {"design": s, "count": counts.get(s, 0), "background": _shade(counts.get(s, 0), most),
                 "color": "#fff" if counts.get(s, 0) and counts.get(s, 0) * 2 > most else "#1b1b1b"}
                for s in columns]})
    rows = [{"group": g.name, "condition": c.name, "claim_id": cs.claim.id, "text": cs.claim.text,
             "citation": rendered(cs.citation), "refs": cs.refs, "strongest": _label(c.strongest),
             "flags": [{"kind": f.kind, "name": FLAG_NAMES.get(f.kind, f.kind), "message": f.message}
                       for f in cs.flags]}
            for g in summary.groups for c in g.conditions for cs in c.claims]
    return render_page("evidence_summary.html.j2", title=_title(summary), css=rendered(_CSS), summary=summary,
                       counts=describe_counts(summary.counts),
                       columns=[{"label": DESIGNS[s][1], "rank": DESIGNS[s][0]} for s in columns],
                       map_rows=map_rows, rows=rows,
                       bibliography=[{"key": e.key, "html": rendered(e.text)} for e in summary.bibliography])
