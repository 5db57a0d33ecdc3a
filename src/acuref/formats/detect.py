"""Which format a reference file is in, from the whole evidence: where each format's records start,
whether the file holds together as that format, and the file's extension.

One marker is not enough: a BibTeX abstract can hold a line "TY  - …", a RIS abstract "@article{",
a CSL-YAML block scalar any of them. So each format that has a record start anywhere in the text is
a candidate, and each is weighed:

- 4 when its record start is the file's first significant line (the line a reader begins with;
  blank lines and BibTeX ``%`` comments before it do not count);
- 2 when the file's extension names it;
- 1 when its structure holds: RIS has as many ``ER`` lines as ``TY`` lines; BibTeX's braces balance
  after the first entry; a tagged format (MEDLINE, WoS) has tag lines for most of its lines.

The highest weight wins, then the earlier first record. With no candidate the extension decides,
else the text is read as plain references. Patterns are line-anchored with bounded prefixes
(``[ \\t]*``, never ``\\s*`` across lines), so detection is linear in the text.
"""

from __future__ import annotations

import re
from pathlib import Path

EXTENSIONS = {".bib": "bibtex", ".bibtex": "bibtex", ".biblatex": "bibtex", ".ris": "ris", ".nbib": "medline",
              ".medline": "medline", ".json": "csl-json", ".yaml": "csl-yaml", ".yml": "csl-yaml", ".xml": "endnote-xml",
              ".ciw": "wos", ".enw": "refer", ".toml": "acuref"}
#: A line that starts a record, per line-based format.
_STARTS = {
    "ris": re.compile(r"^[ \t]*TY  -", re.M),
    "medline": re.compile(r"^(?:PMID|FAU |STAT|OWN |DCOM|PMC |AID |SO  )- ", re.M),
    "wos": re.compile(r"^(?:FN (?:Clarivate|Thomson|ISI)|PT [A-Z][ \t]*$)", re.M),
    "bibtex": re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(]", re.M),
    "refer": re.compile(r"^%0 ", re.M),
}
#: an acuref store: a TOML table of a reference (``[references.KEY]``), before any other format's record
_ACUREF = re.compile(r'^\[references\.(?:[A-Za-z0-9_:.-]+|"[^"\n]*")\][ \t]*$', re.M)
_RIS_END = re.compile(r"^[ \t]*ER  -", re.M)
_YAML = re.compile(r"\A(?:[ \t]*#[^\n]*\n|[ \t]*\n)*(?:---[ \t]*\n(?:[ \t]*\n)*)?(?:references:[ \t]*\n(?:[ \t]*\n)*)?"
                   r"[ \t]*-[ \t]+[A-Za-z-]+:")
_MEDLINE_LINE = re.compile(r"^(?:[A-Z][A-Z0-9]{1,3} {0,3}- |      )", re.M)
_WOS_LINE = re.compile(r"^(?:[A-Z][A-Z0-9] |   |ER$|EF$)", re.M)
#: The first line that is not blank and not a BibTeX "%" comment ("%0 " and the like are Refer tags, not comments).
_REFER_TAG = r"%[A-Z0-9@+^!#$&()*>~] "
_SIGNIFICANT = re.compile(r"^[ \t]*(?:[^ \t\r\n%]|" + _REFER_TAG + ")", re.M)
#: How much of the text is looked at: enough for many records, and detection stays cheap on huge files.
HEAD = 20000


def detect(path: Path | str, text: str) -> str:
    """The format of TEXT (one of the readers' names, or "refer" for EndNote's tagged %-format, which
    acuref does not read), weighed as the module docstring says."""
    head = text.lstrip("\ufeff \t\r\n")[:HEAD]
    if head.startswith(("[", "{")):
        return "csl-json"
    if head.startswith("<") and (re.search(r"<records?\b", head) or "<xml" in head[:200]):
        return "endnote-xml"
    if _YAML.match(head):
        return "csl-yaml"
    table = _ACUREF.search(head)
    if table and not _STARTS["bibtex"].search(head, 0, table.start()):
        return "acuref"
    first = _SIGNIFICANT.search(head)
    first_at = first.start() if first else -1
    extension = EXTENSIONS.get(Path(str(path)).suffix.lower())
    best: tuple[int, int, str] | None = None
    for fmt, start in _STARTS.items():
        m = start.search(head)
        if not m:
            continue
        weight = 4 * (m.start() == first_at)
        weight += 2 * (fmt == extension) + _holds(fmt, head, m.start())
        if best is None or (weight, -m.start()) > (best[0], -best[1]):
            best = (weight, m.start(), fmt)
    if best:
        return best[2]
    return extension or "text"


def _holds(fmt: str, head: str, start: int) -> int:
    """1 when HEAD, from the first record START on, holds together as FMT (see the module docstring)."""
    body = head[start:]
    if fmt == "ris":
        return int(len(_STARTS["ris"].findall(body)) == len(_RIS_END.findall(body)))
    if fmt == "bibtex":
        return int(body.count("{") == body.count("}") or len(head) == HEAD)
    lines = [line for line in body.splitlines() if line.strip()]
    tagged = _MEDLINE_LINE if fmt == "medline" else _WOS_LINE if fmt == "wos" else re.compile(_REFER_TAG)
    return int(bool(lines) and sum(1 for line in lines if tagged.match(line)) * 2 > len(lines))
