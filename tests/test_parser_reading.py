"""The trained parser on whole strings: written strings of both families, Google Scholar's five forms,
adversarial and fuzzed input, and what ``import --dry-run`` shows."""

from __future__ import annotations

import json
import random
import signal
from collections import Counter
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acuref.formats.text import parse_references, parse_text, reference_strings
from acuref.parser import parse_string
from tests.conftest import FIXTURES

PARSER = FIXTURES / "parser"
VARIABLES = ("author", "year", "title", "container-title", "volume", "issue", "page")


def _row(ref) -> list[str]:
    if ref is None:
        return [""] * len(VARIABLES)
    first = ref.author[0].family or ref.author[0].literal if ref.author else ""
    return [first, str(ref.year or ""), ref.title, *(ref.fields.get(v, "") for v in VARIABLES[3:])]


def _written():
    for line in (PARSER / "written.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, text, *want = line.split("\t")
            yield form, text, want


@pytest.mark.parametrize("form", ["author-year", "vancouver"])
def test_written_strings_meet_the_issue_targets(form):
    """Issue 15's bar on strings not in the training data: first author + year + title all right for
    >= 90%, each field right >= 75%, for each family."""
    rows = [(text, want) for f, text, want in _written() if f == form]
    assert len(rows) >= 20
    core_right, right, seen, misses = 0, Counter(), Counter(), []
    for text, want in rows:
        got = _row(parse_string(text).reference)
        core_right += got[:3] == want[:3]
        for var, g, w in zip(VARIABLES, got, want):
            if g or w:
                seen[var] += 1
                right[var] += g == w
        if got != want:
            misses.append((text[:60], [(v, g, w) for v, g, w in zip(VARIABLES, got, want) if g != w]))
    assert core_right / len(rows) >= 0.9, misses
    assert all(right[v] / seen[v] >= 0.75 for v in seen), (dict(right), dict(seen), misses)


def test_google_scholars_five_forms_give_one_record():
    """MLA, APA, Chicago, Harvard and Vancouver of each paper read as the same work."""
    text = (PARSER / "scholar_forms.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    items = parse_references(text)
    assert len(items) == 25
    for paper in range(5):
        refs = [item.parsed.reference for item in items[paper * 5:paper * 5 + 5]]
        records = {(r.type, r.author[0].family, r.year, r.title, r.fields.get("container-title"), r.fields.get("volume"),
                    r.fields.get("issue"), r.fields.get("page"), r.fields.get("publisher")) for r in refs}
        assert len(records) == 1, records
        # every form that lists all the authors lists the same surnames (MLA and Chicago stop at "et al.")
        full = {tuple(n.family for n in r.author) for r, item in zip(refs, items[paper * 5:]) if not item.parsed.et_al}
        assert len(full) == 1, full
    deluze = items[4].parsed.reference
    assert (deluze.issued[:1], deluze.fields["page"], [n.given for n in deluze.author][-1]) == ((1992,), "1249-1252", "T.L.")


def test_vancouver_pages_expand_and_author_year_pages_do_not():
    nlm = parse_string("Vates GE, Berger MS. Functional mapping of the cortex. J Neurosurg 2001;95:233-41.").reference
    assert (nlm.fields["volume"], nlm.fields["page"]) == ("95", "233-241")
    apa = parse_string("Vates, G. E. (2001). Functional mapping of the cortex. Journal of Neurosurgery, 95, 233-41.").reference
    assert apa.fields["page"] == "233-41"


def test_year_suffix_dash_for_previous_authors_and_types():
    items = parse_references(
        "Zhang, Y.Q., Jing, X. and Guyatt, G., 2022b. Improving acupuncture research. BMJ, 376.\n\n"
        "———. 2023. A second paper by the same authors. BMJ, 380.\n\n"
        "Maciocia, G. (2015). The foundations of Chinese medicine (3rd ed.). London: Elsevier.\n\n"
        "Smith, J. (2019). Acupuncture for back pain [Doctoral dissertation, University of York].\n\n"
        "Jones, K. (2020). Needling in the wild. In A. Brown & C. Green (Eds.), Handbook of acupuncture "
        "(pp. 12-30). Oxford University Press.")
    first, again, book, thesis, chapter = (i.parsed.reference for i in items)
    assert (first.year, first.fields["year-suffix"]) == (2022, "b")
    assert [n.family for n in again.author] == ["Zhang", "Jing", "Guyatt"]
    assert (book.type, book.fields["publisher"], book.fields["publisher-place"], book.fields["edition"]) == (
        "book", "Elsevier", "London", "3")
    assert thesis.type == "thesis"
    assert (chapter.type, [n.family for n in chapter.fields["editor"]], chapter.fields["container-title"],
            chapter.fields["page"]) == ("chapter", ["Brown", "Green"], "Handbook of acupuncture", "12-30")


def test_confidence_is_reported_per_field():
    parsed = parse_string("Robins, A., Rountree, J., & Rountree, N. (2003). Learning and teaching programming: A review "
                          "and discussion. Computer Science Education, 13(2), 137–172.")
    assert set(parsed.confidence) >= {"author", "issued", "title", "container-title", "volume", "issue", "page"}
    assert all(0 < c <= 1 for c in parsed.confidence.values()) and parsed.unsure() == []
    odd = parse_string("Smith Jones Brown Green White 1999 2001 Something Another Thing 45 67")
    assert odd.unsure()  # a jumble: the model says where it is guessing


def test_unreadable_strings_are_located_problems():
    result = parse_text("This is a sentence, not a reference.\n\nHan, J.S., 2004. Acupuncture and endorphins. "
                        "Neuroscience Letters, 361(1-3), pp.258-261.\n", "x.txt")
    assert [r.key for r in result.references] == ["han2004"]
    [problem] = result.problems
    assert (problem.line, "cannot read this as a reference" in problem.message) == (1, True)


def test_lines_paragraphs_and_numbered_lists():
    wrapped = "Han, J.S., 2004. Acupuncture and\nendorphins. Neuroscience Letters, 361, pp.258-\n261. https://doi.org/\n10.1016/j.neulet.2004.02.003\n"
    assert list(reference_strings(wrapped)) == [(1, "Han, J.S., 2004. Acupuncture and endorphins. Neuroscience Letters, "
                                                    "361, pp.258-261. https://doi.org/10.1016/j.neulet.2004.02.003")]
    numbered = "1. Han JS. Acupuncture and endorphins.\nNeurosci Lett. 2004;361:258-61.\n2. Kaptchuk TJ. Acupuncture. Ann Intern Med. 2002;136:374-83.\n"
    assert [line for line, _ in reference_strings(numbered)] == [1, 3]
    per_line = "Han JS. Acupuncture and endorphins. Neurosci Lett. 2004;361:258-61.\nKaptchuk TJ. Acupuncture. Ann Intern Med. 2002;136:374-83.\n"
    assert [line for line, _ in reference_strings(per_line)] == [1, 2]
    one_in_press = per_line * 2 + "Smith J. A trial. Acupunct Med. In press.\n" + per_line
    assert [line for line, _ in reference_strings(one_in_press)] == [1, 2, 3, 4, 5, 6, 7]


# --- linear time, no tracebacks ---------------------------------------------------------------

@contextmanager
def hang_guard(seconds: int):
    """Fail instead of hanging (the old regex took minutes on 12 authors); not a timing assertion."""
    def fail(*_):
        raise AssertionError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _adversarial():
    rng = random.Random(15)
    syllables = ["ka", "lo", "mi", "san", "ter", "vo", "zhu", "ben", "dal", "ric"]
    surnames = [(syllables[i % 10] + syllables[i // 10 % 10] + syllables[i // 100]).title() for i in range(200)]
    authors = ", ".join(f"{s}, {chr(65 + i % 26)}.{chr(65 + i * 7 % 26)}." for i, s in enumerate(surnames))
    yield "200 authors APA", f"{authors}, & Last, Z. (2003). A title of the paper. Journal of Things, 13(2), 137–172."
    yield "200 authors Vancouver", ", ".join(f"{s} AB" for s in surnames) + ". A title of the paper. J Med. 2001;95:233-41."
    yield "10,000 characters", ("Smith, J., " * 1000)[:10_000]
    yield "nested brackets", "(" * 3000 + "[{“x”}]" + ")" * 3000
    yield "punctuation", ".,;:" * 2500
    yield "one long word", "a" * 10_000 + "1" * 5000 + ";" * 100 + "2" * 100
    yield "random bytes", bytes(rng.randrange(256) for _ in range(10_000)).decode("latin-1")
    yield "random unicode", "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(10_000))
    yield "dashes", "—" * 5000 + " Title. 2001."


@pytest.mark.parametrize("name, text", list(_adversarial()), ids=[n for n, _ in _adversarial()])
def test_long_and_adversarial_strings_are_read_without_hanging(name, text):
    with hang_guard(60):
        items = parse_references(text)
    assert items and all(i.parsed.reference is None or i.parsed.reference.original for i in items)
    if name.startswith("200 authors"):
        ref = items[0].parsed.reference
        assert len(ref.author) >= 200 and ref.year in (2001, 2003)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_reads_without_a_traceback(text):
    result = parse_text(text, "fuzz.txt")
    assert len(result.references) + len(result.problems) == len(list(reference_strings(text)))
    for ref in result.references:
        assert ref.original and (ref.title or ref.author)


_pieces = st.sampled_from(["Smith, J.", "(2001).", "2001;95(3):233-41.", "pp.", "“", "”", "et al.", "———", "&", "and",
                           "J Med.", "Vol. 3,", "doi:10.1/x", "http://a.b/c", "(Eds.),", "In:", "221-8", "Zhang YQ,",
                           "[1]", "1.", ".", ",", ";", ":", "(", ")", "Title of a paper."])


@settings(max_examples=150, deadline=None)
@given(st.lists(_pieces, max_size=60))
def test_reference_like_jumbles_read_without_a_traceback(pieces):
    parsed = parse_string(" ".join(pieces))
    assert all(0 <= c <= 1 for c in parsed.confidence.values())
    assert "".join("".join(s.text for s in parsed.segments).split()) == "".join(" ".join(pieces).split())  # all labelled


# --- the command line -------------------------------------------------------------------------

def test_dry_run_shows_the_fields_read_and_marks_unsure_ones(cli, tmp_path):
    path = tmp_path / "pasted.txt"
    path.write_text("Vates GE, Berger MS. Functional mapping of the cortex. J Neurosurg 2001;95:233-41.\n\n"
                    "Smith Jones Brown Green White 1999 2001 Something Another Thing 45 67\n", encoding="utf-8")
    store = tmp_path / "refs.toml"
    store.write_text("schema = 1\n", encoding="utf-8")
    result = cli("import", "--format", "text", path, "--dry-run", "--store", store)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    start = lines.index("would add    vates2001  Vates 2001  Functional mapping of the cortex")
    assert lines[start + 1:start + 7] == [
        "    author            Vates, G.E.; Berger, M.S.",
        "    issued            2001",
        "    title             Functional mapping of the cortex",
        "    container-title   J Neurosurg",
        "    volume            95",
        "    page              233-241",
    ]
    assert any(line.startswith("    ") and line[20] == "?" for line in lines[start + 7:])
    assert store.read_text(encoding="utf-8") == "schema = 1\n"


def test_import_reads_pasted_text_from_stdin(cli, tmp_path, monkeypatch):
    import io

    store = tmp_path / "refs.toml"
    store.write_text("schema = 1\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(
        "Kaptchuk TJ. Acupuncture: theory, efficacy, and practice. Ann Intern Med. 2002 Mar 5;136(5):374-83.\n\n"
        "Liu, Z., Liu, Y., ... & Wang, J. (2017). Effect of electroacupuncture on urinary leakage. JAMA, 317(24), 2493–2501.\n"
        .encode("utf-8"))))
    result = cli("import", "-", "--format", "text", "--store", store, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["added"] == ["kaptchuk2002", "liu2017"]
    from acuref.store import load

    liu = load(store).references["liu2017"]
    assert ([n.family for n in liu.author], liu.truncated, liu.fields["page"]) == (["Liu", "Liu", "Wang"], ("author",), "2493-2501")


def test_pubmed_cite_form_ids_and_notes():
    ref = parse_string("Liu Z, Liu Y, Xu H, He L, Chen Y, Fu L, Li N, Lu Y, Su T, Sun J, Wang J. Effect of Electroacupuncture on "
                       "Urinary Leakage Among Women With Stress Urinary Incontinence: A Randomized Clinical Trial. JAMA. 2017 "
                       "Jun 27;317(24):2493-2501. doi: 10.1001/jama.2017.7220. PMID: 28655016; PMCID: PMC5815072.").reference
    assert (ref.issued[:3], ref.fields["DOI"], ref.fields["PMID"], ref.fields["PMCID"], ref.fields.get("note")) == (
        (2017, 6, 27), "10.1001/jama.2017.7220", "28655016", "PMC5815072", None)
    org = parse_string("National Institute for Health and Care Excellence (2021) Chronic pain. Available at: "
                       "https://www.nice.org.uk/guidance/ng193 (Accessed: 12 May 2023).").reference
    assert [n.literal for n in org.author] == ["National Institute for Health and Care Excellence"]
    assert (org.fields["URL"], org.fields["accessed"].parts, org.fields.get("note")) == (
        "https://www.nice.org.uk/guidance/ng193", (2023, 5, 12), None)
    web = parse_string("Smith J. Acupuncture in practice [Internet]. London: NHS Press; 2019 [cited 2023 May 12]. "
                       "Available from: https://example.org/acu").reference
    assert (web.title, web.fields["accessed"].parts, web.fields["URL"], web.fields.get("note")) == (
        "Acupuncture in practice", (2023, 5, 12), "https://example.org/acu", None)
