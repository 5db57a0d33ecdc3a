"""Time one read-modify-write of a large store (store.update changing one field), for this tree and a peer tree.

Usage: python bench/store_write.py [PEER_SRC ...] [--refs N] [--runs R]
Builds an N-reference store from the bundled one (renamed copies), then times update() in a fresh process
per run, alternating this tree's acuref and each peer source tree (e.g. /work/main/src: the writer before
comments were kept), and prints the median of R runs for each. Run by hand; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "src"

BUILD = """
import sys
from dataclasses import replace
from acuref.model import Store
from acuref.store import dumps, load
bundled = load(sys.argv[1])
refs = {}
for i in range(int(sys.argv[3]) // len(bundled.references) + 1):
    for k, r in bundled.references.items():
        refs[f"{k}x{i}"] = replace(r, key=f"{k}x{i}", aliases=())
open(sys.argv[2], "w").write(dumps(Store(references=dict(list(refs.items())[:int(sys.argv[3])]))))
"""

RUN = """
import sys, time
from dataclasses import replace
from acuref.store import load, update
path = sys.argv[1]
load(path)  # the load cache is warm, as after any acuref command
key = next(iter(load(path).references))
start = time.perf_counter()
update(path, lambda s: s.with_references({**s.references, key: replace(s.references[key], notes=sys.argv[2])}))
print(time.perf_counter() - start)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("peers", nargs="*")
    parser.add_argument("--refs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    trees = [str(HERE), *args.peers]
    folder = Path(tempfile.mkdtemp(prefix="acuref-bench-"))
    env = {**os.environ, "ACUREF_CACHE_DIR": str(folder / "cache")}
    bundled = HERE.parent / "data" / "references.toml"
    times: dict[str, list[float]] = {t: [] for t in trees}
    for tree in trees:
        subprocess.run([sys.executable, "-c", BUILD, str(bundled), str(folder / f"{len(times[tree])}.toml"), str(args.refs)],
                       env={**env, "PYTHONPATH": tree}, check=True)
    for run in range(args.runs):
        for n, tree in enumerate(trees):
            store = folder / f"store{n}.toml"
            if run == 0:
                store.write_bytes((folder / "0.toml").read_bytes())
            out = subprocess.run([sys.executable, "-c", RUN, str(store), f"note {run}"], capture_output=True, text=True,
                                 env={**env, "PYTHONPATH": tree}, check=True)
            times[tree].append(float(out.stdout))
    base = statistics.median(times[trees[0]])
    for tree in trees:
        median = statistics.median(times[tree])
        print(f"{tree}: median {median:.2f} s over {args.runs} runs (ratio to this tree {median / base:.2f})")


if __name__ == "__main__":
    main()
