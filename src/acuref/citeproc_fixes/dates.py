"""Localized dates (CSL 1.0.2 "Date", "Localized Date Formats").

A localized date joins its parts with the locale's delimiter (NLM: "2010 Mar 5", not "2010Mar5")."""

from __future__ import annotations


def install(model) -> None:
    def render_single_date(self, date, show_parts=None, context=None):
        parts = self.parts(date, show_parts, context) if context != self else self.parts(date, show_parts)
        if not parts:
            return None
        if self.is_locale_date():
            return self.join(parts, context.get("delimiter", "") if context is not None else "")
        return self.join(parts)

    model.Date.render_single_date = render_single_date
