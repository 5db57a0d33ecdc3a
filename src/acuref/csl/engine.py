"""acuref's CSL processor: a style, its locale, the items, and what the document cites.

:class:`Processor` prepares CSL-JSON items (dates as :class:`.dates.DateValue`), numbers the
cited items, positions each cite (CSL 1.0.2 "Position"), disambiguates (:mod:`.disambig`), renders
citations (grouped and collapsed, :mod:`.cluster`) and the bibliography (sorted, with
subsequent-author-substitute and second-field-align), all as rendered text for :mod:`.output`.
"""

from __future__ import annotations

import re

from . import locale as locale_mod, output, rich
from .dates import parse_date
from .evaluate import Ctx, Disamb, render_children
from .names import NAME_OPTIONS
from .particles import given_particles
from .sort import sort_items

DATE_VARIABLES = frozenset("accessed available-date event-date issued original-date submitted".split())
NAME_VARIABLES = frozenset("""author chair collection-editor compiler composer container-author contributor curator
director editor editorial-director editortranslator executive-producer guest host illustrator interviewer narrator
organizer original-author performer producer recipient reviewed-author script-writer series-creator
translator""".split())
STYLE_OPTIONS = ("demote-non-dropping-particle", "initialize-with-hyphen", "page-range-format")


#: CSL 1.0.2 standard text and number variables a "note" line may give (see :func:`_note_variables`)
_NOTE_VARIABLES = frozenset("""abstract annote archive archive_collection archive_location archive-place authority
call-number chapter-number citation-label collection-number collection-title container-title container-title-short
dimensions division DOI edition event event-title event-place genre ISBN ISSN issue jurisdiction keyword language
license medium number number-of-pages number-of-volumes original-publisher original-publisher-place original-title
page part-number part-title PMCID PMID publisher publisher-place references reviewed-genre reviewed-title scale
section source status supplement-number title-short URL version volume volume-title year-suffix""".split())
_NOTE_LINE = re.compile(r"[ \t]*([A-Za-z][A-Za-z_-]*)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*")


def _note_variables(item: dict) -> dict:
    """Variables written as "name: value" lines in ``note`` (Zotero's Extra field; citeproc-js reads them
    when the item lacks the variable): standard text, number and date variables ("original-date: 1900",
    "event-date: 2004-10-01/2004-10-14") and names ("reviewed-author: Hall || W.C."); the lines read
    leave the note. Fixtures: variables_ContainerTitleShort, variables_ContainerTitleShort2,
    number_LimitOrdinalsToDayOne, label_NameLabelThroughSubstitute."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    from ..dates import DateError, from_text

    out, kept = dict(item), []
    for line in note.split("\n"):
        m = _NOTE_LINE.fullmatch(line)
        key = m.group(1) if m else ""
        if key in DATE_VARIABLES and key not in item:
            try:
                out[key] = from_text(m.group(2)).to_csl()
                continue
            except DateError:
                pass
        elif key in _NOTE_VARIABLES and key not in item:
            out[key] = m.group(2)
            continue
        elif key in NAME_VARIABLES and key not in item:  # "Family || Given", else a literal name; a
            # variable given on several lines has several names
            family, bars, given = (part.strip() for part in m.group(2).partition("||"))
            out.setdefault(key, []).append({"family": family, "given": given} if bars else {"literal": family})
            continue
        kept.append(line)
    out["note"] = "\n".join(kept).strip()
    if not out["note"]:
        del out["note"]
    return out


def prepare(item: dict) -> dict:
    """A CSL-JSON item with dates parsed and numbers as strings (a new dict)."""
    out = {}
    item = _note_variables(item)
    for key, value in item.items():
        if key in DATE_VARIABLES:
            date = parse_date(value)
            if date is not None:
                out[key] = date
        elif key in NAME_VARIABLES:
            if isinstance(value, list):
                names = [_name(n) for n in value if isinstance(n, dict)]
                names = [n for n in names if n]
                if names:
                    out[key] = names
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[key] = str(value)
        else:
            out[key] = value
    out["id"] = str(item.get("id"))
    return out


#: lower-case particle words before the family name; a word may be abbreviated ("v.", "v.d.") or start with
#: an apostrophe ("'t", "in 't"), as in citeproc-js's particle list (name_ParticlesDemoteNonDroppingNever)
_FAMILY_PARTICLES = re.compile(r"^((?:(?:(?<![’'-])[’'])?[a-z\u00df-\u00ff]+(?:\.[a-z\u00df-\u00ff]+)*\.?(?:\s+|[’'-]))+)(?=\S)(.+)$")


def _name(name: dict) -> dict:
    """A CSL-JSON name; particles written inside family or given are split off as citeproc-js does
    ("van Ingwersen" → non-dropping "van" + "Ingwersen"; "Alexander von" → given + dropping "von"),
    unless the name has particle fields, a quoted family, or "parse-names": false."""
    name = {k: (v.strip() if isinstance(v, str) else v) for k, v in name.items() if v not in (None, "")}
    given = name.get("given")
    if isinstance(given, str) and "," in given and not name.get("suffix"):  # "John, III"; "John,! Jr." (comma)
        head, tail = (p.strip() for p in given.split(",", 1))
        if tail[:1].isupper() or tail[:1] in "!0123456789":  # not "François Hédelin, abbé d'" (a particle)
            name["given"] = head
            name["comma-suffix"] = tail.startswith("!")
            name["suffix"] = tail.lstrip("! ").strip()
    if name.get("literal") or name.get("parse-names") in (False, "false") \
            or name.get("non-dropping-particle") or name.get("dropping-particle"):
        return name
    family, given = name.get("family"), name.get("given")
    if isinstance(family, str) and not family.startswith('"'):
        m = _FAMILY_PARTICLES.match(family)
        if m and m.group(2)[:1].isupper():
            name["non-dropping-particle"] = m.group(1).strip()
            name["family"] = m.group(2)
            name["particle-space"] = m.group(1)[-1:].isspace()  # "de' Frinkle" keeps its space
    if isinstance(given, str):
        found = given_particles(given)  # one pass: the old pattern backtracked exponentially
        if found and found[0][:1].isupper():
            name["given"] = found[0]
            name["dropping-particle"] = found[1].strip()
    return name


class Processor:
    def __init__(self, style, lang: str | None = None):
        self.style = style
        self.options = {k: v for k, v in style.attrs.items() if k in STYLE_OPTIONS}
        self.macros = {m.get("name"): m for m in style.findall("macro")}
        self.citation = style.find("citation")
        self.bibliography = style.find("bibliography")
        self.locale = locale_mod.build(lang or style.get("default-locale"), style.findall("locale"))
        self.explicit_year_suffix = _uses(style, "year-suffix")
        self.uses_disambiguate_condition = _uses_attr(style, "disambiguate")
        self.name_variables = NAME_VARIABLES
        self.page_range_delimiter = None
        self.citation_numbers: dict[str, int] = {}
        self.disamb: dict[str, Disamb] = {}
        self.disamb_variables = NAME_VARIABLES
        self.sorting_for = "bibliography"
        self.items: dict[str, dict] = {}
        self._name_opts: dict[str, dict] = {}
        self.default_lang = lang or style.get("default-locale") or "en-US"

    # --- options -------------------------------------------------------------------------------
    def name_opts_for(self, mode: str) -> dict:
        if mode not in self._name_opts:
            opts = {}
            for source in (self.style, self.citation if mode == "citation" else self.bibliography):
                if source is None:
                    continue
                for k, v in source.attrs.items():
                    if k in NAME_OPTIONS and k not in ("form", "delimiter"):
                        opts[k] = v
                    elif k == "name-form":
                        opts["form"] = v
                    elif k == "name-delimiter":
                        opts["delimiter"] = v
                    elif k == "names-delimiter":
                        opts["names-delimiter"] = v
            self._name_opts[mode] = opts
        return self._name_opts[mode]

    def english(self, item: dict) -> bool:
        lang = item.get("language") or ""
        if lang:
            return lang.lower().startswith("en")
        return self.default_lang.lower().startswith("en")

    def citation_label(self, item: dict) -> str:
        """A citation-label when the item has none: citeproc-js's trigraph "Aaaa00:AaAa00:AaAA00:AAAA00"
        (four letters of one author's family name, two of two, 2-1-1 of three, one of four or more;
        the year's last two digits)."""
        names = item.get("author") or item.get("editor") or []
        families = [n.get("family") or n.get("literal") or "" for n in names]
        widths = {1: [4], 2: [2, 2], 3: [2, 1, 1]}.get(len(families), [1, 1, 1, 1])
        letters = "".join(f[:w] for f, w in zip(families, widths))
        date = item.get("issued")
        year = date.parts[0][0] if date is not None and date.parts and date.parts[0] else ""
        return f"{letters}{str(year)[-2:]}"

    # --- items ---------------------------------------------------------------------------------
    def set_items(self, items: list[dict]) -> None:
        self.items = {}
        for item in items:
            prepared = prepare(item)
            self.items[prepared["id"]] = prepared

    def render_item(self, item_id: str, cite: dict, mode: str) -> Ctx:
        item = self.items[item_id]
        layout_parent = self.citation if mode == "citation" else self.bibliography
        ctx = Ctx(self, item, cite, mode, self.disamb.get(item_id) or Disamb(), self.name_opts_for(mode))
        layout = layout_parent.find("layout")
        if mode == "bibliography" and layout_parent.get("second-field-align") and len(layout.children) > 1:
            from .evaluate import render

            first = render(layout.children[0], ctx)
            rest = rich.join([render(c, ctx) for c in layout.children[1:]])
            ctx.first_field, ctx.text = first, (first + rest if first else rest)
            ctx.rest_field = rest
        else:
            ctx.text = render_children(layout, ctx)
        return ctx

    def number(self, order: list[str]) -> None:
        self.citation_numbers = {item_id: n for n, item_id in enumerate(order, 1)}

    def bibliography_order(self, cited: list[str]) -> list[str]:
        """Cited items in bibliography order; citation numbers follow it (CSL 1.0.2 "citation-number")."""
        self.number(cited)
        if self.bibliography is None:
            return list(cited)
        sort = self.bibliography.find("sort")
        items = [self.items[i] for i in cited]
        ordered = [i["id"] for i in sort_items(items, sort, self, "bibliography")]
        keys = [k for k in sort.children if k.tag == "key"] if sort is not None else []
        if keys and keys[0].get("variable") == "citation-number" and keys[0].get("sort") == "descending":
            self.number(list(reversed(ordered)))
        elif keys and keys[0].get("macro") and keys[0].get("sort") == "descending" and _macro_is_number(self, keys[0]):
            self.number(list(reversed(ordered)))
        else:
            self.number(ordered)
        return ordered

    def quotes(self) -> tuple[str, str, str, str]:
        t = self.locale.term
        return (t("open-quote") or "“", t("close-quote") or "”", t("open-inner-quote") or "‘",
                t("close-inner-quote") or "’")

    def to_format(self, text: str, fmt: str) -> str:
        piq = self.locale.options.get("punctuation-in-quote") == "true"
        return output.render(rich.superscripts(text), fmt, self.quotes(), piq)


def _macro_is_number(proc: Processor, key) -> bool:
    macro = proc.macros.get(key.get("macro"))
    return macro is not None and any(_uses_variable(n, "citation-number") for n in macro.children)


def _uses_variable(node, variable: str) -> bool:
    if node.get("variable") == variable:
        return True
    return any(_uses_variable(c, variable) for c in node.children)


def _has_attr(node, attr: str) -> bool:
    return attr in node.attrs or any(_has_attr(c, attr) for c in node.children)


def _uses_attr(style, attr: str) -> bool:
    return any(_has_attr(part, attr) for part in (style.find("citation"), *style.findall("macro")) if part is not None)


def _uses(style, variable: str) -> bool:
    for part in (style.find("citation"), style.find("bibliography"), *style.findall("macro")):
        if part is not None and _uses_variable(part, variable):
            return True
    return False


def entry_text(proc: Processor, ctx: Ctx) -> str:
    layout = proc.bibliography.find("layout")
    return rich.formatted(ctx.text, layout.attrs) if ctx.text else ""
