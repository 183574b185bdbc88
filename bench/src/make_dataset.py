"""Builds Clay's intent benchmark datasets from the hand-written utterance lists in this folder.

Each intents_*.txt line is `intent: utterance | utterance | ...`; oos.txt is one line of out-of-scope utterances.
Splits are deterministic (seeded shuffle). Usage: python3 make_dataset.py
"""
import json, random, glob, os

here = os.path.dirname(os.path.abspath(__file__))
intents = {}
for f in sorted(glob.glob(os.path.join(here, "intents_*.txt"))):
    for line in open(f):
        if ":" not in line: continue
        name, rest = line.split(":", 1)
        utts = [u.strip() for u in rest.split("|") if u.strip()]
        assert name.strip() not in intents, name
        intents[name.strip()] = utts
oos = [u.strip() for u in open(os.path.join(here, "oos.txt")).read().split("|") if u.strip()]

def build(names, n_train, n_val, n_oos_train, n_oos_val, seed):
    rnd = random.Random(seed)
    d = {"train": [], "val": [], "test": [], "oos_train": [], "oos_val": [], "oos_test": []}
    for n in names:
        u = intents[n][:]
        rnd.shuffle(u)
        d["train"] += [[t, n] for t in u[:n_train]]
        d["val"] += [[t, n] for t in u[n_train:n_train + n_val]]
        d["test"] += [[t, n] for t in u[n_train + n_val:]]
    o = oos[:]
    rnd.shuffle(o)
    d["oos_train"] = [[t, "oos"] for t in o[:n_oos_train]]
    d["oos_val"] = [[t, "oos"] for t in o[n_oos_train:n_oos_train + n_oos_val]]
    d["oos_test"] = [[t, "oos"] for t in o[n_oos_train + n_oos_val:]]
    return d

def write(path, d):
    with open(path, "w") as f:
        f.write("{\n")
        keys = list(d)
        for i, k in enumerate(keys):
            f.write(' "%s": [\n' % k)
            f.write(",\n".join("  " + json.dumps(p) for p in d[k]))
            f.write("\n ]" + ("," if i < len(keys) - 1 else "") + "\n")
        f.write("}\n")

names = list(intents)
root = os.path.dirname(os.path.dirname(here))
write(os.path.join(root, "bench/data/intents-77.json"), build(names, 5, 2, 20, 40, 7))
small = names[::4]
write(os.path.join(root, "clay-intelligence/src/test/resources/clay/intelligence/intent/intents-small.json"),
      build(small, 5, 2, 10, 20, 11))
print(len(names), "intents,", len(oos), "oos;", len(small), "in the small set")
