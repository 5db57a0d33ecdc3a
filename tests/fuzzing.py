"""Mutation fuzzing of the readers, shared by tests/test_fuzz_readers.py (1,000 inputs per reader) and
bench/fuzz_readers.py (larger sweeps). Seeds are the real and case files in tests/fixtures."""

from __future__ import annotations

import random
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
IMPORT, CASES, WRITTEN = FIXTURES / "import", FIXTURES / "cases-import", FIXTURES / "import" / "written"


def _head(path: Path, records: int, marker: bytes) -> bytes:
    data = path.read_bytes()
    parts = data.split(marker)
    return marker.join(parts[: records + 1])


def seeds() -> dict[str, list[bytes]]:
    """Seed files per reader (small: the first records of large exports)."""
    from acuref.formats import parse
    from acuref.formats.csljson import write_cslyaml

    bib = [CASES / n for n in ("04-corporate-author.bib", "05-and-others.bib", "07-string-concat.bib", "08-crossref.bib",
                               "10-biblatex-date.bib")] + [IMPORT / "bbt_ring_above_1115.bib",
                                                           IMPORT / "bbt_endnote_export_no_key.bib",
                                                           WRITTEN / "wos_savedrecs.bib"]
    json_files = [IMPORT / "zotxt_zotero_biblio.json", IMPORT / "manubot_null_date_parts.json",
                  IMPORT / "bbt_pandoc_schomd.csl.json", IMPORT / "manubot_datacite_thesis.json"]
    yaml = write_cslyaml(parse((IMPORT / "zotxt_zotero_biblio.json").read_text(encoding="utf-8"), "csl-json").references)
    return {
        "bibtex": [p.read_bytes() for p in bib] + [_head(IMPORT / "bibtexparser_biber_examples.bib", 14, b"\n@")],
        "ris": [(CASES / n).read_bytes() for n in ("15-pages-abbrev.ris", "17-nfd-text.ris", "D07-chinese-language-tag.ris")]
        + [(IMPORT / "jabref_RisImporterCorrupted.ris").read_bytes(), _head(IMPORT / "asreview_embase.ris", 2, b"\nER  -"),
           _head(IMPORT / "asreview_ovid_psycinfo.ris", 2, b"\nER  -")],
        "medline": [(CASES / "I20-pubmed-nbib-as-ris.nbib").read_bytes(), (WRITTEN / "pubmed.nbib").read_bytes()],
        "wos": [(WRITTEN / "wos_savedrecs.txt").read_bytes()],
        "endnote-xml": [(WRITTEN / "endnote.xml").read_bytes()],
        "csl-json": [p.read_bytes() for p in json_files],
        "csl-yaml": [yaml.encode("utf-8")],
    }


TOKENS = [b"{", b"}", b"(", b")", b'"', b"\\", b"%", b"#", b"@", b",", b"=", b"\n", b"\r\n", b"\t", b"~", b"^", b"$",
          b"@string{x = {y}}", b"@comment{", b"@preamble{", b"crossref = {salem2004}", b" and others", b"{\\'e}", b"\\v{",
          b"TY  - JOUR\n", b"ER  - \n", b"SP  - 221-8\n", b"DA  - 2019///\n", b"PMID- 1\n", b"DP  - 2016 Spring\n",
          b"      continued\n", b"PT J\n", b"ER\n", b"   x\n", b"<record>", b"</record>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
          b"&a;", b"<![CDATA[", b"[", b"]", b"null", b"true", b"[[null]]", b'{"date-parts": [["x"]]}', b'"season": 2',
          b"9" * 5000, b"-1e999", b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xe9", b"\xd5\xeb", b"\xed\xa0\x80",
          b"- id: x\n", b"---\n", b": ", b"!!python/object:os.system", b"*a", b"&a ", b"2001-22", b"2001~", b"1999/2001",
          "\u0308".encode(), "\U0001F600".encode(), b"\\u", b'\\ud800', b"issued", b"date = {1986-05-23}", b"month = 13"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random edits: cut, repeat, insert a token, truncate, flip bytes, re-encode."""
    for _ in range(rng.randint(1, 3)):
        n = len(data)
        kind = rng.randrange(7)
        i, j = sorted((rng.randint(0, n), rng.randint(0, n)))
        if kind == 0:
            data = data[:i] + data[j:]
        elif kind == 1:
            data = data[:j] + data[i:j] + data[j:]
        elif kind in (2, 3):
            data = data[:i] + rng.choice(TOKENS) + data[i:]
        elif kind == 4:
            data = data[:i]
        elif kind == 5 and n:
            data = bytearray(data)
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(n)] = rng.randrange(256)
            data = bytes(data)
        elif kind == 6:
            try:
                text = data.decode("utf-8")
                data = text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be", "latin-1", "gbk", "cp1252"]),
                                   errors="replace")
            except UnicodeDecodeError:
                pass
    return data


def run_one(data: bytes, fmt: str) -> tuple[int, int]:
    """Read DATA as FMT the way import does, store what it accepts, read the store back.
    Returns (references, problems); raises only on a bug: any exception but acuref's own."""
    from acuref.errors import InvalidInputError
    from acuref.formats import read_data
    from acuref.model import Store
    from acuref.store import dumps, loads

    try:
        result = read_data(data, "fuzz.in", fmt)
    except InvalidInputError as exc:
        assert exc.problems and all(p.path == "fuzz.in" and p.message and p.line for p in exc.problems)
        return 0, len(exc.problems)
    lines = data.count(b"\n") + 2
    for problem in result.problems:  # a refusal names file, line and reason
        assert problem.path == "fuzz.in" and problem.message and problem.line is not None, problem
        assert 1 <= problem.line <= lines * 2, problem  # UTF-16: more newlines than b"\n" shows
    for problem in result.warnings:
        assert problem.path == "fuzz.in" and problem.message
    if result.references:
        from acuref.imports import plan_import

        store = plan_import(Store(), result.references).store  # as `acuref import` into an empty store
        assert loads(dumps(store), "fuzz.toml").references == store.references
    return len(result.references), len(result.problems)


def sweep(fmt: str, count: int, seed: int = 14) -> dict[str, int]:
    rng = random.Random(f"{seed}-{fmt}")
    pool = seeds()[fmt]
    stats = {"inputs": 0, "with_refs": 0, "refused": 0}
    for _ in range(count):
        data = mutate(rng.choice(pool), rng)
        refs, problems = run_one(data, fmt)
        stats["inputs"] += 1
        stats["with_refs"] += bool(refs)
        stats["refused"] += bool(problems)
    return stats
