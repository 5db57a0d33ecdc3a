"""Reading and writing reference files: BibTeX, RIS, CSL-JSON and plain-text reference lists.

Readers turn a file into References keyed by the file's own keys (BibTeX key,
RIS ``ID``, CSL-JSON ``id``; generated only when the file has none) plus a list
of located problems: one bad entry never hides the others (bibtexparser's
"failed blocks" idea). Writers turn References into text; with the readers
they round-trip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..errors import FileReadError, InvalidInputError, Problem, UsageError
from ..model import Reference

READ_FORMATS = ("bibtex", "ris", "csl-json", "text")
WRITE_FORMATS = ("bibtex", "ris", "csl-json")


@dataclass
class ReadResult:
    references: list[Reference] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # key → line where its record starts


def read_text_file(path: Path) -> str:
    """A text file's content: UTF-8 (with or without BOM) or UTF-16 with BOM."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileReadError(path, exc.strerror or str(exc)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        raise InvalidInputError(f"{path} is not UTF-8 text", [
            Problem(str(path), head.count(b"\n") + 1, exc.start - head.rfind(b"\n"), f"not UTF-8: {exc.reason}")]) from None


def detect(path: Path, text: str) -> str:
    """The format of a file, from its extension, else from its content."""
    suffix = path.suffix.lower()
    if suffix in (".bib", ".bibtex", ".biblatex"):
        return "bibtex"
    if suffix in (".ris", ".nbib") or path.name.lower().endswith(".ris.txt"):
        return "ris"
    if suffix == ".json" or path.name.lower().endswith(".csl.json"):
        return "csl-json"
    head = text.lstrip()[:2000]
    if head.startswith(("[", "{")):
        return "csl-json"
    if head.startswith("@") or "\n@" in head:
        return "bibtex"
    import re

    if re.search(r"^TY  - ", head, re.M):
        return "ris"
    return "text"


def parse(text: str, fmt: str, path: str = "<input>") -> ReadResult:
    """The references of TEXT in format FMT (bibtex, ris, csl-json or text)."""
    from ..bulk import gc_paused

    with gc_paused():
        return _parse(text, fmt, path)


def _parse(text: str, fmt: str, path: str) -> ReadResult:
    if fmt == "bibtex":
        from .bibtex import parse_bibtex

        return parse_bibtex(text, path)
    if fmt == "ris":
        from .ris import parse_ris

        return parse_ris(text, path)
    if fmt == "csl-json":
        from .csljson import parse_csljson

        return parse_csljson(text, path)
    if fmt == "text":
        from .text import parse_text

        return parse_text(text, path)
    raise UsageError(f"unknown format {fmt!r}; one of: auto, {', '.join(READ_FORMATS)}")


def read_file(path: str | Path, fmt: str = "auto") -> ReadResult:
    """Read a reference file of any supported format (``auto`` detects it)."""
    path = Path(path)
    text = read_text_file(path)
    return parse(text, detect(path, text) if fmt == "auto" else fmt, str(path))


def export(refs: Sequence[Reference], fmt: str) -> str:
    """References as BibTeX, RIS or CSL-JSON text."""
    if fmt == "bibtex":
        from .bibtex import write_bibtex

        return write_bibtex(refs)
    if fmt == "ris":
        from .ris import write_ris

        return write_ris(refs)
    if fmt == "csl-json":
        from .csljson import write_csljson

        return write_csljson(refs)
    raise UsageError(f"unknown export format {fmt!r}; one of: {', '.join(WRITE_FORMATS)}")


def unique_key(wanted: str, taken: set[str], ref: Reference) -> str:
    """The file's own key when usable and free, else a generated author-year key."""
    from ..keys import generate_key
    from ..store import KEY_RE

    if wanted and KEY_RE.match(wanted) and wanted not in taken:
        return wanted
    return generate_key(ref, taken)
