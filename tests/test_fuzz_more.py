"""Mutation fuzzing of the readers tests/test_fuzz_readers.py does not cover: the plain-text parser and
format detection through `import`, the store's TOML, the config file, user CSL styles, and the XML
inside .docx/.odt drafts. Every outcome is a result or acuref's own error (src/acuref/errors.py)
naming the file (and the line where the reader knows it); any other exception fails the test."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from acuref.errors import AcurefError, ProblemsError
from tests.conftest import BUNDLED_STORE, FIXTURES
from tests.fuzzing import mutate, run_one, seeds

WRITTEN = FIXTURES / "parser" / "written.tsv"


def _text_seeds() -> list[bytes]:
    lines = [line.split("\t")[-1] for line in WRITTEN.read_text(encoding="utf-8").splitlines()[1:] if "\t" in line]
    return ["\n\n".join(lines[i:i + 3]).encode("utf-8") for i in range(0, min(len(lines), 24), 3)]


def _located(exc: AcurefError, path: str) -> None:
    """An error names its file: in its problems (each with a line) or in its message."""
    if isinstance(exc, ProblemsError) and exc.problems:
        assert all(p.path == path and p.message for p in exc.problems), exc.problems
    else:
        assert path in exc.message, exc.message


def test_the_plain_text_reader_survives_mutations():
    rng = random.Random("fuzz-text")
    pool = _text_seeds()
    outcomes = [run_one(mutate(rng.choice(pool), rng), "text") for _ in range(150)]
    assert any(refs for refs, _ in outcomes)


def test_format_detection_survives_mutations_of_every_format():
    # read as `acuref import FILE` does with no --format: whatever a mutation makes the file look like
    rng = random.Random("fuzz-auto")
    pool = [data for files in seeds().values() for data in files] + _text_seeds()
    outcomes = [run_one(mutate(rng.choice(pool), rng), "auto") for _ in range(400)]
    assert any(refs for refs, _ in outcomes) and any(problems for _, problems in outcomes)


def test_the_store_reader_survives_mutations(tmp_path):
    from acuref.store import load

    rng = random.Random("fuzz-store")
    seed = BUNDLED_STORE.read_bytes()
    path = tmp_path / "references.toml"
    loaded = refused = 0
    for _ in range(300):
        path.write_bytes(mutate(seed, rng))
        try:
            load(path)
            loaded += 1
        except AcurefError as exc:
            _located(exc, str(path))
            if isinstance(exc, ProblemsError):
                assert all(p.line for p in exc.problems if "line" not in p.message), exc.problems
            refused += 1
    assert loaded and refused


def test_the_config_reader_survives_mutations(tmp_path):
    from acuref.settings import read_config

    rng = random.Random("fuzz-config")
    seed = b'# acuref settings\nstore = "~/refs/references.toml"\nstyle = "vancouver"\nlocale = "en-GB"\n'
    path = tmp_path / "config.toml"
    for _ in range(300):
        path.write_bytes(mutate(seed, rng))
        try:
            read_config(path)
        except AcurefError as exc:
            _located(exc, str(path))


_STYLE = b"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="never">
  <info><title>Fuzz</title><id>fuzz</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <locale xml:lang="en"><terms><term name="et-al">and others</term></terms></locale>
  <macro name="author"><names variable="author"><name form="short" and="symbol" et-al-min="3" et-al-use-first="1"/>
    <substitute><text variable="title"/></substitute></names></macro>
  <macro name="year"><choose><if variable="issued"><date variable="issued"><date-part name="year"/></date></if>
    <else><text term="no date" form="short"/></else></choose></macro>
  <citation et-al-min="3" et-al-use-first="1" disambiguate-add-year-suffix="true"><sort><key macro="author"/></sort>
    <layout prefix="(" suffix=")" delimiter="; "><group delimiter=", "><text macro="author"/><text macro="year"/>
      <text variable="locator"/></group></layout></citation>
  <bibliography><sort><key macro="author"/><key variable="issued"/></sort><layout suffix=".">
    <group delimiter=". "><text macro="author"/><text macro="year" prefix="(" suffix=")"/>
      <text variable="title" font-style="italic" text-case="title"/><number variable="volume" form="roman"/>
      <text variable="page"/></group></layout></bibliography>
</style>
"""


def test_user_styles_survive_mutations(tmp_path, bundled):
    from acuref.render import Cite, render
    from acuref.styles import find_style

    rng = random.Random("fuzz-style")
    refs = [bundled.references[k] for k in ("deluze1992", "zhang2014", "zhang2014a")]
    rendered = refused = 0
    for i in range(200):
        path = tmp_path / f"s{i}.csl"
        path.write_bytes(mutate(_STYLE, rng))
        try:
            result = render(refs, [[Cite(r.key)] for r in refs], style=find_style(str(path)), fmt="text")
            assert len(result.citations) == 3
            rendered += 1
        except AcurefError as exc:
            _located(exc, str(path))
            refused += 1
    assert rendered and refused


@pytest.mark.parametrize("name", ["d.docx", "d.odt"])
def test_drafts_with_mutated_document_xml_survive(tmp_path, bundled, name):
    from acuref.drafts.checking import check_file
    from acuref.drafts.outputs import to_docx, to_odt
    from acuref.drafts.rendering import RenderedDraft

    parts = RenderedDraft("Pain fell (Deluze et al., 1992).[^1] More (Hayhoe, 2010).\n",
                          (("1", "See *Zhang et al.* (2014)."),), (), ())
    good = (to_docx if name.endswith(".docx") else to_odt)(parts)
    with zipfile.ZipFile(io.BytesIO(good)) as package:
        members = {info.filename: package.read(info.filename) for info in package.infolist()}
    targets = [m for m in members if m.endswith(".xml") and ("document" in m or "footnotes" in m or m == "content.xml")]
    rng = random.Random(f"fuzz-{name}")
    path = tmp_path / name
    for _ in range(120):
        member = rng.choice(targets)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            for filename, data in members.items():
                package.writestr(filename, mutate(data, rng) if filename == member else data)
        path.write_bytes(buffer.getvalue())
        try:
            check_file(bundled, path)
        except AcurefError as exc:
            _located(exc, str(path))


_VALUES = ["", "x", "-1", "0", "3", "999999999999", "author", "editor", "issued", "title", "page", "locator", "year",
           "none", "short", "long", "symbol", "text", "true", "false", "roman", "ordinal", "capitalize-first", "italic",
           "&amp;", "&#x1F600;", "author year", "fuzz", "year-suffix", "citation-number", "et-al", "no date"]
_ELEMENTS = ["text", "group", "choose", "if", "else", "names", "name", "date", "date-part", "number", "label", "substitute",
             "layout", "sort", "key", "macro", "et-al", "name-part", "else-if"]


def _valid_mutation(rng: random.Random) -> bytes:
    """The style with attribute values and element names swapped for others: still well-formed XML, so it
    reaches the renderer (byte mutations mostly stop at the XML parser)."""
    import re

    text = _STYLE.decode("utf-8")
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.7:
            spots = [m for m in re.finditer(r'="([^"]*)"', text)][3:]  # keep the XML declaration and namespace
            m = rng.choice(spots)
            text = text[:m.start(1)] + rng.choice(_VALUES) + text[m.end(1):]
        else:
            names = sorted({m.group(1) for m in re.finditer(r"<([a-z-]+)[ />]", text)} - {"style", "info", "title", "id", "updated"})
            old, new = rng.choice(names), rng.choice(_ELEMENTS)
            text = re.sub(rf"<(/?){old}([ />])", lambda m: f"<{m.group(1)}{new}{m.group(2)}", text)
    return text.encode("utf-8")


def test_well_formed_but_odd_user_styles_render_or_are_refused(tmp_path, bundled):
    from acuref.render import Cite, render
    from acuref.styles import find_style

    rng = random.Random("fuzz-style-values")
    refs = [bundled.references[k] for k in ("deluze1992", "zhang2014", "zhang2014a")]
    for i in range(300):
        path = tmp_path / f"v{i}.csl"
        path.write_bytes(_valid_mutation(rng))
        try:
            render(refs, [[Cite(r.key, locator="3")] for r in refs], style=find_style(str(path)), fmt="text")
        except AcurefError as exc:
            _located(exc, str(path))
