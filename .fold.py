import random, sys, pycrfsuite, json
sys.path.insert(0, "tools")
from train_parser import train, evaluate, report, load_examples, DATA
ex = load_examples(DATA)
order = list(range(len(ex))); random.Random(15).shuffle(order)
held = set(order[int(sys.argv[1])::5])
path = f"/tmp/fold{sys.argv[1]}_{sys.argv[2]}.crfsuite"
import train_parser as T
params = dict(T.PARAMS, **json.loads(sys.argv[3])) if len(sys.argv) > 3 else T.PARAMS
train([e for i, e in enumerate(ex) if i not in held], path, params)
tg = pycrfsuite.Tagger(); tg.open(path)
r = report(evaluate([ex[i] for i in sorted(held)], tg))
print(sys.argv[2], {k: (v["strings"], v["first_author_year_title"], v["fields"]["title"]["share"]) for k, v in r.items()})
