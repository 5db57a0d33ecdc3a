from acuref.parser import parse_string
from pathlib import Path
rows = [l.split("\t") for l in Path("tests/fixtures/parser/written.tsv").read_text().splitlines() if l and not l.startswith("#")]
names = ["author", "year", "title", "container-title", "volume", "issue", "page"]
from collections import Counter
tot = Counter(); right = Counter(); core = Counter(); n = Counter()
for form, s, *want in rows:
    r = parse_string(s).reference
    got = [r.author[0].family or r.author[0].literal if r and r.author else "", str(r.year or "") if r else "", r.title if r else "",
           *(r.fields.get(k, "") if r else "" for k in names[3:])]
    n[form] += 1
    if got[:3] == want[:3]: core[form] += 1
    for k, g, w in zip(names, got, want):
        if w or g:
            tot[form, k] += 1; right[form, k] += g == w
    if got != want:
        print(form, s[:90]); print("   ", [(k, g, w) for k, g, w in zip(names, got, want) if g != w])
for form in n:
    print(form, n[form], core[form] / n[form], {k: round(right[form, k] / tot[form, k], 2) for k in names if tot[form, k]})
