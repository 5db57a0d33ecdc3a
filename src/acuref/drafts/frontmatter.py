"""A Markdown draft's YAML front matter (pandoc's ``yaml_metadata_block`` at the top of the file).

Read as pandoc reads it: a block opened by ``---`` on the first line and closed by ``---`` or
``...``. Shown: ``title``, ``subtitle``, ``author`` (a name, a list of names, or ``name:``
entries), ``date``, ``abstract``. Honoured as pandoc's citeproc honours them (pandoc manual,
"Citations"): ``csl`` (a file, beside the draft or the working directory, or a style name),
``bibliography`` (files whose references the draft cites: resolved before the store),
``references`` (CSL YAML items), ``lang`` (the citation locale), ``suppress-bibliography``,
``reference-section-title``. Other keys that pandoc's citeproc acts on and acuref does not
(``nocite``, ``link-citations``, ``link-bibliography``, ``citation-abbreviations``,
``notes-after-punctuation``) are refused, naming the key: never silently dropped. Keys that
only feed pandoc's templates (``keywords``, ``tags``...) are kept in Markdown output only, as
pandoc without a template shows none of them.

Errors: :class:`~acuref.errors.InvalidInputError` naming the file and line (malformed YAML, a
front matter that is not a mapping, a key of the wrong shape, an unsupported key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
UNSUPPORTED = ("nocite", "link-citations", "link-bibliography", "citation-abbreviations", "notes-after-punctuation")


@dataclass(frozen=True)
class FrontMatter:
    """The metadata a draft's front matter gives (all empty when it has none); ``raw`` is the block
    as written, fences included, and ``lines`` how many lines it takes."""

    raw: str = ""
    lines: int = 0
    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    abstract: str = ""
    csl: str = ""
    bibliography: tuple[str, ...] = ()
    references: tuple[dict, ...] = ()
    lang: str = ""
    suppress_bibliography: bool = False
    section_title: str = ""


def split_front_matter(text: str, path: str = "<draft>") -> tuple[FrontMatter, str]:
    """(the front matter, the text with the block blanked out line for line, so that line numbers
    of the rest stay those of the file)."""
    opened = _OPEN.match(text)
    if not opened:
        return FrontMatter(), text
    closed = _CLOSE.search(text, opened.end())
    if not closed:
        return FrontMatter(), text  # pandoc too reads an unclosed "---" as a rule, not metadata
    end = closed.end()
    if text[end:end + 2] == "\r\n":
        end += 2
    elif text[end:end + 1] == "\n":
        end += 1
    raw = text[:end]
    lines = raw.count("\n")
    meta = _parse(text[opened.end():closed.start()], path)
    return _front_matter(meta, raw, lines, path), "\n" * lines + text[end:]


def _parse(block: str, path: str) -> dict:
    import yaml

    from ..errors import InvalidInputError, Problem

    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1: 1-based, +1: the opening "---"
        raise InvalidInputError(f"{path}: the YAML front matter is malformed",
                                [Problem(path, line, None, str(getattr(exc, "problem", None) or exc))]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidInputError(f"{path}: the YAML front matter is not a mapping of keys to values",
                                [Problem(path, 1, None, "expected key: value lines")])
    from ..formats.common import yaml_within

    if not yaml_within(data, _MAX_NODES):
        raise InvalidInputError(f"{path}: the YAML front matter is too large",
                                [Problem(path, 1, None, f"more than {_MAX_NODES} values once its aliases (*name) "
                                                        "are expanded")])
    return data


_MAX_NODES = 100_000  # values in a front matter, aliases expanded: far above any real one


def _line_of(raw: str, key: str) -> int:
    m = re.search(rf"^{re.escape(key)}\s*:", raw, re.M)
    return raw.count("\n", 0, m.start()) + 1 if m else 1


def _front_matter(meta: dict, raw: str, lines: int, path: str) -> FrontMatter:
    from ..errors import InvalidInputError, Problem

    problems = []

    def text(key: str) -> str:
        value = meta.get(key)
        if value is None:
            return ""
        if isinstance(value, (str, int, float)) or hasattr(value, "isoformat"):
            return str(value).strip()
        problems.append(Problem(path, _line_of(raw, key), None, f"{key}: expected text, got {type(value).__name__}"))
        return ""

    def texts(key: str) -> tuple[str, ...]:
        value = meta.get(key)
        items = value if isinstance(value, list) else [] if value is None else [value]
        out = []
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                item = item["name"]
            if not isinstance(item, (str, int, float)):
                problems.append(Problem(path, _line_of(raw, key), None, f"{key}: expected text or a list of texts"))
                return ()  # once per key
            out.append(str(item).strip())
        return tuple(out)

    for key in UNSUPPORTED:
        if key in meta and meta[key] not in (None, False, "", []) and not (key == "notes-after-punctuation"
                                                                            and meta[key] is True):
            problems.append(Problem(path, _line_of(raw, key), None,
                                    f"{key}: pandoc's citeproc option that acuref render does not carry out; "
                                    "remove it, or render this draft with pandoc --citeproc"))
    references = meta.get("references") or []
    if not isinstance(references, list) or not all(isinstance(r, dict) for r in references):
        problems.append(Problem(path, _line_of(raw, "references"), None, "references: expected a list of CSL items"))
        references = []
    suppress = meta.get("suppress-bibliography", False)
    if not isinstance(suppress, bool):
        problems.append(Problem(path, _line_of(raw, "suppress-bibliography"), None,
                                "suppress-bibliography: expected true or false"))
    result = FrontMatter(raw, lines, text("title"), text("subtitle"), texts("author"), text("date"), text("abstract"),
                         text("csl"), texts("bibliography"), tuple(references), text("lang"), suppress is True,
                         text("reference-section-title"))
    if problems:
        from ..wording import count

        raise InvalidInputError(f"{path}: the front matter has {count(len(problems), 'problem')}; nothing written",
                                problems)
    return result


def find_csl(value: str, draft: Path) -> str:
    """The style a front matter's ``csl`` names: a file as given (working directory) or beside the
    draft, else the value as a style name (``apa.csl`` → ``apa``, as pandoc adds ``.csl``)."""
    for candidate in (Path(value), draft.parent / value):
        if candidate.is_file():
            return str(candidate)
    return value[:-4] if value.lower().endswith(".csl") else value


def bibliography_references(front: FrontMatter, draft: Path, path: str) -> list:
    """The references of the front matter's ``bibliography`` files (beside the draft or the working
    directory) and ``references`` items. Raises InvalidInputError for an unreadable or bad file."""
    from ..errors import InvalidInputError, Problem
    from ..formats import parse, read_file

    refs = []
    for name in front.bibliography:
        file = Path(name) if Path(name).is_file() else draft.parent / name
        if not file.is_file():
            raise InvalidInputError(f"{path}: the front matter's bibliography {name!r} is not a file",
                                    [Problem(path, _line_of(front.raw, "bibliography"), None, f"{name}: not found")])
        result = read_file(file)
        if result.problems:
            raise InvalidInputError(f"{file}: the draft's bibliography cannot be read", result.problems)
        refs += result.references
    if front.references:
        import yaml

        result = parse(yaml.safe_dump({"references": list(front.references)}, allow_unicode=True), "csl-yaml", path)
        if result.problems:
            raise InvalidInputError(f"{path}: the front matter's references cannot be read", result.problems)
        refs += result.references
    return refs


def draft_settings(store, text: str, draft: Path, style: str | None, locale: str | None):
    """(store, style, locale) for rendering the draft ``text`` read from ``draft``: the command
    line's style and locale first, else the front matter's ``csl`` and ``lang`` (None: the
    configured defaults); the store with the front matter's bibliography and references put
    before it (pandoc reads only those; keys they lack still resolve in the store)."""
    front, _ = split_front_matter(text, str(draft))
    style = style or (find_csl(front.csl, draft) if front.csl else None)
    locale = locale or front.lang or None
    extra = bibliography_references(front, draft, str(draft))
    if extra:
        references = {r.key: r for r in extra}
        references.update((k, r) for k, r in store.references.items() if k not in references)
        store = store.with_references(references)
    return store, style, locale
