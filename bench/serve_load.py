#!/usr/bin/env python3
"""Load benchmark of newsdex-serve with wrk: mixed searches with facets against a Reuters xN index.

Starts newsdex-serve on a free loopback port over the newsdex index of bench/run.py (built here
with newsdex-index when missing), warms it up, then runs wrk (32 connections, 30 s by default)
over the queries of bench/queries.txt, each sent as /api/search with company, place and year
facets, a fifth of them with a year filter and a fifth sorted by date. Prints requests/s, the
latency percentiles and errors from wrk, the server's own count of answered requests, its CPU
time per request, and the load average before and after each run. By default it runs three
times on the same index (--rows): with the response cache off (--cache-mb 0: every request
searched, the engine's figure), with the server's default cache over the same 59 requests over and over (after the
warm-up every request is a hit: an upper bound, not a workload), and with the cache over a mix of
repeated and new requests: several thousand distinct requests (each query alone, with one filter
on a value of its company, place or year facets, and with a company and a year filter together),
drawn with a Zipf distribution (the k-th most popular asked with probability proportional to
1/k^s) in an order fixed by a seed; its hit rate is the server's own count over the run.
--rate N paces the clients: each connection pauses after each answer so that together they ask
about N requests/s at most (wrk measures each request from sending to answer, not the pause): the
latencies at a given load, instead of as many requests as the server answers, where a closed loop
of 32 clients piles them up behind the slowest requests (Little's law: latency = clients / rate).
The row "once" asks every distinct request of the mixed row once, one after the other, with the
cache off and without wrk: the server's CPU per uncached request (kept snippets still count, as
in a server's life) and a SHA-256 over the answers, to compare two builds' CPU and bytes.
--dump DIR instead writes the server's answers (cache off) to the base requests and to every
tenth mixed one into DIR, one file each, for comparing two builds' results with diff -r.
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
import hashlib
import json
import os
import random
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


def mixed_paths(base, answers, seed):
    """The distinct requests of the mixed row, from each base request and its answer's facets."""
    out = set(base)
    for path, answer in zip(base, answers):
        query = urllib.parse.parse_qsl(path.split("?", 1)[1])
        values = {field: [v["value"] for v in facet["values"]] for field, facet in answer.get("facets", {}).items()}
        filters = [(field, v) for field in ("company", "place", "year") for v in values.get(field, [])]
        combos = [[f] for f in filters]
        combos += [[c, y] for c in filters if c[0] == "company" for y in filters if y[0] == "year"]
        for combo in combos:
            params = [p for p in query if p[0] != "filter"] + [("filter", f"{k}={v}") for k, v in combo]
            out.add("/api/search?" + urllib.parse.urlencode(params))
    out = sorted(out)
    random.Random(seed).shuffle(out)  # popularity rank independent of the query's kind
    return out


# Each wrk thread walks the paths in order (repeat), or draws them by rank from the Zipf
# cumulative distribution `cdf` (mixed), with a seed of its own: no two threads ask the same sequence.
LUA = """
local paths = {%s}
local cdf = {%s}
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local i = 0
local seeded = false
local pause = %d
if pause > 0 then
  delay = function() return pause end
end
request = function()
  if #cdf == 0 then
    i = i %% #paths + 1
    return wrk.format("GET", paths[i])
  end
  if not seeded then
    math.randomseed(%d + id)
    seeded = true
  end
  local r, lo, hi = math.random(), 1, #cdf
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo])
end
"""


def zipf_cdf(n, s):
    weights = [1 / (k ** s) for k in range(1, n + 1)]
    total, acc, out = sum(weights), 0.0, []
    for w in weights:
        acc += w
        out.append(acc / total)
    out[-1] = 1.0
    return out


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
    if args.connection_nice is not None:
        cmd += ["--connection-nice", str(args.connection_nice)]
    for attempt in range(2):
        server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True)
        line = server.stdout.readline()
        if line.startswith("listening on "):
            return server, line.split()[-1].rstrip("/")
        server.wait()
        log.seek(0)
        message = log.read()
        if attempt == 0 and "schema version" in message and not args.db:  # never rebuild a given --db
            index(args, db, "--rebuild")
            log.seek(0)
            log.truncate()
            continue
        sys.exit("serve_load.py: newsdex-serve did not start: " + message.strip()[-500:])


def fetch(base, path):
    return json.loads(urllib.request.urlopen(base + path, timeout=60).read())


def cache_counts(base):
    cache = fetch(base, "/api/stats")["cache"]
    return cache["hits"], cache["misses"]


def wrk(args, base, paths, cdf):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        pause = round(1000 * args.connections / args.rate) if args.rate else 0
        script.write(LUA % (", ".join('"%s"' % p for p in paths), ", ".join("%.9g" % c for c in cdf), pause, args.seed))
    try:
        return subprocess.run(["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.duration}s", "--latency",
                               "--timeout", "5s", "-s", script.name, base], capture_output=True, text=True,
                              check=True).stdout
    finally:
        os.unlink(script.name)


def once(base, requests, server):
    """Each request asked once, in order: the server's CPU per request and the answers' SHA-256."""
    digest = hashlib.sha256()
    load_before, cpu_before, before = load_average(), cpu_seconds(server.pid), time.time()
    for path in requests:
        digest.update(urllib.request.urlopen(base + path, timeout=60).read())
    cpu = cpu_seconds(server.pid) - cpu_before
    print(f"== once: newsdex-serve --cache-mb 0: load average before {load_before}, after {load_average()}")
    print(f"{len(requests)} distinct requests asked once each in {time.time() - before:.1f} s; "
          f"answers' SHA-256 {digest.hexdigest()}")
    print(f"server CPU: {cpu:.1f} s for {len(requests)} requests, {1000 * cpu / len(requests):.3f} ms per request")
    print()


def run(args, db, row):
    """One row: "off" (no cache, the base requests), "repeat" (cache, the same), "mixed" or "once"."""
    cache_mb = 0 if row in ("off", "once") else args.cache_mb
    log = tempfile.NamedTemporaryFile("w+", prefix="newsdex-serve-bench.", suffix=".log")
    server, base = start(args, db, cache_mb, log)
    try:
        requests = paths(args.scale)
        answers = [fetch(base, p) for p in requests]  # warm-up: each base request once
        cdf = []
        if row in ("mixed", "once"):
            requests = mixed_paths(requests, answers, args.seed)
        if row == "once":
            once(base, requests, server)
            return
        if row == "mixed":
            cdf = zipf_cdf(len(requests), args.zipf)
        hits_before, misses_before = cache_counts(base)
        load_before, cpu_before, before = load_average(), cpu_seconds(server.pid), time.time()
        report = wrk(args, base, requests, cdf)
        elapsed, cpu, load_after = time.time() - before, cpu_seconds(server.pid) - cpu_before, load_average()
        hits, misses = (a - b for a, b in zip(cache_counts(base), (hits_before, misses_before)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    paced = f", clients paced to about {args.rate} requests/s" if args.rate else ""
    print(f"== {row}: newsdex-serve --cache-mb {cache_mb}{paced}: load average before {load_before}, after {load_after}")
    print(report)
    log.seek(0)
    statuses = {}
    for line in log.read().splitlines():
        m = re.match(r"GET /api/search (\d+) ", line)
        if m:
            statuses[m.group(1)] = statuses.get(m.group(1), 0) + 1
    timed = sum(statuses.values()) - len(answers)  # the warm-up's are logged too
    print(f"server log: /api/search statuses {statuses} over {len(requests)} distinct requests; wrk ran {elapsed:.1f} s")
    if row == "mixed":
        print(f"Zipf s={args.zipf} over {len(requests)} distinct requests, seed {args.seed}")
    if cache_mb:
        print(f"cache during the run: {hits} hits, {misses} misses, hit rate {hits / max(hits + misses, 1):.3f}")
    print(f"server CPU: {cpu:.1f} s for {timed} requests, {1000 * cpu / max(timed, 1):.3f} ms per request")
    print()


def dump(args, db):
    """The answers (cache off) to the base requests and every tenth mixed one, a file each in args.dump."""
    log = tempfile.NamedTemporaryFile("w+", prefix="newsdex-serve-bench.", suffix=".log")
    server, base = start(args, db, 0, log)
    try:
        requests = paths(args.scale)
        answers = [fetch(base, p) for p in requests]
        chosen = requests + mixed_paths(requests, answers, args.seed)[::10]
        os.makedirs(args.dump, exist_ok=True)
        for i, path in enumerate(chosen):
            body = urllib.request.urlopen(base + path, timeout=60).read().decode()
            with open(os.path.join(args.dump, "%05d.json" % i), "w") as out:
                out.write(path + "\n" + body)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{len(chosen)} answers in {args.dump}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build", help="build directory (newsdex-serve, newsdex-index)")
    ap.add_argument("--out", default=os.path.join(here, "out"), help="bench/run.py's output directory")
    ap.add_argument("--db", help="the index (default: OUT/newsdex-xSCALE, built when missing or of another schema)")
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--duration", type=int, default=30, help="seconds")
    ap.add_argument("--threads", type=int, default=0, help="newsdex-serve --threads (default: its own)")
    ap.add_argument("--connection-nice", type=int,
                    help="newsdex-serve --connection-nice (default: its own; builds without the option refuse it)")
    ap.add_argument("--rows", default="off,repeat,mixed",
                    help="runs, comma-separated: off (cache off), repeat (cache, the base requests), mixed (cache, Zipf), "
                         "once (cache off, each mixed request once, without wrk)")
    ap.add_argument("--cache-mb", type=int, default=64, help="newsdex-serve --cache-mb of the cached rows")
    ap.add_argument("--zipf", type=float, default=1.0, help="the mixed row's Zipf exponent s")
    ap.add_argument("--seed", type=int, default=1, help="the mixed row's order and draws")
    ap.add_argument("--rate", type=int, default=0,
                    help="each connection pauses CONNECTIONS/RATE seconds after each answer, so that the clients ask "
                         "at most about RATE requests/s (default 0: no pause, as fast as answered)")
    ap.add_argument("--dump", help="write the answers into this folder instead of measuring")
    ap.add_argument("--autogroup", type=int,
                    help="set this process's autogroup nice (-20..19; run it under setsid so that the group is "
                         "the benchmark's alone: server, wrk and this script) to share the CPU fairly with other process groups")
    args = ap.parse_args()
    if args.rate < 0:
        ap.error("--rate must be 0 (no pause) or a number of requests per second")
    if args.autogroup is not None:
        with open("/proc/self/autogroup", "w") as group:
            group.write(str(args.autogroup))

    db = args.db or os.path.join(args.out, f"newsdex-x{args.scale}")
    if not os.path.isdir(db):
        index(args, db)
    if args.dump:
        dump(args, db)
        return
    for row in args.rows.split(","):
        run(args, db, row)


if __name__ == "__main__":
    main()
