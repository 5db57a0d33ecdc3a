"""acuref summary: claims by condition and design, flags, and the HTML evidence map in a real browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from acuref.evidence import build_summary, vocabulary
from acuref.model import Claim, Name, Reference, Store
from tests.conftest import BUNDLED_STORE, ROOT

GOLDEN = ROOT / "tests" / "golden" / "summary"

# The seed article "Electro Acupuncture", its condition list in order (line 61-66).
SEED_CONDITIONS = [
    ("Nausea prevention", "nausea after chemotherapy", ["zhang2014a"]), ("Nausea prevention", "nausea after surgery", ["ho1990"]),
    ("Nausea prevention", "hyperemesis gravidarum", ["ezzo2006"]), ("Pain", "knee pain in rheumatoid arthritis", ["casimiro2005"]),
    ("Pain", "post-operative pain", ["hayhoe2010", "lin2002"]), ("Pain", "labour pain", ["qu2007"]),
    ("Pain", "fibromyalgia", ["deluze1992"]), ("Pain", "nerve, inflammatory and organ pain", ["zhang2014"]),
    ("Dental pain", "dental pain", ["tavares2007", "sim2002"]),
    ("Urinary problems", "urinary retention after spinal injury", ["liu2011"]),
    ("Urinary problems", "urinary stress incontinence", ["liu2017"]), ("Headache", "tension-type headache", ["xue2004"]),
    ("Headache", "migraine", ["xu2018"]), ("Tendon problems", "tennis elbow", ["yeung2003"]),
    ("Tendon problems", "calcific tendonitis", ["papadopoulos2019"]), ("Tendon problems", "achilles tendonitis", ["yu2015"]),
]


def test_electroacupuncture_reproduces_the_seed_condition_list(cli):
    data = json.loads(cli("summary", "--topic", "electroacupuncture", "--json", "--store", BUNDLED_STORE).out)
    got = [(c["group"], c["condition"], [r["key"] for r in c["claims"][0]["references"]]) for c in data["conditions"]]
    assert got == SEED_CONDITIONS
    assert data["design_counts"] == "3 systematic reviews/meta-analyses, 1 randomised trial, 1 controlled trial, 1 observational study, 12 unknown"
    assert len(data["bibliography"]) == 18


@pytest.mark.parametrize("style", ["harvard-cite-them-right", "apa"])
def test_markdown_summary_matches_golden(cli, style):
    out = cli("summary", "--topic", "electroacupuncture", "--to", "md", "--style", style, "--store", BUNDLED_STORE).out
    assert out == (GOLDEN / f"electroacupuncture-{style}.md").read_text(encoding="utf-8")


def test_harvard_citations_in_the_summary(cli):
    out = cli("summary", "--topic", "electroacupuncture", "--to", "md", "--store", BUNDLED_STORE).out
    assert "- **fibromyalgia**: Electroacupuncture may relieve the pain of fibromyalgia (Deluze *et al.*, 1992)." in out
    assert "(Yeung, Leung and Chow, 2003). ⚑ *off-topic reference* ⚑ *design unknown*" in out
    # the two Zhang 2014 papers are told apart in the in-text citations
    assert "(X. Zhang *et al.*, 2014)" in out and "(R. Zhang *et al.*, 2014)" in out


def test_flags(bundled):
    flags = {(c, f) for c, f, _ in build_summary(bundled).flags}
    assert ("ea-tennis-elbow", "off-topic") in flags  # Yeung 2003 is about low-back pain
    assert ("ai-standardise-acupuncture", "weak") in flags  # only a narrative review
    assert ("ai-pulse-diagnosis", "weak") in flags and ("ev-who-use-worldwide", "weak") in flags  # cite nothing
    assert ("ea-labour-pain", "unknown-design") in flags
    off_topic = sorted(c for c, f in flags if f == "off-topic")
    assert off_topic == ["ea-tennis-elbow", "ev-nih-low-back-pain"]  # nih2022 has no title to compare
    assert ("ea-fibromyalgia", "off-topic") not in flags and ("ea-nausea-surgery", "off-topic") not in flags


def test_off_topic_uses_words_synonyms_and_compounds():
    assert vocabulary("post-operative emesis") >= {"postoperative", "nausea", "surgery"}
    ref = Reference(key="r", title="Needling for knee osteoarthritis", issued=(2020,), author=(Name("A"),), design="randomised-trial")
    other = Reference(key="o", title="A review of shoulder pain", issued=(2020,), author=(Name("B"),), design="narrative-review")
    store = Store(references={"r": ref, "o": other}, claims=(
        Claim(id="ok", text="t", cites=("r",), condition="osteoarthritis of the knee"),
        Claim(id="bad", text="t", cites=("o",), condition="knee osteoarthritis")))
    flags = {(c, f) for c, f, _ in build_summary(store).flags}
    assert flags == {("bad", "off-topic"), ("bad", "weak")}


def test_strongest_design_per_condition(bundled):
    conditions = {c.condition: c for c in build_summary(bundled, topic="electroacupuncture").conditions}
    assert conditions["urinary stress incontinence"].strongest == "randomised-trial"
    assert conditions["fibromyalgia"].strongest == "controlled-trial"
    assert conditions["dental pain"].strongest == "unknown"


def test_condition_filter_and_unknown_format(cli):
    data = json.loads(cli("summary", "--condition", "nausea", "--json", "--store", BUNDLED_STORE).out)
    assert [c["condition"] for c in data["conditions"]] == ["nausea after chemotherapy", "nausea after surgery", "hyperemesis gravidarum"]
    assert cli("summary", "--to", "pdf", "--store", BUNDLED_STORE).code == 2


def test_html_page_is_self_contained_and_escaped(cli, tmp_path):
    page = cli("summary", "--topic", "electroacupuncture", "--to", "html", "--store", BUNDLED_STORE).out
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page) and "<script" not in page and "<link" not in page
    store = tmp_path / "s.toml"
    store.write_text('[references.x]\ntype = "article-journal"\ntitle = "Pain <b>&</b> needles"\nissued = 2001\n'
                     'author = [{ family = "Smith" }]\ncontainer-title = "J"\nvolume = "1"\n'
                     '[[claims]]\nid = "c"\ncondition = "<script>x</script>"\ntext = "A & B"\ncites = ["x"]\n')
    evil = cli("summary", "--to", "html", "--store", store).out
    assert "<script>x" not in evil and "&lt;script&gt;x&lt;/script&gt;" in evil and "A &amp; B" in evil


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not _chromium(), reason="no chromium binary (Debian package 'chromium'); .ci/run installs it")
def test_evidence_map_in_a_real_browser(cli, tmp_path):
    page = tmp_path / "summary.html"
    assert cli("summary", "--topic", "electroacupuncture", "--to", "html", "-o", page, "--store", BUNDLED_STORE).code == 0
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([_chromium(), *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    cells = re.findall(r'<td class="cell" data-design="([a-z-]+)" data-count="(\d+)"', dom)
    assert len(cells) == 16 * 5  # 16 conditions x the 5 designs present
    assert sum(int(n) for d, n in cells if d == "systematic-review") == 3
    assert re.search(r'<tr data-claim="ea-tennis-elbow">.*?off-topic reference', dom, re.S)
    shot = tmp_path / "summary.png"
    subprocess.run([_chromium(), *flags, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, out / "summary-electroacupuncture.png")
