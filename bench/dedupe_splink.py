#!/usr/bin/env python3
"""Splink (DuckDB) on a labelled set, beside acuref, in one run: the measurement behind choosing
acuref's own Fellegi-Sunter scorer over Splink for one machine.

Splink runs in its own virtual environment (not a project dependency):
    python -m venv .cache/splink-venv && .cache/splink-venv/bin/pip install splink
The records are read once by acuref and written as the flat CSV Splink reads (normalised title,
first author, surnames, year, journal, volume, first page); Splink then estimates u by random
sampling, m by EM under two blocking rules, predicts and clusters, in a fresh process (wall time,
import included). acuref is timed the same way (`python -m acuref dedupe FILE --json`).

    PYTHONPATH=src python bench/dedupe_splink.py [--set stroke] [--runs 5] [--splink-python P]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"

SPLINK_RUNNER = r"""
import sys, time
t0 = time.perf_counter()
import duckdb
from splink import Linker, SettingsCreator, block_on
from splink.internals.duckdb.database_api import DuckDBAPI
import splink.comparison_library as cl
con = duckdb.connect()
api = DuckDBAPI(connection=con)
sdf = api.register(con.sql(f"select * from read_csv_auto('{sys.argv[1]}', all_varchar=true)"))
settings = SettingsCreator(
    link_type="dedupe_only",
    comparisons=[cl.JaroWinklerAtThresholds("title", [0.95, 0.88]), cl.ExactMatch("author1"), cl.ExactMatch("year"),
                 cl.JaroWinklerAtThresholds("journal", [0.9]), cl.ExactMatch("volume"), cl.ExactMatch("page")],
    blocking_rules_to_generate_predictions=[block_on("substr(title,1,30)"), block_on("author1", "year"),
                                            block_on("year", "volume", "page")],
)
linker = Linker(sdf, settings)
linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
linker.training.estimate_parameters_using_expectation_maximisation(block_on("substr(title,1,30)"))
linker.training.estimate_parameters_using_expectation_maximisation(block_on("author1", "year"))
pred = linker.inference.predict(threshold_match_probability=0.5)
clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.9)
rows = len(clusters.as_duckdbpyrelation().fetchall())
print(f"{time.perf_counter() - t0:.3f} {rows}")
"""


def write_csv(bib: Path, path: Path) -> None:
    sys.path.insert(0, str(REPO / "src"))
    from acuref.dedupe import features
    from acuref.formats import read_file

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unique_id", "title", "author1", "authors", "year", "journal", "volume", "page"])
        for ref in read_file(bib).references:
            f = features(ref)
            writer.writerow([ref.key, f.title, f.surnames[0] if f.surnames else "", " ".join(f.surnames), f.year or "",
                             f.container, f.volume, f.first_page])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="stroke", help="a set under shared/datasets/dedupe, or a folder with records.bib")
    parser.add_argument("--shared", default=os.environ.get("ACUREF_SHARED", str(REPO.parent / "shared")))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--splink-python", default=str(REPO / ".cache" / "splink-venv" / "bin" / "python"))
    args = parser.parse_args(argv)
    folder = Path(args.set) if Path(args.set).is_dir() else Path(args.shared) / "datasets" / "dedupe" / args.set
    bib = folder / "records.bib"
    flat = OUT / f"{folder.name}.splink.csv"
    write_csv(bib, flat)
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    splink, acuref = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        proc = subprocess.run([args.splink_python, "-c", SPLINK_RUNNER, str(flat)], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"error: Splink failed:\n{proc.stderr[-2000:]}")
        splink.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "acuref", "dedupe", str(bib), "--json"], capture_output=True, env=env, check=True)
        acuref.append(time.perf_counter() - start)
    s, a = statistics.median(splink), statistics.median(acuref)
    print(f"{folder.name}: median of {args.runs} runs, wall: Splink (DuckDB) {s:.2f} s, acuref {a:.2f} s, "
          f"Splink / acuref {s / a:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
