#!/usr/bin/env python3
"""Converts BANKING77-OOS (github.com/jianguoz/Few-Shot-Intent-Detection, Datasets/BANKING77-OOS) to the CLINC150
JSON layout that `clay bench intents --data` reads. Usage: banking77_oos.py DATASET_DIR OUT_DIR
Writes id-oos.json (in-domain out-of-scope), ood-oos.json (out-of-domain) and all-oos.json (both)."""
import json
import os
import sys


def read(base, part):
    with open(os.path.join(base, part, "seq.in")) as s, open(os.path.join(base, part, "label")) as l:
        texts, labels = s.read().splitlines(), l.read().splitlines()
    if len(texts) != len(labels):
        sys.exit(f"{part}: {len(texts)} utterances but {len(labels)} labels")
    return [[t.strip(), y.strip()] for t, y in zip(texts, labels)]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    base, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    splits = {"train": read(base, "train"), "val": read(base, "valid"), "test": read(base, "test")}
    oos = {kind: {split: [[t, "oos"] for t, _ in read(base, f"{kind}/{split}")] for split in ("valid", "test")}
           for kind in ("id-oos", "ood-oos")}
    for name, kinds in (("id-oos", ["id-oos"]), ("ood-oos", ["ood-oos"]), ("all-oos", ["id-oos", "ood-oos"])):
        data = dict(splits)
        data["oos_val"] = [p for k in kinds for p in oos[k]["valid"]]
        data["oos_test"] = [p for k in kinds for p in oos[k]["test"]]
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(data, f)


if __name__ == "__main__":
    main()
