"""Every reader on long runs of one unit in one field, at two sizes: a reader whose time grows faster
than its input is listed (the brief: no input may make a reader slow).

    python bench/reader_runs.py [small=4000] [factor=4]

A field gets UNIT × n, then the reader reads the whole file (auto-detected, as `acuref import` does).
Ratio over 2 × factor is listed (quadratic gives factor²). tests/test_linear_inputs.py keeps a test per
reader on the inputs this found worst.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

UNITS = [" ", "a", "a ", ", ", ". ", "-", "--", "{", "}", "\\", "[", "]", "(", "*", "_", "'", '"', "&", "@", "1", "1-",
         " and ", "et al. ", "A. ", "Smith, ", "\n", "\t", "é", "<", "%", "#", "~", "$", ";", ":", "/", "a.", "{a}", "\\'e"]


def _bib(field):
    def make(slot):
        fields = {"author": "Smith, A.", "title": "T", "journal": "J", "year": "2001", "pages": "1-2"}
        fields[field] = slot.replace("{", "").replace("}", "") if field != "title" else slot
        return "@article{k,\n" + "".join(f"  {k} = {{{v}}},\n" for k, v in fields.items()) + "}\n"
    return make


def _tagged(head, fields, sep, end):
    def builder(field):
        def make(slot):
            values = dict(fields)
            values[field] = slot.replace("\n", " ")
            return head + "".join(f"{k}{sep}{v}\n" for k, v in values.items()) + end
        return make
    return builder


_RIS = _tagged("TY  - JOUR\n", {"AU": "Smith, A.", "TI": "T", "PY": "2001", "SP": "1", "EP": "2", "JO": "J"}, "  - ", "ER  - \n")
_MEDLINE = _tagged("PMID- 1\n", {"FAU": "Smith, A", "TI": "T", "DP": "2001", "PG": "1-2", "JT": "J"}, " - ", "\n")
_WOS = _tagged("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n", {"AU": "Smith, A", "TI": "T", "PY": "2001",
                                                                        "BP": "1", "SO": "J"}, " ", "ER\n\nEF\n")


def _json(field):
    def make(slot):
        item = {"id": "a", "type": "article-journal", "title": "T", "author": [{"family": "Smith", "given": "A."}],
                "issued": {"date-parts": [[2001]]}, "page": "1-2"}
        if field == "author":
            item["author"] = [{"family": slot, "given": "A."}]
        elif field == "issued":
            item["issued"] = {"raw": slot}
        else:
            item[field] = slot
        return json.dumps([item])
    return make


def _xml(field):
    def make(slot):
        values = {"author": "Smith, A.", "title": "T", "year": "2001", "pages": "1-2"}
        values[field] = escape(slot)
        return ("<xml><records><record><ref-type name=\"Journal Article\">17</ref-type><contributors><authors><author>"
                f"{values['author']}</author></authors></contributors><titles><title>{values['title']}</title></titles>"
                f"<dates><year>{values['year']}</year></dates><pages>{values['pages']}</pages></record></records></xml>")
    return make


def _text(slot):
    return f"Smith A, Jones B. {slot.replace(chr(10), ' ')}. J Invented. 2001;1:1-2.\n"


def readers():
    from acuref.formats import read_data

    def read(label):
        return lambda text: read_data(text.encode("utf-8"), label)

    out = []
    for field in ("author", "title", "pages", "year"):
        out.append((f"bibtex:{field}", read("x.bib"), _bib(field)))
    for name, builder, fields, label in (("ris", _RIS, ("AU", "TI", "PY", "SP"), "x.ris"),
                                         ("medline", _MEDLINE, ("FAU", "TI", "DP", "PG"), "x.nbib"),
                                         ("wos", _WOS, ("AU", "TI", "PY", "BP"), "x.txt")):
        for field in fields:
            out.append((f"{name}:{field}", read(label), builder(field)))
    for field in ("title", "author", "issued", "page"):
        out.append((f"csl-json:{field}", read("x.json"), _json(field)))
    for field in ("author", "title", "year", "pages"):
        out.append((f"endnote-xml:{field}", read("x.xml"), _xml(field)))
    out.append(("text", read("x.txt"), _text))
    return out


def _time(work, text):
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        try:
            work(text)
        except Exception as exc:  # noqa: BLE001 - a refusal is fine here; only the time is measured
            if not hasattr(exc, "exit_status"):
                print(f"  traceback-worthy: {type(exc).__name__}: {exc}"[:200])
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    small = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    factor = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    for name, work, make in readers():
        if only and not name.startswith(only):
            continue
        worst = (0.0, "", 0.0, 0.0)
        for unit in UNITS:
            n = max(1, small // len(unit))
            t_small = _time(work, make(unit * n))
            t_large = _time(work, make(unit * n * factor))
            ratio = t_large / max(t_small, 1e-3)
            if ratio > worst[0]:
                worst = (ratio, unit, t_small, t_large)
        flag = "  <-- grows faster than its input" if worst[0] > 2 * factor else ""
        print(f"{name:22} worst x{worst[0]:.1f} on {worst[1]!r} ({worst[2] * 1000:.1f} -> {worst[3] * 1000:.1f} ms){flag}",
              flush=True)


if __name__ == "__main__":
    main()
