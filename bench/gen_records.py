#!/usr/bin/env python3
"""Writes synthetic `silkgraph extract` records for graph benchmarks.

    gen_records.py --edges 1000000 [--nodes 200000] [--seed 1] > records.jsonl

Entities are drawn with a Zipf-like skew (a few hubs, a long tail), as in news, over the five
entity types; each record is one evidence sentence of one document. About --edges distinct
(subject, relation, object) edges result, some with several sentences of evidence.
"""
import argparse
import json
import random
import sys

RELATIONS = ["MEETS", "VISITS", "CALLS", "SIGNS_AGREEMENT", "COOPERATES_WITH",
             "MILITARY_COOPERATION", "TRADES_WITH", "LENDS_TO", "INVESTS_IN", "SUPPLIES",
             "SUPPORTS", "OPPOSES", "CRITICIZES", "SANCTIONS", "ATTACKS", "AWARDS", "DEPENDS_ON",
             "COMPETES_WITH", "LEADER_OF", "AFFILIATED_WITH", "MEMBER_OF", "LOCATED_IN", "BORDERS"]
TYPES = ["PERSON", "COUNTRY", "REGION", "CITY", "ORG"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--nodes", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-doc", type=int, default=20, help="records per document")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    names = [f"Entity {i:06d}" for i in range(args.nodes)]
    types = [TYPES[i % len(TYPES)] for i in range(args.nodes)]
    # Zipf-like weights: node k drawn with weight 1/(k+1)^0.8.
    weights = [1.0 / (k + 1) ** 0.8 for k in range(args.nodes)]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)

    def pick():
        import bisect
        return bisect.bisect_left(cum, rng.random() * total)

    out = sys.stdout
    seen = set()
    doc = 0
    written = 0
    while len(seen) < args.edges:
        s, o = pick(), pick()
        if s == o:
            continue
        rel = RELATIONS[rng.randrange(len(RELATIONS))]
        seen.add((s, rel, o))
        if written % args.per_doc == 0:
            doc += 1
        sentence = f"{names[s]} and {names[o]} appear in sentence {written}."
        rec = {"doc": f"doc-{doc:07d}", "subject": names[s], "subject_type": types[s],
               "relation": rel, "object": names[o], "object_type": types[o],
               "sentence": sentence, "offset": [written % 1000 * 60, written % 1000 * 60 + len(sentence)],
               "rule": f"{rel.lower()}.synthetic", "negated": False, "modality": "asserted",
               "date": f"20{10 + doc % 15:02d}-{1 + doc % 12:02d}-{1 + doc % 28:02d}",
               "subject_text": names[s], "object_text": names[o]}
        out.write(json.dumps(rec, separators=(",", ":")) + "\n")
        written += 1
    print(f"gen_records: {written} records, {len(seen)} distinct edges, {doc} documents",
          file=sys.stderr)


if __name__ == "__main__":
    main()
