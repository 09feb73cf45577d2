#!/usr/bin/env python3
"""Runs the whole benchmark in one go and prints one Markdown table: newsdex, the plain-Xapian
reference and SQLite FTS5 side by side, indexing the same JSON Lines and answering the same
query set (bench/queries.txt), plus the ratios newsdex / reference and newsdex / FTS5.

    bench/run.py --build BUILD_DIR [--scale 1|10|50] [--limit N] [--repeat N] [--out DIR]
                 [--queries-only]

--queries-only times the queries again on the indexes an earlier run at the same scale left in
OUT (after a change that does not change the indexes), all engines in one run; indexing columns
are then "–" and index sizes are measured on disk.

Builds nothing: BUILD_DIR must hold newsdex-index, newsdex-bench-query, newsdex-bench-ref-index
and newsdex-bench-ref-query (cmake --build BUILD_DIR). Inputs come from bench/prepare.py
(Reuters-21578, or a synthetic corpus when it is absent). Every indexer runs as a child process;
wall time, CPU time and peak RSS come from its rusage (os.wait4). newsdex indexes twice, with
--jobs 1 and with --jobs N (default: the available cores); the index is the same, so queries
run on the first. Index sizes are measured after compaction: newsdex compacts as part of
indexing (it merges its shards so), the reference gets xapian-compact, FTS5 'optimize' +
VACUUM; those last two steps are timed apart ("compact s"). Latencies: one warm process per engine, each query once to
warm up and then --repeat timed runs; p50/p95/p99 over all timed runs of all queries.
Writes OUT/table-x<S>.md and OUT/results-x<S>.json (per-query latencies) besides printing.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ("top10", "snippets", "facets")
ENGINES = ("newsdex", "newsdex-jobs", "reference", "fts5")
ENGINE_NAMES = {"newsdex": "newsdex, 1 job", "newsdex-jobs": "newsdex, --jobs N",
                "reference": "reference (plain Xapian)", "fts5": "SQLite FTS5"}
QUERIED = ("newsdex", "reference", "fts5")  # newsdex --jobs N writes the same index as 1 job
COLUMNS = ["engine", "index wall s", "index CPU s", "articles/s", "text MB/s", "peak RSS MB",
           "compact s", "index MB", "bytes/article", "top-10 ms p50 / p95 / p99",
           "+ snippets ms p50 / p95 / p99", "+ snippets + facets ms p50 / p95 / p99"]
QUERY_COLUMNS = COLUMNS[9:]


def log(message):
    print("bench: " + message, file=sys.stderr, flush=True)


def measure(command, stdout=subprocess.DEVNULL):
    """Runs a child to completion; returns its wall and CPU seconds, peak RSS (MB), exit code."""
    start = time.monotonic()
    child = subprocess.Popen(command, stdout=stdout)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024.0, "exit": child.returncode}


def checked(result, command, ok=(0,)):
    if result["exit"] not in ok:
        sys.exit("bench: %s failed with exit code %d" % (" ".join(command), result["exit"]))
    return result


def dir_size_mb(path):
    if os.path.isfile(path):
        return os.path.getsize(path) / 1e6
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files) / 1e6


def compact_in_place(db_dir):
    """xapian-compact DB_DIR into a sibling, then swap it in; returns the seconds it took."""
    tmp = db_dir.rstrip("/") + ".compact"
    shutil.rmtree(tmp, ignore_errors=True)
    start = time.monotonic()
    subprocess.run(["xapian-compact", "--no-renumber", db_dir, tmp], check=True, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    shutil.rmtree(db_dir)
    os.rename(tmp, db_dir)
    return seconds


def newsdex_generation(db_dir):
    """The generation directory the stub DB/XAPIANDB ("auto gen-000001") points to."""
    with open(os.path.join(db_dir, "XAPIANDB")) as f:
        return os.path.join(db_dir, f.read().split()[1])


# ---------------------------------------------------------------------------------------------

def stats_path(args):
    """What bench/prepare.py says of the corpus it wrote for this scale."""
    return os.path.join(args.out, "articles-x%d.stats.json" % args.scale)


def prepare(args):
    stats_file = stats_path(args)
    command = [sys.executable, os.path.join(HERE, "prepare.py"), "--out", args.out,
               "--scales", str(args.scale), "--reuters", args.reuters]
    if args.limit:
        command += ["--limit", str(args.limit)]
    if args.synthetic:
        command.append("--synthetic")
    log("preparing: " + " ".join(command))
    subprocess.run(command, check=True)
    with open(stats_file) as f:
        return json.load(f)


def index_paths(args):
    out = args.out
    return {"newsdex": os.path.join(out, "newsdex-x%d" % args.scale),
            "newsdex-jobs": os.path.join(out, "newsdex-jobs-x%d" % args.scale),
            "reference": os.path.join(out, "reference-x%d" % args.scale),
            "fts5": os.path.join(out, "fts5-x%d.sqlite" % args.scale)}


def reuse_indexes(args):
    """--queries-only: the indexes an earlier run left in OUT, sizes measured, nothing timed."""
    paths = index_paths(args)
    results = {}
    for engine, path in paths.items():
        if engine == "newsdex-jobs":
            continue
        if not os.path.exists(path):
            sys.exit("bench: --queries-only needs %s from an earlier run at this scale; run without it first" % path)
        results[engine] = {"size_mb": dir_size_mb(path)}
    results["newsdex-jobs"] = {}
    return paths, results


def index_all(args, jsonl):
    build = args.build
    paths = index_paths(args)
    for p in paths.values():
        shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) else (os.path.exists(p) and os.remove(p))
    results = {}

    # newsdex merges its shards by compaction as part of indexing: nothing left to compact.
    for engine, jobs in (("newsdex", 1), ("newsdex-jobs", args.jobs)):
        command = [os.path.join(build, "indexer", "newsdex-index"), "--db", paths[engine], "--quiet",
                   "--jobs", str(jobs), jsonl]
        log("indexing with newsdex, %d job(s)" % jobs)
        results[engine] = checked(measure(command), command, ok=(0, 1))  # 1: some records rejected
        results[engine]["compact"] = 0.0
    shutil.rmtree(paths["newsdex-jobs"])  # the same index as the one-job run; only timed

    command = [os.path.join(build, "bench", "newsdex-bench-ref-index"), "--db", paths["reference"], jsonl]
    log("indexing with the plain-Xapian reference")
    results["reference"] = checked(measure(command), command)
    results["reference"]["compact"] = compact_in_place(paths["reference"])

    command = [sys.executable, os.path.join(HERE, "fts5.py"), "index", "--db", paths["fts5"], jsonl]
    log("indexing with SQLite FTS5")
    results["fts5"] = checked(measure(command), command)
    command = [sys.executable, os.path.join(HERE, "fts5.py"), "finish", "--db", paths["fts5"]]
    results["fts5"]["compact"] = checked(measure(command), command)["wall"]

    for engine, path in paths.items():
        if os.path.exists(path):
            results[engine]["size_mb"] = dir_size_mb(path)
    results["newsdex-jobs"]["size_mb"] = results["newsdex"]["size_mb"]
    return paths, results


def query_all(args, paths):
    queries = os.path.join(HERE, "queries.txt")
    commands = {
        "newsdex": [os.path.join(args.build, "bench", "newsdex-bench-query"), "--db", paths["newsdex"]],  # 1 job's index
        "reference": [os.path.join(args.build, "bench", "newsdex-bench-ref-query"), "--db", paths["reference"]],
        "fts5": [sys.executable, os.path.join(HERE, "fts5.py"), "query", "--db", paths["fts5"]],
    }
    timings = {}
    for engine, command in commands.items():
        command = command + ["--queries", queries, "--repeat", str(args.repeat)]
        log("querying %s: %s" % (engine, " ".join(command)))
        output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
        runs = {mode: [] for mode in MODES}
        for line in output.splitlines():
            mode, q, _, micros, matches = line.split("\t")[:5]
            runs[mode].append({"query": int(q), "ms": float(micros) / 1000.0, "matches": int(matches)})
        timings[engine] = runs
    return timings


def percentile(values, p):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100)
    return ordered[int(rank) - 1]


# ---------------------------------------------------------------------------------------------

def metrics(stats, indexing, timings):
    """engine -> {column: number, [p50, p95, p99] or None (not measured)}."""
    rows = {}
    for engine in ENGINES:
        ix = indexing[engine]
        timed = "wall" in ix  # not with --queries-only
        size = ix.get("size_mb")
        row = {"index wall s": ix["wall"] if timed else None, "index CPU s": ix["cpu"] if timed else None,
               "articles/s": stats["articles"] / ix["wall"] if timed else None,
               "text MB/s": stats["text_bytes"] / 1e6 / ix["wall"] if timed else None,
               "peak RSS MB": ix["rss_mb"] if timed else None, "compact s": ix["compact"] if timed else None,
               "index MB": size, "bytes/article": size * 1e6 / stats["articles"] if size is not None else None}
        for mode, column in zip(MODES, QUERY_COLUMNS):
            if engine in timings:
                ms = [run["ms"] for run in timings[engine][mode]]
                row[column] = [percentile(ms, p) for p in (50, 95, 99)]
            else:
                row[column] = None
        rows[engine] = row
    return rows


def fmt(value):
    if value is None:
        return "–"
    if isinstance(value, list):
        return " / ".join(fmt(v) for v in value)
    if value >= 100:
        return "%.0f" % value
    if value >= 10:
        return "%.1f" % value
    return "%.3g" % value if value < 1 else "%.2f" % value


def ratio(a, b):
    if a is None or b is None:
        return None
    if isinstance(a, list):
        return [ratio(x, y) for x, y in zip(a, b)]
    return a / b if b else None  # nothing to compare with (newsdex has no compact step)


RATIOS = (("newsdex", "reference"), ("newsdex", "fts5"), ("newsdex-jobs", "newsdex"))


def table(rows):
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for engine in ENGINES:
        lines.append("| " + " | ".join([ENGINE_NAMES[engine]] + [fmt(rows[engine][c]) for c in COLUMNS[1:]]) + " |")
    for mine, other in RATIOS:
        cells = [fmt(ratio(rows[mine][c], rows[other][c])) for c in COLUMNS[1:]]
        lines.append("| " + " | ".join(["ratio %s / %s" % (ENGINE_NAMES[mine], ENGINE_NAMES[other])] + cells) + " |")
    return "\n".join(lines)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return "%d cores (nproc), %s, %s" % (os.cpu_count() or 0, cpu, platform.platform())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", required=True, help="CMake build directory with the newsdex and bench programs")
    ap.add_argument("--scale", type=int, default=1, help="corpus copies: 1, 10 or 50 (default 1)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles (smoke tests)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per query and mode (default 5)")
    ap.add_argument("--out", default=os.path.join(HERE, "out"), help="work directory (default bench/out)")
    ap.add_argument("--reuters", default=os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora", "reuters21578")), help="Reuters-21578 directory")
    ap.add_argument("--synthetic", action="store_true", help="use the synthetic corpus even if Reuters exists")
    ap.add_argument("--queries-only", action="store_true",
                    help="time the queries only, on the indexes an earlier run left in OUT (indexing not timed)")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                    help="jobs of the parallel newsdex run (default: the available cores)")
    args = ap.parse_args()
    args.out, args.build = os.path.abspath(args.out), os.path.abspath(args.build)
    os.makedirs(args.out, exist_ok=True)

    started = time.monotonic()
    stats_file = stats_path(args)
    if args.queries_only and os.path.exists(stats_file):  # the corpus the indexes were built from
        with open(stats_file) as f:
            stats = json.load(f)
    else:
        stats = prepare(args)
    paths, indexing = reuse_indexes(args) if args.queries_only else index_all(args, stats["file"])
    timings = query_all(args, paths)
    rows = metrics(stats, indexing, timings)
    text = table(rows)
    notes = ["",
             "Date: %s. Machine: %s." % (datetime.date.today().isoformat(), machine()),
             "Corpus: %s x%d, %d articles, %.1f MB of title + body text%s." % (
                 stats["source"], args.scale, stats["articles"], stats["text_bytes"] / 1e6,
                 " (first %d articles)" % args.limit if args.limit else ""),
             "Parallel run: --jobs %d. Queries: %d (bench/queries.txt), %d timed runs each after one warm-up; whole run %.0f s." % (
                 args.jobs,
                 len(timings["newsdex"]["top10"]) // max(1, args.repeat), args.repeat, time.monotonic() - started),
             "Command: " + " ".join([os.path.relpath(sys.argv[0])] + sys.argv[1:])]
    if args.queries_only:
        notes.insert(-1, "Indexes reused from an earlier run (--queries-only): indexing not timed in this run.")
    report = text + "\n" + "\n".join(notes) + "\n"
    print(report)
    with open(os.path.join(args.out, "table-x%d.md" % args.scale), "w") as f:
        f.write(report)
    with open(os.path.join(args.out, "results-x%d.json" % args.scale), "w") as f:
        json.dump({"corpus": stats, "indexing": indexing, "rows": rows, "timings": timings}, f, indent=1)


if __name__ == "__main__":
    main()
