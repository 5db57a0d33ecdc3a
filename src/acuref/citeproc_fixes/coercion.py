"""Any rendered value reaches text-case and strip-periods as text (CSL 1.0.2 "Text-case", "Formatting":
the attributes apply to every rendering element, cs:name-part and numbers included), and the
"near-note-distance" option has its default (CSL 1.0.2 "Note Distance", 5).

citeproc-py crashed on 116 of the 2,851 bundled styles (tests/test_style_sweep.py, bench/style_sweep.py):
``text-case`` on a cs:name-part got a plain str, None or "" ("'str' object has no attribute
'capitalize_first'", IndexError), on a number an int; ``strip-periods`` on a number an int; and a style testing
``position="near-note"`` hit a KeyError without near-note-distance, and a TypeError with it (str <= int).
"""

from __future__ import annotations


def _text(value):
    """``value`` as citeproc-py text: a String, or a MixedString whose parts are all Strings."""
    from citeproc.string import MixedString, String

    if value is None:
        return value
    if isinstance(value, MixedString):
        parts = [_text(part) for part in value if str(part)]
        return MixedString(parts) if parts else String("")
    if isinstance(value, String):
        return value
    return String(str(value))


def install(model) -> None:
    original_option = model.CitationStylesElement.get_option

    def get_option(self, name):
        if name == "near-note-distance":  # citeproc-py has no default and compares the attribute's str to an int
            value = self.get(name, "5")
            return int(value) if str(value).strip().isdigit() else 5
        return original_option(self, name)

    model.CitationStylesElement.get_option = get_option

    original_case = model.TextCased.case

    def case(self, text, language=None):
        if text is None or not str(text):
            return text  # nothing to case (an empty given name: capitalize_first would raise IndexError)
        cased = original_case(self, _text(text), language)
        return str(cased) if type(text) is str else cased  # a plain str in (a name part), a plain str out

    model.TextCased.case = case

    original_strip = model.StrippedPeriods.strip_periods

    def strip_periods(self, string):
        return original_strip(self, _text(string))

    model.StrippedPeriods.strip_periods = strip_periods
