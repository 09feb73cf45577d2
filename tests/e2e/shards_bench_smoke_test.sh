#!/usr/bin/env bash
# Smoke test of bench/shards.py: on the first 500 Reuters articles (or synthetic ones when
# ../shared is absent), one database and 2 shards, served by xapian-tcpsrv for the remote row,
# give a well-formed table: the three layouts, every cell a number (or "–" where a column does
# not apply). Timings are never asserted. Skipped (77) without xapian-tcpsrv.
# Usage: tests/e2e/shards_bench_smoke_test.sh BUILD_DIR
set -euo pipefail

build=$(cd "${1:?usage: shards_bench_smoke_test.sh BUILD_DIR}" && pwd)
repo=$(cd "$(dirname "$0")/../.." && pwd)
command -v xapian-tcpsrv >/dev/null || { echo "shards_bench_smoke_test: skipped: no xapian-tcpsrv"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$repo/bench/prepare.py" --scales 1 --limit 500 --out "$work" 2>/dev/null
python3 "$repo/bench/shards.py" --build "$build" --scale 1 --shards 2 --repeat 1 --out "$work" >"$work/table.md"
python3 - "$work/table.md" <<'PY'
import math, sys
lines = [l for l in open(sys.argv[1]) if l.startswith("|")]
cells = [[c.strip() for c in l.strip().strip("|").split("|")] for l in lines]
def fail(message):
    sys.exit("shards_bench_smoke_test: " + message + "\n" + "".join(lines))
if [r[0] for r in cells[2:]] != ["one database", "local shards", "remote shards"]:
    fail("rows are %r" % [r[0] for r in cells[2:]])
header = cells[0]
for row in cells[2:]:
    if len(row) != len(header):
        fail("row %r has %d cells, the header %d" % (row[0], len(row), len(header)))
    for column, cell in zip(header[1:], row[1:]):
        if cell == "–" and column.startswith("server") and row[0] != "remote shards":
            continue
        for part in cell.split(" / "):
            value = float(part)  # raises on anything that is not a number
            if math.isnan(value) or value < 0:
                fail("%s / %s: %r" % (row[0], column, cell))
print("shards_bench_smoke_test: table well-formed (3 rows x %d columns)" % len(header))
PY
cat "$work/table.md"
