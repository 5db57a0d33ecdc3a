"""The BibTeX file grammar: blocks, entries, @string macros, # concatenation, crossref and xdata.

Read as BibTeX and biber read .bib files (btparse's grammar, biber's inheritance rules):

- anything outside an ``@type{...}`` / ``@type(...)`` block is a comment; ``%`` starts a
  comment to the end of the line between fields (biber, JabRef);
- ``@comment`` blocks are skipped, ``@preamble`` kept aside, ``@string{name = value}`` defines
  a macro; the month macros ``jan`` … ``dec`` are predefined;
- a field value is braced ``{…}``, quoted ``"…"``, a number, or a macro name, joined by ``#``;
- a repeated field keeps its first value and the others are reported (BibTeX and biber
  keep the first); a ``\\{`` is an escaped brace (bibtexparser's rule);
- a broken entry is reported at its line and reading goes on at the next line that starts
  with ``@`` (bibtexparser's recovery).

Every loop advances at least one character and every regular expression is linear
(no nested quantifiers), so no input can make reading slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTH_MACROS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}

_SPACE = re.compile(r"(?:[ \t\r\n]+|%[^\n]*)*")
_TYPE = re.compile(r"@[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t\r\n]*([{(])")
_NEXT_AT = re.compile(r"\n[ \t]*@")
_KEY = re.compile(r"[^\s,{}()\"=%#]*")
_NAME = re.compile(r"[A-Za-z0-9_][^\s\"#%'(),={}]*")
_NUMBER = re.compile(r"[0-9]+")
_BRACE = re.compile(r"(?<!\\)[{}]")
_QUOTE_OR_BRACE = re.compile(r'(?<!\\)[{}"]')


class LexError(ValueError):
    """A block that breaks the grammar; ``pos`` is where."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


@dataclass
class Entry:
    """One entry: its type as written, key, line (1-based), and fields (lower-case name → raw value,
    macros expanded and ``#`` pieces joined, braces kept)."""

    entry_type: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    repeated: list[tuple[str, str]] = field(default_factory=list)  # (field, the value not kept)
    inherited: list[str] = field(default_factory=list)  # fields taken from crossref/xdata parents


@dataclass
class BibFile:
    entries: list[Entry] = field(default_factory=list)
    preambles: list[str] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    warnings: list[tuple[int, str]] = field(default_factory=list)


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.macros: dict[str, str] = {m: str(n) for m, n in MONTH_MACROS.items()}
        self.out = BibFile()
        self._line_pos = 0
        self._line = 1

    def line_at(self, pos: int) -> int:
        if pos < self._line_pos:
            self._line_pos, self._line = 0, 1
        self._line += self.text.count("\n", self._line_pos, pos)
        self._line_pos = pos
        return self._line

    def skip(self, pos: int) -> int:
        return _SPACE.match(self.text, pos).end()

    def run(self) -> BibFile:
        text, pos = self.text, 0
        while True:
            at = text.find("@", pos)
            if at < 0:
                return self.out
            head = _TYPE.match(text, at)
            if head is None:
                pos = at + 1  # an "@" in comment text (an e-mail address): not a block
                continue
            kind = head.group(1).lower()
            closer = "}" if head.group(2) == "{" else ")"
            line = self.line_at(at)
            try:
                if kind == "comment":
                    pos = self.balanced(head.end() - 1)
                elif kind == "preamble":
                    value, pos = self.value(self.skip(head.end()), line)
                    self.out.preambles.append(value)
                    pos = self.close(pos, closer)
                elif kind == "string":
                    pos = self.string(head.end(), closer, line)
                else:
                    pos = self.entry(head.group(1), head.end(), closer, line)
            except LexError as exc:
                where = self.line_at(min(exc.pos, len(text)))
                self.out.problems.append((line, f"cannot read this BibTeX {'entry' if kind not in ('string', 'preamble', 'comment') else '@' + kind}: {exc}"
                                          + (f" (at line {where})" if where != line else "")))
                nxt = _NEXT_AT.search(text, at + 1)
                pos = nxt.end() - 1 if nxt else len(text)

    def close(self, pos: int, closer: str) -> int:
        pos = self.skip(pos)
        if self.text[pos:pos + 1] != closer:
            raise LexError(f"expected {closer!r}, found {self.found(pos)}", pos)
        return pos + 1

    def found(self, pos: int) -> str:
        return repr(self.text[pos:pos + 12]) if pos < len(self.text) else "the end of the file"

    def balanced(self, pos: int) -> int:
        """The position after the brace or parenthesis group that starts at POS."""
        text = self.text
        if text[pos] == "(":
            end = text.find(")", pos)
            if end < 0:
                raise LexError("no closing ')'", pos)
            return end + 1
        depth, i = 0, pos
        while True:
            mark = _BRACE.search(text, i)
            if mark is None:
                raise LexError("unbalanced braces: a '{' is never closed", pos)
            depth += 1 if mark.group() == "{" else -1
            i = mark.end()
            if depth == 0:
                return i

    def piece(self, pos: int, line: int) -> tuple[str, int]:
        text = self.text
        char = text[pos:pos + 1]
        if char == "{":
            end = self.balanced(pos)
            return text[pos + 1:end - 1], end
        if char == '"':
            depth, i = 0, pos + 1
            while True:
                mark = _QUOTE_OR_BRACE.search(text, i)
                if mark is None:
                    raise LexError("a quoted value is never closed", pos)
                i = mark.end()
                if mark.group() == "{":
                    depth += 1
                elif mark.group() == "}":
                    depth -= 1
                    if depth < 0:
                        raise LexError("a '}' inside a quoted value closes nothing", mark.start())
                elif depth == 0:
                    return text[pos + 1:i - 1], i
        m = _NUMBER.match(text, pos)
        if m and not _NAME.match(text, pos).group()[m.end() - pos:]:
            return m.group(), m.end()
        m = _NAME.match(text, pos)
        if m:
            name = m.group()
            if name.lower() not in self.macros:
                self.out.warnings.append((line, f"undefined @string macro {name!r} read as empty"))
                return "", m.end()
            return self.macros[name.lower()], m.end()
        raise LexError(f"expected a value, found {self.found(pos)}", pos)

    def value(self, pos: int, line: int) -> tuple[str, int]:
        parts = []
        while True:
            piece, pos = self.piece(pos, line)
            parts.append(piece)
            pos = self.skip(pos)
            if self.text[pos:pos + 1] != "#":
                return "".join(parts), pos
            pos = self.skip(pos + 1)

    def string(self, pos: int, closer: str, line: int) -> int:
        pos = self.skip(pos)
        m = _NAME.match(self.text, pos)
        if not m:
            raise LexError(f"expected a macro name, found {self.found(pos)}", pos)
        pos = self.skip(m.end())
        if self.text[pos:pos + 1] != "=":
            raise LexError(f"expected '=' after @string name {m.group()!r}", pos)
        value, pos = self.value(self.skip(pos + 1), line)
        self.macros[m.group().lower()] = value
        return self.close(pos, closer)

    def entry(self, etype: str, pos: int, closer: str, line: int) -> int:
        text = self.text
        pos = self.skip(pos)
        key_match = _KEY.match(text, pos)
        after = self.skip(key_match.end())
        key = key_match.group()
        if text[after:after + 1] == "=" or not key:  # no key (EndNote): the first field starts here
            key, after = "", pos
        elif text[after:after + 1] == ",":
            after += 1
        elif text[after:after + 1] != closer:
            raise LexError(f"expected ',' after the key {key!r}, found {self.found(after)}", after)
        entry = Entry(etype, key, line)
        pos = after
        while True:
            pos = self.skip(pos)
            if text[pos:pos + 1] == closer:
                self.out.entries.append(entry)
                return pos + 1
            if text[pos:pos + 1] == ",":  # an empty field ("a = {x},,"), as bibtexparser allows
                pos += 1
                continue
            m = _NAME.match(text, pos)
            if not m:
                raise LexError(f"expected a field name or {closer!r}, found {self.found(pos)}", pos)
            name = m.group().lower()
            pos = self.skip(m.end())
            if text[pos:pos + 1] != "=":
                raise LexError(f"expected '=' after the field name {m.group()!r}, found {self.found(pos)}", pos)
            value, pos = self.value(self.skip(pos + 1), line)
            if name in entry.fields:
                entry.repeated.append((name, value))
            else:
                entry.fields[name] = value
            pos = self.skip(pos)
            if text[pos:pos + 1] == ",":
                pos += 1
            elif text[pos:pos + 1] != closer:
                raise LexError(f"expected ',' or {closer!r} after the field {m.group()!r}, found {self.found(pos)}", pos)


def lex(text: str) -> BibFile:
    """The blocks of a .bib file (see the module docstring); never raises on bad input."""
    out = _Lexer(text).run()
    inherit(out)
    return out


# --- crossref and xdata (biber's default inheritance) -----------------------------------------

#: Fields never inherited (biber: "uniquename … not inherited"; biblatex manual, §4.11.4 / appendix B).
NOT_INHERITED = {"ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options",
                 "presort", "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand",
                 "shorthandintro", "sortkey"}
_BOOKS = {"book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings", "reference", "mvreference"}
_IN_BOOKS = {"inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inproceedings", "inreference",
             "conference"}


def _renamed(parent_type: str, child_type: str, name: str) -> str:
    """The child's name for a parent's field (biblatex manual, appendix B, default inheritance)."""
    if parent_type.startswith("mv") and parent_type in _BOOKS and child_type in ("book", "collection", "proceedings",
                                                                                   "reference"):
        if name in ("shorttitle", "sorttitle", "indextitle", "indexsorttitle"):
            return ""
        return {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}.get(name, name)
    if parent_type in _BOOKS and child_type in _IN_BOOKS:
        renames = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
        if child_type in ("inbook", "bookinbook", "suppbook"):
            renames["author"] = "bookauthor"
        if parent_type.startswith("mv"):
            renames = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
        if name in ("shorttitle", "sorttitle", "indextitle", "indexsorttitle"):
            return ""
        return renames.get(name, name)
    if parent_type == "periodical" and child_type in ("article", "suppperiodical"):
        if name in ("shorttitle", "sorttitle", "indextitle", "indexsorttitle"):
            return ""
        return {"title": "journaltitle", "subtitle": "journalsubtitle"}.get(name, name)
    return name


def inherit(bib: BibFile) -> None:
    """Fill every entry's missing fields from its ``xdata`` entries (same names) and its ``crossref``
    parent (biber's renames), parents first; @xdata entries (shared data) and @set entries (biblatex groups of works) are then removed."""
    by_key = {e.key.lower(): e for e in bib.entries if e.key}
    done: set[int] = set()

    def resolve(entry: Entry, chain: tuple[str, ...]) -> None:
        if id(entry) in done:
            return
        done.add(id(entry))
        xkeys = [k.strip() for k in entry.fields.get("xdata", "").split(",") if k.strip()]
        parent_key = entry.fields.get("crossref", "").strip()
        for kind, key in [("xdata", k) for k in xkeys] + ([("crossref", parent_key)] if parent_key else []):
            source = by_key.get(key.lower())
            if source is None or key.lower() in chain:
                bib.warnings.append((entry.line, f"entry {entry.key!r}: {kind} {key!r} is not in the file"
                                     if source is None else f"entry {entry.key!r}: {kind} {key!r} refers back to itself"))
                continue
            resolve(source, chain + (key.lower(),))
            for name, value in source.fields.items():  # xdata keeps names, crossref renames as biber does
                target = _renamed(source.entry_type.lower(), entry.entry_type.lower(), name) if kind == "crossref" else name
                if target and name not in NOT_INHERITED and target not in entry.fields:
                    entry.fields[target] = value
                    entry.inherited.append(target)

    for entry in bib.entries:
        resolve(entry, (entry.key.lower(),))
    bib.entries = [e for e in bib.entries if e.entry_type.lower() not in ("xdata", "set")]  # not works: data, groups
