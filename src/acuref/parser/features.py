"""Token features for the reference-string CRF: small pure functions, each tested on its own.

Each function looks at one token's text (some also at its place in the string) and returns a short
string value; :func:`sequence_features` combines them, with the neighbours' values, into the
``name=value`` feature lists CRFsuite trains and tags on. The feature families follow AnyStyle's
parser (canonical word, shape, case, punctuation, brackets, numbers, dictionaries, position),
written for acuref. No regular expressions: every function is a linear scan of one token.
"""

from __future__ import annotations

from typing import Sequence

from .lexicon import GIVEN_NAMES, JOURNAL_WORDS, KEYWORDS, MONTHS, PLACE_WORDS, PUBLISHER_WORDS

_OPEN = "([{“‘«\"'"
_CLOSE = ")]}”’»\"'"
_PUNCT_STRIP = ".,;:()[]{}“”‘’«»\"'!?*"


def core(word: str) -> str:
    """The word without leading and trailing punctuation: ``"(2001)."`` → ``"2001"``."""
    return word.strip(_PUNCT_STRIP)


def canonical(word: str) -> str:
    """Lower-cased core, or ``"<empty>"`` for a token of punctuation only."""
    return core(word).lower() or "<empty>"


def shape(word: str) -> str:
    """Letters as A/a, digits as 0, runs of one class collapsed: ``"Smith,"`` → ``"Aa,"``,
    ``"1249-52."`` → ``"0-0."``, ``"J.-P."`` → ``"A.-A."``."""
    out: list[str] = []
    for ch in word:
        c = "A" if ch.isupper() else "a" if ch.isalpha() else "0" if ch.isdecimal() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:12]


def caseness(word: str) -> str:
    """upper, title, lower, mixed or none (no letters)."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return "none"
    if all(ch.isupper() for ch in letters):
        return "upper" if len(letters) > 1 else "single"
    if letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
        return "title"
    if all(ch.islower() for ch in letters):
        return "lower"
    return "mixed"


def is_initials(word: str) -> bool:
    """``"J."``, ``"J.-P."``, ``"AB"`` (Vancouver), ``"S.K."``: initials of given names."""
    c = core(word) if not word.endswith(".") else word.rstrip(",;:")
    letters = [ch for ch in c if ch.isalpha()]
    if not letters or len(letters) > 4 or not all(ch.isupper() for ch in letters):
        return False
    if all(ch.isalpha() for ch in c):
        return len(c) <= 3
    return all(ch.isupper() or ch in ".-" for ch in c) and "." in c


def punctuation_end(word: str) -> str:
    """The token's last character when it is punctuation (``"."``, ``","``, ``")."`` as ``")."``)."""
    tail = ""
    for ch in reversed(word):
        if ch.isalnum() or len(tail) == 2:
            break
        tail = ch + tail
    return tail or "none"


def punctuation_start(word: str) -> str:
    """Opening bracket or quote at the start, else ``"none"``."""
    return word[0] if word and word[0] in _OPEN else "none"


def brackets(word: str) -> str:
    """Whether the token is enclosed (``"(2001)"``), opens, closes or has none."""
    opens = bool(word) and word[0] in _OPEN
    closes = any(ch in _CLOSE for ch in word[-3:]) if word else False
    return "enclosed" if opens and closes else "opens" if opens else "closes" if closes else "none"


def number_kind(word: str) -> str:
    """year, year-suffix (``2014a``), year-range, page-range, roman, ordinal, digits-N, alnum or none."""
    c = core(word)
    if not c:
        return "none"
    digits = sum(ch.isdecimal() for ch in c)
    if digits == 0:
        low = c.lower()
        if low and all(ch in "ivxlcdm" for ch in low) and len(low) <= 6 and low not in ("i", "mi", "mid", "di", "dim", "civil"):
            return "roman"
        return "none"
    if c.isdecimal():
        if len(c) == 4 and c[:2] in ("15", "16", "17", "18", "19", "20"):
            return "year"
        return f"digits-{min(len(c), 5)}"
    if len(c) == 5 and c[:4].isdecimal() and c[4].isalpha() and c[:2] in ("19", "20"):
        return "year-suffix"
    if c.lower().startswith(("pp.", "p.")):
        return "pages-prefixed"
    for dash in ("-", "–", "—", "‑"):
        if dash in c:
            left, _, right = c.partition(dash)
            if left.isdecimal() and right.isdecimal():
                if len(left) == 4 and len(right) in (2, 4) and left[:2] in ("19", "20") and int(right[-2:]) <= 40:
                    return "year-range" if int(left[2:]) <= int(right[-2:]) + (100 if len(right) == 2 else 0) else "page-range"
                return "page-range"
            return "range-mixed"
    if c[-2:].lower() in ("st", "nd", "rd", "th") and c[:-2].isdecimal():
        return "ordinal"
    if "(" in c or ")" in c:
        return "volume-issue"
    if ":" in c or ";" in c:
        return "nlm-colon"
    return "alnum" if digits < len(c) else "digits-other"


def dictionary(word: str) -> list[str]:
    """Which word lists the token's canonical form is in (several may hold)."""
    w = canonical(word)
    found = []
    if w in GIVEN_NAMES:
        found.append("given")
    if w in JOURNAL_WORDS:
        found.append("journal")
    if w in PUBLISHER_WORDS:
        found.append("publisher")
    if w in PLACE_WORDS:
        found.append("place")
    if w in MONTHS:
        found.append("month")
    return found


def keyword(word: str) -> str:
    """The field a keyword announces (``"pp."`` → pages, ``"&"`` → and), else ``"none"``."""
    low = word.lower().strip(",;:()[]")
    kw = KEYWORDS.get(low) or KEYWORDS.get(low.rstrip("."))
    return kw or "none"


def web(word: str) -> str:
    """url, doi, isbn or none."""
    low = word.lower()
    if low.startswith(("http://", "https://", "www.")) or "://" in low:
        return "doi" if "doi.org/" in low else "url"
    if low.startswith(("doi:", "10.")) and "/" in low:
        return "doi"
    digits = sum(ch.isdecimal() for ch in low)
    if digits >= 10 and all(ch.isdecimal() or ch in "-x" for ch in core(low)):
        return "isbn"
    return "none"


def position(index: int, length: int) -> str:
    """The token's place in the string in tenths (``"0"`` … ``"9"``); the first and last are named."""
    if index == 0:
        return "first"
    if index == length - 1:
        return "last"
    return str(min(9, index * 10 // max(length, 1)))


def _local(word: str) -> dict[str, str]:
    """The features of one token on its own."""
    c = core(word)
    feats = {
        "w": canonical(word),
        "shape": shape(word),
        "case": caseness(word),
        "init": "1" if is_initials(word) else "0",
        "pend": punctuation_end(word),
        "pstart": punctuation_start(word),
        "br": brackets(word),
        "num": number_kind(word),
        "kw": keyword(word),
        "web": web(word),
        "len": str(min(len(c), 8)),
        "suf3": c[-3:].lower(),
        "pre2": c[:2].lower(),
    }
    for d in dictionary(word):
        feats["dict_" + d] = "1"
    return feats


def _sentence_end(word: str, feats: dict[str, str]) -> bool:
    """A word ending a sentence: "emesis." but not an initial ("J.") or a year ("2001.")."""
    return feats["pend"].endswith(".") and feats["init"] == "0" and feats["num"] not in ("year", "year-suffix") \
        and len(core(word)) > 1


def _sentences_to_next_year(words: Sequence[str], local: list[dict[str, str]]) -> list[str]:
    """For each token, how many sentence ends lie from it up to the next year ("none" if no year
    follows): in Vancouver strings the journal is the last sentence before the date."""
    out = ["none"] * len(words)
    count = -1  # -1: no year after this point
    for i in range(len(words) - 1, -1, -1):
        if local[i]["num"] in ("year", "year-suffix"):
            count = 0
            out[i] = "year"
            continue
        if count >= 0 and _sentence_end(words[i], local[i]):
            count += 1
        out[i] = "none" if count < 0 else str(min(count, 3))
    return out


def _name_like(words: Sequence[str], local: list[dict[str, str]], i: int) -> bool:
    """Initials, a connector between names ("&", "and"), or a capitalised word followed by initials
    ("Smith," before "J.", "Vates" before "GE,")."""
    feats = local[i]
    if feats["init"] == "1" or (feats["kw"] == "and" and 0 < i < len(words) - 1):
        return True
    if feats["case"] in ("title", "upper", "mixed") and i + 1 < len(words) and local[i + 1]["init"] == "1":
        return feats["pend"] in ("none", ",")
    return feats["case"] in ("title", "upper") and feats["pend"] == "," and i > 0 and local[i - 1]["init"] == "1"


def _name_runs(words: Sequence[str], local: list[dict[str, str]]) -> list[str]:
    """For each token, the length (bucketed) of the run of name-like tokens it is in: long runs are
    author lists however far into the string they reach (200-author papers)."""
    flags = [_name_like(words, local, i) for i in range(len(words))]
    out = ["0"] * len(words)
    i = 0
    while i < len(words):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(words) and flags[j]:
            j += 1
        run = j - i
        bucket = "1-3" if run <= 3 else "4-9" if run <= 9 else "10+"
        for k in range(i, j):
            out[k] = bucket
        i = j
    return out


def sequence_features(words: Sequence[str]) -> list[list[str]]:
    """CRFsuite feature lists (``"name=value"``) for a sequence of tokens.

    Each token gets its own features, selected features of the tokens one and two places either
    side, its position in the string, and counts of what came before it (years seen, tokens ending
    in a period), which tell author lists from titles from containers.
    """
    local = [_local(w) for w in words]
    n = len(words)
    ahead = _sentences_to_next_year(words, local)
    runs = _name_runs(words, local)
    out: list[list[str]] = []
    years_before = 0
    periods_before = 0
    sentences_since_year = -1  # sentence ends ("word." but not initials) since the last year; -1: no year yet
    sentences_before = 0
    for i, feats in enumerate(local):
        row = ["bias", f"pos={position(i, n)}", f"years_before={min(years_before, 2)}",
               f"periods_before={min(periods_before, 6)}", f"sent_before={min(sentences_before, 4)}",
               f"sent_since_year={min(sentences_since_year, 3)}", f"sent_to_year={ahead[i]}", f"namerun={runs[i]}"]
        row.extend(f"{k}={v}" for k, v in feats.items())
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                other = local[j]
                row.append(f"{off}:w={other['w']}")
                row.append(f"{off}:shape={other['shape']}")
                row.append(f"{off}:pend={other['pend']}")
                if off in (-1, 1):
                    row.append(f"{off}:num={other['num']}")
                    row.append(f"{off}:kw={other['kw']}")
                    row.append(f"{off}:init={other['init']}")
                    row.append(f"{off}:case={other['case']}")
            else:
                row.append(f"{off}:edge")
        if i > 0:
            row.append(f"w-1|w={local[i - 1]['w']}|{feats['w']}")
        out.append(row)
        if feats["num"] in ("year", "year-suffix"):
            years_before += 1
            sentences_since_year = 0
        if feats["pend"].endswith("."):
            periods_before += 1
            if _sentence_end(words[i], feats):
                sentences_before += 1
                if sentences_since_year >= 0:
                    sentences_since_year += 1
    return out
