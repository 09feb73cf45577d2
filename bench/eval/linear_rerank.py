#!/usr/bin/python3
"""Measures a linear re-ranker over newsdex's first page: features of each query's best articles
combined with the engine's score, one weight vector a system, for cross_validate.py to choose.

    newsdex-eval --no-baseline --keep-index IDX --runs RUNS      # the default system's runs
    bench/eval/linear_rerank.py --index IDX --runs RUNS --out rerank.tsv
    bench/eval/cross_validate.py rerank.tsv --baseline cranfield=0.3008,0.3610 ...

For every query, the best --depth articles of the engine's ranking (system --system) are
scored again as  score / best score + sum of w_i x feature_i  and re-sorted; the rest keep
their order. The features, each in [0, 1]:
  coverage   the idf-weighted share of the query's words the article has
  title      the share of the query's words in its title
  proximity  the share of consecutive query words within 8 words of each other in it
  first      its first-pass (no feedback) score over the best first-pass score
Every weight vector of the grid (--weights values for each feature) is a system named
"lr-<weights>"; "lr-0-0-0-0" is the engine's own ranking. Writes a per-query file in
newsdex-eval's format (AP over the whole ranking, nDCG@10), so the choice among the systems
is made by the same pooled cross-validation as every other ranking decision (docs/ranking.md).

Needs Debian's python3-xapian (run with /usr/bin/python3). Query words: lower-cased letters
and digits, stop words (schema/stopwords_en.txt) left out, English Snowball stems: the
Analyzer's terms for plain words.
"""
import argparse
import itertools
import math
import os
import re
import sys

import xapian

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
COLLECTIONS = {  # name -> (documents, queries, qrels, qrels columns)
    "cranfield": ("cran.qry", "cran.qrels"),
    "cisi": ("CISI.QRY", "CISI.REL"),
    "medline": ("MED.QRY", "MED.REL"),
}
WINDOW = 8


def read_queries(path):
    """SMART .I/.W records -> {ordinal as str: text}."""
    queries, text, n, field = {}, [], 0, None
    with open(path, encoding="latin-1") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith(".I"):
                if n:
                    queries[str(n)] = " ".join(text)
                n, text, field = n + 1, [], None
            elif re.match(r"^\.[A-Z]$", line):
                field = line[1]
            elif field == "W":
                text.append(line)
    if n:
        queries[str(n)] = " ".join(text)
    return queries


def read_qrels(path):
    """The same conventions as bench/eval/qrels.cpp: grades > 0 relevant."""
    qrels = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            cols = line.split()
            if not cols:
                continue
            if len(cols) == 3:  # Cranfield: codes 1..4 are grades 4..1, -1 not relevant
                code = int(cols[2])
                doc, grade = cols[1], 5 - code if 1 <= code <= 4 else 0
            elif re.fullmatch(r"-?\d+", cols[3]):  # TREC: qid iter doc grade
                doc, grade = cols[2], max(int(cols[3]), 0)
            else:  # pairs: qid doc ...
                doc, grade = cols[1], 1
            qrels.setdefault(cols[0], {})[doc] = grade
    return qrels


def read_run(path):
    run = {}
    with open(path) as f:
        for line in f:
            qid, _, doc, _, score, _ = line.split()
            run.setdefault(qid, []).append((doc, float(score)))
    return run


def judged_queries(qrels):
    """(qid, judgments, relevant count) of every query with a relevant document, in qid order."""
    for qid, judged in sorted(qrels.items(), key=lambda kv: int(kv[0])):
        relevant = sum(1 for g in judged.values() if g > 0)
        if relevant:
            yield qid, judged, relevant


def write_row(out, collection, system, qid, relevant, order, judged):
    """One line of a per-query file in newsdex-eval's format."""
    out.write(f"{collection}\t{system}\t{qid}\t{relevant}\t{average_precision(order, judged):.6f}\t"
              f"{ndcg10(order, judged):.6f}\n")


def average_precision(ranking, judged):
    relevant = sum(1 for g in judged.values() if g > 0)
    if relevant == 0:
        return 0.0
    found, total = 0, 0.0
    for i, doc in enumerate(ranking):
        if judged.get(doc, 0) > 0:
            found += 1
            total += found / (i + 1)
    return total / relevant


def ndcg10(ranking, judged):
    dcg = sum(max(judged.get(d, 0), 0) / math.log2(i + 2) for i, d in enumerate(ranking[:10]))
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


class Features:
    def __init__(self, db_path, stopwords):
        self.db = xapian.Database(db_path)
        self.stem = xapian.Stem("english")
        self.stopwords = stopwords
        self.n = self.db.get_doccount()

    def terms(self, text):
        words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in self.stopwords]
        return [t for t in (self.stem(w).decode() if not w.isdigit() else w for w in words)
                if self.db.get_termfreq(t) > 0]

    def docid(self, article):
        for p in self.db.postlist("Q" + article):
            return p.docid
        raise SystemExit(f"article {article} not in the index")

    def of(self, article, terms):
        did = self.docid(article)
        unique = list(dict.fromkeys(terms))
        doc_terms = {}
        for t in unique:
            plist = self.db.postlist(t)
            try:
                p = plist.skip_to(did)
                if p.docid == did:
                    doc_terms[t] = True
            except StopIteration:
                pass
        idf = {t: math.log((self.n + 1) / (self.db.get_termfreq(t) + 0.5)) for t in unique}
        total = sum(idf.values()) or 1.0
        coverage = sum(idf[t] for t in doc_terms) / total
        title = 0.0
        if unique:
            title = sum(1 for t in unique if self.db.get_termfreq("S" + t) and self.has(did, "S" + t)) / len(unique)
        pairs = [(a, b) for a, b in zip(terms, terms[1:]) if a != b]
        near = 0
        for a, b in pairs:
            if a in doc_terms and b in doc_terms and self.within(did, a, b):
                near += 1
        proximity = near / len(pairs) if pairs else 0.0
        return coverage, title, proximity

    def has(self, did, term):
        try:
            p = self.db.postlist(term).skip_to(did)
            return p.docid == did
        except StopIteration:
            return False

    def within(self, did, a, b):
        pa = list(self.db.positionlist(did, a))
        pb = list(self.db.positionlist(did, b))
        i = j = 0
        while i < len(pa) and j < len(pb):
            if abs(pa[i] - pb[j]) <= WINDOW:
                return True
            if pa[i] < pb[j]:
                i += 1
            else:
                j += 1
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", required=True, help="newsdex-eval --keep-index directory")
    ap.add_argument("--runs", required=True, help="newsdex-eval --runs directory")
    ap.add_argument("--corpora", default=os.path.join(ROOT, "..", "shared", "corpora"))
    ap.add_argument("--system", default="fb-d5-t30-w2", help="the engine's system to re-rank")
    ap.add_argument("--first", default="no-feedback", help="the first-pass system (feature 'first')")
    ap.add_argument("--depth", type=int, default=100)
    ap.add_argument("--weights", default="0,0.1,0.2,0.4", help="values of each feature's weight")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(os.path.join(ROOT, "schema", "stopwords_en.txt"), encoding="utf-8") as f:
        stopwords = {w.strip() for w in f if w.strip() and not w.startswith("#")}
    values = [float(v) for v in args.weights.split(",")]
    grid = list(itertools.product(values, repeat=4))
    out = open(args.out, "w")
    out.write("collection\tsystem\tqid\trelevant\tap\tndcg10\n")
    for name, (qfile, rfile) in COLLECTIONS.items():
        db_path = os.path.join(args.index, name)
        if not os.path.exists(db_path):
            continue
        dirname = os.path.join(args.corpora, name)
        queries = read_queries(os.path.join(dirname, qfile))
        qrels = read_qrels(os.path.join(dirname, rfile))
        run = read_run(os.path.join(args.runs, f"{name}.{args.system}.run"))
        first = read_run(os.path.join(args.runs, f"{name}.{args.first}.run"))
        features = Features(db_path, stopwords)
        for qid, judged, relevant in judged_queries(qrels):
            ranking = run.get(qid, [])
            head, tail = ranking[:args.depth], [d for d, _ in ranking[args.depth:]]
            terms = features.terms(queries[qid])
            firsts = dict(first.get(qid, []))
            best_first = max(firsts.values(), default=0) or 1.0
            best = head[0][1] if head and head[0][1] > 0 else 1.0
            rows = [(doc, score / best, *features.of(doc, terms), firsts.get(doc, 0.0) / best_first)
                    for doc, score in head]
            for w in grid:
                scored = sorted(rows, key=lambda r: -(r[1] + w[0] * r[2] + w[1] * r[3] + w[2] * r[4] + w[3] * r[5]))
                tag = "lr-" + "-".join(f"{x:g}" for x in w)
                write_row(out, name, tag, qid, relevant, [r[0] for r in scored] + tail, judged)
        print(f"{name}: {len(qrels)} queries", file=sys.stderr)
    out.close()


if __name__ == "__main__":
    main()
