"""Every bundled independent CSL style (about 2,850) rendered with a citation and, where the style has
one, a bibliography: counts of styles, clear errors and crashes (tracebacks), and the time taken.

Too slow for the test suite (several minutes); tests/test_style_sweep.py runs the styles without a
bibliography and a deterministic sample.  Run from the repository root:

    PYTHONPATH=src python bench/style_sweep.py [--jobs 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from style_sweep import independent_styles, report, sweep  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1, help="processes (the styles are split between them)")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    args = parser.parse_args()
    styles = independent_styles()
    started = time.perf_counter()
    if args.jobs > 1:
        from multiprocessing import Pool

        with Pool(args.jobs) as pool:
            outcomes = [o for part in pool.map(sweep, [styles[i::args.jobs] for i in range(args.jobs)]) for o in part]
    else:
        outcomes = sweep(styles)
    result = report(outcomes)
    result["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{result['styles']} styles: {result['ok']} rendered, {len(result['errors'])} clear errors, "
          f"{len(result['crashes'])} crashes, {result['seconds']} s")
    for style, detail in {**result["errors"], **result["crashes"]}.items():
        print(f"--- {style}\n{detail.strip()}")


if __name__ == "__main__":
    main()
