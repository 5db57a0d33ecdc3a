"""The varied reference set (tests/fixtures/cite/varied-items.json) rendered by acuref in the structure of
its citeproc-js goldens (tools/make_cite_goldens.mjs, document mode), for tests/test_cite_varied.py."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ITEMS = HERE / "fixtures" / "cite" / "varied-items.json"
CLUSTERS = HERE / "fixtures" / "cite" / "varied-clusters.json"
GOLDEN = HERE / "golden" / "cite" / "varied"
RATCHET = GOLDEN / "RATCHET.json"

#: the 15 styles of issue 13
STYLES = ["apa", "harvard-cite-them-right", "vancouver", "chicago-author-date", "chicago-note-bibliography",
          "american-medical-association", "modern-language-association", "ieee", "nature", "elsevier-harvard",
          "the-lancet", "bmj", "american-sociological-association", "springer-basic-author-date", "cell"]


def load_references():
    from acuref.formats import read_file

    return read_file(ITEMS).references


def _cite(spec: dict):
    from acuref.render import Cite

    return Cite(spec["id"], locator=spec.get("locator", ""), label=spec.get("label", "page"),
                prefix=spec.get("prefix", ""), suffix=spec.get("suffix", ""), mode=spec.get("mode", "normal"))


def acuref_lines(refs, style: str) -> list[str]:
    """acuref's lines for ``style``, in the golden's order (one render: the whole document)."""
    from acuref.render import Cite, render

    specs = json.loads(CLUSTERS.read_text(encoding="utf-8"))
    keys = [r.key for r in refs]
    clusters = [[Cite(k)] for k in keys] + [[_cite(c) for c in cluster] for cluster in specs] + [
        [Cite(k) for k in keys]]
    result = render(refs, clusters, style=style)
    lines = [f"cite\t{k}\tcitation\t{c}" for k, c in zip(keys, result.citations)]
    lines += [f"cluster\t{n}\tcitation\t{c}" for n, c in enumerate(result.citations[len(keys):-1])]
    lines.append(f"all\t*\tcitation\t{result.citations[-1]}")
    lines += [f"entry\t{e.key}\tentry\t{e.text}" for e in result.bibliography]
    return lines


def compare(golden: list[str], ours: list[str]) -> tuple[float, list[tuple[str, str]]]:
    """(share of golden lines acuref reproduces exactly, [(golden, acuref)] for every difference).

    Lines are matched by their first three fields (kind, id, role), so an entry in the wrong place
    counts once, as a difference of order, instead of shifting every line after it."""
    mine = {tuple(line.split("\t")[:3]): line for line in ours}
    differences = [(g, mine.get(tuple(g.split("\t")[:3]), "")) for g in golden]
    differences = [(g, o) for g, o in differences if g != o]
    known = {tuple(g.split("\t")[:3]) for g in golden}
    differences += [("", o) for key, o in mine.items() if key not in known and key[0] == "entry"]
    order_golden = [line.split("\t")[1] for line in golden if line.startswith("entry\t")]
    order_ours = [line.split("\t")[1] for line in ours if line.startswith("entry\t")]
    if order_golden != order_ours:
        differences.append(("entry order: " + " ".join(order_golden), "entry order: " + " ".join(order_ours)))
    return max(0.0, 1 - len(differences) / (len(golden) + 1)), differences
