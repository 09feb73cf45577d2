#!/usr/bin/env python3
"""Two builds of newsdex-bench-query over one index, alternated in one run: latencies and answers.

Each round runs both programs over the query set (all three modes), the order swapped every
round so neither always runs second; the first round also dumps every query's results in every
mode (--dump), and the two dumps must be identical. Prints one Markdown table: p50 / p95 / p99 of
wall and CPU time (the searching thread's; a facet pass's worker threads are left out) per build
and mode over all timed runs of all rounds, then the geometric mean over the queries of the
after / before ratio of their CPU medians, per query kind. Exits 1 when the dumps differ.

    nice -n 10 bench/compare_builds.py --before OLD/bench/newsdex-bench-query \\
        --after build-rel/bench/newsdex-bench-query --db bench/out/newsdex-x10 --rounds 6

--priority N gives each timed process's autogroup the nice value N (`echo N >
/proc/PID/autogroup`; -10 lets it compete with other users' builds on a shared machine).
"""
import argparse
import math
import pathlib
import statistics
import subprocess
import sys

MODES = ("top10", "snippets", "facets")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def run_once(program, args, dump, priority):
    command = [program, "--db", args.db, "--queries", args.queries, "--repeat", str(args.repeat)]
    if args.any:
        command.append("--any")
    if dump:
        command += ["--dump", str(dump)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if priority is not None:
        try:
            pathlib.Path(f"/proc/{child.pid}/autogroup").write_text(str(priority))
        except OSError as e:
            print(f"compare_builds.py: cannot set the autogroup priority: {e}", file=sys.stderr)
    out, _ = child.communicate()
    if child.returncode != 0:
        sys.exit(f"compare_builds.py: {program} exited {child.returncode}")
    return [line.split("\t") for line in out.splitlines()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="newsdex-bench-query of the old build")
    parser.add_argument("--after", required=True, help="newsdex-bench-query of the new build")
    parser.add_argument("--db", required=True, help="newsdex database both query")
    parser.add_argument("--queries", default=str(pathlib.Path(__file__).with_name("queries.txt")))
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per query and mode in a round")
    parser.add_argument("--out", default="bench/out", help="folder for the two dumps")
    parser.add_argument("--any", action="store_true", help="any-word queries, with feedback (newsdex-bench-query --any)")
    parser.add_argument("--priority", type=int, help="autogroup nice value of the timed processes")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    builds = {"before": args.before, "after": args.after}
    runs = {name: [] for name in builds}  # rows of every round: mode, query, run, wall us, matches, cpu us
    for r in range(args.rounds):
        for name in (("before", "after") if r % 2 == 0 else ("after", "before")):
            dump = out / f"compare-{name}.jsonl" if r == 0 else None
            runs[name] += run_once(builds[name], args, dump, args.priority)
    same = (out / "compare-before.jsonl").read_bytes() == (out / "compare-after.jsonl").read_bytes()
    kinds = [line.split(" | ")[0].strip() for line in open(args.queries, encoding="utf-8")
             if line.strip() and not line.startswith("#")]
    print("| build | " + " | ".join(f"{m} wall ms p50 / p95 / p99" for m in MODES) + " | " +
          " | ".join(f"{m} CPU ms p50 / p95 / p99" for m in MODES) + " |")
    print("|---" * (1 + 2 * len(MODES)) + "|")
    cpu_median = {}
    for name, rows in runs.items():
        cells = []
        for column in (3, 5):
            for mode in MODES:
                v = [float(row[column]) / 1e3 for row in rows if row[0] == mode]
                cells.append(" / ".join(f"{percentile(v, p):.3g}" for p in (0.5, 0.95, 0.99)))
        print(f"| {name} | " + " | ".join(cells) + " |")
        by_query = {}
        for row in rows:
            by_query.setdefault((row[0], int(row[1])), []).append(float(row[5]) / 1e3)
        cpu_median[name] = {key: statistics.median(v) for key, v in by_query.items()}
    print()
    for mode in MODES:
        logs = {}
        for (m, q), before in cpu_median["before"].items():
            if m == mode and before > 0:
                logs.setdefault(kinds[q], []).append(math.log(cpu_median["after"][(m, q)] / before))
        every = [x for v in logs.values() for x in v]
        print(f"{mode}: CPU after / before (geometric mean over queries) {math.exp(sum(every) / len(every)):.3f}; " +
              ", ".join(f"{k} {math.exp(sum(v) / len(v)):.2f}" for k, v in logs.items()))
    print(f"\nanswers: {'identical' if same else 'DIFFERENT'} ({out / 'compare-before.jsonl'}, "
          f"{out / 'compare-after.jsonl'}); {args.rounds} rounds")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
