"""Corrections to citeproc-py, applied once when acuref renders (see :func:`apply`).

Each closes a difference from citeproc-js, the reference CSL implementation,
found by the golden comparison (tests/test_cite_goldens.py). They wrap
citeproc-py's own methods rather than fork it, and state why:

- title case: citeproc-py capitalises stop words such as "after" or "without" and leaves
  the second half of "stroke-associated" in lower case; CSL (and citeproc-js) does the
  opposite for both;
- page ranges: the "minimal" format turned "1-10" into "1–0"; "chicago-16" was treated with
  chicago-15's four-digit rule ("2493–2501" instead of "2493–501");
- sorting by a macro that calls another macro (``<text macro=…>``) lost the sort options, so
  names were compared in display order ("Lin, J. G., M. W. Lo" before "…, P. Kotha")
  rather than family-first as CSL sorts them;
- ``<if disambiguate="true">`` was ignored, so the test always passed (MLA then put the
  title in every citation); it now holds only for items disambiguation could not tell apart;
- ``disambiguate-add-names``: not implemented; the items that need it now show more names
  before "et al.", in citations and, as citeproc-js does, in their bibliography entries
  (set per item by :mod:`acuref.render`).

Per-render state (which items need more names, which stay ambiguous) lives in context
variables, so renders never leak into each other.
"""

from __future__ import annotations

import contextvars
import re

#: item id → how many names a citation shows before "et al." (disambiguate-add-names)
ADD_NAMES: contextvars.ContextVar[dict] = contextvars.ContextVar("acuref_add_names", default={})
#: item ids that stay ambiguous after names were added (for <if disambiguate="true">)
AMBIGUOUS: contextvars.ContextVar[frozenset] = contextvars.ContextVar("acuref_ambiguous", default=frozenset())
# item id -> the first author's family name before disambiguation put initials in front of it: sort keys
# use it, as citeproc-js sorts on the name as stored, not on its disambiguated form.
SORT_FAMILY: contextvars.ContextVar[dict] = contextvars.ContextVar("acuref_sort_family", default={})
_CURRENT_ITEM: contextvars.ContextVar[str | None] = contextvars.ContextVar("acuref_current_item", default=None)


class EntryNames:
    """Per bibliography entry: the text of its first (outermost) cs:names, and the
    subsequent-author-substitute string to print instead of it, which citeproc-py does not support."""

    def __init__(self, substitute: str | None = None):
        self.first: str | None = None
        self.substitute = substitute
        self.depth = 0


# true while citeproc computes sort keys: year suffixes are not part of them (citeproc-js)
SORTING: contextvars.ContextVar[bool] = contextvars.ContextVar("acuref_sorting", default=False)

ENTRY_NAMES: contextvars.ContextVar[EntryNames | None] = contextvars.ContextVar("acuref_entry_names", default=None)

# citeproc-js's words kept in lower case in title case (prepositions, articles, conjunctions)
STOP_WORDS = frozenset("""a an and as at but by down for from in into nor of on onto or over so the till to up via with
yet about above across after against along alongside amid amidst among amongst around aside astride athwart atop
barring before behind below beneath beside besides between beyond circa despite during except inside like near next
notwithstanding off out per plus since than through throughout toward towards under underneath until unto upon versus
vs v within without""".split())

_applied = False


def _title_word(word: str, first: bool) -> str:
    """One whitespace-delimited word in title case; hyphenated parts each follow the rules."""
    parts = word.split("-")
    out = []
    for n, part in enumerate(parts):
        letters = re.sub(r"[^A-Za-z\u00C0-\u024F]", "", part)
        if not letters or not letters.islower():
            out.append(part)  # has capitals already ("GABA", "eCAM"), or no letters
        elif letters in STOP_WORDS and not (first and n == 0):
            out.append(part)
        else:
            out.append(re.sub(r"[a-z\u00DF-\u024F]", lambda m: m.group(0).upper(), part, count=1))
    return "-".join(out)


def title_case(text: str) -> str:
    words = text.split(" ")
    out, first = [], True
    for word in words:
        out.append(_title_word(word, first))
        if word:
            first = word[-1] in ":?!."
    return " ".join(out)


def apply() -> None:
    """Install the corrections into citeproc-py (idempotent)."""
    global _applied
    if _applied:
        return
    from citeproc import model

    original_case = model.TextCased.case

    def case(self, text, language=None):
        if self.get("text-case") == "title" and (language in (None, "en")):
            from citeproc.string import MixedString, NoCase, String

            if isinstance(text, MixedString):  # keep nocase spans as they are
                return MixedString([s if isinstance(s, NoCase) else String(title_case(str(s))) for s in text])
            return text.__class__(title_case(str(text))) if isinstance(text, str) else text
        return original_case(self, text, language)

    model.TextCased.case = case

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

    original_if = model.If.render

    def if_render(self, item, context=None, delimiter="", **kwargs):
        if "disambiguate" in self.attrib:
            wanted = self.get("disambiguate").lower() == "true"
            holds = (getattr(item, "key", None) in AMBIGUOUS.get()) == wanted
            others = set(self.attrib) - {"disambiguate", "match"}
            match = self.get("match", "all")
            if not others:
                if holds != (match == "none"):
                    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
                raise model.ConditionFailed
            if match == "all" and not holds or match == "none" and holds:
                raise model.ConditionFailed
            if match == "any" and holds:
                return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return original_if(self, item, context=context, delimiter=delimiter, **kwargs)

    model.If.render = if_render

    original_process = model.Name.process
    original_option = model.Name.get_option

    def name_process(self, item, variable, context=None, sort_options=None, **kwargs):
        key = getattr(item, "key", None)
        token = _CURRENT_ITEM.set(key)
        original = SORT_FAMILY.get().get(key) if sort_options is not None and variable == "author" else None
        first = (item.reference.get("author") or [None])[0] if original is not None else None
        shown = first.get("family") if first is not None else None
        if first is not None:
            first["family"] = original
        try:
            return original_process(self, item, variable, context=context, sort_options=sort_options, **kwargs)
        finally:
            if first is not None:
                first["family"] = shown
            _CURRENT_ITEM.reset(token)

    def name_option(self, name, context=None, sort_options=None):
        value = original_option(self, name, context, sort_options)
        if name == "demote-non-dropping-particle" and sort_options is not None and value == "sort-only":
            return "display-and-sort"  # sort "van den Berg" under B, as the style asks
        if name == "et-al-use-first" and sort_options is None:
            wanted = ADD_NAMES.get().get(_CURRENT_ITEM.get())
            if wanted:  # citeproc-js shows the added names in bibliography entries too
                return max(value, wanted)
        return value

    model.Name.process = name_process
    model.Name.get_option = name_option

    original_text_process = model.Text.process

    def text_process(self, item, context=None, **kwargs):
        sort_options = kwargs.get("sort_options")
        if "macro" in self.attrib and sort_options is not None:
            try:
                language = item.reference.language[:2]
            except Exception:  # noqa: BLE001 - citeproc's VariableError when there is no language
                language = self.get_root().get("default-locale", "en")[:2]
            macro = self.get_macro(self.get("macro"))
            return macro.render(item, context if context is not None else self, sort_options=sort_options), language
        return original_text_process(self, item, context=context, **kwargs)

    model.Text.process = text_process

    original_names_process = model.Names.process

    def names_process(self, item, names_context=None, context=None, **kwargs):
        entry = ENTRY_NAMES.get()
        if entry is None or kwargs.get("sort_options") is not None:
            return original_names_process(self, item, names_context=names_context, context=context, **kwargs)
        entry.depth += 1
        try:
            text = original_names_process(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            entry.depth -= 1
        if entry.depth == 0 and entry.first is None and text:
            entry.first = str(text)
            if entry.substitute is not None:
                return self.preformat(entry.substitute)
        return text

    model.Names.process = names_process

    original_initialize = model.Name.initialize

    def initialize(self, given, mark, context):
        """CSL's initialize="false" (311 styles, MLA among them), which citeproc-py ignores: full given
        names stay whole; only initials already there get the initialize-with mark ("James T" →
        "James T.", "H.F." → "H. F.")."""
        if _inherited(self, "initialize") != "false":
            return original_initialize(self, given, mark, context)
        if all(len(part) == 1 for part in re.split(r"[\s.\-]+", given) if part):
            return original_initialize(self, given, mark, context)
        return " ".join(token[0] + mark.rstrip() if re.fullmatch(r"[^\W\d_]\.?", token) else token
                        for token in given.split())

    model.Name.initialize = initialize

    taken: list = [None]  # the branch the last cs:choose rendered

    def choose_render(self, item, context=None, delimiter="", **kwargs):
        for child in self.getchildren():
            try:
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            except model.ConditionFailed:
                continue
            taken[0] = child
            return text
        taken[0] = None
        return None

    def group_process(self, item, context=None, **kwargs):
        """cs:group suppression as CSL defines it: a cs:choose counts by the branch it took, not by
        every variable any of its branches could call (APA printed "(Publication)" for a thesis)."""
        output, called, rendered = [], False, False
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            is_choose = isinstance(child, model.Choose)
            calls = False if is_choose else child.calls_variable()
            try:
                if is_choose:
                    taken[0] = None
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    calls = taken[0] is not None and taken[0].calls_variable()
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                called = called or calls or (is_choose and child.calls_variable())
                continue
            called = called or calls
            if text is not None:
                output.append(text)
                rendered = rendered or calls
        if output and (not called or rendered):
            return self.join(output)
        raise VariableError

    from citeproc.source import VariableError

    model.Choose.render = choose_render
    model.Group.process = group_process

    def render_single_date(self, date, show_parts=None, context=None):
        """A localized date joins its parts with the locale's delimiter (NLM: "2010 Mar 5", not "2010Mar5")."""
        parts = self.parts(date, show_parts, context) if context != self else self.parts(date, show_parts)
        if not parts:
            return None
        if self.is_locale_date():
            return self.join(parts, context.get("delimiter", "") if context is not None else "")
        return self.join(parts)

    model.Date.render_single_date = render_single_date
    _memoize_static_lookups(model)
    _applied = True


def _inherited(element, attribute: str) -> str | None:
    """An inheritable name option: on the element, else its cs:citation/cs:bibliography, else cs:style."""
    value = element.get(attribute)
    if value is not None:
        return value
    for ancestor in element.iterancestors():
        if ancestor.tag.endswith(("}citation", "}bibliography", "}style")) and ancestor.get(attribute) is not None:
            return ancestor.get(attribute)
    return None


def _memoize_static_lookups(model) -> None:
    """Cache what citeproc-py recomputes for every item although it depends on the style tree alone.

    XPath searches (macros, terms, the enclosing layout) and calls_variable() took over half of a
    1,000-entry bibliography.  A style tree is never changed once loaded, and the cache holds the
    lxml proxies it is keyed on, so an element keeps its identity while it is cached."""
    xpath_cache: dict = {}
    calls_cache: dict = {}
    original_xpath = model.CitationStylesElement.xpath_search

    def xpath_search(self, expression):
        key = (self, expression)
        found = xpath_cache.get(key)
        if found is None:
            found = xpath_cache[key] = original_xpath(self, expression)
        return found

    def memoized(original):
        def calls_variable(self):
            found = calls_cache.get(self)
            if found is None:
                found = calls_cache[self] = original(self)
            return found
        return calls_variable

    def reference(self):  # CitationItem.reference without five CustomDict attribute hops per call
        citation = dict.__getitem__(self, "citation")
        return dict.__getitem__(citation, "bibliography").source[dict.__getitem__(self, "key")]

    from citeproc.source import CitationItem

    CitationItem.reference = property(reference)
    original_sort = model.Sort.sort

    def sort(self, items, context):  # a lone cite needs no sort keys (each costs macro renderings)
        if len(items) < 2:
            return list(items)
        token = SORTING.set(True)
        try:
            return original_sort(self, items, context)
        finally:
            SORTING.reset(token)

    model.Sort.sort = sort

    locale_options: dict = {}
    original_locale_option = model.Locale.get_option

    def locale_option(self, name):  # a locale's style-options never change once loaded
        key = (self, name)
        if key not in locale_options:
            try:
                locale_options[key] = original_locale_option(self, name)
            except IndexError:
                locale_options[key] = IndexError
        found = locale_options[key]
        if found is IndexError:
            raise IndexError(name)
        return found

    model.Locale.get_option = locale_option

    roots: dict = {}

    def get_root(self):  # one lxml call per element instead of per use
        root = roots.get(self)
        if root is None:
            root = roots[self] = self.getroottree().getroot()
        return root

    model.CitationStylesElement.get_root = get_root
    model.CitationStylesElement.xpath_search = xpath_search
    model.Parent.calls_variable = memoized(model.Parent.calls_variable)
    model.Text.calls_variable = memoized(model.Text.calls_variable)
