"""cs:label prints its term only when its variable has a value (CSL 1.0.2 "Label": "the term is only
rendered if the selected variable is non-empty"); citeproc-py printed it regardless, so an item without
an edition got a stray "Edition." in Chicago (field case cite/08), a cite without a locator a lone label.
Labels that cs:names renders for its name variables are passed their variable and left alone."""

from __future__ import annotations


def install(model) -> None:
    original = model.Label.process

    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        if variable is None:
            name = self.get("variable")
            if name == "locator":
                if not getattr(item, "has_locator", False):
                    return None
            elif name and name.replace("-", "_") not in item.reference:
                return None
        return original(self, item, variable, plural, context=context, **kwargs)

    model.Label.process = process
