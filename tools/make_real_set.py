"""Build the "real" comparison set (tests/fixtures/cite/real-items.json) from real-world records.

Sources (read with acuref's own readers, acuref.formats.read_file, and written with acuref's CSL-JSON
export, acuref's own fields stripped as tools/make_cite_goldens.sh does):
  DATASETS/import/{bibtex,ris,csljson}/*   real export files (licences in their SOURCES.txt)
  DATASETS/dedupe/*/records.bib            real database records of the dedupe sets (README.md there)
DATASETS is ../shared/datasets (or argv[1]).

Selection is deterministic: every record is described by a set of features (its CSL type, the number
of its names, name shapes, page shapes, date shapes, title case and markup, identifiers, fields present);
records are taken one at a time, each time the one whose features add the most, where a feature already
taken n times adds 1/(n+1) (ties: the earlier record, in file order). So the first picks cover every
feature once, later ones the rarer shapes again. SIZE records (90) are taken; ids are kept, prefixed
with the file's short name only where two files use the same id.

Usage: python tools/make_real_set.py [DATASETS]   (writes tests/fixtures/cite/real-items.json and
tests/fixtures/cite/real-SOURCE.md, the SOURCE note: where each record came from, with its licence)
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = 90
DROP = {"abstract"}  # long text no style of the set prints; kept out to keep the file small


def _files(datasets: Path) -> list[Path]:
    out: list[Path] = []
    for sub in ("import/bibtex", "import/csljson", "import/ris"):
        out += sorted(p for p in (datasets / sub).iterdir() if p.name != "SOURCES.txt")
    out += sorted((datasets / "dedupe").glob("*/records.bib"))
    return out


def _bucket(n: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (2, "2"), (3, "3"), (6, "4-6"), (10, "7-10"), (20, "11-20")):
        if n <= limit:
            return name
    return "21+"


def _shape(text: str) -> str:
    """A value's shape: digits as 9, letters as a (A for capitals), runs collapsed."""
    out = []
    for ch in text:
        c = "9" if ch.isdigit() else "A" if ch.isupper() else "a" if ch.isalpha() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:12]


def _case(title: str) -> str:
    words = [w for w in title.split() if w[:1].isalpha()]
    if not words:
        return "none"
    if all(not any(c.islower() for c in w) for w in words) and len(words) > 1:
        return "all-caps"
    caps = sum(w[0].isupper() for w in words[1:])
    return "title-case" if caps > len(words[1:]) / 2 else "sentence-case"


def features(item: dict) -> set[str]:
    f = {"type:" + item["type"]}
    names = [(role, n) for role in ("author", "editor", "translator", "container-author") for n in item.get(role, [])]
    f.add("authors:" + _bucket(len(item.get("author", []))))
    for role, n in names:
        f.add("role:" + role)
        if "literal" in n:
            f.add("name:literal")
        if "non-dropping-particle" in n or "dropping-particle" in n:
            f.add("name:particle")
        if n.get("suffix"):
            f.add("name:suffix")
        if "given" not in n or not n.get("family"):
            f.add("name:one-part")
        text = " ".join(str(v) for v in n.values())
        if any(ord(c) > 127 for c in text):
            f.add("name:non-ascii")
        if any(unicodedata.name(c, "").startswith(("CJK", "HANGUL", "CYRILLIC", "ARABIC", "GREEK")) for c in text):
            f.add("name:non-latin")
        given = n.get("given", "")
        if "-" in given:
            f.add("name:hyphen-given")
        if given and all(len(p.rstrip(".")) <= 1 for p in given.replace("-", " ").split()):
            f.add("name:initials" + ("." if "." in given else "") + (" " if " " in given else ""))
        if n.get("family", "").isupper() and len(n.get("family", "")) > 2:
            f.add("name:caps")
        if " " in n.get("family", ""):
            f.add("name:spaced-family")
    page = item.get("page")
    f.add("page:" + (_shape(page) if page else "none"))
    for var in ("volume", "issue", "number", "edition"):
        if var in item:
            f.add(f"{var}:{_shape(str(item[var]))}")
    if "issue" in item and "volume" not in item:
        f.add("issue-only")
    for var in ("issued", "accessed", "event-date", "original-date"):
        d = item.get(var)
        if d:
            parts = d.get("date-parts", [])
            f.add(f"{var}:{'range' if len(parts) > 1 else len(parts[0]) if parts else 'literal'}")
    if "issued" not in item:
        f.add("issued:none")
    title = item.get("title", "")
    f.add("title:" + _case(title) if title else "title:none")
    if "<" in title:
        f.add("title:markup")
    if title and title[-1] in ".?!":
        f.add("title:ends" + title[-1])
    if ":" in title:
        f.add("title:colon")
    if any(ord(c) > 127 for c in title):
        f.add("title:non-ascii")
    f.update("has:" + k for k in item if k not in ("id", "type", "title", "author", "issued", "page"))
    return f


def load(datasets: Path) -> list[tuple[str, dict]]:
    from acuref.formats import export, read_file
    from acuref.model import ACUREF_FIELDS

    records: list[tuple[str, dict]] = []
    for path in _files(datasets):
        items = json.loads(export(read_file(path).references, "csl-json"))
        source = str(path.relative_to(datasets))
        records += [(source, {k: v for k, v in i.items() if k not in ACUREF_FIELDS and k not in DROP})
                    for i in items]
    return records


def select(records: list[tuple[str, dict]], size: int = SIZE) -> list[tuple[str, dict]]:
    """SIZE records, by the greedy cover described above; only records with a title (a citable work:
    biber's test file also holds title-less entries that exist only to test page parsing)."""
    described = [(source, item, features(item) | {"source:" + source}) for source, item in records
                 if item.get("title")]
    taken: Counter[str] = Counter()
    chosen: list[int] = []
    left = set(range(len(described)))
    while left and len(chosen) < size:
        best = max(sorted(left), key=lambda n: (sum(1 / (1 + taken[f]) for f in described[n][2]), -n))
        chosen.append(best)
        left.discard(best)
        taken.update(described[best][2])
    return [(described[n][0], described[n][1]) for n in sorted(chosen)]


def unique_ids(selected: list[tuple[str, dict]]) -> list[dict]:
    counts = Counter(item["id"] for _, item in selected)
    out = []
    for source, item in selected:
        if counts[item["id"]] > 1:
            item = {**item, "id": Path(source).stem.split("_")[0] + "-" + item["id"]}
        out.append(item)
    return out


LICENCES = {"bbt_": ("github.com/retorquere/zotero-better-bibtex", "MIT"),
            "bibtexparser_": ("github.com/sciunto-org/python-bibtexparser (biblatex-examples.bib, biber test data)", "MIT"),
            "jabref_": ("github.com/JabRef/jabref", "MIT"), "zotxt_": ("github.com/odkr/pandoc-zotxt.lua", "MIT"),
            "manubot_": ("github.com/manubot/manubot", "BSD-2-Clause-Patent"),
            "asreview_": ("github.com/asreview/asreview", "Apache-2.0"),
            "dedupe/": ("records of Rathbone et al. 2015, Systematic Reviews 4:6, as curated in the bib-dedupe project",
                        "MIT (bib-dedupe)")}
SOURCE_HEAD = """# SOURCE of the "real" comparison set (real-items.json, real-clusters.json)

real-items.json holds {n} real-world records, read with acuref's own readers (acuref.formats.read_file)
and written with acuref's CSL-JSON export (acuref's own fields and `abstract` left out), chosen by
`python tools/make_real_set.py` (deterministic greedy cover of record shapes: type, number of names,
name shapes, page/volume/issue/number shapes, date shapes, title case and markup, fields present),
which also writes this note.  Nothing in the records was written by the acuref team; the record text
is the source files' data as acuref reads it (a fix to a reader changes it: rerun the script and
tools/make_cite_goldens.sh).  real-clusters.json (how the records are cited: locators, prefixes,
suffixes, modes, multi-cite clusters) was written by hand for this set.

Source files (the same bytes are in /work/shared/datasets; the import files also in tests/fixtures/import/,
with their commit, blob and notes in SOURCES-*.txt; the dedupe sets are described in
/work/shared/datasets/dedupe/README.md):

| file | repository | licence | records in the set |
|---|---|---|---|
"""


def source_note(selected: list[tuple[str, dict]], items: list[dict]) -> str:
    counts = Counter(source for source, _ in selected)
    rows = []
    for source, n in sorted(counts.items()):
        repo, licence = next(v for k, v in LICENCES.items() if k in source)
        rows.append(f"| {source} | {repo} | {licence} | {n} |")
    records = [f"    {item['id']}\t{item['type']}\t{source}" for (source, _), item in zip(selected, items)]
    return (SOURCE_HEAD.format(n=len(items)) + "\n".join(rows) + "\n\nRecord by record (id, CSL type, file):\n\n"
            + "\n".join(records) + "\n")


def main(argv: list[str]) -> None:
    datasets = Path(argv[1]) if len(argv) > 1 else ROOT.parent.parent / "shared" / "datasets"
    if not datasets.is_dir():
        datasets = Path("/work/shared/datasets")
    selected = select(load(datasets))
    items = unique_ids(selected)
    out = ROOT / "tests" / "fixtures" / "cite" / "real-items.json"
    out.write_text(json.dumps(items, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    out.with_name("real-SOURCE.md").write_text(source_note(selected, items), encoding="utf-8")
    for (source, _), item in zip(selected, items):
        print(f"{item['id']}\t{item['type']}\t{source}")


if __name__ == "__main__":
    main(sys.argv)
