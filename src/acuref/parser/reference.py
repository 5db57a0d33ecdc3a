"""Labelled segments of one string → a CSL :class:`~acuref.model.Reference` and per-field confidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..model import Name, Reference
from . import fields as F
from .names import parse_names


@dataclass(frozen=True)
class Segment:
    """A run of tokens with one label: the text as written, and the CRF's confidence in the label
    (the lowest marginal probability of any of its tokens, 0..1)."""

    label: str
    text: str
    confidence: float = 1.0


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
    segments = _title_from_neighbours(segments)
    segments = _publisher_after_title(_nlm_journal(_day_after_month(_month_before_year(_date_inside_title(segments)))))
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


def _nlm_journal(segments: Sequence[Segment]) -> list[Segment]:
    """NLM's "Title. Journal. 2001;95:233-41." with the journal read into the title and no journal
    read at all: the title's last sentence (a few words) before a "year;" date, or before a date
    followed by the volume or pages, is the journal."""
    out = list(segments)
    if any(s.label in ("journal", "container-title") for s in out):
        return out
    for k in range(len(out) - 1):
        title, date = out[k], out[k + 1]
        after = out[k + 2].label if k + 2 < len(out) else ""
        if title.label != "title" or date.label != "date" or ";" not in date.text and after not in ("volume", "pages"):
            continue
        body = title.text.rstrip()
        cut = body.rstrip(".").rfind(". ")
        if cut > 0 and 1 <= len(body[cut + 2:].split()) <= 8:
            out[k:k + 1] = [Segment("title", body[:cut + 1], title.confidence),
                            Segment("journal", body[cut + 2:], min(title.confidence, 0.5))]
        break
    return out


_CONTAINER_LEADS = ("in", "in:", "en", "en:", "dans", "im", "nel", "nella")
_SENTENCE_ENDS = (". ", "? ", "! ")


def _first_sentence(text: str) -> int:
    """The index just after the first sentence end (". ", "? ", "! ") of ``text``, or -1."""
    ends = [text.find(e) for e in _SENTENCE_ENDS]
    ends = [e for e in ends if e > 0]
    return min(ends) + 1 if ends else -1


def _title_from_neighbours(segments: Sequence[Segment]) -> list[Segment]:
    """Title boundaries the model set one sentence off:

    - the container starts in the middle of the title's sentence: the title ends without a mark
      and the container goes on in lower case ("… invasive Burmese pythons" + "in Everglades
      National Park. Proceedings of …"), or the container starts with a lower-case word other than
      "In" ("… 3d user interfaces," + "and will we ever? Paper presented at …"): the container's first
      sentence (all of it if it has one only) belongs to the title;
    - no title at all, and the date is followed by a container whose first sentence is a long one
      ("(2011). Primary cilia membrane assembly is … to the centrosome. Proceedings of …") or by a
      note: that sentence, or the note, is the title."""
    out = list(segments)
    if not any(s.label == "title" for s in out):
        for k in range(1, len(out)):
            if out[k - 1].label != "date" or k < 2 or out[k - 2].label != "author":
                continue
            seg = out[k]
            if seg.label == "note" and k + 1 < len(out):
                out[k] = Segment("title", seg.text, min(seg.confidence, 0.5))
            elif seg.label in ("journal", "container-title"):
                cut = _first_sentence(seg.text)
                if cut > 0 and len(seg.text[:cut].split()) >= 5 and seg.text[cut:].strip():
                    out[k:k + 1] = [Segment("title", seg.text[:cut], min(seg.confidence, 0.5)),
                                    Segment(seg.label, seg.text[cut:].strip(), seg.confidence)]
            break
        return out
    for k in range(len(out) - 1):
        title, nxt = out[k], out[k + 1]
        if title.label != "title" or nxt.label not in ("journal", "container-title"):
            continue
        first = nxt.text.split()[0] if nxt.text.split() else ""
        open_end = title.text.rstrip()[-1:].isalnum()
        if not first[:1].islower() or (first.lower() in _CONTAINER_LEADS and not open_end):
            break
        cut = _first_sentence(nxt.text)
        if cut < 0:
            if not open_end:
                break
            out[k:k + 2] = [Segment("title", f"{title.text} {nxt.text}", min(title.confidence, nxt.confidence))]
        else:
            out[k:k + 2] = [Segment("title", f"{title.text} {nxt.text[:cut]}", min(title.confidence, nxt.confidence)),
                            Segment(nxt.label, nxt.text[cut:].strip(), nxt.confidence)]
        break
    return out


_AFTER_BOOK = ("isbn", "url", "doi", "note", "date", "edition")
_NAME_JOINERS = ("&", "and", "of", "the", "und", "de", "du", "des", "et", "y", "for")


def _publisher_after_title(segments: Sequence[Segment]) -> list[Segment]:
    """A book's short publisher sentence read into its title: "Finite Difference Equations. Dover.",
    "… for your business. Adams Media.", "… trata de personas. Mexico City: Instituto Nacional …".

    Only when nothing after the title is a container, publisher, place, volume or pages (an ISBN,
    URL, DOI, note or date may follow), and the title's last sentence is a few capitalised words
    ("Place: Publisher" or a publisher name alone, as in APA and Harvard book references)."""
    out = list(segments)
    titles = [k for k, s in enumerate(out) if s.label == "title"]
    if len(titles) != 1 or any(s.label in ("journal", "container-title", "publisher", "location", "volume", "pages",
                                           "editor") for s in out):
        return out
    k = titles[0]
    if any(s.label not in _AFTER_BOOK for s in out[k + 1:]):
        return out
    body = out[k].text.rstrip()
    cut = body.rstrip(".").rfind(". ")
    if cut <= 0 or not body.endswith("."):
        return out
    head, tail = body[:cut + 1], body[cut + 2:]
    if len(head.split()) < 2 or head.split()[-1][:1] in "“\"'‘«(" or len(head.rstrip(".").split()[-1]) <= 1:
        return out
    place, colon, name = tail.partition(": ")
    words = (place + " " + name).split() if colon else tail.split()
    if not 1 <= len(words) <= (8 if colon else 4) or (colon and not 1 <= len(place.split()) <= 3):
        return out
    for w in words:
        c = w.strip(".,:;()")
        if not c or not (c[0].isupper() or c.lower() in _NAME_JOINERS):
            return out
    conf = min(out[k].confidence, 0.5)
    pieces = [Segment("title", head, out[k].confidence)]
    if colon:
        pieces += [Segment("location", place + ":", conf), Segment("publisher", name, conf)]
    else:
        pieces.append(Segment("publisher", tail, conf))
    out[k:k + 1] = pieces
    return out


def _date_inside_title(segments: Sequence[Segment]) -> list[Segment]:
    """A second date read inside the title, after the string's date was already read: "…extension of
    Kelly's (1997) suggestion…" (title, date, title) or "…Total Diet Study, September 1991-December
    1996. Food additives…" (a title not closed before the date, the date closing it, then the
    container). The date goes back into the title."""
    out = list(segments)
    k = 1
    while k < len(out) - 1:
        prev, seg, nxt = out[k - 1], out[k], out[k + 1]
        dated = any(s.label == "date" for s in out[:k - 1])
        if prev.label == "title" and seg.label == "date" and dated and (
                nxt.label == "title"
                or nxt.label in ("journal", "container-title") and prev.text.rstrip()[-1:] == ","
                and seg.text.rstrip()[-1:] == "."):
            merged = [prev.text, seg.text] + ([nxt.text] if nxt.label == "title" else [])
            out[k - 1:k + (2 if nxt.label == "title" else 1)] = [
                Segment("title", " ".join(merged), min(prev.confidence, seg.confidence))]
            continue
        k += 1
    return out


_MONTHS3 = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_before_year(segments: Sequence[Segment]) -> list[Segment]:
    """"Man Ther. May 2005" with the month read into the journal: the month goes to the date."""
    out = list(segments)
    for k in range(len(out) - 1):
        seg, date = out[k], out[k + 1]
        words = seg.text.split()
        if seg.label in ("journal", "container-title") and date.label == "date" and len(words) > 1 \
                and words[-1].strip(".,").lower() in F.MONTHS:
            out[k] = Segment(seg.label, " ".join(words[:-1]), seg.confidence)
            out[k + 1] = Segment("date", f"{words[-1]} {date.text}", min(seg.confidence, date.confidence))
    return out


def _day_after_month(segments: Sequence[Segment]) -> list[Segment]:
    """NLM's "2015 Jul 24;" with the day read as a volume: the day goes back to the date."""
    out = list(segments)
    for k in range(1, len(out)):
        prev, seg = out[k - 1], out[k]
        if prev.label != "date" or seg.label != "volume" or not prev.text.split():
            continue
        last = prev.text.split()[-1].strip(".,;:").lower()
        text = seg.text.strip()
        cut = text.find(";") + 1 if text[:1].isdecimal() and 0 < text.find(";") <= 2 else 0  # "27;317(24):"
        first, rest = (text[:cut], text[cut:]) if cut else tuple(text.partition(" ")[::2])
        day = first.rstrip(".,;:")
        if last[:3] in _MONTHS3 \
                and day.isdecimal() and 1 <= int(day) <= 31 and (first[-1:] in ".;," or not rest):
            out[k - 1] = Segment("date", f"{prev.text} {first}", min(prev.confidence, seg.confidence))
            if rest.strip():
                out[k] = Segment("volume", rest.strip(), seg.confidence)
            else:
                del out[k]
            break
    return out


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
