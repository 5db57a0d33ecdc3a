#!/usr/bin/env bash
# Record pandoc's own citeproc output for the draft fixtures, as goldens for tests/test_render.py.
# Needs pandoc (Debian: apt-get install pandoc; 2.17 here). The tests do not need pandoc.
# Output: plain text (-t plain --wrap=none) so the comparison is about citations and the bibliography,
# not about how two Markdown writers escape characters.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python -m acuref export --to csl-json --store data/references.toml > "$tmp/refs.json"
for style in harvard-cite-them-right apa; do
  csl=$(python -c "from acuref.styles import find_style; print(find_style('$style').path)")
  for draft in tests/fixtures/drafts/*.md; do
    name=$(basename "$draft" .md)
    # pandoc knows no aliases: give it the canonical keys, as acuref resolves them
    sed -e 's/@delize1992/@deluze1992/g' -e 's/@zhishun2017/@liu2017/g' "$draft" > "$tmp/$name.md"
    pandoc --citeproc --csl "$csl" --bibliography "$tmp/refs.json" -t plain --wrap=none "$tmp/$name.md" \
      > "tests/golden/render/$name.$style.txt"
  done
done
pandoc --version | head -1 > tests/golden/render/PANDOC_VERSION
echo "goldens written to tests/golden/render/"
