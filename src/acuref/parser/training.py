"""Labelled reference strings for training and evaluating the parser (AnyStyle's XML format).

The data is AnyStyle's ``core.xml`` (BSD 2-Clause, copied with its licence to
``tests/fixtures/parser/``): ``<sequence>`` elements whose children are labelled segments
(``<author>``, ``<date>``, ``<title>``, ``<journal>`` …). Used only by tools/train_parser.py and the
tests, never when acuref runs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # the repository's own file, not user input
from pathlib import Path
from typing import NamedTuple

from .tokens import tokenize

#: Labels kept as they are; the rare rest are read as ``note``.
LABELS = ("author", "date", "title", "journal", "container-title", "volume", "pages", "publisher",
          "location", "editor", "doi", "url", "citation-number", "note", "genre", "edition",
          "translator", "collection-title", "isbn")


class Example(NamedTuple):
    """One labelled string: its text and its (label, segment text) pairs in order."""

    text: str
    segments: tuple[tuple[str, str], ...]


def load_examples(path: str | Path) -> list[Example]:
    """Every ``<sequence>`` of an AnyStyle XML file, in file order."""
    root = ET.parse(path).getroot()
    examples = []
    for seq in root.iter("sequence"):
        segments = []
        for child in seq:
            text = " ".join((child.text or "").split())
            if text:
                segments.append((child.tag if child.tag in LABELS else "note", text))
        if segments:
            examples.append(Example(" ".join(t for _, t in segments), tuple(segments)))
    return examples


def token_labels(example: Example) -> tuple[list[str], list[str]]:
    """(token texts, their labels): each segment tokenised on its own, as the whole string would be."""
    words, labels = [], []
    for label, text in example.segments:
        tokens = tokenize(text)
        for k, tok in enumerate(tokens):
            words.append(tok.text)
            labels.append("date" if label == "volume" and k == 0 and len(tokens) > 1 and _year_semicolon(tok.text) else label)
    return words, labels


def _year_semicolon(word: str) -> bool:
    """"1994;": a year glued to the volume in the source, labelled volume as a whole there; the tokeniser
    splits it off, and it is the date."""
    return len(word) == 5 and word.endswith(";") and word[:4].isdecimal() and word[:2] in ("19", "20")
