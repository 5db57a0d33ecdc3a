"""CSL names: family, given, particles, suffix, literal and the CSL name flags. No I/O here.

The parts are CSL 1.0.2's (``csl-data.json`` name-variable): ``family``, ``given``,
``dropping-particle``, ``non-dropping-particle``, ``suffix``, ``comma-suffix``,
``static-ordering``, ``literal`` and ``parse-names``. A name needs a family, a given
name (a mononym such as "Plato" may be given-only) or a literal (organisations).

BibTeX's ``and others`` has no CSL name: a list cut short is a name list plus the
reference's ``truncated`` marker (see :mod:`acuref.model`), which styles render
as "et al.".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

#: CSL name-part keys, in the order they are written.
NAME_PARTS = ("family", "given", "literal", "non-dropping-particle", "dropping-particle", "suffix",
              "comma-suffix", "static-ordering", "parse-names")
_TEXT_PARTS = NAME_PARTS[:6]

#: Lower-case particles recognised in front of a family name (CSL spec, "Name-part Order";
#: citeproc-js's particle list, abridged to the common ones).
PARTICLES = ("van der", "van den", "van de", "von der", "von dem", "de la", "de las", "de los", "van", "von", "de",
             "del", "della", "di", "da", "le", "la", "du", "dos", "das", "der", "den", "ter", "ten", "zu", "af", "al",
             "el", "bin", "ibn", "y")


class InvalidNameError(ValueError):
    """A name value that is not a CSL name; the message says why."""


@dataclass(frozen=True)
class Name:
    """A person or organisation, as a CSL name (``literal`` for organisations)."""

    family: str = ""
    given: str = ""
    literal: str = ""
    non_dropping_particle: str = ""
    dropping_particle: str = ""
    suffix: str = ""
    comma_suffix: bool = False
    static_ordering: bool = False
    parse_names: bool = True

    def display(self) -> str:
        """"Deluze, C." style, for tables and messages."""
        if self.literal:
            return self.literal
        family = " ".join(p for p in (self.non_dropping_particle, self.family) if p)
        if not family:
            return self.given
        return f"{family}, {self.given}" if self.given else family

    @property
    def sort_name(self) -> str:
        return self.literal or self.parsed().family or self.given

    def parsed(self) -> "Name":
        """The name with a lower-case particle written inside ``family`` ("van Gogh") moved to
        ``non-dropping-particle``, as CSL processors do unless ``parse-names`` is false."""
        if not self.parse_names or self.literal or self.non_dropping_particle or self.dropping_particle:
            return self
        family = self.family
        if family[:1].islower():
            lowered = family.lower()
            for particle in PARTICLES:
                if lowered.startswith(particle + " ") and family[:len(particle)].islower() and family[len(particle) + 1:].strip():
                    return replace(self, family=family[len(particle) + 1:].strip(), non_dropping_particle=family[:len(particle)])
        return self


def name_to_csl(name: Name) -> dict[str, Any]:
    """The CSL-JSON name object (empty parts left out)."""
    out: dict[str, Any] = {}
    for key in _TEXT_PARTS:
        value = getattr(name, key.replace("-", "_"))
        if value:
            out[key] = value
    if name.comma_suffix:
        out["comma-suffix"] = True
    if name.static_ordering:
        out["static-ordering"] = True
    if not name.parse_names:
        out["parse-names"] = False
    return out


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false")
    return bool(value)


def name_from_csl(data: Mapping[str, Any], *, strict: bool = False) -> Name:
    """A CSL-JSON name object as a :class:`Name`. Text parts may be numbers (made text); the flags
    may be booleans, numbers or strings. ``strict`` (the store) raises :class:`InvalidNameError` for unknown
    parts, non-text parts and flags that are not booleans; a name with no family, given or literal
    always raises."""
    if strict:
        unknown = set(data) - set(NAME_PARTS)
        if unknown:
            from .wording import plural

            raise InvalidNameError(f"unknown {plural('part', len(unknown))} {', '.join(sorted(map(str, unknown)))}")
        for key in _TEXT_PARTS:
            if key in data and not isinstance(data[key], str):
                raise InvalidNameError(f"{key!r} must be a string")
        for key in NAME_PARTS[6:]:
            if key in data and not isinstance(data[key], bool):
                raise InvalidNameError(f"{key!r} must be true or false")
    parts: dict[str, Any] = {}
    for key in _TEXT_PARTS:
        value = data.get(key)
        if value is None or isinstance(value, (dict, list)):
            continue
        parts[key.replace("-", "_")] = value if isinstance(value, str) else str(value)
    name = Name(**parts, comma_suffix=_flag(data.get("comma-suffix", False)),
                static_ordering=_flag(data.get("static-ordering", False)),
                parse_names=_flag(data.get("parse-names", True)))
    if not (name.family or name.given or name.literal):
        raise InvalidNameError("a name needs 'family', 'given' or 'literal'")
    return name
