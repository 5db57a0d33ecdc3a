"""Plain-text reference lists: one reference per line or paragraph, in any common style.

Each reference string is read by the trained parser (:mod:`acuref.parser`, a CRF trained on
AnyStyle's labelled strings): Harvard and APA (Google Scholar's "Cite" box, the seed's lists), MLA,
Chicago, Vancouver/NLM (PubMed's "Cite"), numbered lists. Reading is linear in the length of the
text whatever it holds.

Splitting a text into references: a blank line always ends one; inside a paragraph that starts
with a list number ("12.", "[12]", "12)"), a line starts a new reference when it starts with one;
in a paragraph without numbers, every line is one reference when every line holds a year (or, from
five lines on, 80% of them: a list pasted without blank lines, a few works "in press" or "n.d."). Other lines continue the
previous one (a wrapped reference; after a line ending in "-" or "/", without a space, so a PDF's
broken "electro-/acupuncture", "1249-/1252" or DOI comes back whole). "———" repeats the previous
reference's authors.

Public functions: :func:`parse_references` (text → every string read, with per-field confidence),
:func:`parse_text` (text → :class:`~acuref.formats.ReadResult`, what ``acuref import`` uses) and
:func:`parse_reference` (one string → Reference or None).
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ..errors import Problem
from ..model import Reference
from . import ReadResult


class ReadString(NamedTuple):
    """One reference string of a text: the line it starts on, and what the parser read
    (an :class:`acuref.parser.ParsedReference`; its ``reference`` is None when unreadable)."""

    line: int
    parsed: "object"


def parse_references(text: str) -> list[ReadString]:
    """Every reference string of ``text``, parsed, in order.

    Each item has ``.line`` (1-based) and ``.parsed``: ``.parsed.reference`` (a Reference with an
    empty key, or None when the string does not read as a reference), ``.parsed.confidence``
    (CSL variable → the model's confidence, 0..1), ``.parsed.unsure()`` (variables below 0.8) and
    ``.parsed.segments`` (the labelled runs of the string). Never raises on any str.
    """
    from ..parser import parse_string

    out: list[ReadString] = []
    previous: tuple = ()
    for line_no, chunk in reference_strings(text):
        parsed = parse_string(chunk, previous_authors=previous)
        if parsed.reference is not None and parsed.reference.author:
            previous = parsed.reference.author
        out.append(ReadString(line_no, parsed))
    return out


def parse_text(text: str, path: str = "<input>") -> ReadResult:
    """The references of a plain-text list; a string that does not read as one is a located problem."""
    result = ReadResult()
    for item in parse_references(text):
        ref = item.parsed.reference
        if ref is None:
            shown = " ".join(item.parsed.text.split())
            result.problems.append(Problem(path, item.line, None, f"cannot read this as a reference: {shown[:60]!r}"))
            continue
        result.add(ref, "", item.line)
    return result


def parse_reference(line: str) -> Reference | None:
    """One reference string in any common style, or None (``original`` keeps it verbatim)."""
    from ..parser import parse_string

    return parse_string(line.strip()).reference


def _starts_numbered(line: str) -> bool:
    """"12. …", "[12] …", "12) …", "(12) …": a numbered list's item."""
    s = line.lstrip()
    if s.startswith(("[", "(")):
        s = s[1:]
    digits = 0
    while digits < len(s) and digits < 4 and s[digits].isdecimal():
        digits += 1
    return 0 < digits < 4 and digits < len(s) and s[digits] in ".])" and (digits + 1 == len(s) or s[digits + 1] == " ")


def _has_year(line: str) -> bool:
    run = 0
    for ch in line:
        if ch.isdecimal():
            run += 1
            continue
        if run == 4:
            return True
        run = 0
    return run == 4


def reference_strings(text: str) -> Iterator[tuple[int, str]]:
    """(line number, reference string) for each reference of a text (see the module docstring)."""
    block: list[tuple[int, str]] = []
    for n, line in enumerate(text.splitlines() + [""], 1):
        if line.strip():
            block.append((n, line.strip()))
            continue
        if block:
            yield from _split_block(block)
            block = []


def _split_block(block: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    if len(block) == 1:
        yield block[0]
        return
    numbered = _starts_numbered(block[0][1]) and any(_starts_numbered(t) for _, t in block[1:])
    with_year = sum(_has_year(t) for _, t in block)
    each_line = not numbered and (with_year == len(block) or len(block) >= 5 and with_year >= 0.8 * len(block))
    current: list[tuple[int, str]] = []
    for n, t in block:
        if current and (each_line or (numbered and _starts_numbered(t))):
            yield current[0][0], _join(x for _, x in current)
            current = []
        current.append((n, t))
    if current:
        yield current[0][0], _join(x for _, x in current)


def _join(lines) -> str:
    """Wrapped lines as one string: a line broken after "-" or "/" (a hyphenated word, a page range,
    a URL or DOI copied from a PDF) joins the next without a space."""
    out = ""
    for line in lines:
        out += line if not out or (out[-1] in "-/" and line[:1].isalnum()) else " " + line
    return out
