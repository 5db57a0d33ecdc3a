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

#: citeproc-js 2.4.63's skip words (CSL.SKIP_WORDS), the ones a word without spaces or hyphens can match
SKIP_WORDS = frozenset("""about above across afore after against al along alongside amid amidst among amongst anenst
apropos apud around as aside astride at athwart atop barring before behind below beneath beside besides between beyond
but by circa despite down during et except for forenenst from given in inside into lest like modulo near next
notwithstanding of off on onto out over per plus pro qua sans since than through throughout thruout till to toward
towards under underneath until unto up upon versus vs via with within without or yet so and nor a an the de d' von van
c ca v""".split())

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


def _upper_turkic(s: str) -> str:
    return s.replace("i", "İ").upper()


def _lower_turkic(s: str) -> str:
    return s.replace("I", "ı").replace("İ", "i").lower()


#: Turkish and Azerbaijani case pairs (dotted i ↔ İ, dotless ı ↔ I), for items in those languages
#: (citeproc-js passes the item's language to toLocaleUpperCase; textcase_LocaleUnicode)
_TURKIC = {"uppercase": lambda t: _apply(t, lambda p, c, pr: _set(c, pr, 0, len(p), _upper_turkic), False),
           "lowercase": lambda t: _apply(t, lambda p, c, pr: _set(c, pr, 0, len(p), _lower_turkic), False)}


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


def _skip_word(word: str) -> bool:
    """A stop word, as citeproc-js's skip-word expression matches a word: its list holds "v." and
    "vs." unescaped, so any two-letter word starting with v ("vo") and "vs" followed by one letter are
    stop words too."""
    return word in SKIP_WORDS or (len(word) == 2 and word[0] == "v") or (len(word) == 3 and word[:2] == "vs")


#: what splits a title into runs of words: quotes, hyphens and dashes, slashes, punctuation, brackets
_TAG = re.compile(r"‘|’|“|”| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\[|\]|\(|\)")
_SPACED = re.compile(r"([\u00A0\u0020\u2000-\u200B\u205F\u3000]+)")  # split keeps the spaces
_QUOTES = {" \"": (" '", "\""), " '": (" \"", "'"), "‘": ("‘", "’"), "“": ("“", "”")}  # opener → (opener, closer)
_PROTECT, _UNPROTECT = "\x00open", "\x00close"


def _runs(plain: str, protected: list[bool]) -> tuple[list[tuple[int, int]], list[str]]:
    """The title cut into runs (start, end) of text and the tags between them; a protected stretch
    (nocase) is opened and closed by pseudo-tags, as citeproc-js's <span class="nocase"> tags."""
    runs, tags, start, pos, inside = [], [], 0, 0, False
    while pos < len(plain):
        if protected[pos] != inside:
            runs.append((start, pos))
            tags.append(_PROTECT if protected[pos] else _UNPROTECT)
            inside, start = protected[pos], pos
            continue
        m = _TAG.match(plain, pos) if not inside else None
        if m:
            runs.append((start, pos))
            tags.append(m.group(0))
            start = pos = m.end()
        else:
            pos += 1
    runs.append((start, len(plain)))
    return runs, tags


def _capitalise(word: str) -> str:
    if len(word) == 1 and "\u0370" <= word <= "\u03ff":  # a lone Greek letter stays (citeproc-js)
        return word
    return word[:1].upper() + word[1:]


def title(text: str) -> str:
    """Title case as citeproc-js 2.4.63 applies it (CSL.Output.Formatters.title), run by run: a
    lowercase word is capitalised unless it is a one-letter word or a skip word; the first word, a
    word after "?", "!" or ":", and a word right before the first hyphen are capitalised whatever
    they are; a last word that is a skip word is capitalised; words with capitals are kept; text
    after an apostrophe or unmatched quote keeps its first letter as written ("’t Hooft",
    "l'acupuncture").  Runs are cut at punctuation, hyphens and quotes, so "12-week" becomes
    "12-Week" and "follow-up" at the end "Follow-Up"."""
    def change(plain, changed, protected):
        runs, tags = _runs(plain, protected)
        strings = [plain[s:e] for s, e in runs]
        state = {"first": True, "punct": False, "last": None}

        def words_of(n: int, following: str | None) -> None:
            pieces = _SPACED.split(strings[n])  # words at even places, the spaces between them at odd ones
            last = len(pieces) - 1
            for j in range(0, len(pieces), 2):
                word = pieces[j]
                if not word:
                    continue
                lower = word.lower()
                cap = (len(word) > 1 and not _skip_word(lower)) or (j == last and following == "-") \
                    or state["first"] or state["punct"]
                if cap and word == lower:
                    pieces[j] = _capitalise(word)
                state["first"] = state["punct"] = False
                state["last"] = (n, j)
            strings[n] = "".join(pieces)

        def restore(n: int) -> None:
            if n < len(strings) and strings[n]:
                strings[n] = plain[runs[n][0]] + strings[n][1:]

        if strings[0].strip():
            words_of(0, tags[0] if tags else None)
        depth, quotes = 0, []
        for i, tag in enumerate(tags):
            if tag == _PROTECT:
                depth += 1
            elif tag == _UNPROTECT and depth:
                depth -= 1
            if tag.endswith(("!", "?", ":")):
                state["punct"] = True
            if depth == 0:
                if strings[i + 1].strip():
                    words_of(i + 1, None)  # (citeproc-js passes no following tag here)
            elif strings[i + 1].strip():
                state["last"] = None
            at = _quote_state(tag, i, quotes)
            if at is not None:
                restore(at + 1)
                state["last"] = None
            if strings[i + 1].strip():
                state["first"] = state["punct"] = False
        for entry in quotes:
            if entry[2] is not None:
                restore(entry[2] + 1)
        if state["last"] is not None:
            n, j = state["last"]
            pieces = _SPACED.split(strings[n])
            if len(pieces[j]) > 1 and _skip_word(pieces[j].lower()):
                pieces[j] = _capitalise(pieces[j])
                strings[n] = "".join(pieces)
        for (s, e), new in zip(runs, strings):
            for k in range(s, e):
                if not protected[k]:
                    changed[k] = new[k - s]
    return _apply(text, change)


def _quote_state(tag: str, pos: int, quotes: list) -> int | None:
    """citeproc-js's quote bookkeeping in title case: the run whose first letter goes back to how it
    was written (after a closing quote or apostrophe with no opening one, or a mismatched opener)."""
    m = re.match(r"‘|’|“|”|\"|'", tag) or re.search(r" \"$| '$", tag)
    if not m:
        return None
    quote = m.group(0)
    if quote in ("“", "‘", " \"", " '"):
        opener, closer = _QUOTES[quote]
        if not quotes or quote == quotes[-1][0]:
            quotes.append((opener, closer, pos))
            return None
        previous = quotes.pop()[2]
        quotes.append((opener, closer, None))
        return previous
    if quotes and quote == quotes[-1][1]:
        quotes.pop()
        return None
    return pos


CASES = {"lowercase": lowercase, "uppercase": uppercase, "capitalize-first": capitalize_first,
         "capitalize-all": capitalize_all, "sentence": sentence, "title": title}


def apply(text: str, case: str, english: bool = True, language: str = "") -> str:
    """``text`` in ``case``; title case only for English items; upper and lower case follow the
    item's ``language`` where it has its own letters' cases (Turkish, Azerbaijani)."""
    if case == "title" and not english:
        return text
    fn = (_TURKIC if language[:2].lower() in ("tr", "az") and language[2:3] in ("", "-", "_") else CASES).get(case) \
        or CASES.get(case)
    return fn(text) if fn else text
