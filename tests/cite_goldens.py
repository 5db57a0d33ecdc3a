"""Render the golden structure (tools/make_cite_goldens.mjs) with acuref, for comparison with citeproc-js."""

from __future__ import annotations

from pathlib import Path

from acuref.render import Cite, render

STYLES = ["apa", "harvard-cite-them-right", "vancouver", "chicago-author-date", "american-medical-association",
          "modern-language-association"]
GOLDEN = Path(__file__).resolve().parent / "golden" / "cite"


def acuref_lines(store, style: str) -> list[str]:
    refs = list(store)
    lines = []
    for ref in refs:  # each reference alone, in a document of its own
        result = render([ref], [[Cite(ref.key)]], style=style)
        lines.append(f"alone\t{ref.key}\tcitation\t{result.citations[0]}")
        lines.append(f"alone\t{ref.key}\tentry\t{result.bibliography[0].text}")
    together = render(refs, [[Cite(r.key) for r in refs]], style=style)
    lines.append(f"together\t*\tcitation\t{together.citations[0]}")
    lines += [f"together\t{e.key}\tentry\t{e.text}" for e in together.bibliography]
    return lines


def compare(store, style: str, ours: list[str] | None = None, golden_dir: Path = GOLDEN
            ) -> tuple[float, list[tuple[str, str]]]:
    """(share of golden lines acuref reproduces exactly, [(golden, acuref)] for every difference)."""
    golden = (golden_dir / f"{style}.tsv").read_text(encoding="utf-8").splitlines()
    ours = acuref_lines(store, style) if ours is None else ours
    differences = [(g, o) for g, o in zip(golden, ours) if g != o]
    differences += [(g, "") for g in golden[len(ours):]]
    return 1 - len(differences) / len(golden), differences
