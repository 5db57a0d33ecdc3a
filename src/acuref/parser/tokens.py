"""Splitting a reference string into tokens, by linear scans (no regular expressions).

A token is a whitespace-separated word with its punctuation attached, as AnyStyle tokenises: the
punctuation is evidence (``Smith,`` ends an author, ``(2001).`` is a date). Two kinds of word are
split further, because reference lists glue fields together:

- after ``;`` or ``:`` that follows a number: NLM's ``2001;95(3):233-41.`` becomes ``2001;``
  ``95(3):`` ``233-41.`` (and ``2005;(4):CD003788`` three tokens too);
- where three or more letters run into a digit: Google Scholar's Harvard form
  ``Medicine28(2),`` becomes ``Medicine`` ``28(2),``.

Words holding ``/`` (URLs, DOIs) or starting ``10.`` are never split. Each token keeps its start and
end offsets in the string so a run of tokens maps back to the exact text the user wrote.
"""

from __future__ import annotations

from typing import NamedTuple


class Token(NamedTuple):
    """One token: its text and its [start, end) offsets in the source string."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """The tokens of TEXT in order; time and memory linear in ``len(text)``."""
    tokens: list[Token] = []
    n = len(text)
    i = 0
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace():
            j += 1
        tokens.extend(_split_word(text, i, j))
        i = j
    return tokens


def _split_word(text: str, start: int, end: int) -> list[Token]:
    word = text[start:end]
    if "/" in word or word.startswith("10.") or word.lower().startswith(("http", "www.", "doi")):
        return [Token(word, start, end)]
    cuts: list[int] = []
    letters = 0  # length of the run of letters just before position k
    digit_seen = False  # a digit since the last cut
    for k, ch in enumerate(word):
        if k > 1 and word[k - 1] in ";:" and (digit_seen or ch.isdecimal()) and (ch.isalnum() or ch == "("):
            cuts.append(k)  # NLM "2001;95(3):e233", "2005;(4):CD003788"
            digit_seen = False
        elif ch.isdecimal() and letters >= 3:
            cuts.append(k)  # Scholar "Medicine28(2)"
            digit_seen = False
        if ch.isdecimal():
            digit_seen = True
            letters = 0
        elif ch.isalpha():
            letters += 1
        else:
            letters = 0
    if not cuts:
        return [Token(word, start, end)]
    out, prev = [], 0
    for cut in cuts:
        out.append(Token(word[prev:cut], start + prev, start + cut))
        prev = cut
    out.append(Token(word[prev:], start + prev, end))
    return out
