"""The comparison sets (tests/fixtures/cite/SET-items.json) rendered by acuref in the structure of their
citeproc-js goldens (tools/make_cite_goldens.mjs, document mode), for tests/test_cite_varied.py.

A set is a name: its references are tests/fixtures/cite/SET-items.json, its clusters SET-clusters.json,
its documented citeproc-js divergences SET-divergences.json (optional), and its goldens and ratchet are in
tests/golden/cite/SET/ (one STYLE.tsv per style, RATCHET.json).  Every folder there with a RATCHET.json
is a set the tests compare ("varied" is the hand-made set of 71 references; "real" 90 real-world
records chosen by tools/make_real_set.py, SOURCE in fixtures/cite/real-SOURCE.md)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "cite"
GOLDENS = HERE / "golden" / "cite"
ITEMS = FIXTURES / "varied-items.json"
CLUSTERS = FIXTURES / "varied-clusters.json"
GOLDEN = GOLDENS / "varied"
RATCHET = GOLDEN / "RATCHET.json"


def sets() -> list[str]:
    """The names of the comparison sets: folders of tests/golden/cite with a RATCHET.json, sorted."""
    return sorted(p.parent.name for p in GOLDENS.glob("*/RATCHET.json"))


def items_path(name: str) -> Path:
    return FIXTURES / f"{name}-items.json"


def clusters_path(name: str) -> Path:
    return FIXTURES / f"{name}-clusters.json"


def divergences_path(name: str) -> Path:
    return FIXTURES / f"{name}-divergences.json"


def golden_dir(name: str) -> Path:
    return GOLDENS / name

#: the 15 styles of issue 13
STYLES = ["apa", "harvard-cite-them-right", "vancouver", "chicago-author-date", "chicago-note-bibliography",
          "american-medical-association", "modern-language-association", "ieee", "nature", "elsevier-harvard",
          "the-lancet", "bmj", "american-sociological-association", "springer-basic-author-date", "cell"]


def load_references(name: str = "varied"):
    """The set's references, read by acuref's own CSL-JSON reader."""
    from acuref.formats import read_file

    return read_file(items_path(name)).references


def _cite(spec: dict):
    from acuref.render import Cite

    return Cite(spec["id"], locator=spec.get("locator", ""), label=spec.get("label", "page"),
                prefix=spec.get("prefix", ""), suffix=spec.get("suffix", ""), mode=spec.get("mode", "normal"))


def acuref_lines(refs, style: str, name: str = "varied") -> list[str]:
    """acuref's lines for ``style``, in the golden's order (one render: the whole document)."""
    from acuref.render import Cite, render

    specs = json.loads(clusters_path(name).read_text(encoding="utf-8"))
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
