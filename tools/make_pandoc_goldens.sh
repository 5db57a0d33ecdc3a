#!/usr/bin/env bash
# Record pandoc's own citeproc output for tests/fixtures/pandoc/forms.md (every form of pandoc's
# citation syntax), as goldens for tests/test_pandoc_syntax.py. Needs pandoc (Debian package,
# 2.17 here); the tests do not. Plain text (-t plain --wrap=none): the comparison is about
# citations, not about how two Markdown writers escape characters.
set -euo pipefail
cd "$(dirname "$0")/.."
for style in apa chicago-author-date harvard-cite-them-right modern-language-association ieee \
             chicago-notes-bibliography-subsequent-ibid; do
  csl=$(python -c "from acuref.styles import find_style; print(find_style('$style').path)")
  pandoc --citeproc --csl "$csl" --bibliography tests/fixtures/pandoc/refs.json -t plain --wrap=none \
    tests/fixtures/pandoc/forms.md > "tests/golden/pandoc/forms.$style.txt"
done
pandoc --version | head -1 > tests/golden/pandoc/PANDOC_VERSION
echo "goldens written to tests/golden/pandoc/"
