"""Dates (CSL 1.0.2 "Date", "Date-part", "Localized Date Formats", "Date Ranges", "Seasons",
"Approximate Dates", "AD and BC").

A date value (:class:`DateValue`) holds one or two [year, month, day] lists (a range), a season,
circa and a literal.  Localized dates take the locale's cs:date (the style's own date-part
attributes override it); a range prints the shared parts once and the differing ones joined by the
range-delimiter of the largest differing part ("3 August–23 October 2003"); an open range ends in
the delimiter ("1987–"); seasons print in the month's place; years below 1000 get "AD", negative
years "BC"; the disambiguating year suffix follows the first year rendered (citeproc-js).
Fixtures: date_* (tests/csl_suite)."""

from __future__ import annotations

from dataclasses import dataclass

from . import rich
from .evaluate import Ctx, finish, suffix_letters


@dataclass
class DateValue:
    parts: list  # [[y, m, d], ...] one or two lists, each possibly shorter
    season: object = None
    circa: bool = False
    literal: str = ""

    def sort_key(self, show: tuple = ("year", "month", "day")) -> str:
        if not self.parts or not self.parts[0]:
            return self.literal
        keys = []
        for n, p in enumerate(self.parts[:2]):
            if n and not any(p):  # an open range ("2015–") sorts as its start (citeproc-js)
                break
            y = p[0] if len(p) > 0 and p[0] else 0
            m = p[1] if len(p) > 1 and "month" in show else 0
            d = p[2] if len(p) > 2 and "day" in show else 0
            if not m and self.season and "month" in show and str(self.season).isdigit():
                m = 20 + int(self.season)
            keys.append(f"{y + 50000:06d}{m:02d}{d:02d}")
        return "-".join(keys)


def parse_date(value) -> DateValue | None:
    """A CSL-JSON date object (or string) as a :class:`DateValue`."""
    if isinstance(value, DateValue):
        return value
    if isinstance(value, (str, int)):
        return _from_raw(str(value))
    if not isinstance(value, dict):
        return None
    parts = []
    for p in value.get("date-parts") or []:
        if not isinstance(p, (list, tuple)):
            continue
        nums = []
        for x in p[:3]:
            try:
                nums.append(int(str(x).strip()))
            except (TypeError, ValueError):
                break
        parts.append(nums)
    parts = [p for p in parts if p] or ([] if not parts else [[]])
    circa = bool(value.get("circa"))
    season = value.get("season")
    literal = value.get("literal") or ""
    if not parts or not any(parts):
        if value.get("raw") and not literal:
            parsed = _from_raw(str(value["raw"]))
            if parsed is not None:
                parsed.circa = parsed.circa or circa
                return parsed
        if not literal and not season:
            return None
        return DateValue([], season, circa, literal)
    if len(parts) == 2 and parts[1] and parts[1][0] == 0:
        parts[1] = [0]
    return DateValue(parts[:2], season, circa, literal)


def _from_raw(raw: str) -> DateValue | None:
    import re

    m = re.fullmatch(r"\s*(-?\d{1,4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?\s*", raw)
    if m:
        return DateValue([[int(g) for g in m.groups() if g]])
    r = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", raw)
    if r:
        return DateValue([[int(r.group(1))], [int(r.group(2))]])
    return DateValue([], None, False, raw.strip()) if raw.strip() else None


_NAMES = ("year", "month", "day")


def _part_nodes(node, ctx: Ctx) -> list:
    form = node.get("form")
    wanted = node.get("date-parts", "year-month-day").split("-") if form else None
    if form:
        base = ctx.locale.dates.get(form)
        if base is None:
            return []
        overrides = {p.get("name"): p for p in node.children if p.tag == "date-part"}
        nodes = []
        for p in base.children:
            if p.tag != "date-part" or p.get("name") not in wanted:
                continue
            if p.get("name") in overrides:
                from .xml import Node

                attrs = dict(p.attrs)
                attrs.update({k: v for k, v in overrides[p.get("name")].attrs.items() if k not in ("prefix", "suffix")
                              or True})
                if "prefix" not in overrides[p.get("name")].attrs and "prefix" in p.attrs:
                    attrs["prefix"] = p.attrs["prefix"]
                if "suffix" not in overrides[p.get("name")].attrs and "suffix" in p.attrs:
                    attrs["suffix"] = p.attrs["suffix"]
                p = Node("date-part", attrs, [], "")
            nodes.append(p)
        return nodes
    return [p for p in node.children if p.tag == "date-part"]


def render_date(node, ctx: Ctx) -> str:
    variable = node.get("variable")
    ctx.called += 1
    value = ctx.item.get(variable) if variable not in ctx.suppressed else None
    if value is None or variable == "accessed" and ctx.cite.get("disambiguating"):
        return ""  # cites that differ only in their access date are alike (citeproc-js; date_YearSuffix*WithNoDate)
    if ctx.mode == "sort":
        ctx.rendered += 1
        if node.get("form"):
            show = tuple(node.get("date-parts", "year-month-day").split("-"))
        else:
            show = tuple(p.get("name") for p in node.children if p.tag == "date-part") or ("year", "month", "day")
        return value.sort_key(show)
    if not value.parts or not value.parts[0]:
        if value.literal:
            ctx.rendered += 1
            return finish(value.literal, node, ctx)
        if value.season:
            ctx.rendered += 1
            return finish(_season(value.season, "long", ctx), node, ctx)
        return ""
    parts = _part_nodes(node, ctx)
    delimiter = node.get("delimiter", "") if not node.get("form") else ctx.locale.dates[node.get("form")].get("delimiter", "")
    start = value.parts[0]
    end = value.parts[1] if len(value.parts) > 1 else None
    if end is not None and (end == start or not end or not end[0] and len(end) == 1 and False):
        end = None
    if end is not None and end[:len(start)] == start[:len(end)] and len(end) == len(start):
        end = None
    if end is None:
        text = _single(parts, start, value, ctx, delimiter)
    else:
        text = _range(parts, start, end, value, ctx, delimiter)
    if not any(ch.isalnum() for ch in rich.plain(text)):
        return ""  # an open range whose shown parts are absent ("2015–" with only the month asked) is empty
    ctx.rendered += 1
    ctx.rendered_vars.add(variable)
    attrs = node.attrs
    if node.get("form"):
        base = ctx.locale.dates[node.get("form")]
        text = finish(text, base, ctx) if base.attrs else text
    return finish(text, node, ctx) if attrs else text


def _part_text(part, date: list, value: DateValue, ctx: Ctx, with_suffix: bool = True) -> str:
    name = part.get("name")
    form = part.get("form")
    if name == "year":
        if not date or not date[0]:
            return ""
        year = date[0]
        if form == "short":
            text = f"{abs(year) % 100:02d}"
        else:
            text = str(abs(year))
        if year < 0:
            text += ctx.locale.term("bc") or "BC"
        elif year < 1000:
            text += ctx.locale.term("ad") or "AD"
        if with_suffix and ctx.disamb.year_suffix is not None and not ctx.year_suffix_done \
                and not ctx.proc.explicit_year_suffix:
            text += suffix_letters(ctx.disamb.year_suffix)
            ctx.year_suffix_done = True
    elif name == "month":
        month = date[1] if len(date) > 1 else 0
        if 13 <= month <= 16 or 21 <= month <= 24:  # a season in a range's month place (date_SeasonRange*)
            return _finish_part(_season(month - (12 if month <= 16 else 20), form, ctx), part, ctx)
        if not month:
            if value.season and len(value.parts) == 1:
                return _finish_part(_season(value.season, form, ctx), part, ctx)
            return ""
        if month > 12:
            return ""
        form = form or "long"
        if form == "numeric":
            text = str(month)
        elif form == "numeric-leading-zeros":
            text = f"{month:02d}"
        else:
            text = ctx.locale.term(f"month-{month:02d}", "short" if form == "short" else "long") or str(month)
    else:
        day = date[2] if len(date) > 2 else 0
        if not day:
            return ""
        form = form or "numeric"
        if form == "numeric-leading-zeros":
            text = f"{day:02d}"
        elif form == "ordinal":
            limit = ctx.locale.options.get("limit-day-ordinals-to-day-1") == "true"
            # the day's ordinal agrees with the month's gender (CSL 1.0.2 "Gender-specific Ordinals": French
            # "1ᵉʳ octobre"; number_LimitOrdinalsToDayOne)
            month = date[1] if len(date) > 1 else 0
            gender = ctx.locale.term_gender(f"month-{month:02d}") if 1 <= month <= 12 else ""
            text = f"{day}{ctx.locale.ordinal(day, gender)}" if not limit or day == 1 else str(day)
        else:
            text = str(day)
    return _finish_part(text, part, ctx)


def _finish_part(text: str, part, ctx: Ctx) -> str:
    if not text:
        return ""
    attrs = {k: v for k, v in part.attrs.items() if k not in ("name", "form", "range-delimiter")}
    from .xml import Node

    return finish(text, Node("date-part", attrs, [], ""), ctx)


def _season(season, form, ctx: Ctx) -> str:
    try:
        n = int(season)
    except (TypeError, ValueError):
        return str(season)
    return ctx.locale.term(f"season-{n:02d}") or str(season)


def _single(parts, date, value, ctx, delimiter) -> str:
    return rich.join([_part_text(p, date, value, ctx) for p in parts], delimiter)


def _range(parts, start, end, value, ctx, delimiter) -> str:
    if len(end) == 1 and end[0] == 0:  # open range
        text = _single(parts, start, value, ctx, delimiter)
        year = next((p for p in parts if p.get("name") == "year"), None)
        return text + (year.get("range-delimiter", "–") if year is not None else "–")
    # parts neither end has take no place (no "May , 1999" from a day's affixes): "Spring–Summer 1999"
    parts = [p for p in parts if p.get("name") == "year" or _NAMES.index(p.get("name")) < max(len(start), len(end))]
    if start[0] != end[0]:
        differ = set(_NAMES)
    elif (start[1:2] or [0]) != (end[1:2] or [0]):
        differ = {"month", "day"}
    else:
        differ = {"day"}
    names = [p.get("name") for p in parts]
    indices = [i for i, n in enumerate(names) if n in differ]
    if not indices:
        return _single(parts, start, value, ctx, delimiter)
    largest = next(n for n in _NAMES if n in differ and n in names) if any(n in names for n in differ) else "day"
    range_delim = next((p.get("range-delimiter") for p in parts if p.get("name") == largest), None) or "–"
    i0, i1 = indices[0], indices[-1]
    if differ == set(_NAMES):
        return _single(parts, start, value, ctx, delimiter) + range_delim + _single(parts, end, value, ctx, delimiter)
    first, last = parts[i0], parts[i1]

    def span(date, suffix_ok):
        pieces = []
        for k in range(i0, i1 + 1):
            p = parts[k]
            attrs = dict(p.attrs)
            if k == i0:
                attrs.pop("prefix", None)
            if k == i1:
                attrs.pop("suffix", None)
            from .xml import Node

            pieces.append(_part_text(Node("date-part", attrs, [], ""), date, value, ctx, suffix_ok))
        return rich.join(pieces, delimiter)

    before = rich.join([_part_text(p, start, value, ctx) for p in parts[:i0]], delimiter)
    middle = span(start, True) + range_delim + span(end, False)
    middle = (first.get("prefix") or "") + middle + (last.get("suffix") or "")
    after = rich.join([_part_text(p, start, value, ctx) for p in parts[i1 + 1:]], delimiter)
    return rich.join([before, middle, after], delimiter)
