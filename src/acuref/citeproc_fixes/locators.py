"""Locators (CSL 1.0.2 "Locators", "is-numeric", Appendix V "Page Range Formats"):

- ``<if is-numeric="locator">`` tests the cite's locator; citeproc-py looked for a "locator" variable
  on the reference, never found one, and APA dropped the label of a chapter or figure locator
  ("(Lee, 2008, 4)" instead of "(Lee, 2008, Chapter 4)");
- a page locator follows the style's page-range-format and page-range-delimiter, as the page variable
  does (Chicago "101–3"), as citeproc-js does.
Proved by the varied-set goldens (tests/test_cite_varied.py, clusters 1, 2, 23)."""

from __future__ import annotations


def install(model) -> None:
    original_numeric = model.If._is_numeric

    def _is_numeric(self, item):
        variables = self.get("is-numeric").split()
        if "locator" not in variables:
            return original_numeric(self, item)
        results = []
        for variable in variables:
            if variable == "locator":
                results.append(bool(item.has_locator and self.re_numeric_locator(str(item.locator.identifier))))
            else:
                results.extend(_one(self, original_numeric, item, variable))
        return results

    def _one(self, original, item, variable):
        saved = self.get("is-numeric")
        self.set("is-numeric", variable)
        try:
            return original(self, item)
        finally:
            self.set("is-numeric", saved)

    import re

    numeric = re.compile(r"\d+[a-z]?(?:\s*[-–&,]\s*\d+[a-z]?)*", re.I)
    model.If.re_numeric_locator = staticmethod(lambda text: numeric.fullmatch(text.strip()) is not None)
    model.If._is_numeric = _is_numeric

    original_variable = model.Text._variable

    def _variable(self, item, context):
        if self.get("variable") == "locator" and item.has_locator and item.locator.label == "page":
            repressed = context.get_layout().repressed
            if self.tag in repressed and "locator" in repressed[self.tag]:
                return None
            return self._process(str(item.locator.identifier), "page")
        return original_variable(self, item, context)

    model.Text._variable = _variable
