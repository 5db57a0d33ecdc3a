"""CSL dates: date-parts (a single date or a range), season, circa, literal and raw. No I/O here.

A :class:`Date` is the CSL-JSON date object (CSL 1.0.2 schema, ``csl-data.json``:
``date-parts`` of one or two ``[year, month, day]`` lists, ``season``, ``circa``,
``literal``, ``raw``) held as plain values. It also reads as the tuple of its start
parts (``len(d)``, ``d[0]``, iteration), so code written for ``(year, month, day)``
tuples keeps working, and ``Date.year`` is the year or None.

A range may have a season at either end in the month's place (EDTF 21-24: "1999-21/2001-22" is
Spring 1999 to Summer 2001); elsewhere a season is ``season``.

Normalisations (stated, so a round trip is "unchanged" up to them): seasons written as months
13-16 in a range become 21-24; date parts given
as numeric strings ("2020") become integers; ``circa`` becomes a boolean (true for
any value but false, 0, "" and "0"); an empty ``date-parts`` list or ``[[null]]``
means no date parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

_YEAR = re.compile(r"(?<!\d)(-?\d{1,4})(?!\d)")
_FOUR_DIGITS = re.compile(r"(?<!\d)(\d{4})(?!\d)")
#: Seasons written as months by CSL-JSON producers: 13-16 (citeproc-js) and 21-24 (EDTF).
_SEASON_MONTHS = {13: 1, 14: 2, 15: 3, 16: 4, 21: 1, 22: 2, 23: 3, 24: 4}
MAX_YEAR = 99_999


class DateError(ValueError):
    """A date value that is not a CSL date; the message says why."""


@dataclass(frozen=True)
class Date:
    """A CSL date. ``parts`` is the start (year[, month[, day]]), ``end`` the end of a range."""

    parts: tuple[int, ...] = ()
    end: tuple[int, ...] = ()
    season: int | str = ""
    circa: bool = False
    literal: str = ""
    raw: str = ""

    # -- the start parts, as a tuple ------------------------------------------------------

    def __len__(self) -> int:
        return len(self.parts)

    def __getitem__(self, index):
        return self.parts[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self.parts)

    def _key(self) -> tuple:
        return (self.parts, self.end, self.season, self.circa, self.literal, self.raw)

    def __eq__(self, other: object) -> bool:
        """Equal to another Date with the same values, and to the tuple of its parts when it is only parts."""
        if isinstance(other, Date):
            return self._key() == other._key()
        if isinstance(other, tuple):
            return (self.simple or not self) and self.parts == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.parts) if self.simple or not self else hash(self._key())

    def __bool__(self) -> bool:
        return bool(self.parts or self.literal or self.raw or self.season or self.end)

    @property
    def year(self) -> int | None:
        """The (start) year; for a literal or raw date, the first four-digit number in it; else None."""
        if self.parts:
            return self.parts[0]
        for text in (self.raw, self.literal):
            m = _FOUR_DIGITS.search(text)
            if m:
                return int(m.group(1))
        return None

    @property
    def simple(self) -> bool:
        """True when the date is only start parts (what ``issued = 1992`` / ``[1992, 5]`` can say)."""
        return bool(self.parts) and not (self.end or self.season or self.circa or self.literal or self.raw)

    def to_csl(self) -> dict[str, Any]:
        """The CSL-JSON date object."""
        out: dict[str, Any] = {}
        if self.parts:
            out["date-parts"] = [list(self.parts)] + ([list(self.end)] if self.end else [])
        if self.season != "":
            out["season"] = self.season
        if self.circa:
            out["circa"] = True
        if self.literal:
            out["literal"] = self.literal
        if self.raw:
            out["raw"] = self.raw
        return out

    def to_toml(self) -> Any:
        """The store's form: 1992, [1992, 5], [[1992, 5], [1993]] for a range, else a table of the CSL keys."""
        if self.simple:
            return self.parts[0] if len(self.parts) == 1 else list(self.parts)
        if self.parts and self.end and not (self.season or self.circa or self.literal or self.raw):
            return [list(self.parts), list(self.end)]
        return self.to_csl()

    def iso(self) -> str:
        """"1992-05-23", "1992-05", "1992", "1992/1993" (ISO 8601 / EDTF interval); "" without parts."""
        def one(parts):
            return "-".join(f"{p:04d}" if i == 0 and p >= 0 else f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
        if not self.parts:
            return ""
        return one(self.parts) + ("/" + one(self.end) if self.end else "")


def _part(value: Any, index: int) -> int:
    if isinstance(value, bool):
        raise DateError(f"date part {value!r} is not a number")
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"-?\d{1,6}", text):
            raise DateError(f"date part {value!r} is not a number")
        value = int(text)
    if not isinstance(value, int):
        raise DateError(f"date part {value!r} is not a number")
    if index == 0 and not -MAX_YEAR <= value <= MAX_YEAR:
        raise DateError(f"year {value} is out of range")
    if index == 1 and not 1 <= value <= 12 and value not in _SEASON_MONTHS:
        raise DateError(f"month {value} is not 1-12")
    if index == 2 and not 1 <= value <= 31:
        raise DateError(f"day {value} is not 1-31")
    return value


def parts_of(value: Any) -> tuple[int, ...]:
    """One ``[year, month, day]`` list (1-3 numbers, or numeric strings) as a tuple; [] / [null] → ()."""
    if not isinstance(value, (list, tuple)):
        raise DateError(f"date parts must be a list such as [2020, 5, 1], not {value!r}")
    items = []
    for v in value:  # the leading parts given; [2020, null] is [2020]
        if v is None or v == "":
            break
        items.append(v)
    if len(items) > 3:
        raise DateError(f"date parts {value!r} have more than year, month and day")
    return tuple(_part(v, i) for i, v in enumerate(items))


def _text(value: Any, name: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise DateError(f"{name} must be text, not {value!r}")
    return value


def _check_months(parts: tuple[int, ...], end: tuple[int, ...]) -> None:
    """Months are 1-12; an end of a range may also be a season (21-24, or 13-16), as one "season"
    cannot say "Spring 1999-Summer 2001" (CSL-JSON / EDTF; fixtures date_SeasonRange1-3)."""
    for p in (parts, end):
        if len(p) > 1 and not (1 <= p[1] <= 12 or end and p[1] in _SEASON_MONTHS):
            raise DateError(f"month {p[1]} is not 1-12")


def _season_months(parts: tuple[int, ...]) -> tuple[int, ...]:
    """A season written as month 13-16 (citeproc-js) as EDTF's 21-24."""
    if len(parts) > 1 and 13 <= parts[1] <= 16:
        return (parts[0], parts[1] + 8) + parts[2:]
    return parts


def from_csl(value: Any) -> Date:
    """A CSL-JSON date value: an object with the CSL date keys, or a string (EDTF "2020-05-01",
    "2020/2021", "2020~", else kept as ``raw``), or a bare year number. Raises :class:`DateError`."""
    if isinstance(value, bool):
        raise DateError(f"{value!r} is not a date")
    if isinstance(value, int):
        return Date(parts=(_part(value, 0),))
    if isinstance(value, str):
        return from_text(value)
    if not isinstance(value, dict):
        raise DateError(f"a date must be an object with date-parts, literal or raw, not {value!r}")
    unknown = set(value) - {"date-parts", "season", "circa", "literal", "raw", "edtf"}
    if unknown:
        from .wording import plural

        raise DateError(f"unknown date {plural('key', len(unknown))} {', '.join(sorted(map(str, unknown)))}")
    parts: tuple[int, ...] = ()
    end: tuple[int, ...] = ()
    if value.get("date-parts") is not None:
        lists = value["date-parts"]
        if not isinstance(lists, list) or len(lists) > 2:
            raise DateError("date-parts must be a list of one or two [year, month, day] lists")
        found = [parts_of(p) for p in lists]
        if found and found[0]:
            parts = found[0]
            if len(found) == 2 and found[1] and found[1] != parts:
                end = found[1]
        elif len(found) == 2 and found[1]:
            raise DateError("a date range needs a start")
    season = value.get("season", "")
    if len(parts) > 1 and parts[1] in _SEASON_MONTHS and not end:  # [[2000, 22]]: summer 2000
        season, parts = season or _SEASON_MONTHS[parts[1]], parts[:1]
    _check_months(parts, end)
    parts, end = _season_months(parts), _season_months(end)
    if season is None:
        season = ""
    if isinstance(season, bool) or not isinstance(season, (int, str)):
        raise DateError(f"season must be a number or text, not {season!r}")
    if isinstance(season, int) and not 1 <= season <= 4:
        raise DateError(f"season {season} is not 1-4")
    circa = value.get("circa", False)
    circa = circa not in (False, 0, "", "0", None) if isinstance(circa, (bool, int, str, type(None))) else True
    literal = _text(value.get("literal") or "", "literal")
    raw = _text(value.get("raw") or "", "raw")
    if value.get("edtf") and not (parts or literal or raw):
        edtf = from_text(_text(value["edtf"], "edtf"))
        parts, end, circa = edtf.parts, edtf.end, circa or edtf.circa
        raw = edtf.raw
    return Date(parts=parts, end=end, season=season, circa=circa, literal=literal, raw=raw)


_EDTF = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _edtf_one(text: str) -> tuple[int, ...] | None:
    m = _EDTF.fullmatch(text)
    if not m:
        return None
    try:
        return tuple(_part(int(g), i) for i, g in enumerate(m.groups()) if g is not None)
    except DateError:
        return None


def from_text(text: str) -> Date:
    """A date written as text: EDTF/ISO "2020", "2020-05", "2020-05-01", "2020/2021", "2020~" (circa);
    anything else is kept whole as a ``raw`` date (its year, if any, still known)."""
    stripped = text.strip()
    circa = stripped.endswith(("~", "?~", "%"))
    core = stripped.rstrip("~?%")
    start, slash, finish = core.partition("/")
    first = _edtf_one(start)
    if first is not None and len(first) == 2 and first[1] in _SEASON_MONTHS and not slash:  # EDTF "2001-21": spring
        return Date(parts=first[:1], season=_SEASON_MONTHS[first[1]], circa=circa)
    last = _edtf_one(finish) if slash else None
    if first is not None and any(len(p) > 1 and p[1] > 12 and not (last and p[1] in _SEASON_MONTHS)
                                 for p in (first, last or ())):
        first = None
    if first is not None:
        if not slash:
            return Date(parts=first, circa=circa)
        if last is not None and last != first:
            return Date(parts=_season_months(first), end=_season_months(last), circa=circa)
        if last is not None:
            return from_text(start + ("~" if circa else ""))
    if not stripped:
        raise DateError("empty date")
    return Date(raw=text)


def from_toml(value: Any) -> Date:
    """The store's form (see :meth:`Date.to_toml`); raises :class:`DateError` saying what is wrong."""
    if isinstance(value, bool):
        raise DateError("must be a year (1992), [year, month, day], [[start], [end]] or a table, not a boolean")
    if isinstance(value, int):
        return Date(parts=(_part(value, 0),))
    if isinstance(value, list):
        if value and all(isinstance(v, list) for v in value):
            if len(value) != 2:
                raise DateError("a date range is [[year, month, day], [year, month, day]]")
            start, end = parts_of(value[0]), parts_of(value[1])
            if not start or not end:
                raise DateError("each end of a date range needs a year")
            try:
                _check_months(start, end)
            except DateError:
                raise DateError(f"{value!r} is not a valid date range") from None
            return Date(parts=_season_months(start), end=_season_months(end) if end != start else ())
        if not 1 <= len(value) <= 3 or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise DateError(f"must be a year (1992) or [year, month] / [year, month, day], not {value!r}")
        parts = tuple(_part(v, i) for i, v in enumerate(value))
        if len(parts) > 1 and not 1 <= parts[1] <= 12:
            raise DateError(f"{value!r} is not a valid date (month {parts[1]})")
        return Date(parts=parts)
    if isinstance(value, dict):
        if "edtf" in value:
            raise DateError("unknown date key edtf")
        date = from_csl(value)
        if not date:
            raise DateError("a date table needs date-parts, season, literal or raw")
        return date
    raise DateError(f"must be a year (1992), [year, month, day], [[start], [end]] or a table, not {value!r}")
