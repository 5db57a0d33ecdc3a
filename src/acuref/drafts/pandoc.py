"""Pandoc's citation syntax in Markdown drafts, parsed as pandoc 2.17 parses it.

- a bracketed cluster: ``[see @doe99, pp. 33-35; also @smith04, chap. 1]``; every cite keeps its
  own prefix and suffix; ``-@key`` suppresses the author;
- author in text: ``@smith04`` or ``@smith04 [p. 33, a suffix]``;
- an inline note ``^[…]`` is a note, never a citation bracket; the citations inside it are found
  as anywhere else (and rendered inside the note: see :mod:`acuref.drafts.rendering`);
- keys: ``@key`` (letters, digits, ``_``, and single inner punctuation ``:.#$%&-+?<>~/``) or
  ``@{any key}``; ``\\@`` and e-mail addresses are not citations; code spans and blocks are skipped;
- locators (pandoc's Text.Pandoc.Citeproc.Locator): after an optional comma, a label that is
  any form of a CSL locator term in the locale (``p.``, ``pp.``, ``page``, ``chap.``, ``sec.``,
  ``§``, ``fig.``, ``para.``, ``vol.``, ``no.``, ``l.``, ``n.``, ``s.v.``…; the longest that fits),
  then locator words with digits or roman numerals (``33-35, 38-39``, ``iv``, ``34(1)(a)``);
  no label but digits means a page; ``{…}`` delimits a locator explicitly. What follows is the
  suffix, as written. A suffix without a locator that starts with a word gets ", " (as pandoc).
- pandoc's "smart" typography applies to prefixes, suffixes and locators: ``--`` → –, ``---`` → —,
  ``...`` → …, straight apostrophes → ’.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..render import Cite  # light: `acuref check` does not import this module (it reads author-year text)

_KEY_CHARS = re.compile(r"[A-Za-z0-9_]")
_SPNL_BRACKET = re.compile(r"[ \t]*(?:\r?\n[ \t]*)?\[")
_SPNL_MAX = 200  # how far the "[" may follow the key (linear scan, bounded)
_INNER_PUNCT = set(":.#$%&-+?<>~/")
_ROMAN = re.compile(r"M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
LOCATOR_TERMS = ("book", "chapter", "column", "figure", "folio", "issue", "line", "note", "number", "opus", "page",
                 "number-of-pages", "paragraph", "part", "section", "sub verbo", "sub-verbo", "verse", "volume")


@dataclass(frozen=True)
class DraftCitation:
    """A pandoc citation in a draft: where it is (offsets into the text, 1-based line) and its cites."""

    start: int
    end: int
    line: int
    cites: tuple[Cite, ...]


# --- keys ---------------------------------------------------------------------------------------------

def _read_key(text: str, i: int) -> tuple[str, int] | None:
    """The key starting at ``text[i]`` (just after "@") and the offset after it, or None."""
    if i < len(text) and text[i] == "{":
        depth, j = 0, i
        while j < len(text):
            if text[j] == "\\":
                j += 2
                continue
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    key = text[i + 1:j]
                    return (key, j + 1) if key else None
            j += 1
        return None
    j = i
    while j < len(text):
        if _KEY_CHARS.match(text[j]) or (text[j].isalnum()):
            j += 1
        elif text[j] in _INNER_PUNCT and j + 1 < len(text) and (_KEY_CHARS.match(text[j + 1]) or text[j + 1].isalnum()) \
                and j > i:
            j += 1
        else:
            break
    return (text[i:j], j) if j > i and (_KEY_CHARS.match(text[i]) or text[i].isalnum()) else None


# --- clusters -----------------------------------------------------------------------------------------

def find_pandoc_citations(text: str, locale_terms: dict[str, str] | None = None) -> list[DraftCitation]:
    """Every pandoc citation of a Markdown draft, in order (code spans and blocks are skipped).

    Linear in the draft's length: brackets are paired in one pass, lines counted by bisection."""
    from bisect import bisect_right

    terms = locale_terms if locale_terms is not None else locator_labels()
    masked = _mask_code(text)
    pairs = _bracket_pairs(masked)
    newlines = [n for n, c in enumerate(text) if c == "\n"]

    def line_of(offset: int) -> int:
        return bisect_right(newlines, offset - 1) + 1

    found: list[DraftCitation] = []
    i = 0
    while i < len(masked):
        ch = masked[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            close = pairs.get(i)
            # "^[" opens an inline note, never a citation bracket: its citations are found inside it
            if close is not None and not masked.startswith("[^", i) and not _opens_inline_note(masked, i):
                cites = _bracket_cites(masked[i + 1:close], terms)
                if cites and masked[close + 1:close + 2] not in ("(", "["):  # a link or reference, not a citation
                    found.append(DraftCitation(i, close + 1, line_of(i), tuple(cites)))
                    i = close + 1
                    continue
        if ch == "@" and (i == 0 or not (masked[i - 1].isalnum() or masked[i - 1] in "_@")):
            # a bare "-@key" outside brackets is an author-in-text citation after a "-" (pandoc: "-Smith (2004)")
            got = _read_key(masked, i + 1)
            if got:
                key, end = got
                cite = Cite(key=key, mode="author-in-text")
                # pandoc's spnl: spaces, at most one line break (not a blank line), spaces; so a locator
                # wrapped onto the next line ("@doe99\n[p. 3]") is still the cite's
                m = _SPNL_BRACKET.match(masked, end, end + _SPNL_MAX)
                if m:
                    close = pairs.get(m.end() - 1)
                    inner = masked[m.end():close] if close is not None else None
                    if inner is not None and "@" not in inner and masked[close + 1:close + 2] not in ("(", "["):
                        locator, label, suffix = parse_locator(inner, terms)
                        cite = Cite(key, locator, label, "", suffix, "author-in-text")
                        end = close + 1
                found.append(DraftCitation(i, end, line_of(i), (cite,)))
                i = end
                continue
        i += 1
    return found


def _opens_inline_note(text: str, i: int) -> bool:
    """Whether the "[" at ``i`` opens a pandoc inline note ``^[…]`` (an unescaped caret before it)."""
    return i > 0 and text[i - 1] == "^" and (i < 2 or text[i - 2] != "\\")


def inline_notes(text: str) -> list[tuple[int, int]]:
    """The outermost inline notes ``^[…]`` of a Markdown draft (code skipped), in order: (offset of
    "^", offset after "]")."""
    masked = _mask_code(text)
    pairs = _bracket_pairs(masked)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(masked):
        if masked[i] == "\\":
            i += 2
            continue
        if masked[i] == "[" and _opens_inline_note(masked, i) and i in pairs:
            spans.append((i - 1, pairs[i] + 1))
            i = pairs[i] + 1
            continue
        i += 1
    return spans


def _bracket_pairs(text: str) -> dict[int, int]:
    """Offsets of "[" → their matching "]", in one pass; escaped brackets are text, and a bracket
    left open at a blank line (a paragraph's end) is never closed (a citation does not span paragraphs)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    j = 0
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            stack.append(j)
        elif c == "]" and stack:
            pairs[stack.pop()] = j
        elif c == "\n" and text[j + 1:j + 2] == "\n":
            stack.clear()
        j += 1
    return pairs


def _bracket_cites(body: str, terms: dict[str, str]) -> list[Cite]:
    if "@" not in body:
        return []
    cites = []
    for part in _split_semicolons(body):
        m = re.search(r"(?:(?<=[\s\[(])|^)(-?)@", part)
        if not m:
            return []
        got = _read_key(part, m.end())
        if not got:
            return []
        key, end = got
        prefix = " ".join(part[: m.start()].split())
        locator, label, suffix = parse_locator(part[end:], terms)
        cites.append(Cite(key, locator, label, prefix, suffix,
                                "suppress-author" if m.group(1) else "normal"))
    return cites


def _split_semicolons(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for j, c in enumerate(body):
        if c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
        elif c == ";" and depth == 0:
            parts.append(body[start:j])
            start = j + 1
    parts.append(body[start:])
    return parts


def _mask_code(text: str) -> str:
    """The text with fenced code blocks and inline code blanked (same length), so no citation is found there."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    text = re.sub(r"^(```|~~~)[^\n]*\n(?:.*?\n)??\1[^\n]*$", blank, text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]+`", blank, text)


# --- locators -----------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def locator_labels(locale: str = "en-US") -> dict[str, str]:
    """Every form of every CSL locator term in ``locale`` (case-folded) → the term's name, longest first.

    Source: the CSL locale files acuref's CSL processor reads (:func:`acuref.csl.locale.locales_dir`), as pandoc's
    toLocatorMap reads its own locale files."""
    from lxml import etree

    from ..csl.locale import locales_dir

    folder = locales_dir()
    path = folder / f"locales-{locale}.xml"
    if not path.exists():
        path = folder / "locales-en-US.xml"
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    root = etree.parse(str(path), parser).getroot()
    ns = "{http://purl.org/net/xbiblio/csl}"
    labels: dict[str, str] = {}
    for term in root.iter(f"{ns}term"):
        name = term.get("name")
        if name not in LOCATOR_TERMS:
            continue
        texts = [term.text] if term.text else []
        texts += [child.text for child in term if isinstance(child.tag, str) and child.text]
        for text in texts:
            if text.strip() and name == "number":  # "no." is number's and issue's; pandoc 2.17 reads number
                labels[text.strip().casefold()] = name
            elif text.strip():
                labels.setdefault(text.strip().casefold(), name.replace("-", " ") if name == "sub-verbo" else name)
    return dict(sorted(labels.items(), key=lambda item: -len(item[0])))  # longest form first


def _is_punct(c: str) -> bool:
    return unicodedata.category(c).startswith("P") or c in "$+<=>^`|~"


def _unit(text: str, i: int) -> tuple[bool, int]:
    """A page unit at ``i``: a roman numeral or a run of non-space, non-punctuation characters
    (hyphens, en dashes and colons allowed), with ".2" continuations; (has digits or roman, end).

    Iterative: a locator such as "1.1.1.…" of any length must not exhaust the recursion limit."""
    digit, start = False, i
    while True:
        j = start
        while j < len(text) and not text[j].isspace() and (text[j] in "-–:" or not _is_punct(text[j])):
            j += 1
        if j == start:  # only possible for the first segment: a continuation starts with a non-punctuation character
            return False, i
        word = text[start:j]
        digit = digit or any(c.isdigit() for c in word) or bool(_ROMAN.fullmatch(word.upper()))
        if j + 1 < len(text) and text[j] == "." and not text[j + 1].isspace() and not _is_punct(text[j + 1]):
            start = j + 1
        else:
            return digit, j


def _locator_word(text: str, i: int, first: bool, digits_only: bool = False) -> tuple[bool, int]:
    """One locator word at ``i`` (pandoc's pLocatorWordIntegrated): [,;] [space] balanced page units;
    (whether it has digits, or with ``digits_only`` false also roman numerals; end)."""
    j = i
    if not first and j < len(text) and text[j] in ",;":
        j += 1
    if j < len(text) and text[j] in " \u00a0\t\n":
        j += 1
    digit, any_ = False, False
    while j < len(text):
        if text[j] in "([{":
            close = {"(": ")", "[": "]", "{": "}"}[text[j]]
            k = text.find(close, j + 1)
            if k == -1:
                break
            inner_digit = any(c.isdigit() for c in text[j + 1:k]) or bool(_ROMAN.fullmatch(text[j + 1:k].upper() or "-"))
            digit, any_, j = digit or inner_digit, True, k + 1
            continue
        d, k = _unit(text, j)
        if k == j:
            break
        if digits_only:
            d = any(c.isdigit() for c in text[j:k])
        digit, any_, j = digit or d, True, k
    return (digit if any_ else False), (j if any_ else i)


def parse_locator(suffix: str, terms: dict[str, str]) -> tuple[str, str, str]:
    """(locator, CSL label, rest of the suffix) of a cite's suffix, as pandoc parses it."""
    i = 0
    if suffix[i:i + 1] == ",":
        i += 1
    if suffix[i:i + 1].isspace():
        i += 1
    if suffix[i:i + 1] == "{":  # explicit locator
        close = suffix.find("}", i)
        if close != -1:
            inner = suffix[i + 1:close].lstrip()
            label, body = "page", inner
            for text in terms:  # longest first
                if inner.casefold().startswith(text) and (len(inner) == len(text) or not inner[len(text)].isalnum()):
                    label, body = terms[text], inner[len(text):]
                    break
            return smart(body.strip()), label, smart(suffix[close + 1:])
    label, start = _label_at(suffix, i, terms)
    implicit = label is None
    if implicit:
        label, start = "page", i
    digit, end = _locator_word(suffix, start, True, implicit)
    if not digit:
        return "", "page", smart(_maybe_comma(suffix))
    while True:
        more, nxt = _locator_word(suffix, end, False, implicit)
        if not more:
            break
        end = nxt
    return smart(suffix[start:end].strip()), label, smart(suffix[end:])


def _label_at(text: str, i: int, terms: dict[str, str]) -> tuple[str | None, int]:
    """The longest locator term written at ``i`` that a locator word follows: (term, offset after it)."""
    folded = text[i:].casefold()
    for form in terms:  # longest first (locator_labels' order)
        if folded.startswith(form):
            after = i + len(form)
            digit, _ = _locator_word(text, after, True)
            if digit and (after >= len(text) or not text[after - 1].isalpha() or not text[after].isalpha()):
                return terms[form], after
    return None, i


def _maybe_comma(suffix: str) -> str:
    if not suffix or suffix[0].isspace() or _is_punct(suffix[0]):
        return suffix
    return ", " + suffix


# pandoc's data/abbreviations: after these, the Markdown reader's smart extension makes the space
# non-breaking ("sec. 3" → "sec.\u00a03")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Capt.", "Dr.", "Prof.", "Gen.", "Gov.", "e.g.", "i.e.", "Sgt.", "St.",
                  "vol.", "vs.", "Sen.", "Rep.", "Pres.", "Hon.", "Rev.", "Ph.D.", "M.D.", "M.A.", "p.", "pp.",
                  "ch.", "chap.", "sec.", "cf.", "cp.", "s.v.")
_ABBREVIATION = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r") (?=\S)")


def smart(text: str) -> str:
    """pandoc's smart typography: --- → —, -- → –, ... → …, ' → ’ (inside words and after them),
    a non-breaking space after an abbreviation."""
    text = text.replace("---", "—").replace("--", "–").replace("...", "…")
    text = _ABBREVIATION.sub("\\1\u00a0", text)
    return re.sub(r"(?<=\w)'", "’", text)
