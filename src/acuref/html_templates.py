"""HTML pages from Jinja2 templates shipped in the package (``acuref/templates``), autoescaped.

Every value a template prints is escaped by Jinja2 (text, attributes, quotes, ``&``), so no field can
reach a page unescaped by omission. The one exception is HTML the renderer made (citations and
bibliography entries from :mod:`acuref.render` with ``fmt="html"``, which escapes every field itself):
it enters only through :func:`rendered`, the single place that marks text as safe.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def environment():
    """The Jinja2 environment: package templates, autoescape on for every template, undefined names fail."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("acuref", "templates"), autoescape=True, undefined=StrictUndefined,
                       keep_trailing_newline=True)


def rendered(html: str):
    """Mark renderer output (already escaped HTML from acuref.render) as safe to insert."""
    from markupsafe import Markup

    return Markup(html)


def render_page(template: str, **context: Any) -> str:
    """The page ``template`` (a file in acuref/templates) filled with ``context``."""
    return environment().get_template(template).render(**context)
