"""CSL rich text as LaTeX, for BibTeX and BibLaTeX export.

acuref stores fields as CSL-JSON rich text (CSL 1.0.2 Appendix VI): ``<i>``, ``<b>``, ``<sup>``,
``<sub>``, ``<sc>``/``<span style="font-variant:small-caps;">`` and ``<span class="nocase">``. They are
written as Better BibTeX writes Zotero's rich text (retorquere/zotero-better-bibtex, "Rich text
markup": ``\\emph{}``, ``\\textbf{}``, ``\\textsuperscript{}``, ``\\textsubscript{}``, ``\\textsc{}``, and a
nocase span as a brace group, which BibTeX's ``change.case$`` and biblatex's case changing leave
alone). Unbalanced markup is text, as citeproc-js reads it.

In title-like fields a word with a capital after its first letter ("GABA", "mRNA", "McDonald") is
braced, as Better BibTeX does, so a style that lowercases titles keeps it.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'<(/?)(i|b|sup|sub|sc)>|<span (?:class="(nocase)"|style="font-variant:(small)-caps;")>|(</span>)')
_COMMAND = {"i": "\\emph{", "b": "\\textbf{", "sup": "\\textsuperscript{", "sub": "\\textsubscript{", "sc": "\\textsc{",
            "small": "\\textsc{", "nocase": "{"}
# a word: a letter or digit, then letters, digits, apostrophes and hyphens (one class: linear)
_WORD = re.compile(r"[^\W_][\w'’\-]*")


def _tree(value: str) -> list:
    """VALUE as nested [kind, children] lists and strings; a tag without its partner stays text."""
    root: list = []
    stack: list[tuple[str, str, list]] = []  # (kind, raw open tag, children)
    pos = 0

    def out() -> list:
        return stack[-1][2] if stack else root

    for m in _TOKEN.finditer(value):
        if m.start() > pos:
            out().append(value[pos:m.start()])
        pos = m.end()
        raw = m.group(0)
        if m.group(5) or m.group(1):  # a closing tag
            kind = "span" if m.group(5) else m.group(2)
            if stack and (stack[-1][0] == kind or kind == "span" and stack[-1][0] in ("nocase", "small")):
                open_kind, _, children = stack.pop()
                out().append([open_kind, children])
            else:
                out().append(raw)
        else:
            stack.append((m.group(3) or m.group(4) or m.group(2), raw, []))
    if pos < len(value):
        out().append(value[pos:])
    while stack:  # never closed: the tag is text
        _, raw, children = stack.pop()
        out().extend([raw] + children)
    return root


def latex(value: str, escape, *, protect_words: bool = False) -> str:
    """VALUE (rich text) as LaTeX: text through ESCAPE (the writer's escaping), markup as commands,
    nocase spans as brace groups; with PROTECT_WORDS, words with an inner capital braced."""
    if "<" not in value and not protect_words:
        return escape(value)
    return _write(_tree(value), escape, protect_words)


def _write(nodes: list, escape, protect: bool) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(_protected(node, escape) if protect else escape(node))
        else:
            kind, children = node
            inner = _write(children, escape, protect and kind != "nocase")
            parts.append(_COMMAND[kind] + inner + "}")
    return "".join(parts)


def inner_capital(word: str) -> bool:
    """True when WORD has an upper-case letter after its first character ("GABA", "mRNA", "McDonald")."""
    return any(c.isupper() for c in word[1:])


def _protected(text: str, escape) -> str:
    out, pos = [], 0
    for m in _WORD.finditer(text):
        if inner_capital(m.group()):
            out.append(escape(text[pos:m.start()]) + "{" + escape(m.group()) + "}")
            pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)
