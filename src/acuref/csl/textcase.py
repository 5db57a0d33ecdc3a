"""text-case (CSL 1.0.2 "Text-case"): lowercase, uppercase, capitalize-first, capitalize-all,
sentence and title, on rendered text; ``<span class="nocase">`` (NOCASE markers) is never changed.

Title case follows the spec as citeproc-js applies it: lowercase words are capitalized, words with
capitals keep them, an all-uppercase string is lowercased first, and stop words (citeproc-js's
list) stay lowercase unless first, last, or after a colon; each part of a hyphenated word counts.
Title case applies to the variables of English items only (no language, or one starting with "en"); terms,
labels and names are title-cased whatever the language (citeproc-js).
Fixtures: textcase_* (tests/csl_suite)."""

from __future__ import annotations

import re

from . import rich

STOP_WORDS = frozenset("""a an and as at but by down for from in into nor of on onto or over so the till to up via with
yet about above across after against along alongside amid amidst among amongst around aside astride athwart atop
barring before behind below beneath beside besides between beyond circa despite during except inside like near next
notwithstanding off out per plus since than through throughout toward towards under underneath until unto upon versus
vs v within without
de d' von van et al c ca pro qua sans lest given apud thru""".split())  # the last line: citeproc-js's too

_WORD = re.compile(r"[^\W\d_]+(?:['’`][^\W\d_]+)*|\d[\w-]*")
PARTICLES = frozenset("""d da das de del della dei der des di dos du el in la le les lo of ten ter van von vom zu zum zur y
al bin ibn""".split())
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


def _segments(text: str, particles: bool = False) -> tuple[str, list[bool]]:
    """Text without markers, and for each character whether it is protected (nocase; with
    ``particles``, name particles too)."""
    chars, protected, depth = [], [], 0
    opening = (rich.NOCASE, rich.PARTICLE) if particles else (rich.NOCASE,)
    closing = tuple(rich.close(o) for o in opening)
    for ch in text:
        if ch in opening:
            depth += 1
        elif ch in closing:
            depth = max(0, depth - 1)
        elif ch not in rich.MARKERS:
            chars.append(ch)
            protected.append(depth > 0)
    return "".join(chars), protected


def _rebuild(text: str, new_plain: str) -> str:
    out, i = [], 0
    for ch in text:
        if ch in rich.MARKERS:
            out.append(ch)
        else:
            out.append(new_plain[i])
            i += 1
    return "".join(out)


def _apply(text: str, change, particles: bool = True) -> str:
    plain, protected = _segments(text, particles)
    if not plain:
        return text
    changed = list(plain)
    change(plain, changed, protected)
    return _rebuild(text, "".join(changed))


def _set(changed: list[str], protected: list[bool], start: int, end: int, fn) -> None:
    for i in range(start, end):
        if not protected[i]:
            c = fn(changed[i])
            changed[i] = c if len(c) == 1 else changed[i]


def lowercase(text: str) -> str:
    return _apply(text, lambda p, c, pr: _set(c, pr, 0, len(p), str.lower), False)


def uppercase(text: str) -> str:
    return _apply(text, lambda p, c, pr: _set(c, pr, 0, len(p), str.upper), False)


def _words(plain: str):
    return [(m.start(), m.end()) for m in _WORD.finditer(plain)]


def capitalize_first(text: str) -> str:
    """The first word capitalized if it is lowercase ("arXiv" stays)."""
    def change(plain, changed, protected):
        words = _words(plain)
        if words and plain[words[0][0]:words[0][1]].islower():
            s, _ = words[0]
            _set(changed, protected, s, s + 1, str.upper)
    return _apply(text, change)


def capitalize_all(text: str) -> str:
    def change(plain, changed, protected):
        for s, e in _words(plain):
            if plain[s:e].islower():
                _set(changed, protected, s, s + 1, str.upper)
    return _apply(text, change)


def sentence(text: str) -> str:
    """First word capitalized; other capitalized words ("Pen") lowercased, acronyms ("UK") kept;
    an all-uppercase string lowercased first (citeproc-js)."""
    def change(plain, changed, protected):
        letters = [c for c in plain if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            _set(changed, protected, 0, len(plain), str.lower)
        else:
            for s_, e in _words(plain)[1:]:
                word = plain[s_:e]
                if word[:1].isupper() and word[1:].islower():
                    _set(changed, protected, s_, s_ + 1, str.lower)
        words = _words(plain)
        if words:
            s, _ = words[0]
            _set(changed, protected, s, s + 1, str.upper)
    return _apply(text, change)


def _title_words(plain: str) -> list[tuple[int, int]]:
    """Words for title case: whitespace-separated tokens split at ASCII hyphens (not at U+2010, as
    citeproc-js), slashes and opening brackets ("methods.[Erratum"); each word from its first letter or
    digit to its last.  Words of digits count as words ("10% of" does not start with "of") but are not
    changed; a word after digits and a hyphen is one ("20-Week")."""
    out = []
    for token in re.finditer(r"\S+", plain):
        start = token.start()
        for part in re.split(r"[-—–/\[(]", token.group(0)):
            m = re.search(r"[^\W_].*", part)
            if m:
                word = m.group(0)
                end = len(word.rstrip(".,;:!?)]}\"'’”»"))
                out.append((start + m.start(), start + m.start() + end))
            start += len(part) + 1
    return out


def _markup_breaks(text: str) -> set[int]:
    """Positions in the marker-free text where formatting markup opened or closed (citeproc-js cases
    each stretch of text between tags on its own)."""
    out, i = set(), 0
    for ch in text:
        if ch in rich.MARKERS:
            if ch not in (rich.NOCASE, rich.close(rich.NOCASE), rich.PARTICLE, rich.close(rich.PARTICLE)):
                out.add(i)
        else:
            i += 1
    return out


def title(text: str) -> str:
    breaks = _markup_breaks(text)

    def change(plain, changed, protected):
        words = _title_words(plain)
        for n, (s, e) in enumerate(words):
            word = plain[s:e]
            if not word or word[0].isdigit() or not _LATIN.match(word[0]):
                continue
            before = plain[:s].rstrip("\"'“‘(«[ ")
            first = n == 0 or before.endswith((":", "?", "!"))
            last = n == len(words) - 1
            letters = re.sub(r"[\W\d_]", "", word)
            if letters and letters.islower():
                leads_compound = plain[e:e + 1] == "-" and (s == 0 or plain[s - 1].isspace())  # "Pro-Environmental"
                if letters in STOP_WORDS and not first and not last and not leads_compound:
                    continue
                one_letter = len(word) == 1 or (s + 1) in breaks  # "g<sub>1</sub>": "g" is a word of its own
                if one_letter and not first and not leads_compound:
                    continue  # a one-letter word ("y", "e", "à") stays lowercase (citeproc-js: word.length > 1)
                _set(changed, protected, s, s + 1, str.upper)
    return _apply(text, change)


CASES = {"lowercase": lowercase, "uppercase": uppercase, "capitalize-first": capitalize_first,
         "capitalize-all": capitalize_all, "sentence": sentence, "title": title}


def apply(text: str, case: str, english: bool = True) -> str:
    if case == "title" and not english:
        return text
    fn = CASES.get(case)
    return fn(text) if fn else text
