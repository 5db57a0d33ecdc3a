"""page-range-format (CSL 1.0.2 Appendix V "Page Range Formats").

citeproc-py's "minimal" turned "1-10" into "1–0"; "chicago-16" was treated with chicago-15's
four-digit rule ("2493–2501" instead of "2493–501"); "321-8" is 321-328 before any format applies.
Fixtures: page_* in tests/csl_suite/passing.txt."""

from __future__ import annotations


def install(model) -> None:
    def _format_last_page(self, first, last):
        range_format = self.get_root().get_option("page-range-format")
        if range_format and first.isdigit() and last.isdigit() and len(last) < len(first):
            last = first[:len(first) - len(last)] + last  # "321-8" is 321-328 before any format applies
        if not (first.isdigit() and last.isdigit()) or len(last) > len(first):
            return last  # "1-10": nothing in common to drop
        common = next((i for i, (f, l) in enumerate(zip(first, last)) if f != l), len(last))
        if range_format in ("chicago", "chicago-15", "chicago-16"):
            number = int(first)
            if number < 100 or number % 100 == 0:
                range_format = "expanded"
            elif range_format != "chicago-16" and len(first) >= 4 and common < 2:
                range_format = "expanded"  # chicago-15: four digits with three changing
            elif number % 100 < 10:
                range_format = "minimal"
            else:
                range_format = "minimal-two"
        if range_format == "minimal":
            return last[common:]
        if range_format == "minimal-two":
            return last[min(common, len(last) - 2):]
        return last

    model.FormatNumber._format_last_page = _format_last_page
