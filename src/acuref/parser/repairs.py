"""Segment boundaries the CRF set one sentence off, repaired before the segments become CSL values.

Each repair is a pure function of the labelled segments (no model, no I/O) for one kind of slip seen
in cross-validation on AnyStyle's strings: a date read inside the title, a book's publisher sentence
read into the title, a container that goes on in the title's sentence, no title read at all, NLM's
journal read into the title, a month or a day read next to the date. They run on the hand labels as
well as on the model's, so they only change what both read alike.
"""

from __future__ import annotations

from typing import Sequence

from . import fields as F
from .segment import Segment


def repair(segments: Sequence[Segment]) -> list[Segment]:
    """All repairs, in order: the segments with their boundaries moved (a new list)."""
    out = _title_from_neighbours(_title_start_as_container(segments))
    out = _date_inside_title(out)
    return _publisher_after_title(_nlm_journal(_day_after_month(_month_before_year(out))))


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


def _title_start_as_container(segments: Sequence[Segment]) -> list[Segment]:
    """The title's first words read as a journal and a date ("CONSORT" "2010" + "statement: updated
    guidelines …") when the string's own journal and date come after the title: they go back into it."""
    out = list(segments)
    t = next((k for k, s in enumerate(out) if s.label == "title"), -1)
    a = next((k for k, s in enumerate(out) if s.label == "author"), -1)
    if a < 0 or t <= a + 1:
        return out
    head = out[a + 1:t]
    if not all(s.label in ("journal", "container-title", "date") for s in head) \
            or not any(s.label in ("journal", "container-title") for s in head):
        return out
    rest = out[t + 1:]
    if any(s.label in ("journal", "container-title") for s in rest) and any(s.label == "date" for s in rest):
        out[a + 1:t + 1] = [Segment("title", " ".join(s.text for s in out[a + 1:t + 1]),
                                    min(s.confidence for s in out[a + 1:t + 1]))]
    return out


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
        open_end = title.text.rstrip()[-1:] not in ".,:;?!\"”’'»"  # "pythons", "(primary and secondary)"
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
                and len(day) <= 2 and day.isdecimal() and 1 <= int(day) <= 31 and (first[-1:] in ".;," or not rest):
            out[k - 1] = Segment("date", f"{prev.text} {first}", min(prev.confidence, seg.confidence))
            if rest.strip():
                out[k] = Segment("volume", rest.strip(), seg.confidence)
            else:
                del out[k]
            break
    return out
