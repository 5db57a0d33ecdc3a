"""A 1,000-reference bibliography in APA: acuref against citeproc-js and pandoc, in one run.

    python bench/bibliography.py [--n 1000] [--runs 5] [--style apa]

Generates a store of N references from the bundled ones (authors, years, titles and journals
recombined, so that some first authors and years coincide as in a real bibliography), then
times, each in a fresh process and the median of --runs:
- acuref export --to text (cold: empty render cache; warm: the same export again);
- citeproc-js (npm citeproc; set CITEPROC_DIR to the folder holding node_modules/citeproc,
  default .cache/citeproc-js as used by tools/make_cite_goldens.sh; skipped when absent);
- pandoc --citeproc (skipped when pandoc is not installed), on the same items as CSL-JSON; each
  --pandoc PATH adds another pandoc build (e.g. pypandoc-binary's pandoc 3.x) to the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from acuref import store as store_mod  # noqa: E402
from acuref.model import Name, Store, to_csl  # noqa: E402
from acuref.styles import find_style  # noqa: E402


def generate(n: int, seed: int = 1) -> Store:
    """N references recombined from the bundled store: real shapes, varied authors and years."""
    base = [r for r in store_mod.load(store_mod.bundled_store_path()) if r.author and r.title]
    families = sorted({a.family for r in base for a in r.author if a.family})
    givens = sorted({a.given for r in base for a in r.author if a.given})
    words = sorted({w for r in base for w in r.title.split() if w.isalpha()})
    rng = random.Random(seed)
    refs = {}
    for i in range(n):
        model = base[i % len(base)]
        authors = tuple(Name(family=rng.choice(families), given=rng.choice(givens))
                        for _ in range(rng.choice([1, 2, 3, 3, 4, 6, 8])))
        title = " ".join(rng.choice(words) for _ in range(rng.randrange(5, 14))).capitalize()
        key = f"gen{i:05d}"
        refs[key] = replace(model, key=key, author=authors, title=title, issued=(rng.randrange(1975, 2025),),
                            aliases=(), name_variants=(), distinct=())
    return Store(references=refs, claims=())


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--pandoc", action="append", default=[], metavar="PATH",
                        help="another pandoc binary to time beside the one on PATH (repeatable)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="acuref-bench-"))
    try:
        store = generate(args.n)
        store_path = work / "references.toml"
        store_mod.save(store, store_path)
        items = work / "items.json"
        items.write_text(json.dumps([to_csl(r, extras=False) | {"id": r.key} for r in store]), encoding="utf-8")
        style = find_style(args.style).path
        from acuref.csl.locale import locales_dir

        locales = locales_dir()  # the locale files acuref reads, so citeproc-js renders with the same terms
        cache = work / "cache"
        env = {**os.environ, "ACUREF_CACHE_DIR": str(cache)}
        acuref = [sys.executable, "-m", "acuref", "export", "--to", "text", "--style", args.style,
                  "--store", str(store_path)]
        results: dict[str, list[float]] = {"acuref (cold)": [], "acuref (warm cache)": []}
        outputs = {}
        for _ in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            t, outputs["acuref"] = timed(acuref, env)
            results["acuref (cold)"].append(t)
            results["acuref (warm cache)"].append(timed(acuref, env)[0])

        cjs_dir = Path(os.environ.get("CITEPROC_DIR", ROOT / ".cache" / "citeproc-js"))
        if (cjs_dir / "node_modules" / "citeproc").is_dir() and shutil.which("node"):
            cmd = ["node", str(ROOT / "bench" / "citeproc_js_bibliography.mjs"), str(items), str(style), str(locales)]
            cenv = {**os.environ, "CITEPROC_DIR": str((cjs_dir / "node_modules").resolve())}
            results["citeproc-js"] = [timed(cmd, cenv)[0] for _ in range(args.runs)]
        else:
            print(f"citeproc-js skipped: no {cjs_dir}/node_modules/citeproc (set CITEPROC_DIR)", file=sys.stderr)
        doc = work / "doc.md"
        doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
        pandocs = ([shutil.which("pandoc")] if shutil.which("pandoc") else []) + args.pandoc
        if not pandocs:
            print("pandoc skipped: not installed", file=sys.stderr)
        for binary in pandocs:
            version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.split()[1]
            cmd = [binary, str(doc), "--citeproc", "--bibliography", str(items), "--csl", str(style),
                   "-t", "plain", "--wrap=none"]
            results[f"pandoc {version} --citeproc"] = [timed(cmd)[0] for _ in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    entries = len([line for line in outputs["acuref"].splitlines() if line.strip()])
    cold = statistics.median(results["acuref (cold)"])
    table = {name: {"median_s": round(statistics.median(ts), 3), "min_s": round(min(ts), 3),
                    "ratio_to_acuref_cold": round(statistics.median(ts) / cold, 2)} for name, ts in results.items()}
    if args.json:
        print(json.dumps({"n": args.n, "style": args.style, "runs": args.runs, "entries": entries, "results": table},
                         indent=2))
        return
    print(f"{args.n} references, style {args.style}, {args.runs} runs each, fresh process per run "
          f"(acuref printed {entries} entries)")
    print(f"{'tool':<28}{'median s':>10}{'min s':>9}{'÷ acuref cold':>15}")
    for name, row in table.items():
        print(f"{name:<28}{row['median_s']:>10.3f}{row['min_s']:>9.3f}{row['ratio_to_acuref_cold']:>15.2f}")


if __name__ == "__main__":
    main()
