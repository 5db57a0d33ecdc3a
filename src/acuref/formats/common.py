"""Field conversions shared by the readers: pages, DOIs, years, names."""

from __future__ import annotations

import re

from ..model import Name

_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def clean_doi(value: str) -> str:
    """"https://doi.org/10.1/x" or "doi:10.1/x" → "10.1/x"."""
    return _DOI.sub("", value.strip())


_ISSN = re.compile(r"\d{4}-?\d{3}[\dXx]")


def standard_number_variable(value: str) -> str:
    """"ISSN" when VALUE's first word is an ISSN (8 characters, hyphen optional: "0300-9572", "03009572"),
    else "ISBN": RIS SN and EndNote <isbn> hold either."""
    words = value.split()
    return "ISSN" if words and _ISSN.fullmatch(words[0]) else "ISBN"


def keep_first(fields: dict, notes: list[str], var: str, value: str, label: str) -> None:
    """Set FIELDS[VAR] to VALUE (a DOI cleaned) unless it holds one already: a different later value
    goes to NOTES as "LABEL: value" rather than being lost (RIS tags and EndNote paths that map alike)."""
    if var == "DOI":
        value = clean_doi(value)
    if var not in fields:
        fields[var] = value
    elif fields[var] != value:
        notes.append(f"{label}: {value}")


# spaces are taken only from the start of their run: a search restarting inside a long run was quadratic
# every dash a range is written with: "--" (BibTeX), en/em dash, U+2010-U+2015, minus sign
_DASH = re.compile(r"(?:(?<!\s)\s+)?(?:-{2,}|[\u2010-\u2015\u2212])\s*")
_CONTRACTED = re.compile(r"(\d{1,9})-(\d{1,9})")


def clean_pages(value: str) -> str:
    """"221--228" → "221-228"; a contracted range (PubMed/MEDLINE "221-8") → "221-228".

    A range is contracted when the end has fewer digits than the start and, read with
    the start's leading digits, follows it (NLM's rule for MEDLINE's PG field)."""
    value = _DASH.sub("-", value.strip())
    m = _CONTRACTED.fullmatch(value)
    if m:
        return "-".join(full_range(m.group(1), m.group(2)))
    return value


def same_pages(a: object, b: object) -> bool:
    """Whether two CSL page values are the same ranges, whatever dash each is written with ("123–130" and
    "123-130"): CSL processors print every page range with the style's own delimiter (CSL 1.0.2,
    "Page Ranges"), so the dash is not part of the value's meaning."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return a == b
    return page_dashes(a) == page_dashes(b)


def page_dashes(value: str) -> str:
    """VALUE with each range's dash (however written) as "-": "1–5, 7 — 9" → "1-5, 7-9"."""
    return _DASH.sub("-", value.strip())


def full_range(start: str, end: str) -> tuple[str, str]:
    """("221", "8") → ("221", "228"); ("1095", "102") → ("1095", "1102"); others unchanged."""
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        full = start[: len(start) - len(end)] + end
        if full > start:  # same length, so the strings compare as the numbers do (and int() refuses 4,300+ digits)
            return start, full
    return start, end


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}")


def bcp47_language(value: str) -> str:
    """A language code as BCP 47 (RFC 5646), as CSL's ``language`` expects: ISO 639-2 codes, which PubMed
    and MEDLINE use ("chi", "eng", "ger"), become their ISO 639-1 form ("zh", "en", "de") by the IANA
    registry (the langcodes package); a value that is not a language tag ("English") is returned as is."""
    text = value.strip()
    if not _LANGUAGE_TAG.fullmatch(text):
        return text
    import langcodes

    try:
        return langcodes.standardize_tag(text)
    except ValueError:
        return text


def year_of(value) -> int | None:
    m = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", str(value))
    return int(m.group(1)) if m else None


_ORGANISATION = re.compile(r"\b(?:organi[sz]ation|institute|society|council|group|committee|association|university|"
                           r"agency|collaboration|consortium|foundation|college|department|ministry|network)\b", re.I)


_CORPORATE_SUFFIX = re.compile(r",\s*(?:Inc|Ltd|LLC|L\.L\.C|GmbH|AG|Corp|Co|plc|PLC|S\.A|SA|B\.V|BV|N\.V|Pty|KG)\.?$")


def split_name(text: str) -> Name:
    """"Deluze, C." / "C. Deluze" / "Deluze C" → Name; an organisation in braces or without a comma
    and with several capitalised words stays a literal, as does a value with more than two commas
    (RIS: "Lastname, Firstname, Suffix")."""
    text = " ".join(text.split()).strip()
    if not text.strip(","):
        return Name()
    if text.startswith(","):  # ", Plato": a given name alone
        return Name(given=text.strip(", "))
    if text.endswith(",") and text.count(",") == 1:  # "Family," : a surname alone
        return _particles(Name(family=text[:-1].strip()))
    if text.startswith("{") and text.endswith("}"):
        return Name(literal=text[1:-1])
    if text.count(",") > 2:  # "Family, Given, Suffix" has two commas at most: a list (Ovid's A2 of cited
        return Name(literal=text)  # first authors) or an organisation, kept whole rather than split wrongly
    if _CORPORATE_SUFFIX.search(text):  # "Barnes and Noble, Inc.": a company, not "Inc. Barnes and Noble"
        return Name(literal=text)
    words = text.split(" ")
    if "," not in text and (len(words) >= 3 and not re.fullmatch(r"(?:[A-Z]\.?\s?){1,3}", words[-1])
                            or _ORGANISATION.search(text) or re.fullmatch(r"[A-Z]{2,}", text)):
        return Name(literal=text)
    if "," in text:
        family, _, rest = text.partition(",")
        given, _, suffix = rest.partition(",")
        return _particles(Name(family=family.strip(), given=given.strip(), suffix=suffix.strip()))
    parts = text.split(" ")
    if len(parts) == 1:
        return Name(family=parts[0])
    if re.fullmatch(r"(?:[A-Z]\.?\s?){1,3}", parts[-1]):  # Vancouver "Zhang YQ", Embase "Liu R."
        letters = re.findall(r"[A-Z]", parts[-1])
        return Name(family=" ".join(parts[:-1]), given=".".join(letters) + ".")
    return _particles(Name(family=parts[-1], given=" ".join(parts[:-1])))


_PARTICLES = ("van der", "van den", "von der", "van", "von", "de la", "de", "del", "della", "di", "da", "le", "la", "du", "dos", "das")


def _particles(name: Name) -> Name:
    for particle in _PARTICLES:
        if name.family.lower().startswith(particle + " ") and name.family[: len(particle)].islower():
            return Name(family=name.family[len(particle) + 1:], given=name.given, suffix=name.suffix,
                        non_dropping_particle=name.family[: len(particle)])
    return name


def yaml_within(data, budget: int) -> bool:
    """Whether parsed YAML ``data`` has at most ``budget`` values with its aliases (``*name``) expanded,
    as every later walk sees it. Stops as soon as the budget is spent, so an alias bomb (9 lists of 9
    lists of ...) costs ``budget`` steps, not 9**depth. Used by the CSL-YAML reader and draft front matter."""
    stack = [data]
    while stack:
        budget -= 1
        if budget < 0:
            return False
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True
