"""The `acuref summary --to html` page in a real headless Chromium: rendered DOM content and a screenshot."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary on PATH (Debian: apt-get install "
                                "chromium; .ci/run installs it)")


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium with everything that could touch the network off; a fresh profile in tmp_path."""
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120)


def _cells(dom: str) -> dict[tuple[str, str], str]:
    """Evidence-map cells as (condition, design) → the number shown."""
    found = re.findall(r'<td class="cell" data-condition="([^"]*)" data-design="([^"]*)"[^>]*>([^<]*)</td>', dom)
    return {(html.unescape(c), d): n for c, d, n in found}


def test_html_page_renders_in_chromium(cli, tmp_path):
    result = cli("summary", "--topic", "electroacupuncture", "--to", "html")
    assert result.code == 0, result.err
    page = tmp_path / "summary.html"
    page.write_text(result.out, encoding="utf-8")

    dumped = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = dumped.stdout
    assert "<h1>Evidence summary: electroacupuncture</h1>" in dom
    cells = _cells(dom)
    # 16 conditions × 9 designs: the 8 ranked 1-7 always shown, then "unknown" (cited); no guideline or web page
    assert len(cells) == 16 * 9
    assert cells[("knee pain in rheumatoid arthritis", "systematic-review")] == "1"
    assert cells[("urinary stress incontinence", "randomised-trial")] == "1"
    assert cells[("post-operative pain", "unknown")] == "2"
    assert cells[("fibromyalgia", "randomised-trial")] == ""
    assert sum(int(n) for n in cells.values() if n) == 18  # 16 claims; post-operative and dental pain cite 2 each
    flagged = re.findall(r'<tr class="flagged" data-claim="([^"]+)">', dom)
    assert len(flagged) == 10 and "ea-tennis-elbow" in flagged and "ea-migraine" not in flagged
    tennis = re.search(r'data-claim="ea-tennis-elbow">(.*?)</tr>', dom, re.S).group(1)
    assert "off topic" in tennis and "yeung2003: title and topics share nothing with" in tennis
    assert len(re.findall(r"<li data-key=", dom)) == 18

    shot = tmp_path / "summary.png"
    taken = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", "--hide-scrollbars",
                      page.as_uri())
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, out / "summary_electroacupuncture.png")
