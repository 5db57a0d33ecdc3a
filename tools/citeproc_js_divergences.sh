#!/usr/bin/env bash
# Print the minimal citeproc-js reproductions behind tests/fixtures/cite/varied-divergences.json and
# real-divergences.json.
# Needs node and npm (npm "citeproc" goes into the gitignored .cache/, as for tools/make_cite_goldens.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${CITEPROC_DIR:-.cache/citeproc-js}
mkdir -p "$dir"
[ -d "$dir/node_modules/citeproc" ] || (cd "$dir" && npm init -y >/dev/null && npm install --silent citeproc@2.4.63)
locales=$(python -c "from acuref.csl.locale import locales_dir; print(locales_dir())")
asa=$(python -c "from acuref.styles import find_style; print(find_style('american-sociological-association').path)")
harvard=$(python -c "from acuref.styles import find_style; print(find_style('harvard-cite-them-right').path)")
mla=$(python -c "from acuref.styles import find_style; print(find_style('modern-language-association').path)")
CITEPROC_DIR="$(cd "$dir" && pwd)/node_modules" node tools/citeproc_js_divergences.mjs "$locales" "$asa" \
  tests/fixtures/cite/varied-items.json tests/fixtures/cite/real-items.json "$harvard" "$mla"
