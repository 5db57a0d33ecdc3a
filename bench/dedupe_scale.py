#!/usr/bin/env python3
"""How `acuref dedupe` scales: generated corpora of 10k to 100k records, time, peak memory, accuracy.

The corpus is made from the real records of the labelled sets (../shared/datasets/dedupe/*/records.bib;
their truth files are never read):
- originals: the real records (one per normalised title), then records made by mutating a real record
  (a third or more of its title words replaced by words of other titles, authors recombined from the
  real author pool or kept as the same team, another year, journal, volume and pages), so that
  look-alikes exist: the same team with another title in the same year, a "part 2" of a title,
  titles sharing their opening words;
- duplicates: about a quarter of the originals get one to three copies, each perturbed one to three
  ways as real exports differ: title case, a "[Chinese]"-style tag, "221-8" for "221-228", an
  abbreviated journal, a surname typo, the DOI with or without https://doi.org/ (DOIs in the
  corpus are synthetic), missing fields, accents dropped, initials for given names, the year one off.
The generated truth is scored with ../shared/tools/score_dedupe.py. Each size is written as BibTeX to
bench/out/ (or --out) and deduplicated by `python -m acuref dedupe FILE --json` in a fresh process,
whose wall time and peak RSS are measured (median of --runs runs; peak is the largest).

    PYTHONPATH=src python bench/dedupe_scale.py [--sizes 10000 25000 50000 100000] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import statistics
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dedupe_compare import OUT, SETS, acuref_env, run_measured, score, shared_dir  # noqa: E402

FIELDS = ("author", "title", "journal", "year", "volume", "number", "pages", "doi")
STOP = {"of", "the", "and", "for", "in", "on", "a", "an", "to", "with", "at", "by", "de", "la", "und", "der"}
LANG_TAGS = ("[Chinese]", "[Article in German]", "[Japanese]", "[Article in French]", "[Review] [41 refs]", "[Spanish]")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", re.sub(r"\[[^\]]*\]", " ", text)).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def read_seeds(shared: Path) -> list[dict]:
    """The real records of every set (raw BibTeX fields), without the sets' own duplicates.

    Those are dropped without the truth files: a record is left out when its title (letters and
    digits only), the first 50 of them, or its year + volume + first page was seen already; this
    drops some distinct records too, which does not matter for a seed pool.
    """
    import bibtexparser

    seeds, seen = [], set()
    for name in SETS:
        library = bibtexparser.parse_file(str(shared / "datasets" / "dedupe" / name / "records.bib"))
        for entry in library.entries:
            rec = {f.key.lower(): " ".join(str(f.value).replace("{", "").replace("}", "").split())
                   for f in entry.fields if f.key.lower() in FIELDS}
            squashed = norm(rec.get("title", "")).replace(" ", "")
            first_page = re.match(r"\D*(\d*)", rec.get("pages", "")).group(1)
            keys = {"t:" + squashed, "p:" + squashed[:50]}
            if rec.get("volume") and first_page:
                keys.add(f"v:{rec.get('year')}:{rec['volume']}:{first_page}")
            if len(squashed) < 15 or keys & seen or not rec.get("author"):
                seen |= keys
                continue
            seen |= keys
            rec["title"] = " ".join(re.sub(r"\[[^\]]*\]", " ", rec["title"]).split()).rstrip(". ")
            rec["authors"] = [a.strip() for a in rec.pop("author").split(" and ") if a.strip()]
            seeds.append(rec)
    return seeds


class Generator:
    """Originals and perturbed duplicates, reproducible from a seed."""

    def __init__(self, seeds: list[dict], rng: random.Random):
        self.seeds, self.rng = seeds, rng
        self.title_words = [w for s in seeds for w in s["title"].split() if len(w) > 3 and w.lower() not in STOP]
        self.names = [a for s in seeds for a in s["authors"] if "," in a]
        self.accented = [a for a in self.names if a != strip_accents(a)]
        self.journals = [s["journal"] for s in seeds if s.get("journal")]
        self.titles: set[str] = set()
        self.doi_serial = 0

    def doi(self, journal: str, year: str) -> str:
        self.doi_serial += 1
        prefix = "".join(w[0] for w in re.findall(r"[A-Za-z]+", journal) if w.lower() not in STOP)[:6].lower() or "j"
        return f"10.{1000 + self.doi_serial % 8000}/{prefix}.{year}.{self.doi_serial:06d}"

    def unique(self, title: str) -> bool:
        key = norm(title)
        if len(key) < 15 or key in self.titles:
            return False
        self.titles.add(key)
        return True

    def originals(self, count: int) -> list[dict]:
        rng, out = self.rng, []
        for seed in self.seeds:
            if len(out) >= count // 3:  # at most a third are the real records as they are
                break
            if self.unique(seed["title"]):
                rec = dict(seed, authors=list(seed["authors"]))
                if rng.random() < 0.6:
                    rec["doi"] = self.doi(rec.get("journal", ""), rec.get("year", "2000"))
                out.append(rec)
        while len(out) < count:
            rec = self.mutate(rng.choice(self.seeds if rng.random() < 0.7 else out))
            if rec is not None:
                out.append(rec)
        return out

    def mutate(self, base: dict) -> dict | None:
        """A distinct work resembling BASE."""
        rng = self.rng
        rec = dict(base, authors=list(base["authors"]))
        words = base["title"].split()
        kind = rng.random()
        if kind < 0.05 and len(words) > 4:  # a numbered part of the same study
            title = f"{base['title'].rstrip('.')}: part {rng.choice(['2', '3', 'II', 'III'])}"
        elif kind < 0.12 and len(words) > 6:  # the same opening, another ending
            cut = len(words) // 2
            title = " ".join(words[:cut] + rng.sample(self.title_words, max(3, len(words) - cut)))
        else:
            words = list(words)
            slots = [i for i, w in enumerate(words) if len(w) > 3 and w.lower() not in STOP]
            for i in rng.sample(slots, max(1, (len(slots) + 1) // 2)) if slots else []:
                words[i] = rng.choice(self.title_words)
            if len(words) < 5:
                words += rng.sample(self.title_words, 3)
            title = " ".join(words)
        if not self.unique(title):
            return None
        rec["title"] = title
        if rng.random() < 0.7:  # another team (a third keep the team: the same authors, another paper)
            rec["authors"] = rng.sample(self.names, rng.randint(1, 8))
            if self.accented and rng.random() < 0.1:
                rec["authors"][0] = rng.choice(self.accented)
        else:
            rec["year"] = base.get("year", "2010")
        if "year" not in rec or rec["authors"] != base["authors"]:
            rec["year"] = str(rng.randint(1990, 2022))
        if rng.random() < 0.5:
            rec["journal"] = rng.choice(self.journals)
        rec["volume"] = str(rng.randint(1, 250))
        rec["number"] = str(rng.randint(1, 12))
        first = rng.randint(1, 2500)
        rec["pages"] = f"{first}-{first + rng.randint(2, 20)}"
        rec.pop("doi", None)
        if rng.random() < 0.6:
            rec["doi"] = self.doi(rec.get("journal", ""), rec["year"])
        return rec

    # --- perturbations as real exports show them -------------------------------------------------

    def duplicate(self, rec: dict) -> dict:
        rng = self.rng
        dup = dict(rec, authors=list(rec["authors"]))
        for _ in range(rng.choices((1, 2, 3), (5, 3, 2))[0]):
            for _ in range(10):
                if rng.choice(PERTURBATIONS)(self, dup):
                    break
        return dup


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def p_case(g: Generator, r: dict) -> bool:
    r["title"] = g.rng.choice((str.upper, str.lower, str.title, lambda t: t[:1].upper() + t[1:].lower()))(r["title"])
    return True


def p_tag(g: Generator, r: dict) -> bool:
    if "[" in r["title"]:
        return False
    r["title"] = r["title"].rstrip(". ") + ". " + g.rng.choice(LANG_TAGS)
    return True


def p_pages(g: Generator, r: dict) -> bool:
    m = re.fullmatch(r"(\d+)-(\d+)", r.get("pages", ""))
    if not m or len(m.group(1)) != len(m.group(2)):
        return False
    a, b = m.groups()
    i = 0
    while i < len(a) - 1 and a[i] == b[i]:
        i += 1
    r["pages"] = f"{a}-{b[i:]}"
    return r["pages"] != f"{a}-{b}"


def p_journal(g: Generator, r: dict) -> bool:
    words = [w for w in re.findall(r"[A-Za-z]+", r.get("journal", "")) if w.lower() not in STOP]
    if len(words) < 2:
        return False
    r["journal"] = " ".join(w if len(w) <= 4 else w[: g.rng.choice((3, 4, 5))] for w in words)
    return True


def p_typo(g: Generator, r: dict) -> bool:
    idx = [i for i, a in enumerate(r["authors"]) if len(a.split(",")[0]) > 4]
    if not idx:
        return False
    i = g.rng.choice(idx)
    surname, _, rest = r["authors"][i].partition(",")
    j = g.rng.randrange(1, len(surname) - 2)
    if g.rng.random() < 0.5:
        surname = surname[:j] + surname[j + 1] + surname[j] + surname[j + 2:]
    else:
        surname = surname[:j] + surname[j + 1:]
    r["authors"][i] = f"{surname},{rest}"
    return True


def p_doi(g: Generator, r: dict) -> bool:
    if not r.get("doi"):
        return False
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", r["doi"])
    r["doi"] = g.rng.choice(("https://doi.org/" + doi, "http://dx.doi.org/" + doi, "doi:" + doi, doi.upper()))
    return True


def p_missing(g: Generator, r: dict) -> bool:
    present = [f for f in ("volume", "number", "pages", "journal", "doi") if r.get(f)]
    if not present:
        return False
    for f in g.rng.sample(present, min(len(present), g.rng.choice((1, 1, 2)))):
        del r[f]
    return True


def p_accents(g: Generator, r: dict) -> bool:
    before = (r["title"], r["authors"])
    r["title"], r["authors"] = strip_accents(r["title"]), [strip_accents(a) for a in r["authors"]]
    return (r["title"], r["authors"]) != before


def p_initials(g: Generator, r: dict) -> bool:
    changed = False
    for i, a in enumerate(r["authors"]):
        surname, _, given = a.partition(",")
        initials = [p[0] for p in re.split(r"[\s.\-]+", given.strip()) if p]
        new = " ".join(f"{c}." for c in initials) if g.rng.random() < 0.5 else "".join(initials)
        if given and new != given.strip():
            r["authors"][i] = f"{surname}, {new}"
            changed = True
    return changed


def p_year(g: Generator, r: dict) -> bool:  # online-first vs print year, once per copy; rarer than the rest
    if g.rng.random() > 0.3 or not r.get("year", "").isdigit() or r.get("_year_moved"):
        return False
    r["year"], r["_year_moved"] = str(int(r["year"]) + g.rng.choice((-1, 1))), True
    return True


PERTURBATIONS = (p_case, p_tag, p_pages, p_journal, p_typo, p_doi, p_missing, p_accents, p_initials, p_year)


def make_corpus(seeds: list[dict], size: int, seed: int) -> tuple[list[tuple[str, dict]], list[list[str]]]:
    """SIZE records (id, fields) in shuffled order and the true duplicate groups."""
    rng = random.Random(seed)
    gen = Generator(seeds, rng)
    n_orig = round(size / 1.37)  # a quarter of the originals have 1-3 copies: about 0.37 copies per original
    originals = gen.originals(n_orig)
    records, groups = [], []
    for rec in originals:
        records.append([rec])
    extra = size - n_orig
    while extra > 0:
        group = rng.choice(records)
        if len(group) >= 4:
            continue
        group.append(gen.duplicate(group[0]))
        extra -= 1
    flat = [(rec, gi) for gi, group in enumerate(records) for rec in group]
    rng.shuffle(flat)
    out, members = [], {}
    for n, (rec, gi) in enumerate(flat, 1):
        rid = f"r{n:06d}"
        out.append((rid, rec))
        members.setdefault(gi, []).append(rid)
    groups = [m for m in members.values() if len(m) > 1]
    return out, groups


def bib_value(text: str) -> str:
    return text.replace("{", "").replace("}", "").replace("\\", "")


def write_corpus(records: list[tuple[str, dict]], groups: list[list[str]], folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    bib, truth = folder / "records.bib", folder / "truth.csv"
    with bib.open("w", encoding="utf-8") as fh:
        for rid, rec in records:
            fh.write(f"@article{{{rid},\n  author = {{{bib_value(' and '.join(rec['authors']))}}},\n")
            for f in FIELDS[1:]:
                if rec.get(f):
                    fh.write(f"  {f} = {{{bib_value(rec[f])}}},\n")
            fh.write("}\n\n")
    with truth.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["merged_ids"])
        for g in groups:
            writer.writerow([";".join(g)])
    return bib, truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared/ folder (default: $ACUREF_SHARED, else ../shared beside the repository)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 25_000, 50_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per size; the median is printed")
    parser.add_argument("--seed", type=int, default=20241125, help="random seed of the generator")
    parser.add_argument("--out", type=Path, default=OUT / "scale", help="where corpora are written (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    shared = shared_dir(args.shared)
    seeds = read_seeds(shared)
    print(f"{len(seeds)} real records as seeds", file=sys.stderr)

    rows = []
    for size in args.sizes:
        records, groups = make_corpus(seeds, size, args.seed)
        bib, truth = write_corpus(records, groups, args.out / str(size))
        walls, peaks, result = [], [], None
        for _ in range(args.runs):
            out, err, status, wall, peak = run_measured(
                [sys.executable, "-m", "acuref", "dedupe", str(bib), "--json"], acuref_env())
            if status != 0:
                sys.exit(f"error: acuref dedupe {bib} exited {status}:\n{err[-3000:]}")
            walls.append(wall)
            peaks.append(peak)
            result = out
        found = [g["keys"] for g in json.loads(result)["groups"]]
        scores = score(shared, truth, found, f"scale-{size}.acuref", records=len(records))
        rows.append({"records": len(records), "true_groups": len(groups), "wall_s": statistics.median(walls),
                     "wall_runs": walls, "peak_rss_mb": max(peaks) / 1024, **scores})
        print(f"{size}: {rows[-1]['wall_s']:.1f} s, {rows[-1]['peak_rss_mb']:.0f} MB", file=sys.stderr)

    by_size = {r["records"]: r for r in rows}
    growth = None
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        growth = {"from": small["records"], "to": large["records"], "size_ratio": large["records"] / small["records"],
                  "time_ratio": large["wall_s"] / small["wall_s"]}
    if args.json:
        print(json.dumps({"runs": args.runs, "seed": args.seed, "results": rows, "growth": growth}, indent=2))
        return 0
    print(f"acuref dedupe FILE --json in a fresh process; median of {args.runs} runs; peak RSS of the child")
    print(f"{'records':>8} {'groups':>7} {'wall s':>7} {'peak MB':>8} {'pair P':>7} {'pair R':>7} {'sens':>7} {'spec':>7} {'false':>6}")
    for r in by_size.values():
        print(f"{r['records']:>8} {r['true_groups']:>7} {r['wall_s']:>7.2f} {r['peak_rss_mb']:>8.0f} {r['pair_precision']:>7.4f} "
              f"{r['pair_recall']:>7.4f} {r['sensitivity']:>7.4f} {r['specificity']:>7.4f} {r['false_merges']:>6}")
    if growth:
        print(f"growth: {growth['size_ratio']:.0f}x the records took {growth['time_ratio']:.1f}x the time "
              f"({growth['from']} -> {growth['to']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
