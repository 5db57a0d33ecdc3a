#!/usr/bin/env python3
"""Turn a labelled set in bib-dedupe's benchmark layout into the layout bench/dedupe_compare.py reads.

bib-dedupe's benchmark folders (github.com/CoLRev-Environment/bib-dedupe, data/NAME/) hold
records_pre_merged.csv (ID, ENTRYTYPE, title, author, year, journal, volume, number, pages, ...)
and merged_record_ids.csv (merged_ids: one true group per row, ids joined by ';'). This writes
OUT/records.bib and OUT/truth.csv. The data stays outside the repository (e.g. .cache/heldout/):
it is held-out validation, never committed.

    python bench/csv_to_labelled_set.py records_pre_merged.csv merged_record_ids.csv OUT
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


def main(argv: list[str]) -> int:
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
