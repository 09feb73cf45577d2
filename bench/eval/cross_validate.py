#!/usr/bin/env python3
"""Chooses one ranking configuration for all collections by k-fold cross-validation over queries.

    newsdex-eval --grid-docs 5,10 --grid-terms 10,30 --grid-weight 0.5,1 --per-query-file grid.tsv
    bench/eval/cross_validate.py grid.tsv [more.tsv ...] [--folds 5] [--seed 1] \
        [--baseline cranfield=0.3008,0.3610 --baseline cisi=0.2013,0.3568 ...]

Input: newsdex-eval's per-query files (collection, system, qid, relevant, AP, nDCG@10). Every
system found is a candidate; "xapian-baseline" never is. The queries of each collection are
shuffled (fixed seed) and dealt into the folds, so every fold holds about a fifth of every
collection, pooled. For each fold the candidate with the best training score is chosen and
scored on the fold's queries; the cross-validated figure of a collection is the mean over its
queries of those held-out scores. Training score: the mean over collections of
(MAP / reference MAP + nDCG@10 / reference nDCG@10) / 2 on the training queries, the reference
being the "no-feedback" system (or the first system) on the same queries, so that each
collection weighs the same whatever its number of queries.

Prints, per collection: the cross-validated MAP and nDCG@10, the full-data figures of the
configuration chosen on all queries, and with --baseline their ratios to those figures.
"""
import argparse
import collections
import random
import sys


def read(paths):
    scores = collections.defaultdict(dict)  # (collection, system) -> qid -> (ap, ndcg)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            if header[:6] != ["collection", "system", "qid", "relevant", "ap", "ndcg10"]:
                sys.exit(f"{path}:1: not a newsdex-eval --per-query-file (header {header})")
            for n, line in enumerate(f, start=2):
                cols = line.rstrip("\n").split("\t")
                if len(cols) != 6:
                    sys.exit(f"{path}:{n}: expected 6 tab-separated columns")
                scores[(cols[0], cols[1])][cols[2]] = (float(cols[4]), float(cols[5]))
    return scores


def mean(values):
    return sum(values) / len(values) if values else 0.0


def figures(table, qids):
    return mean([table[q][0] for q in qids]), mean([table[q][1] for q in qids])


def objective(scores, system, reference, qids_by_collection):
    total = 0.0
    for c, qids in qids_by_collection.items():
        m, n = figures(scores[(c, system)], qids)
        rm, rn = figures(scores[(c, reference)], qids)
        total += (m / rm if rm else 0) + (n / rn if rn else 0)
    return total / (2 * len(qids_by_collection))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--baseline", action="append", default=[], metavar="COLLECTION=MAP,NDCG")
    args = ap.parse_args()
    scores = read(args.files)
    collections_ = sorted({c for c, _ in scores}, key=lambda c: ["cranfield", "cisi", "medline"].index(c)
                          if c in ("cranfield", "cisi", "medline") else 9)
    systems = sorted({s for _, s in scores if s != "xapian-baseline"})
    reference = "no-feedback" if "no-feedback" in systems else systems[0]
    for c in collections_:
        for s in systems:
            if (c, s) not in scores:
                sys.exit(f"system {s} has no figures for {c}")
    qids = {c: sorted(scores[(c, reference)]) for c in collections_}
    rng = random.Random(args.seed)
    fold_of = {}
    for c in collections_:
        order = qids[c][:]
        rng.shuffle(order)
        for i, q in enumerate(order):
            fold_of[(c, q)] = i % args.folds

    held_out = {c: {} for c in collections_}
    chosen = []
    for k in range(args.folds):
        train = {c: [q for q in qids[c] if fold_of[(c, q)] != k] for c in collections_}
        best = max(systems, key=lambda s: (objective(scores, s, reference, train), s))
        chosen.append(best)
        for c in collections_:
            for q in qids[c]:
                if fold_of[(c, q)] == k:
                    held_out[c][q] = scores[(c, best)][q]
    full = max(systems, key=lambda s: (objective(scores, s, reference, qids), s))

    baselines = {}
    for b in args.baseline:
        name, _, values = b.partition("=")
        m, n = values.split(",")
        baselines[name] = (float(m), float(n))
    print(f"{len(systems)} candidates, {args.folds} folds (seed {args.seed}); chosen per fold: " + ", ".join(chosen))
    print(f"chosen on all queries: {full}")
    print(f"{'collection':12}{'queries':9}{'CV MAP':9}{'CV nDCG@10':12}{'full MAP':10}{'full nDCG@10':14}"
          f"{'ref MAP':9}{'ref nDCG@10':13}" + ("CV ratio MAP / nDCG   full ratio MAP / nDCG" if baselines else ""))
    for c in collections_:
        cv = figures(held_out[c], qids[c])
        fd = figures(scores[(c, full)], qids[c])
        ref = figures(scores[(c, reference)], qids[c])
        line = f"{c:12}{len(qids[c]):<9}{cv[0]:<9.4f}{cv[1]:<12.4f}{fd[0]:<10.4f}{fd[1]:<14.4f}{ref[0]:<9.4f}{ref[1]:<13.4f}"
        if c in baselines:
            bm, bn = baselines[c]
            line += f"{cv[0] / bm:.3f} / {cv[1] / bn:.3f}          {fd[0] / bm:.3f} / {fd[1] / bn:.3f}"
        print(line)


if __name__ == "__main__":
    main()
