#!/usr/bin/env python3
"""Load benchmark of newsdex-serve with wrk: mixed searches with facets against a Reuters xN index.

Starts newsdex-serve on a free loopback port over the newsdex index of bench/run.py (built here
with newsdex-index when missing), warms it up, then runs wrk (32 connections, 30 s by default)
over the queries of bench/queries.txt, each sent as /api/search with company, place and year
facets, a fifth of them with a year filter and a fifth sorted by date. Prints requests/s, the
latency percentiles and errors from wrk, the server's own count of answered requests, its CPU
time per request, and the load average before and after each run. By default it runs twice on
the same index: with the response cache off (--cache-mb 0: every request searched, the engine's
figure) and with the server's default cache (the same 59 requests over and over: mostly hits).
Not a test: nothing is asserted. Figures go to bench/RESULTS.md with the command.

From a fresh clone (Debian 12, after scripts/install-deps.sh, which installs wrk):
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_BUILD_TESTS=OFF
    cmake --build build -j2 --target newsdex-serve newsdex-index
    nice -n 10 bench/serve_load.py --build build --scale 10
The corpus (bench/prepare.py, from the checkout's ../shared/corpora/reuters21578 when there, else
prepare.py's default) and the index are made under bench/out/ when missing; an index of another
schema version is rebuilt (the ×10 index takes about 5 CPU-minutes).
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


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def load_average():
    return "%.2f %.2f %.2f" % os.getloadavg()


def index(args, db, *extra):
    corpus = os.path.join(args.out, f"articles-x{args.scale}.jsonl")
    if not os.path.exists(corpus):
        reuters = os.path.join(here, "..", "..", "shared", "corpora", "reuters21578")  # ../shared of the checkout
        subprocess.run([sys.executable, os.path.join(here, "prepare.py"), "--out", args.out, "--scales", str(args.scale)]
                       + (["--reuters", reuters] if os.path.isdir(reuters) else []), check=True)
    print(f"indexing {corpus} into {db}", file=sys.stderr)
    subprocess.run([os.path.join(args.build, "indexer", "newsdex-index"), "--db", db, "--quiet", "--jobs", "2",
                    *extra, corpus], check=True)


def start(args, db, cache_mb, log):
    """newsdex-serve on a free port and its base URL; the index rebuilt once if it has another schema."""
    serve = os.path.join(args.build, "server", "newsdex-serve")
    cmd = [serve, "--db", db, "--listen", "127.0.0.1:0", "--cache-mb", str(cache_mb)]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    for attempt in range(2):
        server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True)
        line = server.stdout.readline()
        if line.startswith("listening on "):
            return server, line.split()[-1].rstrip("/")
        server.wait()
        log.seek(0)
        message = log.read()
        if attempt == 0 and "schema version" in message:
            index(args, db, "--rebuild")
            log.seek(0)
            log.truncate()
            continue
        sys.exit("serve_load.py: newsdex-serve did not start: " + message.strip()[-500:])


def run(args, db, cache_mb):
    log = tempfile.NamedTemporaryFile("w+", prefix="newsdex-serve-bench.", suffix=".log")
    server, base = start(args, db, cache_mb, log)
    try:
        requests = paths(args.scale)
        for p in requests:  # warm-up: each query once, and the facet rows are read
            urllib.request.urlopen(base + p, timeout=60).read()
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA % ", ".join('"%s"' % p for p in requests))
        load_before, cpu_before, before = load_average(), cpu_seconds(server.pid), time.time()
        wrk = subprocess.run(["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.duration}s", "--latency",
                              "--timeout", "5s", "-s", script.name, base], capture_output=True, text=True, check=True)
        elapsed, cpu, load_after = time.time() - before, cpu_seconds(server.pid) - cpu_before, load_average()
        os.unlink(script.name)
        stats = urllib.request.urlopen(base + "/api/stats").read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"== newsdex-serve --cache-mb {cache_mb}: load average before {load_before}, after {load_after}")
    print(wrk.stdout)
    log.seek(0)
    statuses = {}
    for line in log.read().splitlines():
        m = re.match(r"GET /api/search (\d+) ", line)
        if m:
            statuses[m.group(1)] = statuses.get(m.group(1), 0) + 1
    timed = sum(statuses.values()) - len(requests)  # the warm-up's are logged too
    print(f"server log: /api/search statuses {statuses} over {len(requests)} distinct requests; wrk ran {elapsed:.1f} s")
    print(f"server CPU: {cpu:.1f} s for {timed} requests, {1000 * cpu / max(timed, 1):.3f} ms per request")
    print("stats:", " ".join(stats.split()))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build", help="build directory (newsdex-serve, newsdex-index)")
    ap.add_argument("--out", default=os.path.join(here, "out"), help="bench/run.py's output directory")
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--duration", type=int, default=30, help="seconds")
    ap.add_argument("--threads", type=int, default=0, help="newsdex-serve --threads (default: its own)")
    ap.add_argument("--cache-mb", default="0,64",
                    help="newsdex-serve --cache-mb of each run, comma-separated (default 0,64: off, then the default)")
    args = ap.parse_args()

    db = os.path.join(args.out, f"newsdex-x{args.scale}")
    if not os.path.isdir(db):
        index(args, db)
    for cache_mb in args.cache_mb.split(","):
        run(args, db, int(cache_mb))


if __name__ == "__main__":
    main()
