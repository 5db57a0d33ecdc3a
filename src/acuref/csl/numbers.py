"""Numbers (CSL 1.0.2 "Number", "Label" plurals, Appendix V "Page Range Formats", "is-numeric").

- is-numeric: digits, optionally with letters before or after ("2nd", "L2", "123a"), joined by
  "-", "–", "&", ",", "and" or a slash (citeproc-js's reading);
- cs:number forms numeric, ordinal, long-ordinal, roman, applied to each number of a list or range,
  whose separators are kept ("2-3" → "2–3" with the page-range delimiter, "2, 3", "2 & 3");
- page ranges: expanded, minimal, minimal-two, chicago (15 and 16), with the locale's or style's
  page-range-delimiter; a "-" between two numbers becomes an en dash;
- label plurals: a value with a range or list of numbers is plural ("pages 3-5", "xi-xv", but "page
  166.e1-166.e8" and "no. US 10,987,654 B2": a comma joins only with a space after it), number-of-pages
  > 1 too.
Fixtures: number_*, page_*, label_*, plural_*, condition_*Numeric* (tests/csl_suite)."""

from __future__ import annotations

import re

_NUMBER = r"[^\W\d_]*\d+[^\W\d_]*"
#: is-numeric also takes lowercase roman numerals of i, v and x ("xii, 340", "xi-xv"), and a comma joins
#: only with a space after it ("10,12" is not numeric): citeproc-js
_NUMERIC = re.compile(rf"^\s*(?:{_NUMBER}|[ivx]+)(?:(?:\s*(?:[-–&]|and)\s*|\s*,\s+|/)(?:{_NUMBER}|[ivx]+))*\s*$")
#: each leading \s* starts only where a space run starts (or with no space), so split() is linear in a long run
_TOKENS = re.compile(r"((?:(?<!\s)|(?=\S))\s*[-–]\s*|(?:(?<!\s)|(?=\S))\s*,\s*|(?:(?<!\s)|(?=\S))\s*&\s*|(?<!\s)\s+and\s+)")
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


#: number variables whose "2-3" is a range printed with an en dash (citeproc-js); "number" is an identifier
#: ("TR-2020-07", a bill "114-11") and keeps its hyphen
RANGE_VARIABLES = frozenset("issue volume edition collection-number number-of-volumes chapter-number".split())
_RANGE_LIST = re.compile(r"\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?(?:\s*[,&]\s*\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?)*")


def is_range_list(value: str) -> bool:
    return bool(_RANGE_LIST.fullmatch(value.strip()))


def dash_ranges(value: str, ctx) -> str:
    """"2-3" → "2–3" with the style's page-range-delimiter when it sets one (Vancouver: "-")."""
    dash = ctx.locale.term("page-range-delimiter") or "–"
    return re.sub(r"(?<=\w)\s*-\s*(?=\w)", dash, value)


def is_numeric(value: str, variable: str = "", item_type: str = "") -> bool:
    """CSL is-numeric; numbers joined by a slash are numeric too ("3/4", a double issue; "2021/388":
    citeproc-js).  A "number" with a hyphen is an identifier ("114-11", "TR-2020-07"), not a range, and
    not numeric, except a legal case's docket number, which citeproc-js reads as one number ("no.
    18-1205": it escapes the hyphens of a legal_case number)."""
    if variable == "number" and "-" in value and item_type != "legal_case":
        return False
    return bool(_NUMERIC.match(value))


def roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(value: str, form: str, ctx, variable: str = "") -> str:
    if not is_numeric(value, variable):
        return value
    gender = ctx.locale.term_gender(variable) if variable else ""
    parts = _TOKENS.split(value.strip())
    out = []
    for n, part in enumerate(parts):
        if n % 2:  # a separator
            sep = part.strip()
            if sep in ("-", "–"):
                out.append((ctx.locale.term("page-range-delimiter") or "–") if variable in ("page", "locator")
                           else ("–" if variable != "number" else part.strip()))
            elif sep == ",":
                out.append(", ")
            elif sep == "&":
                out.append(" & ")
            else:
                out.append(" and ")
            continue
        m = re.fullmatch(r"([^\W\d_]*)(\d+)([^\W\d_]*)", part)
        if not m or (m.group(1) or m.group(3)) and form != "numeric":
            out.append(part)
            continue
        number = int(m.group(2))
        if form == "ordinal":
            out.append(f"{number}{ctx.locale.ordinal(number, gender)}")
        elif form == "long-ordinal":
            out.append(ctx.locale.ordinal(number, gender, long=True))
        elif form == "roman":
            out.append(roman(number))
        else:
            out.append(part)
    return "".join(out)


#: what separates the numbers of a list or range (citeproc-js 2.4.63 processNumber's joiners): "&", "and"
#: (or the locale's word), ";" or "," followed by a space, hyphens and en dashes; "10,987" is one number
_JOINERS = re.compile(r"(?:(?<!\s)|(?=\S))\s*&\s*|,?(?<!\s)\s+(?:and|et|und|y|e)\s+|[;,]\s+|(?:(?<!\s)|(?=\S))\s*(?<!\\)\\*[-–]+\s*")
#: one number of a list: digits with letters before or after ("S12", "12a", "e1234"), or a roman numeral
_NUMBER_ISH = r"(?:\d*[^\W\d_]+)?\d+[^\W\d_]*|[ivxlcdmIVXLCDM]+"
_ONE_NUMBER = re.compile(_NUMBER_ISH)
#: a hyphen between two numbers, not inside a dotted value ("3.1-3.5")
_NUMBER_RANGE = re.compile(rf"(?<![\w.])({_NUMBER_ISH})\s*-\s*(?=(?:{_NUMBER_ISH})(?![\w.]))")


def number_values(value: str) -> list[str]:
    """The numbers of a list or range ("12-15, 17" → ["12", "15", "17"]), split at citeproc-js's joiners."""
    return [v for v in _JOINERS.split(value.strip()) if v]


def is_number_list(value: str) -> bool:
    """Whether every value of a list or range is a number ("xi-xv", "S12-S18", "12a-12c"), not a string
    with a hyphen in it ("166.e1-166.e8", "3.1-3.5"): only such a list is plural and gets an en dash
    (citeproc-js: "p. 166.e1-166.e8" but "pp. S12–S18")."""
    values = _before_label(number_values(value))
    return bool(values) and all(_ONE_NUMBER.fullmatch(v) for v in values)


def _before_label(values: list[str]) -> list[str]:
    """The values before an embedded label ("367-368, fig. 333" → ["367", "368"])."""
    for n, v in enumerate(values[1:], 1):
        if _EMBEDDED_LABEL.match(v):
            return values[:n]
    return values


def label_plural(rule: str, value: str, variable: str) -> bool:
    if rule == "always":
        return True
    if rule == "never":
        return False
    if variable == "number" and "-" in value or "\\-" in value:
        return False
    if variable in ("number-of-pages", "number-of-volumes"):
        m = re.match(r"\s*(\d+)", value)
        return bool(m and int(m.group(1)) > 1)
    if variable == "page":
        return page_plural(value)
    # a list of numbers is plural, and so is one whose first value is a number ("7-B", citeproc-js)
    return len(_before_label(number_values(value))) > 1 and (is_number_list(value) or page_plural(value))


_EMBEDDED_LABEL = re.compile(r"[a-z]{1,4}\.?\s+\S")


#: where citeproc-js splits a page value into its numbers: "and" (word or symbol), "; ", ", ", dashes
_PAGE_JOINERS = re.compile(r"(?<!\s)\s+and\s+|(?:(?<!\s)|(?=\S))\s*&\s*|;\s+|,\s+|(?:(?<!\s)|(?=\S))\s*[-–]+\s*")  # linear
_FIRST_PAGE = re.compile(r"(?:[0-9]*[A-Za-z]+0*)?[0-9]+[A-Za-z]*|[ixv]+")


def page_plural(value: str) -> bool:
    """A page value is plural when it holds more than one number and the first is a number (with or
    without letters before or after it) or a lower-case roman numeral of i, v and x: "S3-89", "87A-88A",
    "xv, 454", "1-113, iii-iv", "100-" are plural; "Suppl-10", "t-8", "819.e1-819.e6", "I-II-III-IV" are
    not (citeproc-js 2.4.63's number parser: a group is plural only when its first value is collapsible;
    measured against it on the 1,932 page values of the dedupe sets in six page-range formats)."""
    parts = _PAGE_JOINERS.split(value.strip())
    return len(parts) > 1 and bool(_FIRST_PAGE.fullmatch(parts[0]))


def _range_delimiter(ctx) -> str:
    return ctx.proc.page_range_delimiter or ctx.locale.term("page-range-delimiter") or "–"


def _and_symbol(value: str, ctx) -> str:
    """" & " in a number list as the locale's "and" symbol term (citeproc-js)."""
    if "&" not in value:
        return value
    symbol = ctx.locale.term("and", "symbol") or "&"
    return re.sub(r"(?:(?<!\s)|(?=\S))\s*&\s*", f" {symbol} ", value)  # linear in a long space run


#: one end of a page range: an optional prefix (letters, possibly after digits: "N", "123N", "000c")
#: and a number with optional trailing letters ("110", "23a"); citeproc-js's reading
_PAGE_END = r"((?:[0-9]*[A-Za-z]+0*)?)([0-9]+[a-z]*)"
#: a range is a whole value or a whole item of a list ("1-9, 12-15"): "258-265.e1" and "473-479,481"
#: (a comma with no space is no list separator) keep their hyphen, as in citeproc-js
_PAGE_RANGE = re.compile(rf"(?<![^\s,;&]){_PAGE_END}\s*[-–]+\s*{_PAGE_END}(?=$|,\s|;\s|\s*&|\s+and\s)")
#: two roman numerals, or an arabic and a roman one ("xxv-xxviii", "1-iv"): a range, not shortened
_ROMAN_RANGE = re.compile(r"(?<![A-Za-z0-9])([ivxlcdm]+|[IVXLCDM]+|[0-9]+(?=\s*[-–]+\s*[ivxlcdm]))\s*[-–]+\s*"
                          r"([ivxlcdm]+|[IVXLCDM]+)(?![A-Za-z0-9])")


def page_range(value: str, ctx) -> str:
    """A page or page range in the style's page-range-format; "\\-" is a hyphen that is no range.

    CSL 1.0.2 "Range Delimiters" and Appendix V: a range is two numbers with the same prefix or none
    ("110-115", "N110-N115"); its delimiter becomes the page-range-delimiter and the formats shorten
    the second number, whose repeated prefix expanded keeps and the other formats drop ("N110–N115",
    minimal "n11564–8"). Anything else with a hyphen ("N110-5", "110-N6", "123N110-N5") is no range:
    the hyphen stays, the spaces around it go. Fixtures: page_Expand, page_ExpandWeirdComposite,
    page_Minimal, page_ChicagoWeird, page_Chicago*, page_Minimal*; roman numerals: page_Chicago16."""
    if "\\-" in value:
        return _and_symbol(value.replace("\\-", "-"), ctx)
    if not is_number_list(value):
        return value  # "166.e1-166.e8" is no range (citeproc-js)
    value = _and_symbol(value, ctx)
    fmt = ctx.proc.options.get("page-range-format")
    delimiter = _range_delimiter(ctx)

    def one(m: re.Match) -> str:
        prefix, first, prefix_last, last = m.groups()
        if prefix_last != prefix:
            return f"{prefix}{first}-{prefix_last}{last}"
        if not (first.isdigit() and last.isdigit()):
            return f"{prefix}{first}{delimiter}{prefix_last}{last}"
        shown = _format_last(first, last, fmt)
        if fmt and fmt != "expanded" and int(first[:max(0, len(first) - len(last))] + last) > int(first):
            # the repeated prefix goes with a shortened end; "S77-S77" is not shortened
            prefix_last = ""
        return f"{prefix}{first}{delimiter}{prefix_last}{shown}"

    value = _ROMAN_RANGE.sub(lambda m: m.group(1) + delimiter + m.group(2), value)  # "xxv-xxviii", "1-iv"
    return _PAGE_RANGE.sub(one, value)


def locator_text(value: str, ctx) -> str:
    """A locator; a page locator gets the style's page-range-format ("101-103" → "101–3", citeproc-js),
    any other range of numbers the page-range-delimiter, an en dash unless the style sets one ("figs.
    2–3"; AMA's "-": "ll10-12", citeproc-js fixupRangeDelimiter)."""
    if (ctx.cite.get("label") or "page") == "page":
        return page_range(value, ctx)
    dash = _range_delimiter(ctx)
    return _NUMBER_RANGE.sub(lambda m: m.group(1) + dash, value)


def _format_last(first: str, last: str, fmt: str | None) -> str:
    if not fmt:
        return last
    if len(last) < len(first):
        last = first[:len(first) - len(last)] + last  # "321-8" is 321-328 before any format applies
    if fmt == "expanded" or len(last) != len(first) or int(last) <= int(first):  # "123-123" stays whole
        return last
    common = next((i for i, (f, l) in enumerate(zip(first, last)) if f != l), len(last))
    if fmt in ("chicago", "chicago-15", "chicago-16"):
        number = int(first)
        if number < 100 or number % 100 == 0:
            return last
        if fmt != "chicago-16" and len(first) >= 4 and common < 2 and number >= 1000:
            return last  # chicago-15: four digits with three changing
        fmt = "minimal" if number % 100 < 10 else "minimal-two"
        if fmt == "minimal-two" and fmt != "chicago-16":
            pass
    if fmt == "minimal":
        return last[common:] or last[-1:]
    if fmt == "minimal-two":
        return last[min(common, len(last) - 2):] if len(last) >= 2 else last
    return last
