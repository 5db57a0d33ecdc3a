"""Text normalisation shared by search, key resolution, matching and checking."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
                          "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "ð": "d"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII: accents stripped, ligatures spelt out ("Schünemann" → "schunemann")."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """Folded alphanumeric words ("Electro‐acupuncture: a review" → electro, acupuncture, a, review)."""
    return [w for w in _NON_ALNUM.split(fold(text)) if w]


def squash(text: str) -> str:
    """Folded text with everything but letters and digits removed ("Delize et al." → "delizeetal")."""
    return _NON_ALNUM.sub("", fold(text))
