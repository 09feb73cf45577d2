#!/usr/bin/env python3
"""What the name tagger costs at indexing: newsdex with it, newsdex built without it and the
plain-Xapian reference index the same JSON Lines, one after the other in one run.

    bench/tagger_cost.py --build BUILD_DIR [--baseline OTHER_BUILD_DIR] [--before BEFORE_DIR]
                         [--scale 10] [--out DIR] [--rounds 1]

BUILD_DIR holds the newsdex-index under test and newsdex-bench-ref-index; OTHER_BUILD_DIR a
newsdex-index built from a commit without the tagger (for example the first parent of the merge
that brought it in, exported with `git archive` and built in its own build directory). Each
indexer runs once per round with one job (--jobs 1), in the order tagger, baseline, reference;
wall time, CPU time and peak RSS come from the child's rusage (bench/run.py's measure()).
Prints one Markdown table with each engine's times and the ratios tagger / baseline and
tagger / reference, baseline / reference. Input: OUT/articles-x<S>.jsonl from bench/prepare.py
(made when absent). Run it niced on a shared machine; compare ratios within one run only.
--before BEFORE_DIR adds an earlier build with the tagger (a change's parent), run after the
tagger, and the ratios tagger / before and before / baseline; without --baseline the run has no
build without the tagger.
"""
import argparse
import os
import shutil
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run  # noqa: E402  (bench/run.py: measure(), checked(), prepare())

ENGINES = ("tagger", "baseline", "reference")
NAMES = {"tagger": "newsdex with the tagger, 1 job", "before": "earlier build with the tagger (--before), 1 job", "baseline": "newsdex without the tagger, 1 job",
         "reference": "reference (plain Xapian)"}


def index_once(engine, args, jsonl, db):
    shutil.rmtree(db, ignore_errors=True)
    if engine == "reference":
        command = [os.path.join(args.build, "bench", "newsdex-bench-ref-index"), "--db", db, jsonl]
        ok = (0,)
    else:
        build = {"tagger": args.build, "before": args.before, "baseline": args.baseline}[engine]
        command = [os.path.join(build, "indexer", "newsdex-index"), "--db", db, "--quiet", "--jobs", "1", jsonl]
        ok = (0, 1)  # 1: some records rejected
    run.log("%s: %s" % (engine, " ".join(command)))
    result = run.checked(run.measure(command), command, ok=ok)
    shutil.rmtree(db, ignore_errors=True)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", required=True, help="build directory of the version with the tagger")
    ap.add_argument("--baseline", help="build directory of a version without the tagger")
    ap.add_argument("--before", help="build directory of an earlier version with the tagger, to compare with")
    ap.add_argument("--scale", type=int, default=10, help="corpus copies (default 10)")
    ap.add_argument("--rounds", type=int, default=1, help="runs of each indexer; medians are reported")
    ap.add_argument("--out", default=os.path.join(HERE, "out"), help="work directory (default bench/out)")
    ap.add_argument("--reuters", default=os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora", "reuters21578")),
                    help="Reuters-21578 directory (default: ../shared beside the repository)")
    args = ap.parse_args()
    args.limit, args.synthetic = 0, False

    jsonl = os.path.join(args.out, "articles-x%d.jsonl" % args.scale)
    if not os.path.exists(jsonl):
        run.prepare(args)
    db = os.path.join(args.out, "tagger-cost-x%d" % args.scale)
    engines = ("tagger",) + (("before",) if args.before else ()) + (("baseline",) if args.baseline else ()) + (
        "reference",)
    runs = {engine: [] for engine in engines}
    for _ in range(args.rounds):
        for engine in engines:
            runs[engine].append(index_once(engine, args, jsonl, db))
    wall = {e: statistics.median(r["wall"] for r in runs[e]) for e in engines}
    cpu = {e: statistics.median(r["cpu"] for r in runs[e]) for e in engines}
    rss = {e: max(r["rss_mb"] for r in runs[e]) for e in engines}

    print("| indexer (x%d, %d round%s) | wall s | CPU s | peak RSS MB |" % (
        args.scale, args.rounds, "" if args.rounds == 1 else "s"))
    print("|---|---:|---:|---:|")
    for e in engines:
        print("| %s | %.1f | %.1f | %.0f |" % (NAMES[e], wall[e], cpu[e], rss[e]))
    pairs = [("tagger", "baseline"), ("tagger", "reference"), ("baseline", "reference")]
    if args.before:
        pairs += [("tagger", "before"), ("before", "baseline"), ("before", "reference")]
    for a, b in (pair for pair in pairs if pair[0] in engines and pair[1] in engines):
        print("| ratio %s / %s | %.3f | %.3f | %.2f |" % (a, b, wall[a] / wall[b], cpu[a] / cpu[b], rss[a] / rss[b]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
