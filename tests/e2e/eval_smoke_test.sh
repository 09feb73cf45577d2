#!/usr/bin/env bash
# Smoke test of newsdex-eval: the first few queries of every test collection found under
# CORPORA (cranfield/, cisi/, medline/) through the real indexer and searcher, and the one
# figures table is well-formed: its header, a newsdex and a baseline row per collection, every
# figure a number in [0, 1], every ratio a number, the baseline's ratios 1.000. No figure is
# asserted (a slice of five queries says nothing of quality). Exits 77 (skipped) without CORPORA.
# Usage: tests/e2e/eval_smoke_test.sh NEWSDEX_EVAL CORPORA
set -euo pipefail

eval_bin=${1:?usage: eval_smoke_test.sh NEWSDEX_EVAL CORPORA}
corpora=${2:?usage: eval_smoke_test.sh NEWSDEX_EVAL CORPORA}
if [[ ! -d "$corpora" ]]; then
    echo "eval_smoke_test: no test collections at $corpora: skipped"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

args=()
for c in cranfield cisi medline; do
    [[ -d "$corpora/$c" ]] && args+=(--collection "$corpora/$c")
done
if [[ ${#args[@]} -eq 0 ]]; then
    echo "eval_smoke_test: none of cranfield, cisi, medline under $corpora: skipped"
    exit 77
fi
"$eval_bin" "${args[@]}" --slice 5 --depth 100 >"$work/table.txt"

python3 - "$work/table.txt" "$(( ${#args[@]} / 2 ))" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().split("\n")
want = int(sys.argv[2])
header = lines[0].split()
expected = ["collection", "system", "queries", "MAP", "nDCG@10", "P@10", "R@100", "MAP/base", "nDCG@10/base"]
if header != expected:
    sys.exit(f"eval_smoke_test: header {header}, expected {expected}")
rows = []
for line in lines[1:]:
    if not line.strip():
        break
    rows.append(line.split())
seen = {}
for r in rows:
    if len(r) != len(expected):
        sys.exit(f"eval_smoke_test: row {r} has {len(r)} cells, expected {len(expected)}")
    collection, system, queries = r[0], r[1], r[2]
    if not queries.isdigit() or not 1 <= int(queries) <= 5:
        sys.exit(f"eval_smoke_test: {collection} {system}: {queries} queries scored, expected 1..5")
    for v in r[3:7]:
        if not re.fullmatch(r"[01]\.\d{4}", v) or float(v) > 1:
            sys.exit(f"eval_smoke_test: {collection} {system}: figure {v} is not in [0, 1]")
    for v in r[7:]:
        if not re.fullmatch(r"\d+\.\d{3}", v):
            sys.exit(f"eval_smoke_test: {collection} {system}: ratio {v} is not a number")
    if system == "xapian-baseline" and r[7:] != ["1.000", "1.000"]:
        sys.exit(f"eval_smoke_test: {collection}: the baseline's ratios are {r[7:]}, expected 1.000")
    seen.setdefault(collection, set()).add(system)
if len(seen) != want:
    sys.exit(f"eval_smoke_test: {len(seen)} collections in the table, expected {want}")
for collection, systems in seen.items():
    if systems != {"newsdex", "xapian-baseline"}:
        sys.exit(f"eval_smoke_test: {collection} has systems {sorted(systems)}")
print(f"eval_smoke_test: {len(rows)} rows for {want} collections, well-formed")
PY
