"""Labelled segments → CSL values: one normaliser per field (AnyStyle's normalizer/ idea).

Each takes the segment text as the user wrote it (punctuation and all) and returns the CSL value, or
an empty value when there is nothing usable. All are linear scans; none raises on odd input.
"""

from __future__ import annotations

from typing import NamedTuple

from .features import core
from .lexicon import MONTHS

_MONTH_NUMBER = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12, "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "januar": 1, "februar": 2,
    "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
}
_DASHES = "-–—‑‐"


def strip_punctuation(text: str) -> str:
    """Surrounding spaces, trailing ``. , ; :`` and unbalanced brackets removed; "?" and "!" kept."""
    text = " ".join(text.split())
    for _ in range(4):
        before = text
        text = text.strip(" ,;:")
        if text.endswith(".") and not text.endswith(("..", " al.")) and not _ends_in_abbreviation(text):
            text = text[:-1]
        for open_, close in ("()", "[]", "{}"):
            if text.endswith(close) and text.count(close) > text.count(open_):
                text = text[:-1]
            if text.startswith(open_) and text.count(open_) > text.count(close):
                text = text[1:]
            if text.startswith(open_) and text.endswith(close) and text.count(open_) == 1:
                text = text[1:-1]
        if text == before:
            break
    return text.strip()


def _ends_in_abbreviation(text: str) -> bool:
    """"J. Med." style endings keep their period? No: only single capitals ("Smith J.")."""
    return len(text) >= 2 and text[-2].isupper() and (len(text) == 2 or text[-3] in " .")


def title(text: str) -> str:
    """The title without enclosing quotes and trailing punctuation; "?" and "!" stay."""
    t = " ".join(text.split()).strip(" ,;:")
    if t.endswith("."):
        t = t[:-1]
    for open_, close in (("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"), ("„", "“")):
        if t.startswith(open_):
            inner = t[len(open_):]
            for tail in (close + ".", close + ",", close):
                if inner.endswith(tail):
                    inner = inner[: -len(tail)]
                    break
            t = inner.strip(" ,;:")
            if t.endswith((".", ",")) and not t.endswith(".."):
                t = t[:-1]
            break
    if t.startswith("[") and t.endswith("]"):
        t = t[1:-1]
    for medium in (" [Internet]", " [internet]", " [Online]", " [online]"):  # Vancouver's medium marker
        if t.endswith(medium):
            t = t[: -len(medium)].rstrip(" .")
    return t.strip()


def container(text: str) -> str:
    """A journal or book title: leading "In:" / "In", trailing punctuation removed."""
    t = " ".join(text.split())
    low = t.lower()
    for lead in ("in: ", "in ", "in:"):
        if low.startswith(lead):
            t = t[len(lead):]
            break
    return title(t)


class DateValue(NamedTuple):
    """Year, month, day (0 when absent), a year suffix ("a" of "2014a"), and a status ("in press")."""

    year: int = 0
    month: int = 0
    day: int = 0
    suffix: str = ""
    status: str = ""

    def parts(self) -> tuple[int, ...]:
        if not self.year:
            return ()
        if self.month and self.day:
            return (self.year, self.month, self.day)
        return (self.year, self.month) if self.month else (self.year,)


def date(text: str) -> DateValue:
    """"(2014a)." → 2014 with suffix "a"; "1992 Nov 7;" → 1992-11-7; "n.d." → nothing."""
    low = text.lower()
    status = "in press" if "in press" in low else "forthcoming" if "forthcoming" in low else ""
    year, month, day, suffix = 0, 0, 0, ""
    for word in text.replace("/", " ").replace(",", " ").replace("-", " ").replace("–", " ").split():
        c = core(word)
        cl = c.lower()
        if not year and len(c) >= 4 and c[:4].isdecimal() and c[:2] in ("15", "16", "17", "18", "19", "20"):
            rest = c[4:]
            if not rest or rest[0] in _DASHES or (len(rest) == 1 and rest.isalpha() and rest.islower()):
                year = int(c[:4])
                if len(rest) == 1 and rest.isalpha():
                    suffix = rest
                continue
        key = cl.rstrip(".")[:3] if cl.rstrip(".")[:3] in _MONTH_NUMBER else cl.rstrip(".")
        if not month and cl.rstrip(".") in MONTHS and key in _MONTH_NUMBER:
            month = _MONTH_NUMBER[key]
            continue
        if len(c) <= 2 and c.isdecimal() and 1 <= int(c) <= 31 and not day:  # int() refuses 4,300+ digits
            day = int(c)
    if not month:
        day = 0
    return DateValue(year, month, day, suffix, status)


class VolumeIssue(NamedTuple):
    volume: str = ""
    issue: str = ""


def volume_issue(text: str) -> VolumeIssue:
    """"305(6864)," → 305, 6864; "Vol. 3, Part A," → 3; "305, no. 6864" and MLA's "305.6864" → 305,
    6864; "No. 134" → issue 134; NLM's "2001;95(3):" → 95, 3."""
    t = " ".join(text.split())
    if ";" in t:  # "2001;95(3):" with the year kept in the segment
        head, _, tail = t.partition(";")
        if head.strip().isdecimal() and tail.strip():
            t = tail
    volume = issue = ""
    words = t.replace("(", " ( ").replace(")", " ) ").replace(",", " , ").split()
    expect = "volume"
    in_paren = False
    for w in words:
        low = w.lower().rstrip(".:")
        if w == "(":
            in_paren = True
            continue
        if w == ")":
            in_paren = False
            continue
        if low in ("vol", "volume", "bd", "v", "t", "tome", "jg", "jahrgang"):
            expect = "volume"
            continue
        if low in ("no", "nr", "issue", "iss", "n", "h", "heft", "number", "num"):
            expect = "issue"
            continue
        if low in ("part", "pt", "suppl", "supplement", "special"):
            if low.startswith("suppl") and volume and not issue:
                expect = "issue-suppl"
            else:
                expect = "skip"
            continue
        c = w.strip(".,:;")
        if not c or not any(ch.isalnum() for ch in c):
            continue
        if expect == "skip":
            expect = "done"
            continue
        if expect == "issue-suppl":
            issue = "Suppl " + c
            expect = "done"
            continue
        if in_paren and not issue and (volume or expect == "volume"):  # "(4)" alone: the issue
            issue = c
            continue
        if not volume and expect == "volume" and any(ch.isdecimal() for ch in c):
            left, dot, right = c.partition(".")
            if dot and left.isdecimal() and right and right[0].isdecimal() and "." not in right:
                volume, issue = left, right  # MLA "305.6864", "361.1-3"
                expect = "done"
                continue
            volume = c
            expect = "issue"
            continue
        if expect == "issue" and not issue and any(ch.isdecimal() for ch in c) and (volume or low != c.lower() or True):
            if volume or words[0].lower().rstrip(".:") in ("no", "nr", "issue", "n", "heft", "number"):
                issue = c
                expect = "done"
                continue
            volume = c
    return VolumeIssue(volume, issue)


def pages(text: str, expand: bool = False) -> str:
    """"pp. 1761–1800)." → "1761-1800"; "p.64" → "64"; with ``expand`` (NLM/Vancouver strings),
    "1249-52" → "1249-1252" and "221-8" → "221-228"."""
    t = " ".join(text.split()).lstrip("([")
    low = t.lower()
    for lead in ("pp.", "pp", "p.", "p", "s.", "pages", "page", "seiten", "s"):
        if low.startswith(lead) and (len(low) == len(lead) or not low[len(lead)].isalpha()):
            t = t[len(lead):]
            break
    t = t.strip(" .,;:()[]")
    for dash in ("–", "—", "‑", "‐", "--"):
        t = t.replace(dash, "-")
    t = "-".join(part.strip() for part in t.split("-"))
    while "--" in t:
        t = t.replace("--", "-")
    if t.endswith(("ff", "f")) and t[:-1].rstrip("f").isdecimal():
        t = t.rstrip("f").strip(" .")
    if expand:
        t = expand_range(t)
    return t


def expand_range(pages_: str) -> str:
    """"1249-52" → "1249-1252"; a range written in full, or not numeric, is returned unchanged."""
    first, dash, last = pages_.partition("-")
    if not dash or not first.isdecimal() or not last.isdecimal() or len(last) >= len(first) or len(first) > 9:
        return pages_  # no page number has ten digits (and int() refuses 4,300+)
    full = first[: len(first) - len(last)] + last
    return f"{first}-{full}" if int(full) > int(first) else pages_


def edition(text: str) -> str:
    """"2nd ed." → "2"; "Second edition" → "2"; anything else stripped of punctuation."""
    ordinals = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
                "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "revised": "Revised"}
    for word in text.replace("(", " ").replace(")", " ").split():
        c = core(word).lower()
        if c in ordinals:
            return ordinals[c]
        digits = "".join(ch for ch in c if ch.isdecimal())
        if digits and c[len(digits):] in ("", "st", "nd", "rd", "th", "e", "ème", "."):
            return digits
    return strip_punctuation(text)


def doi(text: str) -> str:
    """The DOI ("10.…/…") inside a segment, without "doi:" or the resolver address, else ""."""
    start = text.find("10.")
    if start < 0:
        return ""
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    value = text[start:end].rstrip(".,;)]>")
    return value if "/" in value else ""


def url(text: str) -> str:
    """The first http(s) or www address in a segment, trailing punctuation removed, else ""."""
    for word in text.split():
        w = word.strip("<>()[].,;")
        if w.lower().startswith(("http://", "https://", "www.")):
            return w
    return ""


def isbn(text: str) -> str:
    """Digits and X of an ISBN ("ISBN 978-0-19-…") with its hyphens, else ""."""
    for word in text.split():
        c = word.strip(".,;:()")
        if sum(ch.isdecimal() for ch in c) >= 10 and all(ch.isdecimal() or ch in "-Xx" for ch in c):
            return c
    return ""
