"""Remote metadata's HTML, JATS and MathML as acuref's rich text; HTML entities decoded.

Crossref's titles carry publisher markup raw (``<i>``, ``<scp>``, ``<jats:italic>``,
``<mml:math>``…) and HTML entities (``&amp;``, ``&lt;``); PubMed's summaries carry the same markup
escaped once (``&lt;i&gt;Escherichia coli&lt;/i&gt;``). acuref stores fields as CSL-JSON rich text
(CSL 1.0.2 Appendix VI, as citeproc-js reads it; see :mod:`acuref.csl.richtext`): ``<i>``, ``<b>``,
``<sup>``, ``<sub>``, ``<span style="font-variant:small-caps;">`` and ``<span class="nocase">``, with
every other character literal (an ``&`` is stored as ``&``).

What is done follows Zotero's Crossref translator (zotero/translators, "Crossref REST.js",
``removeUnsupportedMarkup`` then ``decodeEntities``, commit 2814370): supported tags are kept, ``scp``
becomes small caps, other tags are removed with their text kept, CDATA markers are removed, and the
entities are decoded last, so an escaped tag ("&lt;randomised&gt;") is text. Beyond Zotero: a namespace
prefix does not hide a tag (``jats:italic`` is italic, where Zotero's ``\\w+`` drops it), JATS's
``bold``/``italic``/``sc`` and HTML's ``em``/``strong`` map too, MathML keeps its text with ``msub``/
``msup`` scripts as ``<sub>``/``<sup>``, only the first of JATS ``<alternatives>`` is kept (the others
repeat it as TeX or an image), and markup that arrives escaped once (PubMed) is read as markup when it
is one of the supported tags.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..model import RICH_TEXT_TAGS

SMALL_CAPS = '<span style="font-variant:small-caps;">'
NOCASE = '<span class="nocase">'
#: local tag name (namespace prefix removed) → the rich-text tag it becomes
_TAGS = {"i": "i", "em": "i", "italic": "i", "b": "b", "strong": "b", "bold": "b", "sup": "sup", "sub": "sub",
         "sc": "sc", "scp": "sc", "small-caps": "sc"}
_OPEN = {"i": "<i>", "b": "<b>", "sup": "<sup>", "sub": "<sub>", "sc": SMALL_CAPS, "nocase": NOCASE}
_CLOSE = {"i": "</i>", "b": "</b>", "sup": "</sup>", "sub": "</sub>", "sc": "</span>", "nocase": "</span>"}
#: tags whose end separates words (paragraphs, titles, line breaks)
_BREAKS = frozenset({"p", "title", "sec", "br", "break", "div", "li", "label"})
_SCRIPTS = {"msub": ("sub",), "msup": ("sup",), "msubsup": ("sub", "sup")}
# an escaped tag once decoded: "<i>", "</jats:italic>", "<scp>" (fixed alternatives, no nested repetition)
_DECODED_TAG = re.compile(r"<(/?)(?:[a-z]{1,8}:)?(i|em|italic|b|strong|bold|sup|sub|sc|scp)>", re.I)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []  # text (entities decoded) and markers ("\0open:i", "\0close:i")
        self.stack: list[tuple[str, str | None]] = []  # (local name, rich tag it opened or None)
        self.scripts: list[list] = []  # open msub/msup: [rich tags of the scripts, children seen, depth]
        self.skip = 0  # depth inside a later child of <alternatives>
        self.alternatives: list[list[int]] = []  # per open <alternatives>: [children seen, depth]

    def _open(self, rich: str | None, local: str) -> None:
        self.stack.append((local, rich))
        if rich and not self.skip:
            self.parts.append("\0open:" + rich)

    def handle_starttag(self, tag: str, attrs) -> None:
        local = tag.lower().rsplit(":", 1)[-1]
        if self.alternatives and len(self.stack) == self.alternatives[-1][1]:
            self.alternatives[-1][0] += 1
            if self.alternatives[-1][0] > 1:
                self.skip += 1
        elif self.skip:
            self.skip += 1
        rich = _TAGS.get(local)
        if local == "span":
            attrs = dict(attrs)
            style = (attrs.get("style") or "").replace(" ", "")
            rich = "nocase" if attrs.get("class") == "nocase" else "sc" if "small-caps" in style else None
        if self.scripts and len(self.stack) == self.scripts[-1][2]:
            script = self.scripts[-1]
            script[1] += 1  # the child's number: 1 is the base, 2 (and 3 for msubsup) the scripts
            if 2 <= script[1] <= len(script[0]) + 1:
                rich = rich or script[0][script[1] - 2]
        self._open(rich, local)
        if local in _SCRIPTS:
            self.scripts.append([_SCRIPTS[local], 0, len(self.stack)])
        if local == "alternatives":
            self.alternatives.append([0, len(self.stack)])

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag.lower().rsplit(":", 1)[-1] in _BREAKS and not self.skip:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        local = tag.lower().rsplit(":", 1)[-1]
        if not any(name == local for name, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            name, rich = self.stack.pop()
            if self.scripts and self.scripts[-1][2] == len(self.stack) + 1:
                self.scripts.pop()
            if self.alternatives and self.alternatives[-1][1] == len(self.stack) + 1:
                self.alternatives.pop()
            if rich and not self.skip:
                self.parts.append("\0close:" + rich)
            if name in _BREAKS and not self.skip:
                self.parts.append(" ")
            if self.skip:
                self.skip -= 1
            if name == local:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def result(self) -> str:
        while self.stack:
            self.handle_endtag(self.stack[-1][0])
        out = []
        for part in self.parts:
            if part.startswith("\0open:"):
                out.append(_OPEN[part[6:]])
            elif part.startswith("\0close:"):
                out.append(_CLOSE[part[7:]])
            else:
                out.append(_DECODED_TAG.sub(_decoded_tag, part))
        return " ".join(_drop_empty("".join(out)).split())


def _decoded_tag(m: re.Match) -> str:
    rich = _TAGS[m.group(2).lower()]
    return _CLOSE[rich] if m.group(1) else _OPEN[rich]


_EMPTY = re.compile(r"<(i|b|sup|sub)></\1>|<span [^<>]{1,40}></span>")


def _drop_empty(text: str) -> str:
    return _EMPTY.sub("", text)


def rich_text(value: str) -> str:
    """VALUE (HTML, JATS or MathML markup and entities, as Crossref and PubMed send titles) as acuref's
    rich text: supported markup mapped, other tags removed with their text kept, entities decoded,
    white space collapsed. Never raises on malformed markup (an unclosed tag is closed at the end)."""
    if "<" not in value and "&" not in value:
        return " ".join(value.split())
    reader = _Reader()
    reader.feed(value.replace("<![CDATA[", "").replace("]]>", ""))  # CDATA markers removed, as Zotero does
    reader.close()
    return reader.result()




def plain_text(value: str) -> str:
    """VALUE with its markup removed and entities decoded (names, publishers, places: no rich text)."""
    return RICH_TEXT_TAGS.sub("", rich_text(value))
