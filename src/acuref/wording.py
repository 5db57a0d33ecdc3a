"""Counts in messages: "1 reference", "2 references", "0 references", "1 entry", "3 entries".

Every user-facing message that states a number of things says it through :func:`count`, so no
message prints "1 references" or a "problem" with an (s). English plurals only (acuref's messages are English).
"""

from __future__ import annotations


def plural(noun: str, n: int) -> str:
    """NOUN for N things: unchanged for 1, else pluralised word by word at the last word of each "/"-part
    ("randomised trial" → "randomised trials", "observational study" → "observational studies",
    "systematic review/meta-analysis" → "systematic reviews/meta-analyses", "match" → "matches")."""
    if n == 1:
        return noun
    return "/".join(_plural_phrase(part) for part in noun.split("/"))


def _plural_phrase(phrase: str) -> str:
    head, space, last = phrase.rpartition(" ")
    return head + space + _plural_word(last)


def _plural_word(word: str) -> str:
    if word.endswith("sis"):  # analysis → analyses, synthesis → syntheses
        return word[:-2] + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def count(n: int, noun: str) -> str:
    """ "N NOUN" with NOUN agreeing with N: count(1, "reference") → "1 reference", count(2, "entry") → "2 entries"."""
    return f"{n} {plural(noun, n)}"
