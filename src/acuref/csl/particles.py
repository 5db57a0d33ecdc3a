"""A given name's trailing lower-case particles ("Alexander von" → "Alexander" + dropping "von"),
found in one pass over the name.

This is what the pattern ``^(.+?)\\s+((?:[a-z\\u00df-\\u00ff]+[’']?\\s*)+)$`` matched (citeproc-js's
rule for particles written at the end of the given name), without its cost: its nested quantifier
backtracked exponentially (a given name of 26 lower-case letters and a digit took 10 s), and the lazy
head made even an unnested form quadratic. Here the longest tail of particle characters is found
from the end, then the first space run before a particle inside it."""

from __future__ import annotations


def _letter(char: str) -> bool:
    return "a" <= char <= "z" or "\u00df" <= char <= "\u00ff"


def given_particles(given: str) -> tuple[str, str] | None:
    """(the given name, its trailing particles with their spaces) or None: "Alexander von" →
    ("Alexander", "von"); "Jean de la" → ("Jean", "de la"); "Anna" → None."""
    n = len(given)
    start = n  # the tail given[start:] has only letters, spaces and apostrophes that follow a letter
    while start > 0:
        char = given[start - 1]
        if _letter(char) or char.isspace() or (char in "’'" and start >= 2 and _letter(given[start - 2])):
            start -= 1
        else:
            break
    i = 1
    while i < n:
        if given[i].isspace():
            j = i
            while j < n and given[j].isspace():
                j += 1
            if j < n and j >= start and _letter(given[j]):
                return given[:i], given[j:]
            i = j
        else:
            i += 1
    return None
