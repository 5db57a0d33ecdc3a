"""Editing the user's store file in place: the text to write for a store over the text the file holds.

A reference (or claim) whose data did not change is copied byte for byte with its comments; a changed
one keeps its header line, the comments above and beside each field, and every unchanged field's text
(tomlkit reads the table as a document that keeps them); changed and new values are formatted by
tomli-w, whose layout is the store's canonical one. A table's *lead*, the blank and comment lines just
above its header, belongs to it. A renamed reference (its old key now an alias) keeps its old table
under the new header; the comments of one merged into another (its key an alias of the survivor) move
above the survivor; a reference removed outright takes its comments along. Anything this cannot edit
safely (a file shape it does not know, a table with sub-tables) is written canonically instead;
:func:`acuref.store_write.save` also checks that the result reads back as the store meant. Pure
functions: no I/O.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Mapping

if TYPE_CHECKING:
    from .model import Store

_REF_HEADER = re.compile(r"[ \t]*\[[ \t]*references[ \t]*\.[ \t]*(\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|[A-Za-z0-9_-]+)"
                         r"[ \t]*\][ \t]*(?:#[^\n]*)?\n?")
_CLAIM_HEADER = re.compile(r"[ \t]*\[\[[ \t]*claims[ \t]*\]\][ \t]*(?:#[^\n]*)?\n?")
_SCHEMA_LINE = re.compile(r"(?m)^([ \t]*schema[ \t]*=[ \t]*)\d+")


def compose(store: Store, old_text: str | None, old_store: Store | None = None) -> str:
    """The text to write for ``store`` over a file that holds ``old_text`` (None: no file yet).

    ``old_store``, when given, must be the store ``old_text`` holds (as loaded under the same lock):
    tables are then compared as data without parsing each one again. The user's comments and layout
    are kept as described in the module docstring; the result is the canonical :func:`dumps` text
    when ``old_text`` is canonical. The caller checks that the text reads back as ``store``.
    """
    from .store import to_toml_data
    from .store_write import dumps

    if not old_text:
        return dumps(store)

    try:
        text = _merge(old_text, to_toml_data(store), None if old_store is None else to_toml_data(old_store))
    except Exception:  # noqa: BLE001 - any shape we cannot edit in place is written canonically
        text = None
    return dumps(store) if text is None else text


def rename_tables(text: str, renamed: Mapping[str, str]) -> str:
    """``text`` with each ``[references.OLD]`` header naming ``renamed[OLD]`` instead, so a renamed
    reference keeps its comments when :func:`compose` edits the file (``acuref rename``)."""
    import json
    import tomllib

    out = []
    for line in text.splitlines(keepends=True):
        m = _REF_HEADER.fullmatch(line) if line.lstrip(" \t").startswith("[") else None
        if m is not None:
            key = m.group(1)
            key = next(iter(tomllib.loads(f"[a.{key}]")["a"])) if key[0] in "\"'" else key
            if key in renamed:
                new = renamed[key]
                new = new if re.fullmatch(r"[A-Za-z0-9_-]+", new) else json.dumps(new, ensure_ascii=False)
                line = line[: m.start(1)] + new + line[m.end(1):]
        out.append(line)
    return "".join(out)


def _merge(old_text: str, new_data: dict[str, Any], old_data: dict[str, Any] | None) -> str | None:
    """``old_text`` edited to hold ``new_data``, or None when its shape is not one we can edit."""
    import tomllib

    split = _split(old_text, old_data)
    if split is None:
        return None
    preamble, old_refs, old_claims = split
    head = tomllib.loads(preamble)
    if set(head) - {"schema"}:
        return None
    if head.get("schema") != new_data["schema"]:
        if "schema" not in head:
            return None
        preamble = _SCHEMA_LINE.sub(lambda m: m.group(1) + str(new_data["schema"]), preamble, count=1)
    out = [preamble]
    gone = set(old_refs) - set(new_data["references"])
    for key, table in new_data["references"].items():
        old = old_refs.get(key)
        absorbed = [alias for alias in table.get("aliases", ()) if alias in gone]  # renamed or merged away
        if old is None and absorbed:  # a rename: the old table, under its new header
            lead, text, data = old_refs[absorbed.pop(0)]
            old_header, rest = text.split("\n", 1)
            kept = comments(old_header)  # an end-of-line comment on the old header stays on the new one
            header = f"[references.{_bare_or_quoted(key)}]" + (f"  {kept[0]}" if kept else "") + "\n"
            old = (lead, header + rest, data)
        if old is not None and absorbed:  # a merge: the merged-away tables' comments go above the survivor
            moved = "".join(f"{c}\n" for alias in absorbed for c in comments(old_refs[alias][0] + old_refs[alias][1]))
            old = (old[0] + moved, old[1], old[2])
        out.append(_merged_segment(old, {"references": {key: table}}, lambda d: d["references"][key]))
    claims_by_id: dict[Any, list[tuple[str, str, dict]]] = {}
    for segment in old_claims:
        claims_by_id.setdefault(segment[2].get("id"), []).append(segment)
    for claim in new_data.get("claims", []):
        same_id = claims_by_id.get(claim.get("id"))
        out.append(_merged_segment(same_id.pop(0) if same_id else None, {"claims": [claim]}, lambda d: d["claims"][0]))
    return "".join(out)


def _merged_segment(old: tuple[str, str, dict] | None, data: dict, pick: Callable[[Any], Any]) -> str:
    """One table's text: the old one if its data is unchanged, else rewritten keeping its comments
    (checked to parse back to ``data``), else canonical."""
    import tomllib

    import tomli_w

    if old is not None and old[2] == pick(data):
        return old[0] + old[1]
    canonical = tomli_w.dumps(data, indent=2)
    if old is None:
        return "\n" + canonical
    lead, text, _ = old
    rewritten = _rewrite_table(text, canonical, pick)
    if rewritten is None or tomllib.loads(rewritten) != data:
        rewritten = canonical
    return lead + rewritten


def _split(text: str, old_data: dict[str, Any] | None = None
           ) -> tuple[str, dict[str, tuple[str, str, dict]], list[tuple[str, str, dict]]] | None:
    """The file as (preamble, {key: (lead, text, data)}, [(lead, text, data) per claim]), or None.

    A table's *lead* is the blank and comment lines just above its header: they belong to it.
    Without ``old_data`` (the file's data) each piece is parsed on its own and must be exactly one
    reference or one claim; with it, pieces must match its references and claims one to one.
    """
    import tomllib

    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    headers = [i for i, line in enumerate(lines)
               if line.lstrip(" \t").startswith("[") and (_REF_HEADER.fullmatch(line) or _CLAIM_HEADER.fullmatch(line))]
    if old_data is not None and len(headers) != len(old_data.get("references", {})) + len(old_data.get("claims", [])):
        return None
    starts = []  # where each table's lead starts
    floor = 0
    for h in headers:
        j = h
        while j > floor and (not lines[j - 1].strip() or lines[j - 1].lstrip().startswith("#")):
            j -= 1
        starts.append(j)
        floor = h + 1
    preamble = "".join(lines[: starts[0]] if headers else lines)
    refs: dict[str, tuple[str, str, dict]] = {}
    claims: list[tuple[str, str, dict]] = []
    for n, h in enumerate(headers):
        end = starts[n + 1] if n + 1 < len(headers) else len(lines)
        lead, body = "".join(lines[starts[n]:h]), "".join(lines[h:end])
        if old_data is not None:
            m = _REF_HEADER.fullmatch(lines[h])
            if m is None:
                data = {"claims": [old_data["claims"][len(claims)]]}
            else:
                key = m.group(1)
                key = next(iter(tomllib.loads(f"[a.{key}]")["a"])) if key[0] in "\"'" else key
                data = {"references": {key: old_data["references"][key]}}
        else:
            data = tomllib.loads(body)
        if list(data) == ["references"] and len(data["references"]) == 1:
            (key, table), = data["references"].items()
            if key in refs or not isinstance(table, dict):
                return None
            refs[key] = (lead, body, table)
        elif list(data) == ["claims"] and len(data["claims"]) == 1:
            claims.append((lead, body, data["claims"][0]))
        else:
            return None
    return preamble, refs, claims


def _rewrite_table(old: str, canonical: str, pick: Callable[[Any], Any]) -> str | None:
    """``old`` (one table's text, with comments) holding the data of ``canonical`` (its canonical text).

    Fields follow the canonical order; a field whose value is unchanged keeps its old text; a changed
    one is written canonically and keeps its comment; the comment lines above a field stay above it;
    comments after the last field stay at the end. A field that is gone takes its comments with it.
    None when the table has sub-tables (their headers are not the table's own to rewrite).
    """
    import tomlkit
    from tomlkit.items import AoT, Comment, Table, Whitespace

    old_table, new_table = pick(tomlkit.parse(old)), pick(tomlkit.parse(canonical))
    before: dict[str, str] = {}
    items: dict[str, Any] = {}
    pending: list[str] = []
    for key, item in old_table.value.body:
        if key is None:
            if not isinstance(item, (Comment, Whitespace)):
                return None
            pending.append(item.as_string())
            continue
        if isinstance(item, (Table, AoT)):
            return None
        before[key.key] = "".join(pending)
        items[key.key] = (key, item)
        pending = []
    out = [old.splitlines(keepends=True)[0]]
    for key, item in new_table.value.body:
        if key is None or isinstance(item, (Table, AoT)):
            return None
        out.append(before.get(key.key, ""))
        if key.key in items and items[key.key][1].unwrap() == item.unwrap():
            key, item = items[key.key]
        elif key.key in items and items[key.key][1].trivia.comment:
            item.comment(items[key.key][1].trivia.comment)
            item.trivia.comment_ws = items[key.key][1].trivia.comment_ws or "  "
        line = tomlkit.document()
        line.add(key, item)
        out.append(line.as_string())
    out.append("".join(pending))
    return "".join(out)


def _bare_or_quoted(key: str) -> str:
    """A key as TOML writes it in a table header: bare when it can be, else a basic string."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return key
    import json

    return json.dumps(key, ensure_ascii=False)


def comments(text: str) -> list[str]:
    """The comments of TOML ``text``, in order, each from its ``#`` (outside strings) to the end of its line."""
    found = []
    quote = ""  # the open string's delimiter: ", ', \"\"\" or \'\'\'
    for line in text.splitlines():
        i = 0
        while i < len(line):
            if quote:
                if quote == '"' and line[i] == "\\" or quote == '"""' and line[i] == "\\":
                    i += 2
                    continue
                if line.startswith(quote, i):
                    i += len(quote)
                    quote = ""
                    continue
                i += 1
                continue
            if line.startswith(('"""', "'''"), i):
                quote = line[i:i + 3]
                i += 3
            elif line[i] in "\"'":
                quote = line[i]
                i += 1
            elif line[i] == "#":
                found.append(line[i:].rstrip())
                break
            else:
                i += 1
        if quote in ('"', "'"):
            quote = ""  # one-line strings end with their line
    return found
