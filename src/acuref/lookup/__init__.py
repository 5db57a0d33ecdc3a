"""Look a work up by identifier (DOI, PMID, PMCID, ISBN, arXiv id) and return it as a Reference.

Each service module turns that service's documented answer into a CSL-JSON item; the item
becomes a :class:`~acuref.model.Reference` through the CSL-JSON reader, so a looked-up work is
built exactly as an imported one. Service base URLs can be changed through environment variables
(tests point them at a local server): ``ACUREF_CROSSREF_URL`` (https://api.crossref.org),
``ACUREF_EUTILS_URL`` (https://eutils.ncbi.nlm.nih.gov/entrez/eutils), ``ACUREF_IDCONV_URL``
(https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0), ``ACUREF_OPENLIBRARY_URL``
(https://openlibrary.org), ``ACUREF_ARXIV_URL`` (https://export.arxiv.org/api).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ..errors import IdentifierError, RemoteError
from ..model import Reference

KINDS = ("doi", "pmid", "pmcid", "isbn", "arxiv")

BASE_URLS = {
    "crossref": ("ACUREF_CROSSREF_URL", "https://api.crossref.org"),
    "eutils": ("ACUREF_EUTILS_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"),
    "idconv": ("ACUREF_IDCONV_URL", "https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0"),
    "openlibrary": ("ACUREF_OPENLIBRARY_URL", "https://openlibrary.org"),
    "arxiv": ("ACUREF_ARXIV_URL", "https://export.arxiv.org/api"),
}


def base_url(service: str) -> str:
    """The service's base URL, without a trailing slash (environment first, see the module doc)."""
    env, default = BASE_URLS[service]
    return (os.environ.get(env) or default).rstrip("/")


@dataclass(frozen=True)
class Identifier:
    """A recognised identifier: ``kind`` is one of :data:`KINDS`, ``value`` its canonical form
    (DOI lower-cased prefix kept as given, PMID digits, PMCID "PMC123", ISBN digits, arXiv id)."""

    kind: str
    value: str

    def __str__(self) -> str:
        return {"doi": "DOI ", "pmid": "PMID ", "pmcid": "", "isbn": "ISBN ", "arxiv": "arXiv:"}[self.kind] + self.value


# Every pattern is anchored and linear: no nested quantifiers over the same characters.
_DOI = re.compile(r"(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)", re.I)
_PMID = re.compile(r"(?:pmid:?\s*|https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/)?(\d{1,9})/?", re.I)
_PMCID = re.compile(r"(?:pmcid:?\s*)?(?:https?://\S*?/)?(pmc\d{1,9})/?", re.I)
_ISBN = re.compile(r"(?:isbn(?:-1[03])?:?\s*)?([\d][\d -]{8,15}[\dXx])", re.I)
_ARXIV = re.compile(r"(?:arxiv:\s*|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)?"
                    r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)(?:\.pdf)?", re.I)


def identify(text: str) -> Identifier | None:
    """The identifier ``text`` is, from its shape; None when it is none of them (maybe a reference).

    Shapes: ``10.1136/bmj.305.6864.1249``, ``doi:…``, ``https://doi.org/…``; ``PMID: 1450006``, a bare
    number of up to 9 digits, a PubMed URL; ``PMC3531190``; ``ISBN 978-0-19-…`` or 10/13 digits with a
    valid check digit; ``arXiv:2101.00001``, ``2101.00001v2``, ``hep-th/9901001``, an arxiv.org URL.
    """
    text = text.strip()
    if not text or len(text) > 300:
        return None
    if m := _DOI.fullmatch(unquote(text) if "%" in text else text):
        return Identifier("doi", m.group(1).rstrip(".,;"))
    if m := _PMCID.fullmatch(text):
        return Identifier("pmcid", m.group(1).upper())
    if m := _ARXIV.fullmatch(text):
        return Identifier("arxiv", m.group(1))
    if m := _ISBN.fullmatch(text):
        digits = re.sub(r"[ -]", "", m.group(1)).upper()
        if valid_isbn(digits):
            return Identifier("isbn", digits)
        if text.lower().startswith("isbn"):
            raise IdentifierError(f"{text!r} is not a valid ISBN (its check digit does not match)")
    if m := _PMID.fullmatch(text):
        return Identifier("pmid", m.group(1).lstrip("0") or "0")
    return None


def valid_isbn(digits: str) -> bool:
    """ISBN-10 (mod 11, X = 10) or ISBN-13 (mod 10, weights 1 and 3) check digit (ISO 2108)."""
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        return sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits)) % 10 == 0
    return False


def person(text: str) -> dict[str, str]:
    """A person's name as a service writes it ("Mary Meridian", "Meridian, Mary") as CSL name parts:
    the last word is the family name unless a comma says otherwise."""
    text = " ".join(text.split())
    if "," in text:
        family, _, given = text.partition(",")
        return {k: v for k, v in (("family", family.strip()), ("given", given.strip())) if v}
    *given, family = text.split(" ") if text else [""]
    return {k: v for k, v in (("family", family), ("given", " ".join(given))) if v}


def lookup_item(identifier: Identifier, client) -> dict[str, Any]:
    """The CSL-JSON item for ``identifier``, from its service; raises RemoteError / RemoteNotFoundError."""
    if identifier.kind == "doi":
        from .crossref import fetch_work, work_to_csl

        return work_to_csl(fetch_work(client, identifier.value))
    if identifier.kind == "pmid":
        from .ncbi import fetch_pubmed

        return fetch_pubmed(client, identifier.value)
    if identifier.kind == "pmcid":
        from .ncbi import fetch_pmc

        return fetch_pmc(client, identifier.value)
    if identifier.kind == "isbn":
        from .books import fetch_isbn

        return fetch_isbn(client, identifier.value)
    from .arxiv import fetch_arxiv

    return fetch_arxiv(client, identifier.value)


def lookup(identifier: Identifier, client) -> Reference:
    """The work ``identifier`` names, as a Reference with no key yet."""
    item = lookup_item(identifier, client)
    return item_to_reference(item, service_name(identifier), str(identifier))


def service_name(identifier: Identifier) -> str:
    return {"doi": "Crossref", "pmid": "PubMed", "pmcid": "PubMed Central", "isbn": "Open Library",
            "arxiv": "arXiv"}[identifier.kind]


def item_to_reference(item: dict[str, Any], service: str, what: str) -> Reference:
    """A CSL-JSON item read by acuref's CSL-JSON reader; an item it cannot read is the service's error."""
    from ..formats import parse

    result = parse(json.dumps([{**item, "id": ""}], ensure_ascii=False), "csl-json", f"<{service}>")
    if result.problems or not result.references:
        reason = result.problems[0].message if result.problems else "no usable record"
        raise RemoteError(service, f"cannot read its record of {what}: {reason}")
    return result.references[0].with_changes(key="")
