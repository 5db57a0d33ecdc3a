#!/usr/bin/env python3
"""Accuracy and speed of `acuref dedupe` against bib-dedupe on the labelled sets, in one run.

For each labelled set (../shared/datasets/dedupe/NAME/{records.bib,truth.csv}):
- acuref: `python -m acuref dedupe records.bib --json` in a fresh subprocess (wall time,
  interpreter start and file reading included), and `find_groups()` timed in this process
  on the records already read (matching alone);
- bib-dedupe: prep → block → match → cluster in a subprocess run by bib-dedupe's own
  interpreter (its virtual environment; not a project dependency), on the same records
  converted once to the CSV it reads (wall time, and the pipeline alone timed inside).
Both groupings are scored by ../shared/tools/score_dedupe.py; each timing is repeated
--runs times, acuref and bib-dedupe runs interleaved (a shared machine's load moves within
minutes), and the median printed, with the ratio bib-dedupe / acuref.

    PYTHONPATH=src python bench/dedupe_compare.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
SETS = ("stroke", "cytology_screening")
DEFAULT_BD_PYTHON = os.environ.get("BIB_DEDUPE_PYTHON", str(REPO / ".cache" / "bd-venv" / "bin" / "python"))

# Run by bib-dedupe's interpreter: argv[1] = CSV of records; prints {"groups": [...], "seconds": pipeline time}.
BIB_DEDUPE_RUNNER = r"""
import json, sys, time
import pandas as pd
import bib_dedupe.bib_dedupe as bd
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
start = time.perf_counter()
prepped = bd.prep(df, verbosity_level=0)
pairs = bd.block(prepped, verbosity_level=0)
matched = bd.match(pairs, verbosity_level=0)
clusters = bd.cluster(matched, verbosity_level=0)
seconds = time.perf_counter() - start
print(json.dumps({"groups": [sorted(map(str, c)) for c in clusters], "seconds": seconds}))
"""
BIB_DEDUPE_FIELDS = ("ID", "ENTRYTYPE", "title", "author", "year", "journal", "booktitle", "volume", "number", "pages", "doi")


def shared_dir(option: str | None) -> Path:
    """../shared beside the repository, or the --shared / $ACUREF_SHARED override."""
    option = option or os.environ.get("ACUREF_SHARED")
    path = Path(option) if option else REPO.parent / "shared"
    if not (path / "tools" / "score_dedupe.py").exists():
        sys.exit(f"error: {path} has no tools/score_dedupe.py; pass --shared DIR")
    return path


def acuref_env() -> dict:
    """The environment that makes `python -m acuref` run this worktree's source."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH", "")) if p)
    return env


def run_measured(argv: list[str], env: dict | None = None) -> tuple[str, str, int, float, int]:
    """Stdout, stderr, exit status, wall seconds and peak RSS (KiB) of one child process."""
    import tempfile

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return out.read(), err.read(), proc.returncode, seconds, usage.ru_maxrss


def run_acuref(bib: Path, python: str = sys.executable) -> tuple[list[list[str]], float, int]:
    """Groups, wall seconds and peak RSS (KiB) of `python -m acuref dedupe BIB --json` in a fresh process."""
    out, err, status, seconds, peak = run_measured([python, "-m", "acuref", "dedupe", str(bib), "--json"], acuref_env())
    if status != 0:
        sys.exit(f"error: acuref dedupe {bib} exited {status}:\n{err}")
    return [g["keys"] for g in json.loads(out)["groups"]], seconds, peak


def time_in_process(bib: Path, runs: int) -> tuple[list[list[str]], list[float]]:
    """Groups and per-run seconds of acuref.dedupe.find_groups on records read once (matching alone)."""
    sys.path.insert(0, str(REPO / "src"))
    from acuref.dedupe import find_groups
    from acuref.formats import read_file

    refs = read_file(bib).references
    times, groups = [], []
    for _ in range(runs):
        start = time.perf_counter()
        groups = find_groups(refs)
        times.append(time.perf_counter() - start)
    return [list(g.keys) for g in groups], times


def bib_to_csv(bib: Path, csv_path: Path) -> int:
    """The BibTeX records as the CSV bib-dedupe reads (its field names; values as in the file)."""
    import bibtexparser

    library = bibtexparser.parse_file(str(bib))
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=BIB_DEDUPE_FIELDS)
        writer.writeheader()
        for entry in library.entries:
            row = {"ID": entry.key, "ENTRYTYPE": entry.entry_type.lower()}
            for f in entry.fields:
                if f.key.lower() in BIB_DEDUPE_FIELDS:
                    row[f.key.lower()] = " ".join(str(f.value).replace("{", "").replace("}", "").split())
            writer.writerow(row)
    return len(library.entries)


def run_bib_dedupe(python: str, csv_path: Path) -> tuple[list[list[str]], float, float]:
    """Groups, wall seconds and pipeline seconds (prep to cluster) of bib-dedupe on CSV_PATH."""
    start = time.perf_counter()
    proc = subprocess.run([python, "-c", BIB_DEDUPE_RUNNER, str(csv_path)], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"error: bib-dedupe on {csv_path} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result["groups"], wall, result["seconds"]


_SCORE = {
    "pair_precision": r"pair precision: ([\d.]+)", "pair_recall": r"pair recall: ([\d.]+)",
    "sensitivity": r"sensitivity: ([\d.]+)", "specificity": r"specificity: ([\d.]+)", "false_merges": r"false merges: (\d+)",
}


def score(shared: Path, truth: Path, groups: list[list[str]], name: str, records: int | None = None) -> dict:
    """The scores score_dedupe.py gives GROUPS against TRUTH (its printed figures, parsed)."""
    OUT.mkdir(parents=True, exist_ok=True)
    predicted = OUT / f"{name}.groups.json"
    predicted.write_text(json.dumps({"groups": groups}), encoding="utf-8")
    argv = [sys.executable, str(shared / "tools" / "score_dedupe.py"), str(truth), str(predicted)]
    if records is not None:
        argv += ["--records", str(records)]
    text = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    scores = {}
    for field, pattern in _SCORE.items():
        m = re.search(pattern, text)
        scores[field] = (int(m.group(1)) if field == "false_merges" else float(m.group(1))) if m else None
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared/ folder (default: $ACUREF_SHARED, else ../shared beside the repository)")
    parser.add_argument("--sets", nargs="+", default=list(SETS), help="labelled sets to run: names under shared/datasets/dedupe, or folders holding records.bib and "
                             "truth.csv such as held-out sets made by bench/csv_to_labelled_set.py (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool and set; the median is printed")
    parser.add_argument("--bib-dedupe-python", default=DEFAULT_BD_PYTHON,
                        help="interpreter with bib-dedupe installed (default: $BIB_DEDUPE_PYTHON, else .cache/bd-venv/bin/python)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    shared = shared_dir(args.shared)

    bd_python = args.bib_dedupe_python
    has_bd = Path(bd_python).exists() and subprocess.run([bd_python, "-c", "import bib_dedupe"],
                                                         capture_output=True).returncode == 0
    if not has_bd:
        print(f"bib-dedupe not found ({bd_python} cannot import bib_dedupe): comparing nothing, acuref only. "
              "Install it in its own venv (python -m venv V && V/bin/pip install bib-dedupe) and pass "
              "--bib-dedupe-python V/bin/python.", file=sys.stderr)

    rows = []
    for name in args.sets:
        folder = Path(name) if Path(name).is_dir() else shared / "datasets" / "dedupe" / name
        name = folder.name
        bib, truth = folder / "records.bib", folder / "truth.csv"
        have_bd = has_bd
        if have_bd:
            csv_path = OUT / f"{name}.bib-dedupe.csv"
            bib_to_csv(bib, csv_path)
        walls, rss, bd_walls, bd_pipes = [], [], [], []
        bd_groups: list = []
        for _ in range(args.runs):  # interleaved, so that both tools see the same machine load
            groups, wall, peak = run_acuref(bib)
            walls.append(wall)
            rss.append(peak)
            if have_bd:
                bd_groups, wall, pipe = run_bib_dedupe(bd_python, csv_path)
                bd_walls.append(wall)
                bd_pipes.append(pipe)
        in_groups, in_times = time_in_process(bib, args.runs)
        if sorted(map(sorted, in_groups)) != sorted(map(sorted, groups)):
            print(f"warning: {name}: find_groups in process and the CLI disagree", file=sys.stderr)
        acuref = {"set": name, "tool": "acuref", **score(shared, truth, groups, f"{name}.acuref"),
                  "wall_s": statistics.median(walls), "match_s": statistics.median(in_times),
                  "wall_runs": walls, "match_runs": in_times, "peak_rss_mb": max(rss) / 1024}
        rows.append(acuref)
        print(f"{name}: acuref done ({acuref['wall_s']:.2f} s)", file=sys.stderr)
        if not have_bd:
            continue
        peer = {"set": name, "tool": "bib-dedupe", **score(shared, truth, bd_groups, f"{name}.bib-dedupe"),
                "wall_s": statistics.median(bd_walls), "match_s": statistics.median(bd_pipes),
                "wall_runs": bd_walls, "match_runs": bd_pipes}
        peer["ratio_wall"] = peer["wall_s"] / acuref["wall_s"]
        peer["ratio_match"] = peer["match_s"] / acuref["match_s"]
        peer["ratio_wall_paired"] = statistics.median(b / a for a, b in zip(walls, bd_walls))  # run by run
        rows.append(peer)
        print(f"{name}: bib-dedupe done ({peer['wall_s']:.2f} s)", file=sys.stderr)

    if args.json:
        print(json.dumps({"runs": args.runs, "results": rows}, indent=2))
        return 0
    print(f"median of {args.runs} runs; wall = fresh process incl. start and reading the file; "
          "match = find_groups / prep..cluster only")
    header = ("set", "tool", "sens", "spec", "false", "pair P", "pair R", "wall s", "match s", "bd/acuref wall", "bd/acuref match",
              "paired wall")
    print("{:<19} {:<10} {:>6} {:>6} {:>5} {:>6} {:>6} {:>7} {:>7} {:>14} {:>15} {:>11}".format(*header))
    for r in rows:
        ratio_w = f"{r['ratio_wall']:.1f}x" if "ratio_wall" in r else ""
        ratio_m = f"{r['ratio_match']:.1f}x" if "ratio_match" in r else ""
        ratio_p = f"{r['ratio_wall_paired']:.1f}x" if "ratio_wall_paired" in r else ""
        print(f"{r['set']:<19} {r['tool']:<10} {r['sensitivity']:>6.4f} {r['specificity']:>6.4f} {r['false_merges']:>5} "
              f"{r['pair_precision']:>6.4f} {r['pair_recall']:>6.4f} {r['wall_s']:>7.3f} {r['match_s']:>7.3f} "
              f"{ratio_w:>14} {ratio_m:>15} {ratio_p:>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
