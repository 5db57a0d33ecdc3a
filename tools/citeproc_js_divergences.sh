#!/usr/bin/env bash
# Print the minimal citeproc-js reproductions behind tests/fixtures/cite/varied-divergences.json and
# shapes-divergences.json and real-divergences.json.
# Needs node and npm (npm "citeproc" goes into the gitignored .cache/, as for tools/make_cite_goldens.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${CITEPROC_DIR:-.cache/citeproc-js}
mkdir -p "$dir"
[ -d "$dir/node_modules/citeproc" ] || (cd "$dir" && npm init -y >/dev/null && npm install --silent citeproc@2.4.63)
locales=$(python -c "from acuref.csl.locale import locales_dir; print(locales_dir())")
mla=$(python -c "from acuref.styles import find_style; print(find_style('modern-language-association').path)")
CITEPROC_DIR="$(cd "$dir" && pwd)/node_modules" node tools/citeproc_js_divergences.mjs "$locales" \
  tests/fixtures/cite/real-items.json "$mla"
# the shapes set's malformed ranges, through the bundled styles, each reference alone in a fresh engine
style() { python -c "from acuref.styles import find_style; print(find_style('$1').path)"; }
set_files="tests/fixtures/cite/shapes-items.json tests/fixtures/cite/shapes-clusters.json"
for case in "nature entry:multivol" "cell entry:multivol" "vancouver entry:monthrange" "the-lancet entry:dataset_v"; do
  set -- $case
  printf '%s ' "$1"
  CITEPROC_DIR="$(cd "$dir" && pwd)/node_modules" node tools/citeproc_js_alone.mjs "$locales" "$(style "$1")" $set_files "$2"
done
