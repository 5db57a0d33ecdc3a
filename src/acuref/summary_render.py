"""Evidence summaries for people: Markdown for articles, a self-contained HTML page with an evidence map."""

from __future__ import annotations

import html

from .evidence import Summary, counts_phrase
from .model import DESIGNS

FLAG_LABELS = {"weak": "weak support", "off-topic": "off-topic reference", "unknown-design": "design unknown"}


def _groups(summary: Summary):
    groups: dict[str, list] = {}
    for cond in summary.conditions:
        groups.setdefault(cond.group or "Other", []).append(cond)
    return groups


def to_markdown(summary: Summary) -> str:
    """The seed articles' shape: "**Nausea prevention**: post chemotherapy (Zhang et al., 2014); …", with designs."""
    lines = [f"# Evidence summary{': ' + summary.topic if summary.topic else ''}", "",
             f"Cited evidence: {counts_phrase(summary.designs)}.", ""]
    for group, conds in _groups(summary).items():
        counted: dict[str, set[str]] = {}
        for cond in conds:
            for item in cond.claims:
                for r in item.refs:
                    counted.setdefault(r.design, set()).add(r.key)
        designs = {d: len(counted[d]) for d in DESIGNS if d in counted}
        strongest = min(designs, key=lambda d: DESIGNS[d][0]) if designs else None
        lines.append(f"## {group}")
        lines.append("")
        lines.append(f"Strongest design: {DESIGNS[strongest][1] if strongest else 'none'}; {counts_phrase(designs)}.")
        lines.append("")
        for cond in conds:
            for item in cond.claims:
                marks = "".join(f" ⚑ *{FLAG_LABELS[f]}*" for f in item.flags)
                cite = f" {item.citation}" if item.citation else " (no reference in the store)"
                text = item.claim.text.rstrip(".")
                lines.append(f"- **{cond.condition}**: {text}{cite}.{marks}")
        lines.append("")
    if summary.flags:
        lines += ["## Flags", ""]
        lines += [f"- {claim} ({FLAG_LABELS[flag]}): {why}" for claim, flag, why in summary.flags]
        lines.append("")
    if summary.bibliography:
        lines += ["## References", ""]
        lines += [f"{text}\n" for _, text in summary.bibliography]
    return "\n".join(lines).rstrip() + "\n"


def to_html(summary: Summary) -> str:
    """One self-contained page (no external assets): the summary table and the evidence map.

    Citations and bibliography entries arrive as escaped HTML from the renderer; every other
    field is escaped here."""
    e = html.escape
    designs = [d for d in DESIGNS if any(d in c.designs for c in summary.conditions)]
    top = max([n for c in summary.conditions for n in c.designs.values()] or [1])
    rows = []
    for cond in summary.conditions:
        cells = []
        for d in designs:
            n = cond.designs.get(d, 0)
            shade = 0 if not n else 0.25 + 0.75 * n / top
            cells.append(f'<td class="cell" data-design="{e(d)}" data-count="{n}" style="background:rgba(31,119,180,{shade:.2f})">'
                         f'{n or ""}</td>')
        rows.append(f'<tr><th scope="row">{e(cond.condition)}<br><small>{e(cond.group)}</small></th>{"".join(cells)}</tr>')
    map_table = (f'<table id="evidence-map"><caption>Evidence map: references per condition and study design</caption>'
                 f'<thead><tr><th></th>{"".join(f"<th scope=col>{e(DESIGNS[d][1])}</th>" for d in designs)}</tr></thead>'
                 f'<tbody>{"".join(rows)}</tbody></table>')
    claim_rows = []
    for cond in summary.conditions:
        for item in cond.claims:
            flags = " ".join(f'<span class="flag {e(f)}">{e(FLAG_LABELS[f])}</span>' for f in item.flags)
            refs = ", ".join(f"{e(r.key)} ({e(DESIGNS[r.design][1])})" for r in item.refs) or "none"
            claim_rows.append(f'<tr data-claim="{e(item.claim.id)}"><td>{e(cond.group)}</td><td>{e(cond.condition)}</td>'
                              f'<td>{e(item.claim.text.rstrip("."))} {item.citation}.</td><td>{refs}</td><td>{flags}</td></tr>')
    bibliography = "".join(f'<div class="csl-entry">{text}</div>' for _, text in summary.bibliography)
    title = f"Evidence summary{': ' + summary.topic if summary.topic else ''}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(title)}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222}}
table{{border-collapse:collapse;margin:1em 0}}
th,td{{border:1px solid #ccc;padding:.35em .6em;vertical-align:top;text-align:left}}
#evidence-map td.cell{{text-align:center;min-width:5em;font-weight:bold}}
#evidence-map thead th{{font-size:.85em}}
.flag{{display:inline-block;padding:.1em .4em;border-radius:.3em;font-size:.8em;margin:.1em;background:#fde2c8}}
.flag.off-topic,.flag.weak{{background:#f8c4c4}}
.csl-entry{{margin:.4em 0;padding-left:2em;text-indent:-2em}}
</style>
</head>
<body>
<h1>{e(title)}</h1>
<p id="design-counts">Cited evidence: {e(counts_phrase(summary.designs))}.</p>
{map_table}
<h2>Claims</h2>
<table id="claims"><thead><tr><th>Group</th><th>Condition</th><th>Claim</th><th>References (design)</th><th>Flags</th></tr></thead>
<tbody>{"".join(claim_rows)}</tbody></table>
<h2>References</h2>
<div class="csl-bib-body">{bibliography}</div>
</body>
</html>
"""
