#!/usr/bin/env python3
"""Sharded and remote searches against one database: the same Reuters xN archive indexed as one
database and as N shards, the shards served by xapian-tcpsrv on loopback ports, and the
benchmark query set (bench/queries.txt) timed by newsdex-bench-query on each.

    bench/shards.py --build BUILD_DIR [--scale 10] [--shards 4] [--out DIR] [--repeat 5]

Needs OUT/articles-x<scale>.jsonl from bench/prepare.py and xapian-tcpsrv (xapian-tools).
Prints a Markdown table: p50 / p95 / p99 in ms for top-10, + snippets, + exact facets, index
size and build time per layout. Servers are started and stopped by their process ids.
Run it niced: nice -n 10 bench/shards.py ...
"""
import argparse
import os
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ["top10", "snippets", "facets"]


def log(message):
    print("shards.py: " + message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dir_mb(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total / 1e6


def index(args, jsonl, db, shards):
    if os.path.exists(os.path.join(db, "XAPIANDB")):
        log("reusing " + db)
        return None
    command = [os.path.join(args.build, "indexer", "newsdex-index"), "--quiet", "--db", db, "--shards", str(shards), jsonl]
    log(" ".join(command))
    started = time.time()
    subprocess.run(command, check=True)
    return time.time() - started


def timings(args, db):
    command = [os.path.join(args.build, "bench", "newsdex-bench-query"), "--db", db,
               "--queries", os.path.join(HERE, "queries.txt"), "--repeat", str(args.repeat)]
    log(" ".join(command))
    out = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    runs = {mode: [] for mode in MODES}
    for line in out.splitlines():
        mode, _, _, micros, _ = line.split("\t")
        runs[mode].append(float(micros) / 1000.0)
    return runs


def percentile(values, p):
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def cell(values):
    return " / ".join("%.3g" % percentile(values, p) for p in (50, 95, 99))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    jsonl = os.path.join(args.out, "articles-x%d.jsonl" % args.scale)
    one = os.path.join(args.out, "x%d-one" % args.scale)
    sharded = os.path.join(args.out, "x%d-shards%d" % (args.scale, args.shards))
    built = {"one database": index(args, jsonl, one, 1), "local shards": index(args, jsonl, sharded, args.shards)}
    built["remote shards"] = built["local shards"]
    sizes = {"one database": dir_mb(one), "local shards": dir_mb(sharded)}
    sizes["remote shards"] = sizes["local shards"]
    servers, lines = [], []
    remote = os.path.join(args.out, "x%d-remote%d" % (args.scale, args.shards))
    try:
        for i in range(args.shards):
            port = free_port()
            path = os.path.join(sharded, "shard-%d" % i)
            servers.append(subprocess.Popen(["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1",
                                             "--port", str(port), path], start_new_session=True))
            lines.append("remote 127.0.0.1:%d" % port)
        for port in (int(l.rsplit(":", 1)[1]) for l in lines):
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", port), 1).close()
                    break
                except OSError:
                    time.sleep(0.05)
        os.makedirs(remote, exist_ok=True)
        with open(os.path.join(remote, "XAPIANDB"), "w") as stub:
            stub.write("".join(l + "\n" for l in lines))
        results = {"one database": timings(args, one), "local shards": timings(args, sharded),
                   "remote shards": timings(args, remote)}
    finally:
        for server in servers:
            os.killpg(server.pid, 15)  # the server and the children it forked per connection
            server.wait()
    print("| layout | build s | index MB | top-10 ms p50 / p95 / p99 | + snippets | + snippets + facets |")
    print("|---|---|---|---|---|---|")
    for name, runs in results.items():
        took = built[name]
        print("| %s | %s | %.0f | %s | %s | %s |" % (name, "%.0f" % took if took else "–", sizes[name],
                                                     cell(runs["top10"]), cell(runs["snippets"]), cell(runs["facets"])))


if __name__ == "__main__":
    main()
