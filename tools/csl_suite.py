"""Run the whole CSL processor test suite through acuref; print pass counts by category; ratchet.

    python tools/csl_suite.py              # counts by category (prefix before "_"), lost fixtures
    python tools/csl_suite.py --update     # also add newly passing fixtures to tests/csl_suite/passing.txt
    python tools/csl_suite.py -v NAME...   # expected and actual output of the named fixtures

The ratchet only grows: a fixture is never removed by this script (a listed fixture that fails
fails tests/test_csl_suite.py; fix it, or remove the line by hand saying why in the commit).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from csl_suite import runner  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="fixtures to show (default: run all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print expected and actual output")
    parser.add_argument("--update", action="store_true", help="add newly passing fixtures to the ratchet")
    parser.add_argument("--json", metavar="FILE", help="write {name: [passed, output]} to FILE")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    names = args.names or runner.names()
    results = runner.run_many(names, args.workers)
    if args.verbose:
        for name in names:
            passed, got = results[name]
            print(f"=== {name}: {'PASS' if passed else 'FAIL'}")
            if not passed:
                print("--- expected\n" + runner.expected(runner.load(name)) + "\n--- acuref\n" + got)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.names:
        return 0
    total, passed = Counter(), Counter()
    for name, (ok, _) in results.items():
        category = name.split("_", 1)[0]
        total[category] += 1
        passed[category] += ok
    for category in sorted(total):
        print(f"{category:<16} {passed[category]:>4} / {total[category]:<4}")
    now = {n for n, (ok, _) in results.items() if ok}
    print(f"{'total':<16} {len(now):>4} / {len(results):<4} ({len(now) / len(results):.1%})")
    bare = set(runner.bare_citeproc_py_passes())
    lost = sorted(bare - now)
    print(f"bare citeproc-py 0.11.1 passes {len(bare)}; of those acuref fails {len(lost)}")
    listed = set(runner.ratchet())
    regressed = sorted(listed - now)
    if regressed:
        print("RATCHET: listed fixtures now failing:\n  " + "\n  ".join(regressed))
    if args.update:
        grown = sorted(listed | now)
        runner.RATCHET.write_text("# CSL test-suite fixtures acuref passes (tools/csl_suite.py --update adds)\n"
                                  + "".join(f"{n}\n" for n in grown), encoding="utf-8")
        print(f"ratchet: {len(listed)} -> {len(grown)} fixtures")
    return 1 if regressed else 0


if __name__ == "__main__":
    raise SystemExit(main())
