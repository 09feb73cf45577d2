#!/usr/bin/env python3
"""Load benchmark of newsdex-serve with wrk: mixed searches with facets against a Reuters xN index.

Starts newsdex-serve on a free loopback port over the newsdex index of bench/run.py (built here
with newsdex-index when missing), warms it up, then runs wrk (32 connections, 30 s by default)
over the queries of bench/queries.txt, each sent as /api/search with company, place and year
facets, a fifth of them with a year filter and a fifth sorted by date. Prints requests/s, the
latency percentiles and errors from wrk, and the server's own count of answered requests.
Not a test: nothing is asserted. Figures go to bench/RESULTS.md with the command.

    nice -n 10 bench/serve_load.py --build build --scale 10
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

here = os.path.dirname(os.path.abspath(__file__))


def queries():
    out = []
    for line in open(os.path.join(here, "queries.txt")):
        if line.strip() and not line.startswith("#"):
            out.append(line.split("|")[1].strip())
    return out


def paths(scale):
    result = []
    for i, q in enumerate(queries()):
        params = [("q", q), ("facet", "company,place,year"), ("limit", "10")]
        if i % 5 == 1:
            params.append(("filter", f"year={1987 + i % max(scale, 1)}"))
        if i % 5 == 3:
            params.append(("sort", "date"))
        result.append("/api/search?" + urllib.parse.urlencode(params))
    return result


LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build", help="build directory (newsdex-serve, newsdex-index)")
    ap.add_argument("--out", default=os.path.join(here, "out"), help="bench/run.py's output directory")
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--duration", type=int, default=30, help="seconds")
    ap.add_argument("--threads", type=int, default=0, help="newsdex-serve --threads (default: its own)")
    args = ap.parse_args()

    serve = os.path.join(args.build, "server", "newsdex-serve")
    db = os.path.join(args.out, f"newsdex-x{args.scale}")
    if not os.path.isdir(db):
        corpus = os.path.join(args.out, f"articles-x{args.scale}.jsonl")
        if not os.path.exists(corpus):
            subprocess.run([sys.executable, os.path.join(here, "prepare.py"), "--out", args.out,
                            "--scales", str(args.scale)], check=True)
        print(f"indexing {corpus} into {db}", file=sys.stderr)
        subprocess.run([os.path.join(args.build, "indexer", "newsdex-index"), "--db", db, "--quiet", "--jobs", "2",
                        corpus], check=True)
    log = tempfile.NamedTemporaryFile("w+", prefix="newsdex-serve-bench.", suffix=".log")
    cmd = [serve, "--db", db, "--listen", "127.0.0.1:0"] + (["--threads", str(args.threads)] if args.threads else [])
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        base = server.stdout.readline().split()[-1].rstrip("/")
        requests = paths(args.scale)
        for p in requests:  # warm-up: each query once, and the facet rows are read
            urllib.request.urlopen(base + p, timeout=60).read()
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA % ", ".join('"%s"' % p for p in requests))
        before = time.time()
        wrk = subprocess.run(["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.duration}s", "--latency",
                              "--timeout", "5s", "-s", script.name, base], capture_output=True, text=True, check=True)
        elapsed = time.time() - before
        os.unlink(script.name)
        stats = urllib.request.urlopen(base + "/api/stats").read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(wrk.stdout)
    log.seek(0)
    lines = log.read().splitlines()
    statuses = {}
    for line in lines:
        m = re.match(r"GET /api/search (\d+) ", line)
        if m:
            statuses[m.group(1)] = statuses.get(m.group(1), 0) + 1
    print(f"server log: /api/search statuses {statuses} over {len(requests)} distinct requests; wrk ran {elapsed:.1f} s")
    print("stats:", " ".join(stats.split()))


if __name__ == "__main__":
    main()
