"""The double work item 4 removed, measured old against new in the same run.

    python bench/render_double_work.py OLD_SRC NEW_SRC [-n 7]

OLD_SRC and NEW_SRC are two checkouts' src/ folders (e.g. ``git archive main | tar -x -C /tmp/old``).
Each measurement is a new process per run, the two trees interleaved, medians of N:

- ``cite KEY --style chicago-notes`` (a notes-only style) and ``--style apa`` (the common case) with
  an empty cache folder (cold) and after one untimed run (warm, the render cache filled);
- ``render`` of a seed article's citations in apa and in a dependent style, in-process after the
  imports, with every style cache cleared: seconds per render, and how many times a CSL file was parsed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "data" / "references.toml"

_IN_PROCESS = r"""
import json, sys, time
from pathlib import Path
import acuref.styles as styles
from acuref.store import load
from acuref.drafts.rendering import render_parts
calls = {"n": 0}
original = styles._parse_safely
def counting(path):
    calls["n"] += 1
    return original(path)
styles._parse_safely = counting
store = load(sys.argv[1])
text = "".join(f"As shown [@{k}, p. 3]. " for k in list(store.references)[:12])
out = {}
for style in sys.argv[2:]:
    from acuref import render
    render._style_node.cache_clear()
    calls["n"] = 0
    start = time.perf_counter()
    render_parts(store, text, style=style)
    out[style] = [time.perf_counter() - start, calls["n"]]
print(json.dumps(out))
"""


def _cite(src: Path, cache: str, style: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(src), XDG_CACHE_HOME=cache, ACUREF_STORE=str(STORE))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "acuref", "cite", "deluze1992", "--style", style], env=env,
                   check=True, capture_output=True)
    return time.perf_counter() - start


def _render(src: Path, styles: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src), XDG_CACHE_HOME=tempfile.mkdtemp())
    done = subprocess.run([sys.executable, "-c", _IN_PROCESS, str(STORE), *styles], env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("-n", type=int, default=7)
    parser.add_argument("--styles", default="apa,nature-biotechnology")
    args = parser.parse_args()
    trees = {"old": args.old, "new": args.new}
    styles = args.styles.split(",")
    cite_styles = ("chicago-notes", "apa")  # notes-only (the double render), and the common case
    runs = {(name, style, kind): [] for name in trees for style in cite_styles for kind in ("cold", "warm")}
    render = {k: {s: [] for s in styles} for k in trees}
    parses = {k: {} for k in trees}
    warm_caches = {(name, style): tempfile.mkdtemp() for name in trees for style in cite_styles}
    for (name, style), cache in warm_caches.items():
        _cite(trees[name], cache, style)  # fill the render cache once
    for _ in range(args.n):
        for name, src in trees.items():
            for style in cite_styles:
                runs[name, style, "cold"].append(_cite(src, tempfile.mkdtemp(), style))
                runs[name, style, "warm"].append(_cite(src, warm_caches[name, style], style))
            for style, (seconds, count) in _render(src, styles).items():
                render[name][style].append(seconds)
                parses[name][style] = count
    med = statistics.median
    for style in cite_styles:
        for kind in ("cold", "warm"):
            o, n = med(runs["old", style, kind]), med(runs["new", style, kind])
            print(f"cite deluze1992 --style {style}, {kind}: old {o:.3f} s, new {n:.3f} s (new/old {n / o:.2f})")
    for style in styles:
        o, n = med(render["old"][style]), med(render["new"][style])
        print(f"render 12 citations, {style}: old {o * 1000:.1f} ms ({parses['old'][style]} CSL parses), "
              f"new {n * 1000:.1f} ms ({parses['new'][style]} CSL parses) (new/old {n / o:.2f})")


if __name__ == "__main__":
    main()
