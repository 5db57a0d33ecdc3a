"""Bibliographic databases' notes inside titles, taken out on import (field case D8 of
shared/cases/import): the title keeps the work's title, and the source's text is kept in the notes.

What the databases add (NLM's MEDLINE/PubMed Data Element descriptions, "TI" and "TT"; Embase and
Ovid exports):

- a title wholly in square brackets, often with a final period: "[Effect of … trial]." is MEDLINE's
  English translation of a title published in another language;
- a trailing language tag: "… trial [Chinese]", "[Article in German]", "[In Russian]",
  "[Chinese with English abstract]";
- trailing Ovid/MEDLINE notes: "[Review]", "[33 refs]", "[Erratum appears in …]",
  "[published erratum appears in …]", "[see comments]", "[corrected]".

Other brackets are the title's own ("[18F]FDG PET", "[Ca2+]i") and stay. Each step looks only at
the title's end (one rfind per note), so the cost is linear in the title.
"""

from __future__ import annotations

import re

#: Languages MEDLINE names in its "[Article in …]" notes and Embase in its tags (NLM's language list, abridged
#: to the languages of biomedical journals).
LANGUAGES = frozenset("""afrikaans albanian arabic armenian azerbaijani bosnian bulgarian catalan chinese croatian czech
danish dutch english estonian finnish french georgian german greek hebrew hungarian icelandic indonesian italian
japanese korean latvian lithuanian macedonian malay norwegian persian polish portuguese romanian russian serbian
slovak slovenian spanish swedish thai turkish ukrainian urdu vietnamese""".split())
_LANGUAGE_NOTE = re.compile(r"(?:article in |in )?([a-z]+)(?: with (?:an )?english abstract)?", re.I)
_OTHER_NOTE = re.compile(r"review|\d{1,4} refs?|(?:published )?erratum (?:appears )?in .{0,200}|see comments?|corrected"
                         r"|comment|retracted(?: article)?", re.I | re.S)


def _is_note(content: str) -> bool:
    content = content.strip()
    m = _LANGUAGE_NOTE.fullmatch(content)
    if m and m.group(1).lower() in LANGUAGES:
        return True
    return bool(_OTHER_NOTE.fullmatch(content))


def clean_source_title(title: str) -> tuple[str, bool]:
    """(TITLE without the database's notes, whether anything was taken out)."""
    text = title.strip()
    first = 0 if not text else len(text) - len(text.lstrip())
    stop, changed = len(text), False
    while True:  # trailing notes, last first; indices only, so many notes stay linear
        end = stop
        while end > 0 and text[end - 1] in ". ":
            end -= 1
        if end == 0 or text[end - 1] != "]":
            break
        start = text.rfind("[", 0, end - 1)
        if start <= first or not _is_note(text[start + 1:end - 1]):
            break
        stop, changed = start, True
    text = text[:stop].rstrip()
    inner = text.rstrip(".")
    if (inner.startswith("[") and inner.endswith("]") and inner[1:-1].strip() and _balanced(inner[1:-1])
            and not _is_note(inner[1:-1])):  # "[Chinese]" alone is no translated title
        text, changed = inner[1:-1].strip(), True  # MEDLINE's bracketed translation of the title
    return (text, True) if changed else (title, False)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
