#!/usr/bin/env bash
# Regenerate tests/golden/cite/*.tsv with citeproc-js, on the same CSL and locale files acuref uses.
# Needs node and npm (installs npm "citeproc" into a gitignored folder); the tests need neither.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${CITEPROC_DIR:-.cache/citeproc-js}
mkdir -p "$dir"
[ -d "$dir/node_modules/citeproc" ] || (cd "$dir" && npm init -y >/dev/null && npm install --silent citeproc@2)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python -m acuref export --to csl-json --store data/references.toml \
  | python -c "import json,sys; from acuref.model import ACUREF_FIELDS; print(json.dumps([{k: v for k, v in i.items() if k not in ACUREF_FIELDS} for i in json.load(sys.stdin)]))" \
  > "$tmp/items.json"
python - > "$tmp/styles.tsv" <<'PY'
from acuref.styles import find_style
for name in ["apa", "harvard-cite-them-right", "vancouver", "chicago-author-date", "american-medical-association", "modern-language-association"]:
    print(f"{name}\t{find_style(name).path}")
PY
locales=$(python -c "from acuref.csl.locale import locales_dir; print(locales_dir())")
CITEPROC_DIR="$(cd "$dir" && pwd)/node_modules" node tools/make_cite_goldens.mjs "$tmp/items.json" "$tmp/styles.tsv" "$locales" tests/golden/cite
# a second, hand-made set for what the bundled store lacks: full given names, particles, editors,
# books, chapters, reports, web pages, theses, 22 authors, repeated authors, no date
mkdir -p tests/golden/cite/extra
CITEPROC_DIR="$(cd "$dir" && pwd)/node_modules" node tools/make_cite_goldens.mjs tests/fixtures/cite/extra-items.json "$tmp/styles.tsv" "$locales" tests/golden/cite/extra
(cd "$dir" && npm ls citeproc --depth=0 | grep -o "citeproc@.*" | tail -1 | sed "s/^/└── /") > tests/golden/cite/CITEPROC_VERSION
# the comparison sets of tests/test_cite_varied.py, each cited in one document per style with its
# clusters, in the 15 styles of issue 13: SET-items.json and SET-clusters.json in tests/fixtures/cite/,
# goldens in tests/golden/cite/SET/ ("varied": 60+ hand-made references of every common type and name
# and date shape; "real": 90 real-world records chosen by tools/make_real_set.py, SOURCE in
# tests/fixtures/cite/real-SOURCE.md)
python - > "$tmp/varied-styles.tsv" <<'PY'
from acuref.styles import find_style
from tests.cite_varied import STYLES
for name in STYLES:
    print(f"{name}\t{find_style(name).path}")
PY
comparison_set() {
  mkdir -p "tests/golden/cite/$1"
  CITEPROC_DIR="$(cd "$dir" && pwd)/node_modules" node tools/make_cite_goldens.mjs "tests/fixtures/cite/$1-items.json" \
    "$tmp/varied-styles.tsv" "$locales" "tests/golden/cite/$1" "tests/fixtures/cite/$1-clusters.json"
}
comparison_set varied
comparison_set real
comparison_set shapes
