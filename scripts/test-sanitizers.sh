#!/usr/bin/env bash
# Builds the libraries, programs, tests and fuzz targets with clang and
# -fsanitize=address,undefined in build-sanitize/, then runs the whole suite there: every test,
# plus each fuzz target for NEWSDEX_FUZZ_SECONDS (default 30) seconds. Any sanitizer report
# fails its test. Run by .ci/run after the normal suite; see docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
started=$(date +%s)
# -O1: the sanitizers' usual level, fast enough to run the suite and quicker to compile.
cmake -S . -B build-sanitize -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DNEWSDEX_BUILD_TESTS=ON -DNEWSDEX_FUZZ=ON -DNEWSDEX_FUZZ_SECONDS="${NEWSDEX_FUZZ_SECONDS:-30}"
cmake --build build-sanitize -j"$(nproc)"
built=$(date +%s)
# Reports go to stderr with a stack; halting on the first one makes the test fail.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)" --timeout 900
echo "test-sanitizers: build $((built - started)) s, tests $(($(date +%s) - built)) s"
