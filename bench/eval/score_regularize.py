#!/usr/bin/python3
"""Measures score regularisation over newsdex's best articles: each article's score moves toward
the scores of the articles most like it (the cluster hypothesis: similar articles are relevant
to the same queries), one (alpha, k) a system, for cross_validate.py to choose.

    newsdex-eval --no-baseline --grid-docs 5 --grid-terms 30 --grid-weight 2 --runs RUNS
    bench/eval/score_regularize.py --runs RUNS --out reg.tsv
    bench/eval/cross_validate.py reg.tsv --baseline cranfield=0.3008,0.3610 ...

For every query, the best --depth articles of the engine's ranking (system --system) are
scored again as  (1 - alpha) x s(d) + alpha x sum over N_k(d) of sim(d, e) s(e) / sum of sim(d, e),
s being the engine's score over the best score, N_k(d) the k articles among them most similar
to d, sim the cosine of (1 + log tf) x log(N / df) vectors of the articles' whole text (title and
abstract; words lower-cased, stop words left out, English Snowball stems: an approximation of
the Analyzer's terms); the rest keep their order. "reg-a0-k<k>" is the engine's own ranking.
Writes a per-query file in newsdex-eval's format (AP over the whole ranking, nDCG@10).

Needs Debian's python3-xapian (run with /usr/bin/python3) for the stemmer.
"""
import argparse
import collections
import itertools
import math
import os
import re
import sys

import xapian

import linear_rerank as lr

DOCUMENTS = {"cranfield": "cran.all.1400", "cisi": "CISI.ALL", "medline": "MED.ALL"}


def read_documents(path):
    """SMART records -> {id: title and abstract}."""
    docs, current, field = {}, None, None
    with open(path, encoding="latin-1") as f:
        for line in f:
            line = line.rstrip("\r\n")
            m = re.match(r"^\.I\s+(\d+)", line)
            if m:
                current, field = m.group(1), None
                docs[current] = []
            elif re.match(r"^\.[A-Z]$", line):
                field = line[1]
            elif field in ("T", "W") and current:
                docs[current].append(line)
    return {k: " ".join(v) for k, v in docs.items()}


def vectors(docs, stopwords):
    """Unit-length (1 + log tf) x log(N / df) vectors of stems."""
    stem = xapian.Stem("english")
    counts = {k: collections.Counter(stem(w).decode() for w in re.findall(r"[a-z0-9]+", text.lower())
                                     if w not in stopwords) for k, text in docs.items()}
    df = collections.Counter(t for c in counts.values() for t in c)
    n = len(counts)
    out = {}
    for k, c in counts.items():
        v = {t: (1 + math.log(x)) * math.log(n / df[t]) for t, x in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[k] = {t: x / norm for t, x in v.items()}
    return out


def regularised(scores, sims, alpha, k):
    out = []
    for i, s in enumerate(scores):
        near = sorted((j for j in range(len(scores)) if j != i), key=lambda j: -sims[i][j])[:k]
        total = sum(max(sims[i][j], 0) for j in near)
        smooth = sum(max(sims[i][j], 0) * scores[j] for j in near) / total if total else s
        out.append((1 - alpha) * s + alpha * smooth)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", required=True, help="newsdex-eval --runs directory")
    ap.add_argument("--corpora", default=os.path.join(lr.ROOT, "..", "shared", "corpora"))
    ap.add_argument("--system", default="fb-d5-t30-w2", help="the engine's system to re-rank")
    ap.add_argument("--depth", type=int, default=100)
    ap.add_argument("--alpha", default="0,0.1,0.2,0.3,0.5,0.7,0.8,0.9")
    ap.add_argument("--k", default="3,5,10,20")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(os.path.join(lr.ROOT, "schema", "stopwords_en.txt"), encoding="utf-8") as f:
        stopwords = {w.strip() for w in f if w.strip() and not w.startswith("#")}
    alphas = [float(a) for a in args.alpha.split(",")]
    ks = [int(k) for k in args.k.split(",")]
    out = open(args.out, "w")
    out.write("collection\tsystem\tqid\trelevant\tap\tndcg10\n")
    for name, (_, rfile) in lr.COLLECTIONS.items():
        run_path = os.path.join(args.runs, f"{name}.{args.system}.run")
        if not os.path.exists(run_path):
            continue
        dirname = os.path.join(args.corpora, name)
        vec = vectors(read_documents(os.path.join(dirname, DOCUMENTS[name])), stopwords)
        run = lr.read_run(run_path)
        for qid, judged, relevant in lr.judged_queries(lr.read_qrels(os.path.join(dirname, rfile))):
            ranking = run.get(qid, [])
            head, tail = ranking[:args.depth], [d for d, _ in ranking[args.depth:]]
            ids = [d for d, _ in head]
            best = head[0][1] if head and head[0][1] > 0 else 1.0
            scores = [s / best for _, s in head]
            sims = [[sum(w * vec[b].get(t, 0.0) for t, w in vec[a].items()) for b in ids] for a in ids]
            for alpha, k in itertools.product(alphas, ks):
                if alpha == 0 and k != ks[0]:
                    continue
                new = regularised(scores, sims, alpha, k)
                order = [ids[i] for i in sorted(range(len(ids)), key=lambda i: -new[i])] + tail
                lr.write_row(out, name, f"reg-a{alpha:g}-k{k}", qid, relevant, order, judged)
        print(f"{name}: done", file=sys.stderr)
    out.close()


if __name__ == "__main__":
    main()
