#!/usr/bin/env python3
"""The SQLite FTS5 side of the benchmark, through Python's sqlite3 module (SQLite's own C code
does the tokenizing, indexing and ranking; Python only feeds rows and reads ten results).

    bench/fts5.py index --db FILE articles.jsonl      build FILE anew (no optimize)
    bench/fts5.py finish --db FILE                    optimize + VACUUM only (timed separately)
    bench/fts5.py query --db FILE --queries bench/queries.txt [--repeat N]

Table: articles(title, body, id UNINDEXED, year UNINDEXED), tokenize = 'porter unicode61',
detail=full (positions, for phrases). Ranking bm25() with the title weighted 3 as in newsdex.
Query output: the tab-separated lines of newsdex-bench-query (mode query run microseconds matches).
Facets: FTS5 has no entities, so only the year facet: a GROUP BY year over the same MATCH
(second statement), which visits every match as an exact facet must.
"""
import argparse
import json
import os
import sqlite3
import sys
import time

BATCH = 2000  # rows per transaction, as newsdex-index commits


def connect(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def index(args):
    if os.path.exists(args.db):
        os.remove(args.db)
    db = connect(args.db)
    db.execute("CREATE VIRTUAL TABLE articles USING fts5("
               "title, body, id UNINDEXED, year UNINDEXED, tokenize='porter unicode61')")
    insert = "INSERT INTO articles(title, body, id, year) VALUES (?, ?, ?, ?)"
    rows, count = [], 0
    with open(args.input, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            rows.append((r.get("title", ""), r["body"], r["id"], (r.get("date") or "")[:4] or None))
            if len(rows) == BATCH:
                count += flush(db, insert, rows)
    count += flush(db, insert, rows)
    db.close()
    print("fts5: %d articles" % count, file=sys.stderr)


def flush(db, insert, rows):
    db.execute("BEGIN")
    db.executemany(insert, rows)
    db.execute("COMMIT")
    n = len(rows)
    rows.clear()
    return n


def finish(args):
    db = connect(args.db)
    db.execute("INSERT INTO articles(articles) VALUES ('optimize')")  # merge all b-trees into one
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("VACUUM")
    db.close()


def parse_query(text):
    """'oil; year=1987' -> ('oil', '1987'); 'oil' -> ('oil', None)."""
    match, _, rest = text.partition(";")
    rest = rest.strip()
    return match.strip(), (rest.split("=", 1)[1].strip() if rest.startswith("year=") else None)


TOP10 = ("SELECT id, title, {snippet} FROM articles WHERE articles MATCH ?{year} "
         "ORDER BY bm25(articles, 3.0, 1.0) LIMIT 10")
COUNT = "SELECT count(*) FROM articles WHERE articles MATCH ?{year}"
YEARS = "SELECT year, count(*) FROM articles WHERE articles MATCH ?{year} GROUP BY year"
SNIPPET = "snippet(articles, 1, '[', ']', '…', 40)"


def run_query(db, text, mode):
    match, year = parse_query(text)
    params = (match, year) if year else (match,)
    where = " AND year = ?" if year else ""
    db.execute(TOP10.format(snippet=SNIPPET if mode != "top10" else "NULL", year=where), params).fetchall()
    if mode == "facets":
        years = db.execute(YEARS.format(year=where), params).fetchall()
        return sum(n for _, n in years)
    # FTS5 gives no match estimate; the other engines' estimates are free. Counting would
    # double the work, so the top-10 modes report -1 (only facets mode knows the count).
    return -1


def query(args):
    queries = []
    with open(args.queries, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                queries.append(line.split(" | ")[3])
    db = connect(args.db)
    out = sys.stdout
    for mode in ("top10", "snippets", "facets"):
        for q, text in enumerate(queries):
            run_query(db, text, mode)  # warm-up
            for r in range(args.repeat):
                start = time.perf_counter()
                matches = run_query(db, text, mode)
                micros = (time.perf_counter() - start) * 1e6
                out.write("%s\t%d\t%d\t%.1f\t%d\n" % (mode, q, r, micros, matches))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index")
    p.add_argument("--db", required=True)
    p.add_argument("input")
    p.set_defaults(func=index)
    p = sub.add_parser("finish")
    p.add_argument("--db", required=True)
    p.set_defaults(func=finish)
    p = sub.add_parser("query")
    p.add_argument("--db", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--repeat", type=int, default=5)
    p.set_defaults(func=query)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
