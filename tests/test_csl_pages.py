"""Page values of real records (the dedupe sets' 1,932 distinct page shapes) printed as citeproc-js
2.4.63 prints them: which hyphens are ranges, and whether the "page" label is plural.  The expected
values are citeproc-js's output for a minimal style (a label and the page) in three page-range-formats;
the whole sweep (6 formats x 1,932 values: 12 differ, "I-II-III-IV" and "M-1-M-4") is described in
/work/notes/s2-real.md."""

from __future__ import annotations

import json

import pytest

from acuref.formats import read_file
from acuref.render import Cite, render

CASES = [
    ('none', '1-113, iii-iv', 'pp. 1–113, iii–iv'),
    ('none', '1-9.e3', 'pp. 1-9.e3'),
    ('none', '1-iv', 'pp. 1–iv'),
    ('none', '100-', 'pp. 100-'),
    ('none', '1204-1222', 'pp. 1204–1222'),
    ('none', '123-123', 'pp. 123–123'),
    ('none', '258-265.e1', 'pp. 258-265.e1'),
    ('none', '473-479,481', 'pp. 473-479,481'),
    ('none', '819.e1-819.e6', 'p. 819.e1-819.e6'),
    ('none', '87A-88A', 'pp. 87A-88A'),
    ('none', 'S3-89', 'pp. S3-89'),
    ('none', 'S45-S47', 'pp. S45–S47'),
    ('none', 'S77-S77', 'pp. S77–S77'),
    ('none', 'Suppl-10', 'p. Suppl-10'),
    ('none', 'e1-e8', 'pp. e1–e8'),
    ('none', 't-8', 'p. t-8'),
    ('none', 'xv, 454', 'pp. xv, 454'),
    ('none', 'xxv-xxviii', 'pp. xxv–xxviii'),
    ('minimal', '1-113, iii-iv', 'pp. 1–113, iii–iv'),
    ('minimal', '1-9.e3', 'pp. 1-9.e3'),
    ('minimal', '1-iv', 'pp. 1–iv'),
    ('minimal', '100-', 'pp. 100-'),
    ('minimal', '1204-1222', 'pp. 1204–22'),
    ('minimal', '123-123', 'pp. 123–123'),
    ('minimal', '258-265.e1', 'pp. 258-265.e1'),
    ('minimal', '473-479,481', 'pp. 473-479,481'),
    ('minimal', '819.e1-819.e6', 'p. 819.e1-819.e6'),
    ('minimal', '87A-88A', 'pp. 87A-88A'),
    ('minimal', 'S3-89', 'pp. S3-89'),
    ('minimal', 'S45-S47', 'pp. S45–7'),
    ('minimal', 'S77-S77', 'pp. S77–S77'),
    ('minimal', 'Suppl-10', 'p. Suppl-10'),
    ('minimal', 'e1-e8', 'pp. e1–8'),
    ('minimal', 't-8', 'p. t-8'),
    ('minimal', 'xv, 454', 'pp. xv, 454'),
    ('minimal', 'xxv-xxviii', 'pp. xxv–xxviii'),
    ('chicago', '1-113, iii-iv', 'pp. 1–113, iii–iv'),
    ('chicago', '1-9.e3', 'pp. 1-9.e3'),
    ('chicago', '1-iv', 'pp. 1–iv'),
    ('chicago', '100-', 'pp. 100-'),
    ('chicago', '1204-1222', 'pp. 1204–22'),
    ('chicago', '123-123', 'pp. 123–123'),
    ('chicago', '258-265.e1', 'pp. 258-265.e1'),
    ('chicago', '473-479,481', 'pp. 473-479,481'),
    ('chicago', '819.e1-819.e6', 'p. 819.e1-819.e6'),
    ('chicago', '87A-88A', 'pp. 87A-88A'),
    ('chicago', 'S3-89', 'pp. S3-89'),
    ('chicago', 'S45-S47', 'pp. S45–47'),
    ('chicago', 'S77-S77', 'pp. S77–S77'),
    ('chicago', 'Suppl-10', 'p. Suppl-10'),
    ('chicago', 'e1-e8', 'pp. e1–8'),
    ('chicago', 't-8', 'p. t-8'),
    ('chicago', 'xv, 454', 'pp. xv, 454'),
    ('chicago', 'xxv-xxviii', 'pp. xxv–xxviii'),
]


def _style(fmt: str) -> str:
    attr = f' page-range-format="{fmt}"' if fmt != "none" else ""
    return (f'<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"{attr}><info><id>x</id>'
            '<title>x</title><updated>2020-01-01T00:00:00+00:00</updated></info><citation><layout><text value="x"/>'
            '</layout></citation><bibliography><layout><label variable="page" form="short" suffix=" "/>'
            '<text variable="page"/></layout></bibliography></style>')


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    pages = sorted({page for _, page, _ in CASES})
    items = folder / "items.json"
    items.write_text(json.dumps([{"id": f"p{n}", "type": "article-journal", "title": "T", "page": page}
                                 for n, page in enumerate(pages)]), encoding="utf-8")
    refs = read_file(items).references
    out = {}
    for fmt in {fmt for fmt, _, _ in CASES}:
        style = folder / f"{fmt}.csl"
        style.write_text(_style(fmt), encoding="utf-8")
        result = render(refs, [[Cite(refs[0].key)]], style=str(style))
        texts = {e.key: e.text for e in result.bibliography}
        out.update({(fmt, page): texts[f"p{n}"] for n, page in enumerate(pages)})
    return out


@pytest.mark.parametrize(("fmt", "page", "expected"), CASES)
def test_page_as_citeproc_js_prints_it(rendered, fmt, page, expected):
    assert rendered[fmt, page] == expected
