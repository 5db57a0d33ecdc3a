"""The data acuref works on: references, names, claims, the store. No I/O here.

Field names follow CSL-JSON variables (``container-title``, ``issued``…) so a
reference can be handed to a CSL processor or exported as CSL-JSON without
renaming. acuref's own fields (design, topics, aliases…) sit beside them.

Dataclasses are frozen: transforms (dedupe merge, import) return new objects,
so a half-applied change can never leak into a store that is being saved.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from .dates import Date
from .names import Name, name_from_csl, name_to_csl  # noqa: F401 - re-exported: Name lives in acuref.model for callers

SCHEMA_VERSION = 1

#: Study designs, strongest evidence first. The order is the evidence
#: hierarchy used by summaries; designs sharing a rank are equally strong.
DESIGNS: dict[str, tuple[int, str]] = {
    "systematic-review": (1, "systematic review/meta-analysis"),
    "randomised-trial": (2, "randomised trial"),
    "controlled-trial": (3, "controlled trial"),
    "observational": (4, "observational study"),
    "case-series": (5, "case series"),
    "narrative-review": (6, "narrative review"),
    "mechanistic": (7, "mechanistic study"),
    "animal-study": (7, "animal study"),
    "guideline": (8, "guideline"),
    "guideline-protocol": (8, "guideline protocol"),
    "webpage": (8, "web page"),
    "unknown": (9, "unknown"),
}

#: CSL 1.0.2 name variables.
NAME_VARIABLES = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director executive-producer guest host illustrator interviewer
    narrator organizer original-author performer producer recipient reviewed-author
    script-writer series-creator translator""".split()
)

#: CSL 1.0.2 date variables.
DATE_VARIABLES = frozenset("accessed available-date event-date issued original-date submitted".split())

#: CSL 1.0.2 standard and number variables (stored as strings).
TEXT_VARIABLES = frozenset(
    """abstract annote archive archive_collection archive_location archive-place authority
    call-number chapter-number citation-key citation-label collection-number collection-title
    container-title container-title-short dimensions division DOI edition event event-place
    event-title genre ISBN ISSN issue jurisdiction keyword language license medium note number
    number-of-pages number-of-volumes original-publisher original-publisher-place original-title
    page page-first part-number part-title PMCID PMID printing-number publisher publisher-place
    references reviewed-genre reviewed-title scale section source status supplement-number title
    title-short URL version volume volume-title volume-title-short year-suffix""".split()
)

#: the rich-text tags a stored value may hold (CSL 1.0.2 Appendix VI, as citeproc-js reads them)
RICH_TEXT_TAGS = re.compile(r'</?(?:i|b|sup|sub|sc)>|<span class="nocase">|<span style="font-variant:\s?small-caps;?">|</span>')

#: CSL item types (CSL 1.0.2).
CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
    graphic hearing interview legal_case legislation manuscript map motion_picture
    musical_score pamphlet paper-conference patent performance periodical personal_communication
    post post-weblog regulation report review review-book software song speech standard thesis
    treaty webpage""".split()
)

#: acuref's own fields, in the order they are written after the CSL fields.
ACUREF_LIST_FIELDS = ("topics", "aliases", "name-variants", "corrections", "missing", "sources", "distinct",
                      "truncated", "updates")
ACUREF_FIELDS = ("design",) + ACUREF_LIST_FIELDS[:3] + ("original",) + ACUREF_LIST_FIELDS[3:] + ("notes",)

#: The order CSL fields are written in; anything else follows alphabetically.
CSL_FIELD_ORDER = (
    "type title author editor issued container-title collection-title publisher publisher-place "
    "edition volume issue page number URL DOI ISBN ISSN PMID PMCID accessed note"
).split()


@dataclass(frozen=True)
class Reference:
    """One work, keyed by its citation key.

    ``fields`` holds every CSL variable other than the four first-class ones:
    text variables as ``str``, name variables as ``tuple[Name, ...]``, date
    variables as :class:`~acuref.dates.Date`. A tuple of date parts given for a
    date (``issued=(1992, 5)``) is made a ``Date``. ``truncated`` names the name
    variables whose list was cut short (BibTeX ``and others``): styles print "et al.".
    """

    key: str
    type: str = "article-journal"
    title: str = ""
    author: tuple[Name, ...] = ()
    issued: Date = Date()
    fields: Mapping[str, Any] = field(default_factory=dict)
    design: str = "unknown"
    topics: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    name_variants: tuple[str, ...] = ()
    original: str = ""
    corrections: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    distinct: tuple[str, ...] = ()  # keys an editor decided are NOT duplicates of this one
    truncated: tuple[str, ...] = ()  # name variables cut short ("and others")
    updates: tuple[str, ...] = ()  # editorial notices (retraction, correction…): see acuref.updates
    notes: str = ""

    def __post_init__(self) -> None:
        if type(self.issued) is not Date:
            object.__setattr__(self, "issued", as_date(self.issued))
        for var in DATE_VARIABLES.intersection(self.fields):
            if type(self.fields[var]) is not Date:
                object.__setattr__(self, "fields", {**self.fields, var: as_date(self.fields[var])})

    @property
    def year(self) -> int | None:
        """The year issued (an int), or None."""
        return self.issued.year

    @property
    def first_author(self) -> str:
        """Surname (or organisation) of the first author, "" when there is none."""
        return self.author[0].sort_name if self.author else ""

    @property
    def plain_title(self) -> str:
        """The title for a listing or message: its rich-text markup (``<i>``, ``<span class="nocase">``…,
        CSL 1.0.2 Appendix VI) taken out; the stored value keeps it."""
        return RICH_TEXT_TAGS.sub("", self.title) if "<" in self.title else self.title

    def get(self, variable: str, default: Any = None) -> Any:
        """Any CSL variable by its CSL name."""
        if variable in ("type", "title", "author", "issued"):
            value = getattr(self, variable)
            return value if value else default
        return self.fields.get(variable, default)

    def with_changes(self, **changes: Any) -> "Reference":
        return replace(self, **changes)


@dataclass(frozen=True)
class Claim:
    """A statement an article makes, the condition it is about, and what it cites."""

    id: str
    text: str
    cites: tuple[str, ...] = ()
    topic: str = ""
    group: str = ""
    condition: str = ""
    article: str = ""
    cited_as: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class Store:
    """The whole reference store: references in file order, and claims."""

    references: Mapping[str, Reference] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()
    schema: int = SCHEMA_VERSION

    def __len__(self) -> int:
        return len(self.references)

    def __iter__(self):
        return iter(self.references.values())

    def alias_index(self) -> dict[str, str]:
        """Every alias, mapped to the key it resolves to."""
        return {alias: ref.key for ref in self for alias in ref.aliases}

    def with_references(self, references: Mapping[str, Reference]) -> "Store":
        return replace(self, references=dict(references))


# --- CSL-JSON conversion (pure functions) ---------------------------------------------


def as_date(value: Any) -> Date:
    """A Date from a Date, a tuple/list of date parts or a year; raises ``ValueError`` otherwise."""
    if isinstance(value, Date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Date(parts=(value,))
    if isinstance(value, (tuple, list)):
        return Date(parts=tuple(int(p) for p in value))
    raise ValueError(f"not a date: {value!r}")


def to_csl(ref: Reference, *, extras: bool = True) -> dict[str, Any]:
    """The reference as a complete CSL-JSON item (``id`` = key): every CSL variable it has, dates
    as CSL date objects (ranges, season, circa, literal, raw), names with all their parts.

    ``truncated`` (a list of name variables cut short by BibTeX ``and others``) is always
    included when set, since renderers need it to print "et al."; acuref's other fields
    (design, topics…) only when ``extras``.
    """
    item: dict[str, Any] = {"id": ref.key, "type": ref.type}
    if ref.title:
        item["title"] = ref.title
    if ref.author:
        item["author"] = [name_to_csl(n) for n in ref.author]
    if ref.issued:
        item["issued"] = ref.issued.to_csl()
    for var in sorted(ref.fields, key=_field_sort_key):
        value = ref.fields[var]
        if var in NAME_VARIABLES:
            item[var] = [name_to_csl(n) for n in value]
        elif var in DATE_VARIABLES:
            item[var] = value.to_csl()
        else:
            item[var] = value
    if ref.truncated:
        item["truncated"] = list(ref.truncated)
    if extras:
        for name in ACUREF_FIELDS:
            value = getattr(ref, name.replace("-", "_"))
            if name != "truncated" and (value or name == "design"):
                item[name] = list(value) if isinstance(value, tuple) else value
    return item


def _field_sort_key(var: str) -> tuple[int, str]:
    try:
        return (CSL_FIELD_ORDER.index(var), var)
    except ValueError:
        return (len(CSL_FIELD_ORDER), var)
