#!/usr/bin/env bash
# Smoke test of the benchmark: bench/run.py runs end to end on a small corpus (the
# first 2,000 Reuters articles, or the synthetic corpus when ../shared is absent) and prints
# a well-formed table. Asserts only shape: every row and column present, every cell a number
# (or "–" for the queries of the parallel run, which writes the same index, and for ratios of
# the compact step, which newsdex does not have). Then --queries-only on the indexes it left:
# the same table with the query columns and sizes measured and indexing "–".
# Usage: tests/e2e/bench_smoke_test.sh BUILD_DIR
set -euo pipefail

build=$(cd "${1:?usage: bench_smoke_test.sh BUILD_DIR}" && pwd)
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$repo/bench/run.py" --build "$build" --limit 2000 --repeat 1 --out "$work" >"$work/table.md"
python3 "$repo/bench/run.py" --build "$build" --limit 2000 --repeat 1 --out "$work" --queries-only >"$work/queries.md"
grep -q -- "--queries-only): indexing not timed" "$work/queries.md" || {
    echo "bench_smoke_test: the --queries-only table does not say indexing was not timed" >&2
    exit 1
}

check_table() {
python3 - "$1" "$2" <<'PY'
import math, sys
lines = [l for l in open(sys.argv[1]) if l.startswith("|")]
cells = [[c.strip() for c in l.strip().strip("|").split("|")] for l in lines]
columns = ["engine", "index wall s", "index CPU s", "articles/s", "text MB/s", "peak RSS MB",
           "compact s", "index MB", "bytes/article", "top-10 ms p50 / p95 / p99",
           "+ snippets ms p50 / p95 / p99", "+ snippets + facets ms p50 / p95 / p99"]
rows = ["newsdex, 1 job", "newsdex, --jobs N", "reference (plain Xapian)", "SQLite FTS5",
        "ratio newsdex, 1 job / reference (plain Xapian)", "ratio newsdex, 1 job / SQLite FTS5",
        "ratio newsdex, --jobs N / newsdex, 1 job"]
# Only the queries are not measured for the parallel run (it writes the same index): "–".
unmeasured = {"newsdex, --jobs N", "ratio newsdex, --jobs N / newsdex, 1 job"}
queries_only = sys.argv[2] == "queries-only"
indexing = columns[1:7]  # timed only when the run indexes
def fail(message):
    sys.exit("bench_smoke_test: " + message + "\n" + "".join(lines))
if cells[0] != columns:
    fail("header is %r" % cells[0])
if set(cells[1]) - {"---"}:
    fail("second line is not a Markdown separator")
if [r[0] for r in cells[2:]] != rows:
    fail("rows are %r" % [r[0] for r in cells[2:]])
for row in cells[2:]:
    if len(row) != len(columns):
        fail("row %r has %d cells" % (row[0], len(row)))
    for column, cell in zip(columns[1:], row[1:]):
        if queries_only and (column in indexing or row[0] in unmeasured):
            if cell != "–":
                fail("%s / %s: %r with --queries-only, not –" % (row[0], column, cell))
            continue
        if cell == "–" and ((row[0] in unmeasured and "p50" in column)
                            or (row[0].startswith("ratio") and column == "compact s")):
            continue
        parts = cell.split(" / ")
        if len(parts) != (3 if "p50" in column else 1):
            fail("%s / %s: %r" % (row[0], column, cell))
        for part in parts:
            value = float(part)  # raises on anything that is not a number
            if math.isnan(value) or value < 0:
                fail("%s / %s: %r" % (row[0], column, cell))
print("bench_smoke_test: %s table well-formed (%d rows x %d columns)" % (sys.argv[2], len(rows), len(columns)))
PY
}
check_table "$work/table.md" full
check_table "$work/queries.md" queries-only
