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


# C0 and C1 control characters (Unicode category Cc) other than tab, line feed and carriage return:
# terminal escape sequences (ESC), bells, NULs. They carry no bibliographic meaning, and printed to a
# terminal they can recolour, retitle or hide output, so readers drop them. A vertical tab or form feed
# (EndNote's line separator) becomes a space.
_CONTROLS = {cp: None for cp in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if cp not in (0x09, 0x0A, 0x0D)}
_CONTROLS.update({0x0B: " ", 0x0C: " "})
# Whole ANSI sequences go, not only their ESC: CSI ("ESC [ 31 m") and OSC ("ESC ] 0;title BEL").
# Disjoint character classes, so matching is linear.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")


def without_controls(value):
    """VALUE with control characters removed from every string inside it, and whether any was.

    VALUE is a str, or a tuple, list, dict or frozen dataclass (Reference, Name, Date) holding them;
    the result has the same shape. Returns ``(value, changed)``."""
    import dataclasses

    if isinstance(value, str):
        if value.isprintable():  # the common case: nothing to do
            return value, False
        cleaned = _ANSI.sub("", value).translate(_CONTROLS) if "\x1b" in value else value.translate(_CONTROLS)
        return cleaned, cleaned != value
    if isinstance(value, (tuple, list)):
        items = [without_controls(v) for v in value]
        changed = any(c for _, c in items)
        return (type(value)(v for v, _ in items) if changed else value), changed
    if isinstance(value, dict):
        items = {without_controls(k)[0]: without_controls(v) for k, v in value.items()}
        changed = any(c for _, c in items.values()) or any(without_controls(k)[1] for k in value)
        return ({k: v for k, (v, _) in items.items()} if changed else value), changed
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            new, changed = without_controls(getattr(value, f.name))
            if changed:
                changes[f.name] = new
        return (dataclasses.replace(value, **changes) if changes else value), bool(changes)
    return value, False
