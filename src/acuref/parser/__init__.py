"""A trained reference-string parser: a linear-chain CRF labels the tokens, normalisers build CSL.

The way AnyStyle, GROBID and ParsCit read references: the string is split into tokens
(:mod:`.tokens`), each token described by features (:mod:`.features`), a conditional random field
trained on AnyStyle's 1,514 hand-labelled strings (BSD 2-Clause, see LICENSE-anystyle beside the
model) labels every token (author, date, title, journal, volume, pages, publisher…), and one
normaliser per field turns the labelled runs into a CSL reference (:mod:`.reference`,
:mod:`.names`, :mod:`.fields`). Everything is linear in the length of the string.

Public entry point: :func:`parse_string`. The model is trained by ``tools/train_parser.py``.
"""

from __future__ import annotations

from importlib import resources
from typing import Sequence

from ..model import Name
from .reference import ParsedReference, Segment, build_reference
from .tokens import tokenize

__all__ = ["ParsedReference", "Segment", "parse_string", "label_tokens", "MODEL_FILE"]

MODEL_FILE = "model.crfsuite"
_TAGGER = None


def _tagger():
    """The CRFsuite tagger of the shipped model, opened once per process (about 10 ms)."""
    global _TAGGER
    if _TAGGER is None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        path = resources.files(__name__).joinpath(MODEL_FILE)
        with resources.as_file(path) as p:
            tagger.open(str(p))
        _TAGGER = tagger
    return _TAGGER


def label_tokens(words: Sequence[str], tagger=None) -> list[tuple[str, float]]:
    """(label, marginal probability of that label) for each token of ``words``."""
    from .features import sequence_features

    if not words:
        return []
    tagger = tagger or _tagger()
    labels = tagger.tag(sequence_features(words))
    return [(label, tagger.marginal(label, i)) for i, label in enumerate(labels)]


def _fill_name_gaps(words: Sequence[str], labelled: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Tokens between two author runs that are all names ("Smith," "K.S.,") are authors too.

    The CRF learnt author lists of up to a few dozen names; in a list of hundreds it may label a
    stretch in the middle as title or place. The stretch keeps its (low) confidence, so the field
    is still shown as unsure."""
    from .features import _local, _name_runs

    authors = [i for i, (label, _) in enumerate(labelled) if label == "author"]
    if len(authors) < 2 or authors[-1] - authors[0] + 1 == len(authors):
        return labelled
    first, last = authors[0], authors[-1]
    span = words[first:last + 1]
    runs = _name_runs(span, [_local(w) for w in span])
    if any(r == "0" and labelled[first + k][0] != "author" for k, r in enumerate(runs)):
        return labelled
    return labelled[:first] + [("author", c) for _, c in labelled[first:last + 1]] + labelled[last + 1:]


def parse_string(text: str, previous_authors: tuple[Name, ...] = (), tagger=None) -> ParsedReference:
    """Read one reference string (any common style: Harvard, APA, MLA, Chicago, Vancouver/NLM…).

    Returns a :class:`ParsedReference`: ``.reference`` is a :class:`~acuref.model.Reference` with an
    empty key (None if the string does not read as a reference), ``.confidence`` maps each CSL
    variable read to the model's confidence (0..1), ``.unsure()`` lists the doubtful ones, and
    ``.segments`` are the labelled runs. ``previous_authors`` are the names "———" repeats (the
    previous reference's authors in a list). Never raises on any str; time linear in ``len(text)``.
    """
    tokens = tokenize(text)
    labelled = _fill_name_gaps([t.text for t in tokens], label_tokens([t.text for t in tokens], tagger))
    segments: list[Segment] = []
    i = 0
    while i < len(tokens):
        label, conf = labelled[i]
        j = i
        low = conf
        while j + 1 < len(tokens) and labelled[j + 1][0] == label:
            j += 1
            low = min(low, labelled[j][1])
        segments.append(Segment(label, text[tokens[i].start:tokens[j].end], low))
        i = j + 1
    return build_reference(text, segments, previous_authors)
