#!/usr/bin/env python3
"""Turn a labelled set in bib-dedupe's benchmark layout into the layout bench/dedupe_compare.py reads.

bib-dedupe's benchmark folders (github.com/CoLRev-Environment/bib-dedupe, data/NAME/) hold
records_pre_merged.csv (ID, ENTRYTYPE, title, author, year, journal, volume, number, pages, ...)
and merged_record_ids.csv (merged_ids: one true group per row, ids joined by ';'). This writes
OUT/records.bib and OUT/truth.csv. The data stays outside the repository (e.g. .cache/heldout/):
it is held-out validation, never committed.

    python bench/csv_to_labelled_set.py records_pre_merged.csv merged_record_ids.csv OUT

The two-catalogue entity-resolution sets of Köpcke, Thor & Rahm (2010; DBLP-ACM: DBLP2.csv and
ACM.csv with id, title, authors, venue, year, and a perfect mapping idDBLP,idACM) become one file,
each catalogue's ids prefixed, every record a conference paper (the catalogues do not say):

    python bench/csv_to_labelled_set.py --two-catalogues DBLP2.csv ACM.csv DBLP-ACM_perfectMapping.csv OUT
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

FIELDS = ("author", "title", "journal", "booktitle", "year", "volume", "number", "pages", "doi")


def braced(value: str) -> str:
    """VALUE inside BibTeX braces, unbalanced braces dropped so the entry still parses."""
    value = " ".join(value.split())
    if value.count("{") != value.count("}"):
        value = value.replace("{", "").replace("}", "")
    return "{" + value + "}"


def _key(prefix: str, value: str) -> str:
    return prefix + "_" + "".join(c if c.isalnum() else "_" for c in str(value))


def two_catalogues(first: Path, second: Path, mapping: Path, out: Path) -> int:
    """One records.bib (ids prefixed dblp_ / acm_ after the file names) and truth.csv of mapped pairs."""
    out.mkdir(parents=True, exist_ok=True)
    prefixes = [p.stem.rstrip("0123456789").lower() for p in (first, second)]
    n = 0
    with (out / "records.bib").open("w", encoding="utf-8") as fh:
        for prefix, path in zip(prefixes, (first, second)):
            for row in csv.DictReader(path.open(encoding="utf-8", errors="replace")):
                n += 1
                authors = " and ".join(a.strip() for a in (row.get("authors") or "").split(",") if a.strip())
                fh.write(f"@inproceedings{{{_key(prefix, row['id'])},\n")
                for field, value in (("author", authors), ("title", row.get("title")), ("booktitle", row.get("venue")),
                                     ("year", row.get("year"))):
                    if (value or "").strip():
                        fh.write(f"  {field} = {braced(value)},\n")
                fh.write("}\n\n")
    rows = list(csv.reader(mapping.open(encoding="utf-8")))[1:]
    with (out / "truth.csv").open("w", encoding="utf-8") as fh:
        fh.write("merged_ids\n")
        for a, b in rows:
            fh.write(f'"{_key(prefixes[0], a)};{_key(prefixes[1], b)}"\n')
    print(f"{n} records, {len(rows)} true pairs -> {out}", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--two-catalogues":
        return two_catalogues(*map(Path, argv[1:5]))
    records, truth, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    rows = list(csv.DictReader(records.open(encoding="utf-8")))
    with (out / "records.bib").open("w", encoding="utf-8") as fh:
        for row in rows:
            kind = (row.get("ENTRYTYPE") or "article").strip() or "article"
            fh.write(f"@{kind}{{{row['ID']},\n")
            for f in FIELDS:
                if (row.get(f) or "").strip():
                    fh.write(f"  {f} = {braced(row[f])},\n")
            fh.write("}\n\n")
    shutil.copyfile(truth, out / "truth.csv")
    print(f"{len(rows)} records -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
