"""Reading and writing reference files.

Read: BibTeX/BibLaTeX (also Web of Science's BibTeX), RIS, PubMed MEDLINE (.nbib), Web of
Science tagged export, EndNote XML, CSL-JSON, CSL-YAML, another acuref store (TOML) and plain-text
reference lists.
Written: BibTeX, BibLaTeX, RIS, CSL-JSON, CSL-YAML.

Readers turn text into References keyed by the file's own keys (BibTeX key, RIS ``ID``,
CSL ``id``; generated only when the file has none or the key cannot be used, and then the
file's key is kept as an alias and the change reported) plus located problems: one bad
entry never hides the others. The format is decided by the content, the text encoding by
byte-order mark, UTF-8, else charset-normalizer (or ``--encoding``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..errors import FileReadError, InvalidInputError, Problem, UsageError
from ..model import Reference
from .detect import detect  # re-exported: detection weighs the whole text (see .detect)

# format → (module, reader): imported on first use so start-up loads only the reader it needs
_READERS = {"bibtex": ("bibtex", "parse_bibtex"), "ris": ("ris", "parse_ris"), "medline": ("medline", "parse_medline"),
            "wos": ("medline", "parse_wos"), "endnote-xml": ("endnote", "parse_endnote_xml"),
            "csl-json": ("csljson", "parse_csljson"), "csl-yaml": ("csljson", "parse_cslyaml"),
            "acuref": ("acuref_toml", "parse_acuref_store"), "text": ("text", "parse_text")}
READ_FORMATS = tuple(_READERS)
#: other names a reader answers to: the export format of the same syntax, and the file extension's name
READ_ALIASES = {"biblatex": "bibtex", "nbib": "medline", "yaml": "csl-yaml"}
WRITE_FORMATS = ("bibtex", "biblatex", "ris", "csl-json", "csl-yaml")
STDIN = "-"


@dataclass
class ReadResult:
    references: list[Reference] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # key → line where its record starts
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (the file's key, the key given instead)
    warnings: list[Problem] = field(default_factory=list)  # read, but something was changed or left out
    record_numbers: set[str] = field(default_factory=set)  # renamed file keys that were record numbers (RIS ID)
    format: str = ""
    _taken: set[str] = field(default_factory=set, repr=False)

    def add(self, ref: Reference, wanted: str, line: int | None, *, record_number: bool = False) -> Reference:
        """Keep REF under the file's key WANTED when usable and free, else a generated key (WANTED
        then becomes an alias when it can be one, and the change is reported). With RECORD_NUMBER (RIS's
        ``ID``), a WANTED without a letter is a database's record or accession number (Ovid/PsycINFO
        "2019-57370-001", EndNote's record numbers), not a key a writer cites by: a key is generated and the
        number kept as an alias."""
        if record_number and wanted and not any(c.isalpha() for c in wanted):
            key = unique_key("", self._taken | {wanted}, ref)
            self.record_numbers.add(wanted)
        else:
            key = unique_key(wanted, self._taken, ref)
        if wanted and key != wanted:
            self.renamed.append((wanted, key))
            if _usable(wanted) and wanted not in self._taken and wanted not in ref.aliases:
                ref = ref.with_changes(aliases=ref.aliases + (wanted,))
        self._taken.add(key)
        self._taken.update(ref.aliases)
        ref = ref.with_changes(key=key)
        self.references.append(ref)
        if line is not None:
            self.lines[key] = line
        return ref


def _usable(key: str) -> bool:
    from ..store import KEY_RE

    return bool(KEY_RE.match(key))


# --- bytes to text ------------------------------------------------------------------------


def _located_decode_error(path: str, data: bytes, exc: UnicodeDecodeError, encoding: str, hint: str) -> InvalidInputError:
    head = data[: exc.start]
    return InvalidInputError(f"{path} is not {encoding} text{hint}", [
        Problem(path, head.count(b"\n") + 1, exc.start - head.rfind(b"\n"), f"not {encoding}: {exc.reason}")])


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_HINT = "; name the encoding with --encoding (e.g. --encoding latin-1, --encoding gbk)"


def decode(data: bytes, path: str = "<input>", encoding: str | None = None) -> str:
    """The text of DATA (see :func:`decode_detected`)."""
    return decode_detected(data, path, encoding)[0]


def _western(data: bytes) -> str | None:
    """DATA as Windows-1252 when it reads as Western European text: every run of non-ASCII bytes is one
    character long ("café", "Müller"). Text in a two-byte encoding (GBK, Big5, Shift-JIS, EUC-KR) has
    runs of two or more, so it never passes; charset-normalizer decides those."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    runs = re.findall(r"[^\x00-\x7f]+", text)
    if not runs or sum(len(r) == 1 for r in runs) < 0.9 * len(runs):
        return None
    if any(unicodedata.category(c)[0] not in "LPSZ" for r in runs for c in r):
        return None
    return text


def decode_detected(data: bytes, path: str = "<input>", encoding: str | None = None) -> tuple[str, str]:
    """(the text of DATA, the encoding detected or "" when it was certain): in ENCODING when given, else
    by byte-order mark, else UTF-8, else UTF-16 without a mark (told by its NUL bytes), else
    Windows-1252 when it reads as Western text, else the encoding charset-normalizer finds. Raises
    :class:`InvalidInputError` (located, naming ``--encoding``) when no encoding fits."""
    import codecs

    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r} (e.g. utf-8, latin-1, cp1252, gbk, utf-16)") from None
        try:
            return data.decode(encoding).lstrip("\ufeff"), ""
        except UnicodeDecodeError as exc:
            raise _located_decode_error(path, data, exc, encoding, "") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).lstrip("\ufeff"), ""
            except UnicodeDecodeError as exc:
                raise _located_decode_error(path, data, exc, name.upper().replace("-SIG", ""),
                                            " (truncated or damaged)" + _HINT) from None
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        utf8_error = exc
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(b"\x00") * 4 >= len(sample):  # UTF-16 without a byte-order mark
        odd_nuls = sample[1::2].count(b"\x00")
        name = "utf-16-le" if odd_nuls >= sample[0::2].count(b"\x00") else "utf-16-be"
        try:
            return data.decode(name), name
        except UnicodeDecodeError as exc:
            raise _located_decode_error(path, data, exc, name.upper(), " (truncated or damaged)" + _HINT) from None
    western = _western(data)
    if western is not None:
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        raise _located_decode_error(path, data, utf8_error, "UTF-8", _HINT) from None
    return str(best), best.encoding


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    if str(path) == STDIN:
        import sys

        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise FileReadError(path, exc.strerror or str(exc)) from None


def read_text_file(path: Path) -> str:
    """A draft's text: UTF-8 (with or without BOM) or UTF-16/32 with BOM; anything else is a located error."""
    data = read_bytes(path)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return decode(data, str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _located_decode_error(str(path), data, exc, "UTF-8", "") from None


def parse(text: str, fmt: str, path: str = "<input>") -> ReadResult:
    """The references of TEXT in format FMT (one of READ_FORMATS)."""
    from ..bulk import gc_paused

    with gc_paused():
        result = _parse(text, fmt, path)
    result.format = fmt
    _drop_controls(result, path)
    return result


def _drop_controls(result: ReadResult, path: str) -> None:
    """Control characters (terminal escapes, bells, NULs) removed from every field read, with a warning."""
    from ..normalize import without_controls

    for i, ref in enumerate(result.references):
        cleaned, changed = without_controls(ref)
        if changed:
            result.references[i] = cleaned
            result.warnings.append(Problem(path, result.lines.get(ref.key), None,
                                           f"{ref.key}: control characters removed (terminal escapes, bells…)"))


def _parse(text: str, fmt: str, path: str) -> ReadResult:
    from importlib import import_module

    fmt = READ_ALIASES.get(fmt, fmt)
    if fmt not in _READERS:
        raise UsageError(f"unknown format {fmt!r}; one of: auto, {', '.join(READ_FORMATS)}")
    module, reader = _READERS[fmt]
    return getattr(import_module(f".{module}", __package__), reader)(text, path)


def read_file(path: str | Path, fmt: str = "auto", encoding: str | None = None) -> ReadResult:
    """Read a reference file (``-``: standard input) of any supported format (``auto`` detects it).
    A file with no references at all gets a problem saying so."""
    label = "<stdin>" if str(path) == STDIN else str(path)
    return read_data(read_bytes(path), label, fmt, encoding)


def read_data(data: bytes, label: str = "<input>", fmt: str = "auto", encoding: str | None = None) -> ReadResult:
    """The references in the bytes of a file called LABEL (see :func:`read_file`): decoded, told apart by
    content, read, and checked against the store's rules, so every reference returned can be stored.
    Raises :class:`InvalidInputError` for bytes no encoding fits, :class:`UsageError` for a bad FMT."""
    fmt = READ_ALIASES.get(fmt, fmt)
    if fmt != "auto" and fmt not in READ_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; one of: auto, {', '.join(READ_FORMATS)}")
    text, detected = decode_detected(data, label, encoding)
    text = unicodedata.normalize("NFC", text)  # macOS gives NFD; pdfLaTeX needs NFC
    chosen = detect(label, text) if fmt == "auto" else fmt
    if chosen == "refer":  # EndNote's tagged export (%0 Journal Article, %A …): say so, not read as plain text
        result = ReadResult(format="refer")
        result.problems.append(Problem(label, 1, None, "this is EndNote's tagged (Refer, %0/%A/%T) format, which acuref "
                                                       "does not read: export RIS or EndNote XML from EndNote instead"))
        return result
    result = parse(text, chosen, label)
    if chosen not in ("csl-json", "csl-yaml"):  # CSL data is the user's own; database exports annotate titles
        _clean_titles(result)
    if detected:
        result.warnings.insert(0, Problem(label, None, None, f"not UTF-8: read as {detected} (detected; "
                                                             "--encoding names another)"))
    _keep_storable(result, label)
    if not result.references and not result.problems:
        what = "it is empty" if not text.strip() else f"read as {chosen}"
        result.problems.append(Problem(label, 1, None, f"no references found ({what})"))
    return result


def _clean_titles(result: ReadResult) -> None:
    """Databases' notes taken out of titles ("… [Chinese]", "[translated title]."; see :mod:`.titles`),
    the title as the source gave it kept in the notes."""
    from .titles import clean_source_title

    for i, ref in enumerate(result.references):
        title, changed = clean_source_title(ref.title)
        if changed:
            note = f"title in the source: {ref.title}"
            result.references[i] = ref.with_changes(title=title, notes=f"{ref.notes}\n{note}" if ref.notes else note)


def _keep_storable(result: ReadResult, path: str) -> None:
    """Move references the store could not hold (by its own validation) to the problems, at their line."""
    from ..store import reference_problems

    kept = []
    for ref in result.references:
        problems = reference_problems(ref)
        if problems:
            result.problems.extend(Problem(path, result.lines.get(ref.key), None, p) for p in problems)
        else:
            kept.append(ref)
    result.references = kept


# --- writing ---------------------------------------------------------------------------------


def export(refs: Sequence[Reference], fmt: str) -> str:
    """References as BibTeX, BibLaTeX, RIS, CSL-JSON or CSL-YAML text."""
    if fmt in ("bibtex", "biblatex"):
        from .bibtex_write import write_bibtex

        return write_bibtex(refs, biblatex=fmt == "biblatex")
    if fmt == "ris":
        from .ris import write_ris

        return write_ris(refs)
    if fmt == "csl-json":
        from .csljson import write_csljson

        return write_csljson(refs)
    if fmt == "csl-yaml":
        from .csljson import write_cslyaml

        return write_cslyaml(refs)
    raise UsageError(f"unknown export format {fmt!r}; one of: {', '.join(WRITE_FORMATS)}")


def unique_key(wanted: str, taken: set[str], ref: Reference) -> str:
    """The file's own key when usable and free, else a generated author-year key."""
    from ..keys import generate_key

    if wanted and _usable(wanted) and wanted not in taken:
        return wanted
    return generate_key(ref, taken)
