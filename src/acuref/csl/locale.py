"""CSL locales (CSL 1.0.2 "Locale Files", "Locale Fallback", "Terms", "Ordinal Suffixes").

Terms, localized date formats and style options come from, in order of priority: the style's own
cs:locale elements (exact xml:lang, then its language, then no xml:lang), the locale file of the
dialect, of the language's primary dialect, and en-US.  The locale files are the CSL project's,
as shipped with citeproc-py (citeproc/data/locales).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .xml import compile_node, parse_file

PRIMARY_DIALECTS = {
    "af": "af-ZA", "ar": "ar", "bg": "bg-BG", "ca": "ca-AD", "cs": "cs-CZ", "cy": "cy-GB", "da": "da-DK",
    "de": "de-DE", "el": "el-GR", "en": "en-US", "es": "es-ES", "et": "et-EE", "eu": "eu", "fa": "fa-IR",
    "fi": "fi-FI", "fr": "fr-FR", "he": "he-IL", "hr": "hr-HR", "hu": "hu-HU", "id": "id-ID", "is": "is-IS",
    "it": "it-IT", "ja": "ja-JP", "km": "km-KH", "ko": "ko-KR", "la": "la", "lt": "lt-LT", "lv": "lv-LV",
    "mn": "mn-MN", "nb": "nb-NO", "nl": "nl-NL", "nn": "nn-NO", "pl": "pl-PL", "pt": "pt-PT", "ro": "ro-RO",
    "ru": "ru-RU", "sk": "sk-SK", "sl": "sl-SI", "sr": "sr-RS", "sv": "sv-SE", "th": "th-TH", "tr": "tr-TR",
    "uk": "uk-UA", "vi": "vi-VN", "zh": "zh-CN",
}


def locales_dir() -> Path:
    spec = find_spec("citeproc")
    return Path(spec.origin).parent / "data" / "locales"


def is_known(lang: str) -> bool:
    """Whether ``lang`` ("de-AT", "de") has a locale file: its own, or its language's primary dialect's
    (CSL 1.0.2 "Locale Fallback").  A tag that is not letters, digits and hyphens is unknown."""
    if not lang or not all(part.isascii() and part.isalnum() for part in lang.split("-")):
        return False
    primary = lang.split("-")[0]
    return any((locales_dir() / f"locales-{name}.xml").is_file()
               for name in (lang, PRIMARY_DIALECTS.get(primary, primary)))


_TERM_ALIASES = {"sub verbo": "sub-verbo", "sub-verbo": "sub verbo"}


@dataclass
class Term:
    single: str
    multiple: str
    gender: str = ""
    match: str = ""


@dataclass
class Locale:
    """Merged terms ``{(name, form, gender-form): Term}``, date formats and options."""

    lang: str
    terms: dict = field(default_factory=dict)
    dates: dict = field(default_factory=dict)  # "text"/"numeric" → cs:date node
    options: dict = field(default_factory=dict)

    def term(self, name: str, form: str = "long", plural: bool = False, gender: str = "") -> str | None:
        """The term's text, falling back through the forms (CSL 1.0.2 "Terms"); "sub verbo" (CSL 1.0.1's
        locator name, still what styles and citing programs send) and "sub-verbo" (the locale files' term,
        CSL 1.0.2) are one term (citeproc-js maps one to the other)."""
        for n in (name, _TERM_ALIASES.get(name)):
            if n is None:
                continue
            for f in _FORM_FALLBACK.get(form, (form, "long")):
                found = self.terms.get((n, f, gender)) or (self.terms.get((n, f, "")) if gender else None)
                if found is not None:
                    return found.multiple if plural else found.single
        return None

    def term_gender(self, name: str) -> str:
        found = self.terms.get((name, "long", ""))
        return found.gender if found else ""

    def ordinal(self, number: int, gender: str = "", long: bool = False) -> str:
        """The ordinal suffix (or long ordinal word) for ``number`` (CSL 1.0.2 "Ordinal Suffixes")."""
        if long and 1 <= number <= 10:
            word = self.term(f"long-ordinal-{number:02d}", gender=gender)
            if word is not None:
                return word
        if long:
            return str(number) + self.ordinal(number, gender)
        for name in (f"ordinal-{number % 100:02d}", f"ordinal-{number % 10:02d}"):
            term = self.terms.get((name, "long", gender)) or self.terms.get((name, "long", ""))
            if term is None:
                continue
            match = term.match or ("last-two-digits" if name[-2] != "0" else "last-digit")
            if match == "whole-number" and int(name[-2:]) != number:
                continue
            if match == "last-two-digits" and int(name[-2:]) != number % 100:
                continue
            if match == "last-digit" and int(name[-2:]) != number % 10:
                continue
            return term.single
        return self.term("ordinal", gender=gender) or ""


_FORM_FALLBACK = {"verb-short": ("verb-short", "verb", "long"), "symbol": ("symbol", "short", "long"),
                  "short": ("short", "long"), "verb": ("verb", "long"), "long": ("long",)}


def _read_locale(node, into: Locale, *, style_level: bool) -> None:
    terms = node.find("terms")
    if terms is not None:
        new = {}
        for term in terms.findall("term"):
            single = term.find("single")
            multiple = term.find("multiple")
            if single is not None or multiple is not None:
                s = (single.text or "") if single is not None else ""
                m = (multiple.text or "") if multiple is not None else s
            else:
                s = m = term.text or ""
            key = (term.get("name"), term.get("form", "long"), term.get("gender-form", ""))
            new[key] = Term(s, m, term.get("gender", ""), term.get("match", ""))
        if style_level and any(k[0].startswith("ordinal") for k in new):
            # CSL 1.0.1: ordinal terms of a style locale replace the whole ordinal set below them
            for key in [k for k in into.terms if k[0].startswith("ordinal")]:
                del into.terms[key]
        into.terms.update(new)
    for date in node.findall("date"):
        into.dates[date.get("form")] = date
    options = node.find("style-options")
    if options is not None:
        into.options.update(options.attrs)


@lru_cache(maxsize=16)
def _file_locale(lang: str):
    path = locales_dir() / f"locales-{lang}.xml"
    return compile_node(parse_file(path)) if path.is_file() else None


def build(lang: str | None, style_locales: list) -> Locale:
    """The merged locale for ``lang`` (e.g. "en-US", "de") given the style's cs:locale nodes."""
    lang = lang or "en-US"
    primary = lang.split("-")[0]
    full = lang if "-" in lang else PRIMARY_DIALECTS.get(lang, lang)
    locale = Locale(full)
    chain = ["en-US", PRIMARY_DIALECTS.get(primary, full), full]
    seen = []
    for name in chain:
        if name in seen:
            continue
        seen.append(name)
        node = _file_locale(name)
        if node is not None:
            _read_locale(node, locale, style_level=False)
    by_lang = {}
    for node in style_locales:
        by_lang.setdefault(node.get("{http://www.w3.org/XML/1998/namespace}lang", ""), []).append(node)
    for key in ("", primary, full if full != primary else None, lang if lang not in (full, primary) else None):
        if key is None:
            continue
        for node in by_lang.get(key, []):
            _read_locale(node, locale, style_level=True)
    return locale
