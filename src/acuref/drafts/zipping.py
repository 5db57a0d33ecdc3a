"""Packaging shared by the .docx and .odt writers: XML text escaping and deterministic zips."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Sequence
from xml.sax.saxutils import escape as _xml_escape


def escape_xml(text: str) -> str:
    """Text for XML character data: markup escaped, characters XML 1.0 forbids dropped."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    return _xml_escape(text)


def zip_members(members: Sequence[tuple[str, str]], stored_first: bool = False) -> bytes:
    """A zip of (name, text) members, dated 1980-01-01 so that equal input gives equal bytes;
    ``stored_first``: the first member uncompressed (ODF's ``mimetype``)."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for n, (name, text) in enumerate(members):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if stored_first and n == 0 else zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
