"""Run a CSL processor test-suite fixture through acuref's own rendering path.

A fixture (humans/*.txt, see SOURCE.txt) holds sections between ``>>== NAME ==>>`` and
``<<== NAME ==<<`` lines: MODE (citation or bibliography), CSL (the style), INPUT (CSL-JSON
items), optional CITATION-ITEMS (clusters of cite items) or CITATIONS (citeproc-js's
``[citation, pre, post]`` triples), optional BIBENTRIES (lists of ids; the last one is the
bibliography), and RESULT.  The interpretation follows the suite's own runners (citeproc-js's
test runner; jgm/citeproc's test/Spec.hs):

- citation mode: each cluster of CITATION-ITEMS or CITATIONS on its own line (CITATIONS results
  carry a ``..[0] `` / ``>>[1] `` prefix, removed before comparing); with neither, all items in
  one cluster;
- bibliography mode: the cited items (in first-cited order), else BIBENTRIES' last list, else
  every item, wrapped in ``<div class="csl-bib-body">`` lines;
- ``&#38;`` ``&#60;`` ``&#62;``: citeproc-js's escapes, compared as the HTML entities acuref writes.

The path is the one ``cite``/``export``/``render`` take: the INPUT is read by acuref's CSL-JSON
reader into References, the CSL is a user style file found by :func:`acuref.styles.find_style`,
and :func:`acuref.render.render` renders to HTML.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
HUMANS = HERE / "humans"
RATCHET = HERE / "passing.txt"
BARE_CITEPROC_PY = HERE / "citeproc-py-0.11.1-results.json"

_SECTION = re.compile(r"^>>=+\s*([A-Z-]+)\s*=+>>\s*$")
_END = re.compile(r"^<<=+\s*([A-Z-]+)\s*=+<<\s*$")
_CITATION_NUMBER = re.compile(r"^(?:\.\.|>>)\[\d+\]\s?", re.M)
_STYLE_DIR: Path | None = None


@dataclass
class Fixture:
    name: str
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def category(self) -> str:
        return self.name.split("_", 1)[0]

    def json(self, section: str):
        text = self.sections.get(section)
        return json.loads(text) if text and text.strip() else None


def names() -> list[str]:
    return sorted(p.stem for p in HUMANS.glob("*.txt"))


def load(name: str) -> Fixture:
    fixture = Fixture(name)
    current: str | None = None
    lines: list[str] = []
    for line in (HUMANS / f"{name}.txt").read_text(encoding="utf-8-sig").splitlines():
        if current is None:
            m = _SECTION.match(line)
            if m:
                current, lines = m.group(1), []
        elif _END.match(line):
            fixture.sections[current] = "\n".join(lines)
            current = None
        else:
            lines.append(line)
    return fixture


def expected(fixture: Fixture) -> str:
    result = fixture.sections.get("RESULT", "")
    if fixture.sections.get("MODE", "").strip() == "citation" and "CITATIONS" in fixture.sections:
        result = _CITATION_NUMBER.sub("", result)
    return result


def _style_file(fixture: Fixture) -> Path:
    global _STYLE_DIR
    if _STYLE_DIR is None:
        _STYLE_DIR = Path(tempfile.mkdtemp(prefix="acuref-csl-suite-"))
    path = _STYLE_DIR / f"{fixture.name}.csl"
    if not path.exists():
        path.write_text(fixture.sections["CSL"], encoding="utf-8")
    return path


def _cite(data: dict, keys: dict[str, str]):
    from acuref.render import Cite

    options = {}
    if data.get("locator") not in (None, ""):
        options["locator"] = str(data["locator"])
        options["label"] = data.get("label") or "page"
    for affix in ("prefix", "suffix"):
        if data.get(affix):
            options[affix] = str(data[affix])
    if data.get("note"):
        options["note"] = int(data["note"])
    if data.get("suppress-author"):
        options["mode"] = "suppress-author"
    elif data.get("author-only"):
        options["mode"] = "author-only"
    return Cite(keys[str(data["id"])], **options)


def _clusters(fixture: Fixture) -> list[list[dict]] | None:
    citations = fixture.json("CITATIONS")
    if citations is not None:
        return _document(citations)
    return fixture.json("CITATION-ITEMS")


def _document(citations: list) -> list[list[dict]]:
    """The clusters of a CITATIONS section in final document order, as citeproc-js's
    processCitationCluster(citation, citationsPre, citationsPost) builds it: each call places the
    citation after the ``[id, noteIndex]`` pairs of citationsPre and before those of citationsPost,
    and gives those citations the note numbers listed; a citationID given again replaces its earlier
    cluster. The RESULT lists the document after the last call."""
    by_id: dict[str, dict] = {}
    notes: dict[str, int] = {}
    order: list[str] = []
    for n, entry in enumerate(citations):
        citation, pre, post = (entry + [[], []])[:3] if isinstance(entry, list) else (entry, [], [])
        cid = citation.get("citationID") or f"#{n}"
        by_id[cid] = citation
        notes[cid] = (citation.get("properties") or {}).get("noteIndex") or 0
        for other, note in [*pre, *post]:
            notes[str(other)] = note or 0
        if pre or post:
            listed = [str(c) for c, _ in pre] + [cid] + [str(c) for c, _ in post]
            order = listed + [c for c in order if c not in listed]
        else:
            order = [c for c in order if c != cid] + [cid]
    return [[dict(item, note=notes[cid]) for item in by_id[cid].get("citationItems", [])] for cid in order]


def actual(fixture: Fixture) -> str:
    """What acuref renders for the fixture, in the RESULT's markup; raises what acuref raises."""
    from acuref.formats.csljson import parse_csljson
    from acuref.render import render
    from acuref.styles import find_style

    mode = fixture.sections["MODE"].strip()
    items = fixture.json("INPUT") or []
    read = parse_csljson(json.dumps(items), f"{fixture.name}:INPUT")
    if read.problems:
        raise ValueError("; ".join(p.message for p in read.problems))
    keys = {str(item.get("id")): ref.key for item, ref in zip(items, read.references)}
    refs = {ref.key: ref for ref in read.references}
    raw_clusters = _clusters(fixture)
    if raw_clusters is not None:
        clusters = [[_cite(item, keys) for item in cluster] for cluster in raw_clusters]
    elif mode == "citation":  # every item, in the registry's (bibliography) order, as citeproc-js's runner cites
        order = [e.key for e in render(list(refs.values()), [], style=find_style(str(_style_file(fixture))),
                                       fmt="text", bibliography=True).bibliography]
        ids = {v: k for k, v in keys.items()}
        ordered = [ids[k] for k in order if k in ids] + [i for i in dict.fromkeys(keys) if keys[i] not in order]
        clusters = [[_cite({"id": i}, keys) for i in ordered]]
    else:
        clusters = []
    bibentries = fixture.json("BIBENTRIES")
    if clusters:
        chosen = list(dict.fromkeys(c.key for cluster in clusters for c in cluster))
    elif bibentries:
        chosen = [keys[str(i)] for i in bibentries[-1]]
    else:
        chosen = list(refs)
    style = find_style(str(_style_file(fixture)))
    rendered = render([refs[k] for k in chosen], clusters, style=style, fmt="html",
                      bibliography=mode == "bibliography")
    if mode == "citation":
        text = "\n".join(rendered.citations)
    else:
        text = "\n".join(['<div class="csl-bib-body">', *(_entry_div(e.text) for e in rendered.bibliography), "</div>"])
    return text.replace("&amp;", "&#38;").replace("&lt;", "&#60;").replace("&gt;", "&#62;")


_DIV = re.compile(r'<div class="csl-(block|left-margin|right-inline|indent)">|</div>')
#: the whitespace citeproc-js's HTML format writes around each display div (its formats.js), which the
#: suite's RESULTs keep: (before the opening tag, after the closing tag)
_DIV_SPACE = {"block": ("\n\n    ", "\n"), "left-margin": ("\n    ", ""), "right-inline": ("", "\n  "),
              "indent": ("", "\n  ")}


def _entry_div(text: str) -> str:
    """An entry as the suite prints it: citeproc-js's whitespace around display divs (jgm/citeproc's
    addDivs reads the same layout)."""
    if "<div" not in text:
        return f'  <div class="csl-entry">{text}</div>'
    out, stack, pos = [], [], 0
    for m in _DIV.finditer(text):
        out.append(text[pos:m.start()])
        if m.group(1):
            stack.append(m.group(1))
            out.append(_DIV_SPACE[m.group(1)][0] + m.group(0))
        else:
            out.append(m.group(0) + (_DIV_SPACE[stack.pop()][1] if stack else ""))
        pos = m.end()
    out.append(text[pos:])
    body = "".join(out)
    return f'  <div class="csl-entry">{body}</div>'


def run(name: str) -> tuple[bool, str]:
    """(passed, what acuref printed or the error it raised) for one fixture."""
    fixture = load(name)
    try:
        got = actual(fixture)
    except Exception as exc:  # noqa: BLE001 - any failure of a fixture is a result to report
        return False, f"{type(exc).__name__}: {exc}"
    return got == expected(fixture), got


def run_many(names_: list[str], workers: int | None = None) -> dict[str, tuple[bool, str]]:
    """Every fixture of ``names_``, on ``workers`` processes (all cores when None)."""
    import os

    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(names_) < 20:
        return {n: run(n) for n in names_}
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return dict(zip(names_, pool.map(run, names_, chunksize=8)))


def ratchet() -> list[str]:
    if not RATCHET.exists():
        return []
    return [line.strip() for line in RATCHET.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def bare_citeproc_py_passes() -> list[str]:
    data = json.loads(BARE_CITEPROC_PY.read_text(encoding="utf-8"))
    return sorted(n for n, r in data.items() if r == "pass")
