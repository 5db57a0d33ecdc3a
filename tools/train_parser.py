"""Train the reference-string CRF, and cross-validate it field by field.

    python tools/train_parser.py                 # train on all 1,514 strings → src/acuref/parser/model.crfsuite
    python tools/train_parser.py --cv 5          # 5-fold cross-validation report (trains 5 throw-away models)
    python tools/train_parser.py --cv 5 --json bench/out/parser_cv.json

Reproducible: the training set is read in file order, folds come from a fixed seed, and CRFsuite's
L-BFGS is deterministic, so the same data and parameters give the same model file.

Cross-validation compares, for each held-out string, the reference built from the model's labels
with the reference built from the hand labels (the same normalisers on both sides), variable by
variable, and counts "first author + year + title all right". Strings are grouped by form:
author-year (the date right after the authors), Vancouver/NLM (see
acuref.parser.reference.is_vancouver), and other (numbered, MLA/Chicago with the date at the end).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from acuref.parser import parse_string  # noqa: E402
from acuref.parser.features import sequence_features  # noqa: E402
from acuref.parser.reference import Segment, build_reference, is_vancouver  # noqa: E402
from acuref.parser.training import load_examples, token_labels  # noqa: E402

DATA = ROOT / "tests" / "fixtures" / "parser" / "anystyle-core.xml"
MODEL = ROOT / "src" / "acuref" / "parser" / "model.crfsuite"
SEED = 15
PARAMS = {"c1": 0.01, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}
COMPARED = ("author", "editor", "issued", "title", "container-title", "volume", "issue", "page", "publisher",
            "publisher-place", "edition", "DOI", "URL")


def train(examples, path: Path, params=PARAMS) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for ex in examples:
        words, labels = token_labels(ex)
        if words:
            trainer.append(sequence_features(words), labels)
    trainer.set_params(params)
    trainer.train(str(path))


def family(segments) -> str:
    labels = [s.label for s in segments if s.label != "citation-number"]
    if is_vancouver(segments):
        return "vancouver"
    if len(labels) >= 2 and labels[0] == "author" and labels[1] == "date":
        return "author-year"
    return "other"


def _norm(value) -> object:
    if isinstance(value, tuple) and value and hasattr(value[0], "family"):
        return tuple((n.family or n.literal).casefold() for n in value)
    if isinstance(value, tuple):
        return value[:1]  # issued: the year
    return " ".join(str(value).split()).casefold()


def values(ref) -> dict:
    if ref is None:
        return {}
    out = {"author": ref.author, "issued": ref.issued, "title": ref.title}
    out.update(ref.fields)
    return {k: _norm(v) for k, v in out.items() if k in COMPARED and v}


def evaluate(examples, tagger) -> dict:
    """Per form: strings, share with first author + year + title right, and per variable right/total."""
    stats = defaultdict(lambda: {"strings": 0, "core_right": 0, "fields": defaultdict(lambda: [0, 0]),
                                 "unsure_right": [0, 0], "sure_right": [0, 0]})
    for ex in examples:
        gold_segments = [Segment(label, text) for label, text in ex.segments]
        gold = build_reference(ex.text, gold_segments).reference
        got = parse_string(ex.text, tagger=tagger)
        g, p = values(gold), values(got.reference)
        for form in (family(gold_segments), "all"):
            st = stats[form]
            st["strings"] += 1
            first = lambda v: v.get("author", ("",))[:1]  # noqa: E731
            if first(g) == first(p) and g.get("issued") == p.get("issued") and g.get("title") == p.get("title"):
                st["core_right"] += 1
            for var, want in g.items():
                right = p.get(var) == want
                st["fields"][var][0] += right
                st["fields"][var][1] += 1
                if var in got.confidence:
                    bucket = "unsure_right" if got.confidence[var] < 0.8 else "sure_right"
                    st[bucket][0] += right
                    st[bucket][1] += 1
    return stats


def cross_validate(examples, k: int) -> dict:
    import pycrfsuite

    order = list(range(len(examples)))
    random.Random(SEED).shuffle(order)
    total = None
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(k):
            held = set(order[fold::k])
            path = Path(tmp) / f"fold{fold}.crfsuite"
            train([ex for i, ex in enumerate(examples) if i not in held], path)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            stats = evaluate([examples[i] for i in sorted(held)], tagger)
            total = stats if total is None else _add(total, stats)
            print(f"fold {fold + 1}/{k} done", file=sys.stderr)
    return total


def _add(a, b):
    for form, st in b.items():
        t = a[form]
        t["strings"] += st["strings"]
        t["core_right"] += st["core_right"]
        for var, (r, n) in st["fields"].items():
            t["fields"][var][0] += r
            t["fields"][var][1] += n
        for bucket in ("unsure_right", "sure_right"):
            t[bucket][0] += st[bucket][0]
            t[bucket][1] += st[bucket][1]
    return a


def report(stats) -> dict:
    out = {}
    for form in ("author-year", "vancouver", "other", "all"):
        st = stats.get(form)
        if not st:
            continue
        out[form] = {
            "strings": st["strings"],
            "first_author_year_title": round(st["core_right"] / st["strings"], 3),
            "fields": {var: {"right": r, "of": n, "share": round(r / n, 3)} for var, (r, n) in sorted(st["fields"].items())},
            "confident_fields_right": _share(st["sure_right"]),
            "unsure_fields_right": _share(st["unsure_right"]),
        }
    return out


def _share(pair):
    r, n = pair
    return {"right": r, "of": n, "share": round(r / n, 3) if n else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation instead of training the shipped model")
    ap.add_argument("--json", type=Path, help="write the cross-validation report here")
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--c1", type=float, default=PARAMS["c1"], help="L1 penalty")
    ap.add_argument("--c2", type=float, default=PARAMS["c2"], help="L2 penalty")
    args = ap.parse_args()
    PARAMS.update(c1=args.c1, c2=args.c2)
    examples = load_examples(DATA)
    if args.cv:
        rep = report(cross_validate(examples, args.cv))
        text = json.dumps(rep, indent=2)
        print(text)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(text + "\n", encoding="utf-8")
        return
    start = time.perf_counter()
    train(examples, args.out)
    print(f"trained on {len(examples)} strings in {time.perf_counter() - start:.1f} s → {args.out} "
          f"({args.out.stat().st_size // 1024} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main()
