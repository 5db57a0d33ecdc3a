"""The reference-string parser: time against string length (linear?), cold start, and the old regex.

    PYTHONPATH=src python bench/parser_linear.py --runs 5

1. Growth: parse_string on reference strings of 1k to 64k characters (an APA reference whose author
   list grows, and random printable text): median seconds per string and microseconds per character.
   Linear time shows as a flat microseconds-per-character column.
2. Peer in the same run: the regular expression acuref used before (commit 8f242e5,
   formats/text.py), run in a child process with a time limit on the same n-author strings, to show
   the exponential growth the parser replaced.
3. Cold start: fresh processes of ``acuref import --format text ONE.txt --dry-run`` (the whole
   command: interpreter, imports, model load, parse, plan), of the parser alone
   (``python -c "from acuref.parser import parse_string; parse_string(...)"``), and of
   ``acuref cite deluze1992`` in the same run, whose idle-machine time the README quotes, so the
   ratio carries over when the machine is busy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD_COMMIT = "8f242e5"
SURNAMES = ["Zhang", "Smith", "García", "Müller", "Rossi", "Dubois", "Kowalski", "Tanaka", "Okafor", "Silva"]


def apa(n_authors: int) -> str:
    names = ", ".join(f"{SURNAMES[i % 10]}{'abcdefghij'[i // 10 % 10] if i >= 10 else ''}, {chr(65 + i % 26)}. {chr(65 + i * 7 % 26)}."
                      for i in range(n_authors))
    return f"{names}, & Last, Z. (2003). Learning and teaching programming: A review. Computer Science Education, 13(2), 137–172."


def random_text(n_chars: int, seed: int = 15) -> str:
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 .,;:()[]-–&\"'"
    return "".join(rng.choice(alphabet) for _ in range(n_chars))


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def growth(runs: int) -> list[dict]:
    from acuref.parser import parse_string

    parse_string("warm up, the model loads once")
    rows = []
    for target in (1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000):
        n = 1
        while len(apa(n)) < target:
            n *= 2
        lo, hi = n // 2, n
        while lo < hi:  # the author count whose string is closest above target
            mid = (lo + hi) // 2
            lo, hi = (mid + 1, hi) if len(apa(mid)) < target else (lo, mid)
        for kind, text in (("apa", apa(lo)), ("random", random_text(target))):
            t = median_time(lambda: parse_string(text), runs)
            rows.append({"kind": kind, "chars": len(text), "seconds": round(t, 4),
                         "us_per_char": round(t / len(text) * 1e6, 2)})
    return rows


def old_regex(runs: int, limit: float) -> list[dict]:
    """The old parser on n-author APA strings, in a child process killed after ``limit`` seconds."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD_COMMIT}:src/acuref/formats/text.py"],
                            capture_output=True, text=True)
    if source.returncode:
        return [{"error": f"cannot read the old parser from git ({OLD_COMMIT})"}]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / "oldtext.py"
        pkg.write_text(source.stdout.replace("from ..errors", "from acuref.errors").replace("from ..model", "from acuref.model")
                       .replace("from . import", "from acuref.formats import").replace("from .common", "from acuref.formats.common"),
                       encoding="utf-8")
        from acuref.parser import parse_string

        for n in (4, 6, 8, 10, 12):
            text = apa(n)
            code = (f"import sys, time; sys.path.insert(0, {tmp!r}); import oldtext; s = {text!r}; "
                    "t = time.perf_counter(); oldtext.parse_reference(s); print(time.perf_counter() - t)")
            times = []
            for _ in range(runs):
                try:
                    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=limit,
                                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
                    times.append(float(out.stdout.strip() or "nan"))
                except subprocess.TimeoutExpired:
                    times.append(float("inf"))
                    break
            new = median_time(lambda: parse_string(text), runs)
            rows.append({"authors": n, "chars": len(text), "old_regex_s": statistics.median(times),
                         "crf_parser_s": round(new, 4)})
            if times[-1] == float("inf"):
                break
    return rows


def cold(runs: int) -> dict:
    one = "Deluze, C., Bosia, L. and Vischer, T.L., 1992. Electroacupuncture in fibromyalgia: results of a controlled trial. British Medical Journal305(6864), pp.1249-1252."
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one.txt"
        path.write_text(one + "\n", encoding="utf-8")
        store = Path(tmp) / "refs.toml"
        store.write_text("schema = 1\n", encoding="utf-8")
        # bytecode caches on, as users have them (a shell with PYTHONDONTWRITEBYTECODE=1 would time compiling)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPATH"] = str(ROOT / "src")
        commands = {
            "acuref import --format text --dry-run": [sys.executable, "-m", "acuref", "import", "--format", "text", str(path),
                                                      "--dry-run", "--store", str(store)],
            "parser alone (import + model load + parse)": [sys.executable, "-c",
                                                           f"from acuref.parser import parse_string; parse_string({one!r})"],
            "acuref cite deluze1992 (reference: README quotes 0.14-0.16 s)": [sys.executable, "-m", "acuref", "cite",
                                                                              "deluze1992"],
            "python -c pass (interpreter start)": [sys.executable, "-c", "pass"],
        }
        out = {}
        for name, cmd in commands.items():
            subprocess.run(cmd, capture_output=True, env=env, check=True)  # warm: .pyc files written
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run(cmd, capture_output=True, env=env, check=True)
                times.append(time.perf_counter() - start)
            out[name] = round(statistics.median(times), 3)
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=float, default=20.0, help="seconds before the old regex is stopped")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = {"growth": growth(args.runs), "old_regex_vs_crf": old_regex(args.runs, args.limit), "cold_start_s": cold(args.runs)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print("chars    kind     median s   µs/char")
    for r in result["growth"]:
        print(f"{r['chars']:>6}   {r['kind']:<7}  {r['seconds']:>8.4f}   {r['us_per_char']:>7.2f}")
    print("\nauthors  chars   old regex s   CRF parser s")
    for r in result["old_regex_vs_crf"]:
        if "error" in r:
            print(r["error"])
            continue
        old = "> limit" if r["old_regex_s"] == float("inf") else f"{r['old_regex_s']:.3f}"
        print(f"{r['authors']:>7}  {r['chars']:>5}   {old:>11}   {r['crf_parser_s']:>12.4f}")
    print("\ncold start (median of fresh processes):")
    for name, s in result["cold_start_s"].items():
        print(f"  {s:6.3f} s  {name}")


if __name__ == "__main__":
    main()
