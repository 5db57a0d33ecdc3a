"""Labelled segments of one string → a CSL :class:`~acuref.model.Reference` and per-field confidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..model import Name, Reference
from . import fields as F
from .names import parse_names
from .repairs import repair
from .segment import Segment

__all__ = ["ParsedReference", "Segment", "build_reference", "is_vancouver"]


@dataclass(frozen=True)
class ParsedReference:
    """What the parser read from one string.

    ``reference`` is None when the string does not read as a reference (no title and no author,
    or neither a date nor any container, publisher, DOI or URL). ``confidence`` maps each CSL
    variable read (``author``, ``issued``, ``title``, ``container-title``, ``page``…) to the CRF's
    confidence in the segment it came from (0..1); ``segments`` are the labelled runs themselves.
    """

    text: str
    reference: Reference | None
    segments: tuple[Segment, ...] = ()
    confidence: dict[str, float] = field(default_factory=dict)
    et_al: bool = False

    def unsure(self, threshold: float = 0.8) -> list[str]:
        """The CSL variables read with confidence below ``threshold``, in reading order."""
        return [k for k, v in self.confidence.items() if v < threshold]


#: segment label → the CSL variable it fills (name and date variables handled apart).
_TEXT_LABELS = {"title": "title", "journal": "container-title", "container-title": "container-title",
                "publisher": "publisher", "location": "publisher-place", "collection-title": "collection-title",
                "genre": "genre", "note": "note", "edition": "edition", "url": "URL", "doi": "DOI", "isbn": "ISBN"}


def is_vancouver(segments: Sequence[Segment]) -> bool:
    """Whether the string is in Vancouver/NLM form, where "221-8" means 221-228: the date is
    followed by ";" (``2001;95:233-41``) or the authors are "Family AB" with undotted initials."""
    for seg in segments:
        if seg.label in ("date", "volume") and ";" in seg.text and ":" in seg.text + "".join(
                s.text for s in segments if s.label == "volume"):
            return True
        if seg.label == "date" and seg.text.rstrip().endswith(";"):
            return True
    for seg in segments:
        if seg.label == "author":
            pieces = [p.strip() for p in seg.text.replace(";", ",").split(",") if p.strip()]
            vanc = 0
            for k, p in enumerate(pieces):
                words = (p[:-1] if p.endswith(".") and k == len(pieces) - 1 else p).split()
                if len(words) == 1 and not words[0].isupper():
                    return False  # "Family, Given" pairs: not Vancouver
                if len(words) >= 2 and words[-1].isalpha() and words[-1].isupper() and len(words[-1]) <= 3 \
                        and not words[0].isupper():
                    vanc += 1
            return vanc >= max(1, (len(pieces) + 1) // 2)
    return False


def build_reference(text: str, segments: Sequence[Segment], previous_authors: tuple[Name, ...] = ()) -> ParsedReference:
    """The CSL reference the labelled ``segments`` of ``text`` describe.

    The first segment of each label wins for single-valued variables (a second title is kept in
    ``note``); names of all author segments are joined. ``previous_authors`` stands in for "———".
    """
    values: dict[str, object] = {}
    confidence: dict[str, float] = {}
    authors: list[Name] = []
    editors: list[Name] = []
    translators: list[Name] = []
    et_al = False
    issued: tuple[int, ...] = ()
    extra_notes: list[str] = []
    segments = repair(segments)
    vancouver = is_vancouver(segments)

    def conf(var: str, c: float) -> None:
        confidence[var] = min(confidence.get(var, 1.0), c)

    for seg in segments:
        label = seg.label
        if label in ("author", "editor", "translator"):
            read = parse_names(seg.text, previous_authors if label == "author" else ())
            target = authors if label == "author" else editors if label == "editor" else translators
            target.extend(read.names)
            et_al = et_al or (read.et_al and label == "author")
            if read.names:
                conf(label, seg.confidence)
        elif label == "date":
            if issued:
                if _year_as_volume(seg, segments, values):  # e-journals number volumes by year
                    values["volume"] = F.date(seg.text).year and str(F.date(seg.text).year)
                    conf("volume", seg.confidence)
                continue
            before = _volume_before_year(seg.text)  # MLA "305.6864 (1992):"
            if before and "volume" not in values:
                vi = F.volume_issue(before)
                for var, value in (("volume", vi.volume), ("issue", vi.issue)):
                    if value:
                        values[var] = value
                        conf(var, seg.confidence)
            d = F.date(seg.text)
            if d.year:
                issued = d.parts()
                conf("issued", seg.confidence)
                if d.suffix:
                    values["year-suffix"] = d.suffix
            if d.status:
                values["status"] = d.status
        elif label == "volume":
            head, colon, tail = seg.text.rpartition(":")
            if colon and any(ch.isdecimal() for ch in head) and any(ch.isdecimal() for ch in tail) and "page" not in values \
                    and not any(s.label == "pages" for s in segments):  # NLM "28(2):64." read as one run
                values["page"] = F.pages(tail, expand=vancouver)
                conf("page", seg.confidence)
                seg = Segment(label, head + ":", seg.confidence)
            vi = F.volume_issue(seg.text)
            for var, value in (("volume", vi.volume), ("issue", vi.issue)):
                if value and var not in values:
                    values[var] = value
                    conf(var, seg.confidence)
        elif label == "pages":
            if "page" not in values:
                p = F.pages(seg.text, expand=vancouver)
                if p:
                    values["page"] = p
                    conf("page", seg.confidence)
        elif label == "citation-number":
            continue
        elif label in _TEXT_LABELS:
            var = _TEXT_LABELS[label]
            value = _normalise(label, seg.text)
            if not value:
                continue
            if var in values:
                if var in ("title", "container-title", "note", "publisher"):
                    extra_notes.append(value)
                continue
            values[var] = value
            conf(var, seg.confidence)
    if not issued:  # a year the model put elsewhere ("Ophthalmol . 2012; 30:" read as volume)
        for seg in segments:
            if seg.label in ("volume", "pages", "note", "publisher", "location", "edition", "url", "doi"):
                continue
            d = F.date(seg.text) if seg.label != "title" else F.DateValue()
            if d.year:
                issued = d.parts()
                conf("issued", min(seg.confidence, 0.5))
                break
        if not issued:
            for seg in segments:
                if seg.label == "volume" and ";" in seg.text:
                    d = F.date(seg.text.partition(";")[0])
                    if d.year:
                        issued = d.parts()
                        conf("issued", min(seg.confidence, 0.5))
                        if values.get("volume") == str(d.year):
                            values.pop("volume")
                        break
    # a DOI or URL anywhere in the string counts, whatever the label
    if "DOI" not in values:
        for seg in segments:
            d = F.doi(seg.text) if ("doi" in seg.text.lower() or seg.label in ("url", "note")) else ""
            if d:
                values["DOI"] = d
                conf("DOI", seg.confidence)
                break
    if "URL" in values and "DOI" in values and "doi.org/" in str(values["URL"]).lower():
        del values["URL"]
    for var, value in _pubmed_ids(segments).items():  # PubMed's "PMID: 28655016; PMCID: PMC5815072"
        values.setdefault(var, value)
    if "note" in values or extra_notes:
        note = "; ".join([str(values.pop("note", ""))] + extra_notes).strip("; ")
        note = _drop_boilerplate(note)
        accessed, note = _accessed(note)
        if accessed:
            values["accessed"] = accessed
        if note:
            values["note"] = note
        else:
            confidence.pop("note", None)
    if not authors and segments and segments[0].label == "publisher" and len(segments) > 1 \
            and segments[1].label == "date":  # "NICE (2021) Title": the organisation is the author
        authors.append(Name(literal=F.strip_punctuation(segments[0].text)))
        confidence["author"] = segments[0].confidence
        if values.get("publisher") == F.strip_punctuation(segments[0].text):
            del values["publisher"]
            confidence.pop("publisher", None)
    title = str(values.pop("title", ""))
    if not title:
        confidence.pop("title", None)
    ref_type = _type(segments, values, bool(editors))
    fields = {k: v for k, v in values.items()}
    if editors:
        fields["editor"] = tuple(editors)
    if translators:
        fields["translator"] = tuple(translators)
    readable = (title or authors) and (issued or any(k in values for k in ("container-title", "publisher", "DOI", "URL")))
    missing = () if title else ("title",)
    ref = Reference(key="", type=ref_type, title=title, author=tuple(authors), issued=issued, fields=fields,
                    original=text.strip(),
                    missing=missing, truncated=("author",) if et_al and authors else ()) if readable else None
    return ParsedReference(text, ref, tuple(segments), confidence, et_al)


def _year_as_volume(seg: Segment, segments: Sequence[Segment], values: dict) -> bool:
    """A second bare year that ends the string, after the container and with no volume read:
    "Evidence-Based Complementary and Alternative Medicine, 2022." numbers its volumes by year."""
    words = seg.text.split()
    return (len(words) == 1 and F.date(seg.text).year > 0 and not seg.text.rstrip().endswith((";", ":"))
            and "volume" not in values and "container-title" in values and seg is segments[-1])


def _volume_before_year(text: str) -> str:
    """The numbers before the year in a date segment ("305.6864 (1992):" → "305.6864"), else ""."""
    words = text.split()
    out = []
    for w in words:
        c = w.strip("().,:;")
        if len(c) >= 4 and c[:4].isdecimal() and c[:2] in ("15", "16", "17", "18", "19", "20"):
            break
        if not any(ch.isdecimal() for ch in c):
            return ""
        out.append(c)
    return " ".join(out) if len(out) < len(words) else ""


def _normalise(label: str, text: str) -> str:
    if label == "title":
        return F.title(text)
    if label in ("journal", "container-title", "collection-title"):
        return F.container(text)
    if label == "edition":
        return F.edition(text)
    if label == "doi":
        return F.doi(text)
    if label == "url":
        return F.url(text) or F.strip_punctuation(text)
    if label == "isbn":
        return F.isbn(text)
    return F.strip_punctuation(text)


_BOILERPLATE = ("retrieved from", "retrieved", "available", "available at", "available from", "available online", "accessed", "url", "doi",
                "online", "[online]", "[internet]", "internet", "epub ahead of print")


def _drop_boilerplate(note: str) -> str:
    """The note without the phrases that only announce another field ("Available at:", "PMID: …")."""
    kept = []
    for piece in note.replace(". ", "; ").split(";"):
        cleaned = piece.strip(" .,;:()[]")
        low = cleaned.lower()
        if low in _BOILERPLATE or not any(ch.isalnum() for ch in cleaned) or low.startswith(("pmid", "pmcid", "doi")):
            continue
        kept.append(cleaned)
    return "; ".join(kept)


def _accessed(note: str) -> tuple[tuple[int, ...], str]:
    """The date a web page was read ("Accessed: 12 May 2023", "[cited 2023 May 12]"), and the note
    without it."""
    kept, found = [], ()
    for piece in note.split("; "):
        low = piece.lower().lstrip("([ ")
        if not found and low.startswith(("accessed", "cited", "viewed", "last accessed", "retrieved", "consulté", "zugegriffen")):
            d = F.date(piece)
            if d.year:
                found = d.parts()
                continue
        kept.append(piece)
    return found, "; ".join(kept)


def _pubmed_ids(segments: Sequence[Segment]) -> dict[str, str]:
    """PMID and PMCID written out in the string ("PMID: 28655016", "PMCID: PMC5815072")."""
    found: dict[str, str] = {}
    for seg in segments:
        words = seg.text.replace(":", " ").replace(";", " ").split()
        for k in range(len(words) - 1):
            tag, value = words[k].upper(), words[k + 1].strip(".,;()[]")
            if tag == "PMID" and value.isdecimal():
                found.setdefault("PMID", value)
            elif tag == "PMCID" and value.upper().startswith("PMC") and value[3:].isdecimal():
                found.setdefault("PMCID", value.upper())
    return found


def _type(segments: Sequence[Segment], values: dict, has_editors: bool) -> str:
    """CSL type from which fields were read: journal → article-journal, a container with editors
    → chapter, a publisher without a container → book, a thesis or report genre, a URL alone → webpage."""
    labels = {s.label for s in segments}
    genre = str(values.get("genre", "")).lower() + " " + " ".join(s.text.lower() for s in segments if s.label == "note")
    if any(w in genre for w in ("thesis", "dissertation", "doctoral", "phd", "ph.d", "master")):
        return "thesis"
    if "report" in genre or "working paper" in genre:
        return "report"
    if "journal" in labels:
        return "article-journal"
    if "container-title" in labels:
        cont = str(values.get("container-title", "")).lower()
        if any(w in cont for w in ("proceedings", "conference", "symposium", "workshop", "congress")):
            return "paper-conference"
        if has_editors or any(s.label == "container-title" and s.text.lower().startswith("in") for s in segments):
            return "chapter"
        if "publisher" in labels:
            return "chapter"
        return "article-journal"
    if "publisher" in labels:
        return "book"
    if "URL" in values:
        return "webpage"
    if "volume" in labels or "pages" in labels:
        return "article-journal"
    return "document"
