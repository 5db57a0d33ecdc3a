"""text-case="title" (CSL 1.0.2 "Text-case", "Title case conversion").

citeproc-py capitalises stop words such as "after" or "without" and leaves the second half of
"stroke-associated" in lower case; CSL (and citeproc-js) does the opposite for both.
Fixtures: textcase_TitleCapitalization... (see tests/csl_suite/passing.txt, textcase_*)."""

from __future__ import annotations

import re

# citeproc-js's words kept in lower case in title case (prepositions, articles, conjunctions)
STOP_WORDS = frozenset("""a an and as at but by down for from in into nor of on onto or over so the till to up via with
yet about above across after against along alongside amid amidst among amongst around aside astride athwart atop
barring before behind below beneath beside besides between beyond circa despite during except inside like near next
notwithstanding off out per plus since than through throughout toward towards under underneath until unto upon versus
vs v within without
de d' von van et al c ca pro qua sans lest given apud thru""".split())  # the last line: citeproc-js's too


def _title_word(word: str, first: bool) -> str:
    """One whitespace-delimited word in title case; hyphenated parts each follow the rules."""
    parts = word.split("-")
    out = []
    for n, part in enumerate(parts):
        letters = re.sub(r"[^A-Za-z\u00C0-\u024F]", "", part)
        if not letters or not letters.islower():
            out.append(part)  # has capitals already ("GABA", "eCAM"), or no letters
        elif letters in STOP_WORDS and not (first and n in (0, len(parts) - 1)):
            # a stop word stays lower case ("Opioid-like", "Out-of-Fashion"), except as the first or
            # last part of the first word of a title or subtitle ("…: Follow-Up"), as in citeproc-js
            out.append(part)
        else:
            # the first letter, if the word starts with one ("5th" stays, as in citeproc-js)
            out.append(re.sub(r"^([^\w]*)([a-z\u00DF-\u024F])", lambda m: m.group(1) + m.group(2).upper(), part,
                              count=1))
    return "-".join(out)


def title_case(text: str) -> str:
    words = text.split(" ")
    out, first = [], True
    for word in words:
        out.append(_title_word(word, first))
        if word:
            first = word[-1] in ":?!."
    return " ".join(out)


def install(model) -> None:
    original_case = model.TextCased.case

    def case(self, text, language=None):
        if self.get("text-case") == "title" and (language in (None, "en")):
            from citeproc.string import MixedString, NoCase, String

            if isinstance(text, MixedString):  # keep nocase spans as they are
                return MixedString([s if isinstance(s, NoCase) else String(title_case(str(s))) for s in text])
            return text.__class__(title_case(str(text))) if isinstance(text, str) else text
        return original_case(self, text, language)

    model.TextCased.case = case
