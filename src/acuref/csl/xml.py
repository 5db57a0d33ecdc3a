"""CSL XML as light Python nodes: tag (namespace dropped), attributes, children, text.

Parsed with entity expansion, DTD loading and network access off (styles and locales are XML from
outside); evaluating a plain tree is also several times faster than walking lxml elements."""

from __future__ import annotations

from pathlib import Path

NS = "{http://purl.org/net/xbiblio/csl}"


class Node:
    __slots__ = ("tag", "attrs", "children", "text", "cache")

    def __init__(self, tag: str, attrs: dict, children: list, text: str):
        self.tag, self.attrs, self.children, self.text = tag, attrs, children, text
        self.cache: dict = {}

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def find(self, tag: str):
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def findall(self, tag: str) -> list:
        return [c for c in self.children if c.tag == tag]

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                           remove_pis=True)


def parse_file(path: Path):
    """The lxml root of a trusted data file (a CSL locale)."""
    from lxml import etree

    return etree.parse(str(path), _parser()).getroot()


def compile_node(element) -> Node:
    tag = element.tag
    if not isinstance(tag, str):
        return None
    tag = tag.rsplit("}", 1)[-1]
    children = [c for c in (compile_node(e) for e in element) if c is not None]
    attrs = {k.rsplit("}", 1)[-1] if k.startswith("{http://purl") else k: v for k, v in element.attrib.items()}
    return Node(tag, attrs, children, element.text or "")
