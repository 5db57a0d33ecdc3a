"""What the reference-string parser read, for ``acuref import --dry-run``: one line per field.

A field the model is unsure of (its lowest token marginal probability under
:data:`UNSURE_BELOW`) is marked ``?`` so the writer checks it before importing. In 5-fold
cross-validation on AnyStyle's labelled strings (``tools/train_parser.py --cv 5``), fields read
with confidence ≥ 0.8 were right 96% of the time, the others 66%.
"""

from __future__ import annotations

from ..model import Reference

UNSURE_BELOW = 0.8

_ORDER = ("author", "editor", "translator", "issued", "title", "container-title", "collection-title", "volume",
          "issue", "page", "edition", "publisher", "publisher-place", "genre", "DOI", "URL", "ISBN", "PMID", "PMCID",
          "accessed", "note")


def _value(ref: Reference, var: str) -> str:
    if var == "author":
        names = ref.author
    elif var in ("editor", "translator"):
        names = ref.fields.get(var, ())
    else:
        names = None
    if names is not None:
        return "; ".join(n.display() for n in names)
    if var == "issued":
        year = ref.year
        suffix = ref.fields.get("year-suffix", "")
        return f"{year}{suffix}" if year else ""
    if var == "title":
        return ref.title
    value = ref.fields.get(var, "")
    if hasattr(value, "parts"):  # a date (accessed)
        return "-".join(str(p) for p in value.parts)
    return value if isinstance(value, str) else str(value)


def field_lines(ref: Reference) -> list[str]:
    """``  variable  value`` lines for a reference the text parser read, with ``?`` on unsure fields;
    [] when ``ref`` did not come from the parser (re-reading its ``original`` does not give it back)."""
    if not ref.original:
        return []
    from ..parser import parse_string

    parsed = parse_string(ref.original)
    if parsed.reference is None or parsed.reference.with_changes(key=ref.key) != ref:
        return []
    lines = []
    for var in _ORDER:
        value = _value(ref, var)
        if not value:
            continue
        unsure = parsed.confidence.get(var, 1.0) < UNSURE_BELOW
        lines.append(f"    {var:<16}{'?' if unsure else ' '} {value}")
    if parsed.et_al:
        lines.append(f"    {'':<16}  (et al.: more authors than the string names)")
    return lines
