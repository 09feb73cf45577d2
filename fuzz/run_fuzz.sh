#!/usr/bin/env bash
# Runs one libFuzzer target on a scratch copy of its seed corpus for SECONDS seconds and
# prints its last status line (executions, coverage). Exits non-zero on any finding, whose
# input libFuzzer writes to the current directory as crash-*, leak-*, timeout-* or oom-*.
# Usage: fuzz/run_fuzz.sh TARGET SEED_DIR SECONDS [more libFuzzer options]
set -euo pipefail
target=${1:?usage: run_fuzz.sh TARGET SEED_DIR SECONDS}
seeds=${2:?seed directory}
seconds=${3:?seconds}
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$seeds"/. "$work/"
# rss_limit_mb: one input may not take more memory than a real run would; -timeout: nor time.
"$target" "$work" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=25 \
    -print_final_stats=1 "$@" 2>"$work.log" || {
    status=$?
    tail -n 60 "$work.log" >&2
    rm -f "$work.log"
    exit "$status"
}
grep -E "^#[0-9]+.*(DONE|pulse|NEW|REDUCE)|stat::number_of_executed_units|stat::peak_rss_mb" "$work.log" | tail -n 3
rm -f "$work.log"
