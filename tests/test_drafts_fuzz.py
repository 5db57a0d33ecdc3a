"""Property tests of the draft readers: every character of a block maps back to the same
character of the source (so reported lines and columns are right whatever the input), and broken
packages fail only with a located InvalidInputError."""

from __future__ import annotations

import io
import zipfile

from hypothesis import example, given, settings
from hypothesis import strategies as st

from acuref.drafts.pandoc import find_pandoc_citations
from acuref.drafts.reading import text_blocks

PROSE = st.text(alphabet=st.sampled_from(list("ab Zx(),.;-\n\u00ad*_&<>/@[]é1920")), max_size=300)


def _source_char(lines: list[str], line: int, column: int) -> str:
    return lines[line - 1][column - 1]


@settings(max_examples=300, deadline=None)
@given(PROSE, st.sampled_from(["text", "md"]))
def test_text_blocks_map_back_to_the_source(text, kind):
    lines = text.splitlines()
    for block in text_blocks(text, kind):
        for i, char in enumerate(block.text):
            if char == " ":
                continue  # a space may stand for a line break
            assert _source_char(lines, *block.origin(i)) == char


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z(),.;\n<p>/i&amp;lt#3;é")), max_size=300))
@example("x &lt3; y")  # a known entity name as a prefix of an unknown one (html.unescape decodes it)
def test_html_blocks_map_back_to_the_source(text):
    lines = text.splitlines()
    for block in text_blocks(text, "html"):
        for i, char in enumerate(block.text):
            if char == " ":
                continue
            source = _source_char(lines, *block.origin(i))
            assert source == char or source == "&"  # an entity decodes to one character at its "&"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("@[]{}-;:,. apx1\\`\n")), max_size=200))
def test_pandoc_citations_are_where_they_are_found(text):
    for citation in find_pandoc_citations(text):
        span = text[citation.start:citation.end]
        assert "@" in span and citation.cites
        assert citation.line == text.count("\n", 0, citation.start) + 1


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200), st.sampled_from(["d.docx", "d.odt"]), st.booleans())
def test_broken_packages_are_located_errors(tmp_path_factory, data, name, zipped):
    from acuref.drafts.reading import read_draft
    from acuref.errors import InvalidInputError

    path = tmp_path_factory.mktemp("fuzz") / name
    if zipped:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            package.writestr("word/document.xml" if name.endswith("docx") else "content.xml", data)
        data = buffer.getvalue()
    path.write_bytes(data)
    try:
        blocks = read_draft(path)
    except InvalidInputError as exc:
        assert exc.problems and exc.problems[0].path == str(path)
    else:
        assert isinstance(blocks, list)


def test_a_long_dotted_locator_is_read_whole():
    # "1.1.1…" locator units were read by recursion, one level per dot: 5000 dots raised RecursionError
    dotted = "1." * 5000 + "1"
    for text in (f"[@doe99, p. {dotted}]", f"[@doe99, {dotted}]"):
        (citation,) = find_pandoc_citations(text)
        (cite,) = citation.cites
        assert (cite.key, cite.locator, cite.label, cite.suffix) == ("doe99", dotted, "page", "")


def test_each_citation_keeps_a_bounded_clause_of_a_long_paragraph():
    # the clause after a citation ran to the paragraph's end when no sentence stop followed, so a long
    # unpunctuated paragraph kept O(n) text per citation (quadratic time and memory in `acuref check`)
    from acuref.drafts.finding import _WINDOW, find_citations

    text = "(Smith 2001) needling " * 2000
    citations = find_citations(text)
    assert len(citations) == 2000
    assert max(len(c.context) for c in citations) <= 2 * _WINDOW
    assert "needling" in citations[-1].context.split()


MARKDOWN = st.text(alphabet=st.sampled_from(list("ab -:|\n[]^*_#>1.!()<>/`~\"'{}@&ü")), max_size=300)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
@example("---\ntitle: [a\n---\n")
@example("---\n- a\n---\n")
@example("---\nauthor: {x: 1}\ncsl: 3\n...\nbody")
def test_front_matter_reads_or_fails_located(text):
    from acuref.drafts.frontmatter import split_front_matter
    from acuref.errors import InvalidInputError

    try:
        front, body = split_front_matter("---\n" + text)
    except InvalidInputError as exc:
        assert exc.problems and all(p.line is None or p.line >= 1 for p in exc.problems)
        return
    assert body.count("\n") == ("---\n" + text).count("\n")  # line numbers of the rest kept
    assert front.lines == 0 or body.startswith("\n" * front.lines)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
@example("a ![i](x.png) <video> [^1]\n\n[^1]: n\n\n| a |\n|---|\n| b |\n")
def test_markdown_model_reads_or_refuses_located(text):
    from acuref.drafts.docx_out import write_docx
    from acuref.drafts.document import parse_document
    from acuref.drafts.odt_out import write_odt
    from acuref.errors import InvalidInputError

    try:
        doc = parse_document(text, "d.md")
    except InvalidInputError as exc:
        assert exc.problems and all(p.line >= 1 for p in exc.problems)
        return
    for data in (write_docx(doc, []), write_odt(doc, [])):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            from lxml import etree

            for name in package.namelist():
                if name.endswith(".xml"):
                    etree.fromstring(package.read(name))  # every part well-formed XML
