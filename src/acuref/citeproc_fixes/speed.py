"""Speed: cache what citeproc-py recomputes for every item although it depends on the style tree alone.

No CSL behaviour changes here.  XPath searches (macros, terms, the enclosing layout) and
calls_variable() took over half of a 1,000-entry bibliography.  A style tree is never changed once
loaded, and the cache holds the lxml proxies it is keyed on, so an element keeps its identity while
it is cached."""

from __future__ import annotations


def install(model) -> None:
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
