#!/usr/bin/env python3
"""Assigns each question of tests/corpus/*.tsv to a split (the `split` column), in place.

- test: every question of one whole author (HELD_OUT), plus 20 % of the others' questions;
- dev: 20 % of what is left; train: the rest.
- The suites tuned on in earlier versions (authors starting with `v2-`) join train and dev only.

A question's split depends only on SEED, its author and its text (a hash), so adding
questions never moves the others. The same question written by several authors (`formation
alpha`) stands in one split only, the first of test, dev, train that any of its copies falls
in: what is scored is never also fitted on; and never in test when an earlier version was
tuned on it (a `v2-` suite has it). Run it after adding questions; never to move a
question of the test split elsewhere.
"""
import hashlib
import pathlib
import re
import unicodedata

SEED = "ecosys-corpus-2026-12-01"
# Chosen once, by random.Random(SEED).choice over the six authors (sorted), before any score.
HELD_OUT = "legal"
HEADER = "query\ttop1\ttop3\tcategory\tauthor\tsplit\tnote"


def bucket(author, query):
    digest = hashlib.sha256(f"{SEED}\t{author}\t{query}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 100


def split(author, query):
    b = bucket(author, query)
    if author.startswith("v2-"):
        return "dev" if b < 20 else "train"
    if author == HELD_OUT or b < 20:
        return "test"
    return "dev" if b < 36 else "train"


def same(query):
    """What makes two questions the same: case, accents and punctuation aside (as
    tests/corpus.rs checks it)."""
    folded = query.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    folded = unicodedata.normalize("NFKD", folded)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def main():
    root = pathlib.Path(__file__).resolve().parent.parent / "tests" / "corpus"
    files = {}
    for path in sorted(root.glob("*.tsv")):
        if path.name == "scores.tsv":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == HEADER, f"{path}: header"
        files[path] = [line.split("\t") for line in lines[1:]]
    order = ["test", "dev", "train"]
    group, tuned = {}, {}
    for rows in files.values():
        for cols in rows:
            key, own = same(cols[0]), split(cols[4], cols[0])
            group[key] = min(group.get(key, own), own, key=order.index)
            if cols[4].startswith("v2-"):
                tuned[key] = min(tuned.get(key, own), own, key=order.index)
    group.update(tuned)
    for path, rows in files.items():
        out = [HEADER]
        for cols in rows:
            cols[5] = group[same(cols[0])]
            out.append("\t".join(cols))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
