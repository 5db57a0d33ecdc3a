"""Render every bundled independent CSL style and collect the tracebacks (issue 13: no style crashes).

Each style renders, through acuref's rendering layer (the same ``render`` as ``cite``, ``export`` and
``render``), one document citing a small varied set from tests/fixtures/cite/varied-items.json: each
reference alone, a cluster with a locator, prefix and suffix, suppress-author and author-in-text, and,
where the style has a <bibliography>, the bibliography.  A clear acuref error (exit code from
acuref.errors) is counted apart from a crash; a crash is any other exception.
Used by tests/test_style_sweep.py (the styles without a bibliography and a deterministic sample) and
bench/style_sweep.py (all of them).
"""

from __future__ import annotations

import json
import traceback
from dataclasses import dataclass
from pathlib import Path

ITEMS = Path(__file__).resolve().parent / "fixtures" / "cite" / "varied-items.json"
#: sixteen references of the shapes that have broken styles before: journal article with DOI, 21 authors,
#: particle, organisation, Chinese names, given-only, undated, date range, chapter with editors, report
#: number, thesis, web page, newspaper, legal case, and two undated manuscripts by the same author
SWEEP_IDS = ("art2", "art21", "vanderwal", "orgrep", "cjk1", "givenonly", "nodate", "range", "chapter", "report",
             "thesis", "web", "news", "legalcase", "dobbsa", "dobbsb")


@dataclass(frozen=True)
class Outcome:
    style: str
    kind: str  # "ok", "error" (a clear acuref error), "crash" (a traceback)
    detail: str = ""


def independent_styles() -> list[str]:
    from acuref.styles import styles_dir

    return sorted(p.stem for p in styles_dir().glob("*.csl"))


def styles_without_bibliography() -> list[str]:
    from acuref.styles import styles_dir

    return [s for s in independent_styles()
            if b"<bibliography" not in (styles_dir() / f"{s}.csl").read_bytes()]


def sweep_references():
    from acuref.formats import read_file

    refs = read_file(ITEMS).references
    by_key = {r.key: r for r in refs}
    return [by_key[k] for k in SWEEP_IDS]


def render_style(style: str, refs) -> Outcome:
    from acuref.errors import AcurefError
    from acuref.render import Cite, render

    keys = [r.key for r in refs]
    clusters = [[Cite(k)] for k in keys] + [
        [Cite(keys[0], locator="12-14", prefix="see ", suffix=", for example"), Cite(keys[1], locator="3",
                                                                                      label="chapter")],
        [Cite(keys[2], mode="suppress-author")], [Cite(keys[3], mode="author-in-text")]]
    try:
        for fmt in ("text", "html"):
            result = render(refs, clusters, style=style, fmt=fmt)
            if len(result.citations) != len(clusters):
                return Outcome(style, "crash", f"{len(result.citations)} citations for {len(clusters)} clusters")
    except AcurefError as exc:
        return Outcome(style, "error", str(exc))
    except Exception:  # noqa: BLE001 - what the sweep exists to find
        return Outcome(style, "crash", traceback.format_exc(limit=-4))
    return Outcome(style, "ok")


def sweep(styles: list[str]) -> list[Outcome]:
    refs = sweep_references()
    return [render_style(s, refs) for s in styles]


def report(outcomes: list[Outcome]) -> dict:
    return {"styles": len(outcomes), "ok": sum(o.kind == "ok" for o in outcomes),
            "errors": {o.style: o.detail for o in outcomes if o.kind == "error"},
            "crashes": {o.style: o.detail for o in outcomes if o.kind == "crash"}}


if __name__ == "__main__":  # pragma: no cover - python tests/style_sweep.py STYLE...
    import sys

    print(json.dumps(report(sweep(sys.argv[1:] or independent_styles())), indent=1))
