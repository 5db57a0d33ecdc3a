"""Counts in messages agree with their number (the QA leftover: "1 references"): one helper,
acuref.wording.count, says every count, and no message builds a plural of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from acuref.wording import count, plural

SRC = Path(__file__).resolve().parents[1] / "src" / "acuref"


@pytest.mark.parametrize(("n", "noun", "said"), [
    (0, "reference", "0 references"), (1, "reference", "1 reference"), (2, "reference", "2 references"),
    (1, "entry", "1 entry"), (3, "entry", "3 entries"), (2, "day", "2 days"), (2, "match", "2 matches"),
    (2, "observational study", "2 observational studies"), (1, "duplicate group", "1 duplicate group"),
    (2, "systematic review/meta-analysis", "2 systematic reviews/meta-analyses"), (2, "citation key", "2 citation keys"),
])
def test_count_agrees_with_its_number(n, noun, said):
    assert count(n, noun) == said
    assert plural(noun, 1) == noun


#: Ad-hoc plurals: "{n} reference{'s' if …}", "entr{'ies' if …}", "problem(s)" beside a number or list.
_AD_HOC = re.compile(r"""\{'s' if|\{"s" if|'ies' if|"ies" if|\("s " if|[a-z]{2,}(?<!len)\(s\)[ "']""")


def test_no_message_builds_its_own_plural():
    # src/acuref/csl/ renders CSL terms (their own single/multiple forms) and is another team's package
    found = [f"{path.relative_to(SRC)}:{i}: {line.strip()}"
             for path in sorted(SRC.rglob("*.py")) if "csl" not in path.relative_to(SRC).parts
             for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if _AD_HOC.search(line) and not line.lstrip().startswith(("#", '"""')) and "http(s)" not in line
             and "comment(s)" not in line]
    assert found == []


def test_one_reference_is_said_in_the_singular(cli, tmp_path):
    bib = tmp_path / "one.bib"
    bib.write_text("@article{smith2001, author={Smith, J.}, title={A trial}, journal={J}, year=2001}\n", encoding="utf-8")
    store = tmp_path / "refs.toml"
    assert cli("--store", store, "import", bib).code == 0
    checked = cli("--store", store, "validate")
    assert checked.code == 0 and checked.err.strip().endswith(": 1 reference, 0 claims"), checked.err
    out = tmp_path / "out.bib"
    exported = cli("--store", store, "export", "--to", "bibtex", "-o", out)
    assert exported.code == 0 and f"wrote 1 reference to {out}" in exported.err
