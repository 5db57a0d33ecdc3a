"""Full CSL data in the model and the store: dates, names, every CSL variable (issue 14, point 1)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acuref.dates import Date, DateError, from_csl, from_toml
from acuref.formats.csljson import parse_csljson, write_csljson
from acuref.model import CSL_TYPES, DATE_VARIABLES, NAME_VARIABLES, TEXT_VARIABLES, Name, Reference, Store, to_csl
from acuref.store import dumps, loads

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
KEYS = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_:.+\-/]{0,10}", fullmatch=True)
PARTS = st.one_of(st.tuples(st.integers(-500, 2100)),
                  st.tuples(st.integers(-500, 2100), st.integers(1, 12)),
                  st.tuples(st.integers(-500, 2100), st.integers(1, 12), st.integers(1, 31))).map(list)


@st.composite
def csl_dates(draw):
    date = {}
    if draw(st.booleans()):
        parts = [draw(PARTS)]
        if draw(st.booleans()):
            end = draw(PARTS)
            if end != parts[0]:
                parts.append(end)
        date["date-parts"] = parts
    if draw(st.booleans()):
        date["season"] = draw(st.one_of(st.integers(1, 4), TEXT))
    if draw(st.booleans()):
        date["circa"] = True
    if draw(st.booleans()):
        date["literal"] = draw(TEXT)
    if draw(st.booleans()) or not set(date) - {"circa"}:
        date["raw"] = draw(TEXT)
    return date


@st.composite
def csl_names(draw):
    kind = draw(st.sampled_from(["person", "literal", "given-only"]))
    if kind == "literal":
        return {"literal": draw(TEXT)}
    if kind == "given-only":
        return {"given": draw(TEXT)}
    name = {"family": draw(TEXT)}
    for part in ("given", "non-dropping-particle", "dropping-particle", "suffix"):
        if draw(st.booleans()):
            name[part] = draw(TEXT)
    for flag in ("comma-suffix", "static-ordering"):
        if draw(st.booleans()):
            name[flag] = True
    if draw(st.booleans()):
        name["parse-names"] = False
    return name


TEXT_VARS = sorted(TEXT_VARIABLES - {"title", "DOI"})


@st.composite
def csl_items(draw):
    item = {"id": draw(KEYS), "type": draw(st.sampled_from(sorted(CSL_TYPES))), "title": draw(TEXT)}
    for var in draw(st.lists(st.sampled_from(TEXT_VARS), max_size=6, unique=True)):
        item[var] = draw(TEXT)
    if draw(st.booleans()):
        item["DOI"] = draw(st.from_regex(r"10\.[0-9]{4,5}/[A-Za-z0-9.()_-]{1,12}", fullmatch=True))
    for var in draw(st.lists(st.sampled_from(sorted(NAME_VARIABLES)), max_size=3, unique=True)):
        item[var] = draw(st.lists(csl_names(), min_size=1, max_size=3))
    for var in draw(st.lists(st.sampled_from(sorted(DATE_VARIABLES)), max_size=3, unique=True)):
        item[var] = csl_dates_example = draw(csl_dates())
        assert csl_dates_example
    return item


def _through_store(items: list[dict]) -> list[dict]:
    """CSL-JSON → import → store text → store → CSL-JSON, the store as written on disk."""
    result = parse_csljson(json.dumps(items), "in.json")
    assert not result.problems, result.problems
    text = dumps(Store(references={r.key: r for r in result.references}))
    out = json.loads(write_csljson(list(loads(text))))
    for item in out:  # acuref's own fields, added by import: the store's policy, not CSL data
        item.pop("design", None)
        item.pop("missing", None)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(csl_items(), min_size=1, max_size=3, unique_by=lambda i: i["id"]))
def test_any_csl_item_goes_through_the_store_unchanged(items):
    assert _through_store(items) == items


def test_the_csl_schema_forms_of_dates_survive_whole():
    item = {"id": "x", "type": "book", "title": "T",
            "issued": {"date-parts": [[1999, 5], [2001, 6, 2]], "circa": True},
            "original-date": {"season": 2, "date-parts": [[1850]]},
            "accessed": {"literal": "Spring 1999"},
            "event-date": {"raw": "19th century"},
            "submitted": {"date-parts": [[2000, 3, 1]]}}
    assert _through_store([item]) == [item]


def test_date_store_forms_are_readable_and_backward_compatible():
    assert from_toml(1992) == Date(parts=(1992,)) == (1992,)
    assert from_toml([1992, 5]) == (1992, 5)
    assert Date(parts=(1992, 5)).to_toml() == [1992, 5]
    assert Date(parts=(1992,), end=(1993,)).to_toml() == [[1992], [1993]]
    assert from_toml([[1992], [1993]]) == Date(parts=(1992,), end=(1993,))
    assert Date(parts=(1992,), season=2).to_toml() == {"date-parts": [[1992]], "season": 2}
    with pytest.raises(DateError, match="month 13"):
        from_toml([1999, 13])


def test_seasons_written_as_months_and_string_parts_are_normalised():
    assert from_csl({"date-parts": [["2000", "22"]]}) == Date(parts=(2000,), season=2)
    assert from_csl({"date-parts": [[2000, 14]]}) == Date(parts=(2000,), season=2)
    assert from_csl({"date-parts": [[None]]}) == Date()
    assert from_csl("2020-05/2021").end == (2021,)
    assert from_csl("2020~") == Date(parts=(2020,), circa=True)


def test_year_of_a_reference_is_an_int_or_none():
    assert Reference(key="a", issued=(2016, 3)).year == 2016
    assert Reference(key="a", issued=Date(raw="ca. 1890s")).year == 1890
    assert Reference(key="a", issued=Date(literal="forthcoming")).year is None
    assert Reference(key="a").year is None


def test_given_only_names_and_particles():
    assert Name(given="Plato").display() == "Plato"
    assert Name(family="van Gogh", given="Vincent").parsed() == Name(family="Gogh", given="Vincent",
                                                                     non_dropping_particle="van")
    assert Name(family="van Gogh", parse_names=False).parsed().family == "van Gogh"


def test_truncated_name_list_reaches_the_renderer():
    ref = Reference(key="a", title="T", author=(Name(family="Linden"), Name(family="Doe")), issued=(2016,),
                    truncated=("author",))
    assert to_csl(ref, extras=False)["truncated"] == ["author"]
    text = dumps(Store(references={"a": ref}))
    assert 'truncated = [\n  "author",\n]' in text
    assert loads(text).references["a"].truncated == ("author",)


def test_bundled_store_saves_byte_identically():
    from acuref.store import load
    from tests.conftest import BUNDLED_STORE

    text = BUNDLED_STORE.read_text(encoding="utf-8")
    assert dumps(load(BUNDLED_STORE)) == text
    assert unicodedata.is_normalized("NFC", text)
