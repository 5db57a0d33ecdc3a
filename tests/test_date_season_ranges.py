"""A date range with a season at either end (CSL-JSON months 21-24 or 13-16, EDTF "1999-21/2001-22")
is kept whole from every reader to the renderer and written by the writers without a month 21
(CSL suite fixtures date_SeasonRange1-3 render it)."""

from acuref.dates import DateError, from_csl, from_text, from_toml
from acuref.formats.bibtex_write import _date_fields
from acuref.formats.ris import _ris_date

import pytest


def test_csl_json_season_range_is_kept_with_edtf_season_months():
    date = from_csl({"date-parts": [[1999, 13], [2001, "22"]]})
    assert (date.parts, date.end, date.season) == ((1999, 21), (2001, 22), "")
    assert date.to_csl() == {"date-parts": [[1999, 21], [2001, 22]]}
    assert date.iso() == "1999-21/2001-22"


def test_edtf_and_store_forms_read_back_the_same_range():
    date = from_csl({"date-parts": [[1999, 21], [2001, 22]]})
    assert from_text(date.iso()) == date
    assert from_toml(date.to_toml()) == date


def test_a_season_outside_a_range_is_still_the_season_field_and_month_99_is_refused():
    assert from_text("1999-21/1999-21").season == 1
    assert from_csl({"date-parts": [[1999, 22]]}).season == 2
    with pytest.raises(DateError):
        from_csl({"date-parts": [[1999, 25], [2001, 22]]})


def test_writers_put_the_season_where_their_format_has_one():
    date = from_csl({"date-parts": [[1999, 21], [2001, 22]]})
    assert _ris_date(date) == "1999///Spring"
    assert _date_fields(date, biblatex=False) == [("year", "1999"), ("date", "1999-21/2001-22")]
