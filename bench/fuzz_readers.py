"""Larger mutation sweep of every reader (the suite runs 1,000 inputs per reader; this runs more).

Usage: python bench/fuzz_readers.py [inputs per reader, default 20000] [seed]
Prints, per reader, inputs run, inputs that gave references, inputs refused, and seconds; any
exception other than acuref's own is a bug and stops the run with its input saved to fuzz-crash.bin.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzzing import mutate, run_one, seeds  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    pools = seeds()
    for fmt, pool in pools.items():
        rng = random.Random(f"bench-{seed}-{fmt}")
        stats = {"inputs": 0, "with_refs": 0, "refused": 0}
        start = time.perf_counter()
        for _ in range(count):
            data = mutate(rng.choice(pool), rng)
            try:
                refs, problems = run_one(data, fmt)
            except BaseException:
                Path("fuzz-crash.bin").write_bytes(data)
                print(f"{fmt}: crash; input saved to fuzz-crash.bin", file=sys.stderr)
                raise
            stats["inputs"] += 1
            stats["with_refs"] += bool(refs)
            stats["refused"] += bool(problems)
        print(f"{fmt:12} {stats['inputs']:7} inputs  {stats['with_refs']:7} with references  "
              f"{stats['refused']:7} refused  {time.perf_counter() - start:6.1f} s")


if __name__ == "__main__":
    main()
