"""Drafts (compatibility module): the implementation is the :mod:`acuref.drafts` package.

reading (text, Markdown, HTML, .docx, .odt → prose blocks with positions), finding (author-year
citations and the draft's reference list), resolving, checking, pandoc (citation syntax),
rendering and outputs (HTML, .docx, .odt, --bib-out).
"""

from __future__ import annotations

from .drafts.checking import CheckReport, check, check_blocks, check_file, summarise
from .drafts.finding import Citation, ListEntry, find_citations
from .drafts.pandoc import DraftCitation, find_pandoc_citations
from .render import Cite as PandocCite  # the one cite type (it was a near-copy)
from .drafts.reading import draft_kind, read_draft, text_blocks
from .drafts.rendering import BIBLIOGRAPHY_MARKER, render_draft, render_parts
from .drafts.resolving import AMBIGUOUS, FUZZY, MISMATCH, OK, STATUSES, UNRESOLVED, Resolution, resolve_citation

__all__ = ["AMBIGUOUS", "BIBLIOGRAPHY_MARKER", "CheckReport", "Citation", "DraftCitation", "FUZZY", "ListEntry",
           "MISMATCH", "OK", "PandocCite", "Resolution", "STATUSES", "UNRESOLVED", "check", "check_blocks",
           "check_file", "draft_kind", "find_citations", "find_pandoc_citations", "read_draft", "render_draft",
           "render_parts", "resolve_citation", "summarise", "text_blocks"]
