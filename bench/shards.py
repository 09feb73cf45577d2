#!/usr/bin/env python3
"""Sharded and remote searches against one database: the same Reuters xN archive indexed as one
database and as N shards, the shards served by xapian-tcpsrv on loopback ports, and the
benchmark query set (bench/queries.txt) timed by newsdex-bench-query on each.

    bench/shards.py --build BUILD_DIR [--scale 10] [--shards 4] [--out DIR] [--repeat 5] [--stage all|index|query]

Needs OUT/articles-x<scale>.jsonl from bench/prepare.py and xapian-tcpsrv (xapian-tools).
Prints a Markdown table, one row per layout: build wall and CPU time and peak RSS (kept in
OUT/<db>.build.json, so a later --stage query run reports the build that made the index),
index size, p50 / p95 / p99 in ms for top-10, + snippets, + exact facets, the queries per second
of one client, the CPU per query of the client and of the shard servers (the children they fork
per connection, sampled), and peak RSS of the client and of the largest server child. Servers are started and stopped by their process ids; they log to
OUT/tcpsrv-<i>.log. Run it niced: nice -n 10 bench/shards.py ...
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ["top10", "snippets", "facets"]
TICKS = os.sysconf("SC_CLK_TCK")


def log(message):
    print("shards.py: " + message, file=sys.stderr, flush=True)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    """True once a socket listens on the port (read from /proc, so no connection is made: a
    probe connection makes xapian-tcpsrv log a broken pipe)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                        return True
        except OSError:
            pass
    return False


def dir_mb(path):
    total = 0
    for root, _, files in os.walk(path):  # links (DB/shard-<i>) are not followed: counted once
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total / 1e6


def run_measured(command, **popen_args):
    """Runs a command to its end; returns (wall s, CPU s, peak RSS MB, stdout or None)."""
    started = time.time()
    child = subprocess.Popen(command, **popen_args)
    out = child.stdout.read() if child.stdout else None
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, command)
    return time.time() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, out


def index(args, jsonl, db, shards):
    record = db + ".build.json"
    if os.path.exists(os.path.join(db, "XAPIANDB")):
        log("reusing " + db)
        if os.path.exists(record):
            with open(record) as f:
                return json.load(f)
        return None
    command = [os.path.join(args.build, "indexer", "newsdex-index"), "--quiet", "--db", db, "--shards", str(shards), jsonl]
    log(" ".join(command))
    wall, cpu, rss, _ = run_measured(command)
    built = {"wall": wall, "cpu": cpu, "rss": rss, "command": " ".join(command), "load": load_average()}
    with open(record, "w") as f:
        json.dump(built, f)
    return built


def server_children(pids):
    found = []
    for pid in pids:
        for task in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, task)) as f:
                found += [int(c) for c in f.read().split()]
    return found


def cpu_and_peak_rss(pid):
    """(CPU seconds, peak RSS MB) of a process, or None once it has exited."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open("/proc/%d/status" % pid) as f:
            hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS, hwm / 1024.0


class ServerSampler(threading.Thread):
    """CPU and peak RSS of the servers' children, one per connection, sampled every 0.1 s.
    xapian-tcpsrv ignores SIGCHLD, so its exited children are not added to its own times: each
    child's CPU is its last sample (the last 0.1 s of a connection, its close, is lost)."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids, self.cpu, self.peak, self.done = pids, {}, 0.0, threading.Event()

    def run(self):
        while not self.done.wait(0.1):
            for child in server_children(self.pids):
                sample = cpu_and_peak_rss(child)
                if sample:
                    self.cpu[child] = sample[0]
                    self.peak = max(self.peak, sample[1])


def timings(args, db, server_pids):
    command = [os.path.join(args.build, "bench", "newsdex-bench-query"), "--db", db,
               "--queries", os.path.join(HERE, "queries.txt"), "--repeat", str(args.repeat)]
    log(" ".join(command) + " (load average " + load_average() + ")")
    sampler = ServerSampler(server_pids)
    sampler.start()
    _, cpu, client_rss, out = run_measured(command, stdout=subprocess.PIPE, text=True)
    sampler.done.set()
    sampler.join()
    served = sum(sampler.cpu.values())
    runs = {mode: [] for mode in MODES}
    for line in out.splitlines():
        mode, _, _, micros, _ = line.split("\t")[:5]
        runs[mode].append(float(micros) / 1000.0)
    searches = sum(len(v) for v in runs.values()) * (args.repeat + 1) / args.repeat  # with warm-ups
    return {"runs": runs, "client_ms": 1000.0 * cpu / searches, "servers_ms": 1000.0 * served / searches,
            "client_rss": client_rss, "server_rss": sampler.peak}


def percentile(values, p):
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def cell(values):
    return " / ".join("%.3g" % percentile(values, p) for p in (50, 95, 99))


def start_servers(args, sharded, remote):
    servers, lines = [], []
    for i in range(args.shards):
        port = free_port()
        path = os.path.join(sharded, "shard-%d" % i)
        with open(os.path.join(args.out, "tcpsrv-%d.log" % i), "w") as err:
            servers.append(subprocess.Popen(["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1",
                                             "--port", str(port), path], stderr=err, start_new_session=True))
        lines.append("remote 127.0.0.1:%d" % port)
    for server, line in zip(servers, lines):
        port = int(line.rsplit(":", 1)[1])
        for _ in range(200):
            if listening(port) or server.poll() is not None:
                break
            time.sleep(0.05)
        if not listening(port):
            raise SystemExit("shards.py: xapian-tcpsrv did not listen on %d (see %s)" % (port, args.out))
    os.makedirs(remote, exist_ok=True)
    with open(os.path.join(remote, "XAPIANDB"), "w") as stub:
        stub.write("".join(l + "\n" for l in lines))
    return servers


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--stage", choices=["all", "index", "query"], default="all",
                    help="index: build the two layouts only; query: time them only (built before)")
    args = ap.parse_args()
    jsonl = os.path.join(args.out, "articles-x%d.jsonl" % args.scale)
    with open(os.path.join(args.out, "articles-x%d.stats.json" % args.scale)) as f:
        articles = json.load(f)["articles"]
    one = os.path.join(args.out, "x%d-one" % args.scale)
    sharded = os.path.join(args.out, "x%d-shards%d" % (args.scale, args.shards))
    if args.stage == "query" and not all(os.path.exists(os.path.join(d, "XAPIANDB")) for d in (one, sharded)):
        raise SystemExit("shards.py: --stage query needs %s and %s (run --stage index first)" % (one, sharded))
    built = {"one database": index(args, jsonl, one, 1), "local shards": index(args, jsonl, sharded, args.shards)}
    if args.stage == "index":
        return
    built["remote shards"] = built["local shards"]
    sizes = {"one database": dir_mb(one), "local shards": dir_mb(sharded)}
    sizes["remote shards"] = sizes["local shards"]
    load_before = load_average()
    remote = os.path.join(args.out, "x%d-remote%d" % (args.scale, args.shards))
    servers = []
    try:
        servers = start_servers(args, sharded, remote)
        pids = [s.pid for s in servers]
        results = {"one database": timings(args, one, []), "local shards": timings(args, sharded, []),
                   "remote shards": timings(args, remote, pids)}
    finally:
        for server in servers:
            os.killpg(server.pid, 15)  # the server and the children it forked per connection
            server.wait()
    print("| layout | build wall s | build CPU s | build peak RSS MB | index MB | bytes/article "
          "| top-10 ms p50 / p95 / p99 | + snippets | + snippets + facets | queries/s, one client "
          "| client CPU ms/query | servers CPU ms/query | client peak RSS MB | server peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, result in results.items():
        b = built[name]
        build = ("%.0f" % b["wall"], "%.0f" % b["cpu"], "%.0f" % b["rss"]) if b else ("–", "–", "–")
        runs = result["runs"]
        mean_ms = sum(sum(v) for v in runs.values()) / sum(len(v) for v in runs.values())
        remote = name == "remote shards"
        print("| %s | %s | %s | %s | %.0f | %.0f | %s | %s | %s | %.0f | %.3g | %s | %.0f | %s |" % (
            name, build[0], build[1], build[2], sizes[name], sizes[name] * 1e6 / articles,
            cell(runs["top10"]), cell(runs["snippets"]), cell(runs["facets"]), 1000.0 / mean_ms,
            result["client_ms"], "%.3g" % result["servers_ms"] if remote else "–", result["client_rss"],
            "%.0f" % result["server_rss"] if remote else "–"))
    print("\n%d articles, %d shards, %d timed runs per query and mode; load average %s before the "
          "queries, %s after." % (articles, args.shards, args.repeat, load_before, load_average()))


if __name__ == "__main__":
    main()
