import random, sys, tempfile, pycrfsuite
sys.path.insert(0, "tools")
from train_parser import train, family, values, load_examples, DATA
from acuref.parser import parse_string
from acuref.parser.reference import Segment, build_reference
ex = load_examples(DATA)
order = list(range(len(ex))); random.Random(15).shuffle(order)
held = set(order[0::5])
train([e for i, e in enumerate(ex) if i not in held], "/tmp/fold.crfsuite")
tg = pycrfsuite.Tagger(); tg.open("/tmp/fold.crfsuite")
want = set(sys.argv[1:])
for i in sorted(held):
    e = ex[i]
    gs = [Segment(l, t) for l, t in e.segments]
    if family(gs) not in want: continue
    print("##", family(gs))
    g = values(build_reference(e.text, gs).reference); p = parse_string(e.text, tagger=tg)
    pv = values(p.reference)
    first = lambda v: v.get("author", ("",))[:1]
    if not (first(g) == first(pv) and g.get("issued") == pv.get("issued") and g.get("title") == pv.get("title")):
        print(e.text)
        print("  GOLD", [(l, t) for l, t in e.segments])
        print("  GOT ", [(s.label, s.text) for s in p.segments])
        print("  diff", {k: (g.get(k), pv.get(k)) for k in ("author","issued","title") if g.get(k) != pv.get(k)})
