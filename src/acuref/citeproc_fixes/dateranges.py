"""Date ranges and seasons (CSL 1.0.2 "Date Ranges", "range-delimiter", "Seasons"; citeproc-js).

citeproc-py cut a range such as 2011-09-24/2011-09-26 short or crashed on it (``join`` of None), and
crashed (an assert) on a season where the month renders in a numeric form.  Here:

- a range renders the parts the two dates share once and the run of parts from the largest one that
  differs as begin–end, joined by that part's ``range-delimiter`` (default an en dash): "2011,
  September 24–26", "September 24–October 2, 2011", "1998–2001".  The suffix of the begin run and
  the prefix of the end run fall away at the delimiter;
- a season in place of a month prints the season term whatever the month's form (citeproc-js).

Proved by the varied-set goldens (tests/test_cite_varied.py: "range", "rangeyears", "season") and the
field case cite/31 (tests/test_cite_cases.py).
"""

from __future__ import annotations

PARTS = ("year", "month", "day")


def _value(date, name: str):
    from citeproc.source import VariableError

    try:
        return getattr(date, name)
    except (AttributeError, VariableError):
        if name == "month":
            try:
                return ("season", date.season)
            except (AttributeError, VariableError):
                return None
        return None


def install(model) -> None:
    from citeproc.source import VariableError

    def join(self, parts, context):
        if self.is_locale_date():
            return self.join(parts, context.get("delimiter", "") if context is not None else "")
        return self.join(parts)

    def rendered(self, date, names, context):
        return self.parts(date, names, context) if context not in (None, self) else self.parts(date, names)

    def render_date_range(self, date_range, show_parts=None, context=None):
        from citeproc.string import String

        show = [p for p in (show_parts or PARTS)]
        begin, end = date_range.begin, date_range.end
        if end is None or _value(end, "year") is None:  # open range: "2011–"
            text = self.render_single_date(begin, show, context)
            return text and String(f"{text}–")
        children = [c for c in self.iterchildren() if c.get("name") in show and _value(begin, c.get("name")) is not None]
        names = [c.get("name") for c in children]
        # the largest part the date shows that differs (a range within a month shown as "Sep. 2011" is one date)
        differ = next((p for p in PARTS if p in names and _value(begin, p) != _value(end, p)), None)
        if differ is None:
            return self.render_single_date(begin, show, context)
        ranged = [i for i, n in enumerate(names) if PARTS.index(n) >= PARTS.index(differ)]
        if not ranged or ranged != list(range(ranged[0], ranged[-1] + 1)):
            first, last = self.render_single_date(begin, show, context), self.render_single_date(end, show, context)
            return String(f"{first}–{last}") if first and last else first or last
        run = names[ranged[0]:ranged[-1] + 1]
        part = next(c for c in children if c.get("name") == differ)
        delimiter = part.get("range-delimiter", "–")
        begin_run = str(join(self, rendered(self, begin, run, context), context) or "")
        end_run = str(join(self, rendered(self, end, run, context), context) or "")
        suffix, prefix = children[ranged[-1]].get("suffix", ""), children[ranged[0]].get("prefix", "")
        if suffix and begin_run.endswith(suffix):
            begin_run = begin_run[: len(begin_run) - len(suffix)]
        if prefix and end_run.startswith(prefix):
            end_run = end_run[len(prefix):]
        from citeproc.string import String

        pieces = rendered(self, begin, names[: ranged[0]], context) + [String(f"{begin_run}{delimiter}{end_run}")] + \
            rendered(self, begin, names[ranged[-1] + 1:], context)
        return join(self, pieces, context)

    model.Date.render_date_range = render_date_range

    original_process = model.Date_Part.process

    def process(self, date, context=None):
        try:
            return original_process(self, date, context)
        except AssertionError:  # a season where the month's form is numeric: citeproc-py asserts a month
            try:
                date.month
            except VariableError:
                return (context if context is not None else self).get_single_term(
                    name=f"season-{int(date.season):02}")
            raise

    model.Date_Part.process = process
