"""Where acuref's renderer follows CSL and citeproc-js rather than pandoc 2.17, for tests that compare
rendered drafts with pandoc's output. Each difference is named, and counted apart from identical output.

- LOCATOR_LABEL: pandoc 2.17 (citeproc 0.6) does not evaluate ``is-numeric="locator"``, so styles that
  label only numeric locators print none for a chapter, line or verse ("(Doe, 1999, 3)"); CSL and
  citeproc-js print the label (APA "Chapter 3", Chicago "chap. 3", "lines 10–12", "vv. 3–4").
"""

from __future__ import annotations

import re

_LOCATOR_LABEL = re.compile(r"\b(?:Chapters?|chaps?\.|Lines?|lines?|Verses?|v\.|vv\.)\s(?=\d)")


def documented_difference(acuref: str, pandoc: str) -> str | None:
    """The name of the documented difference that explains ``acuref != pandoc``, or None."""
    if acuref != pandoc and _LOCATOR_LABEL.sub("", acuref) == pandoc:
        return "LOCATOR_LABEL"
    return None
