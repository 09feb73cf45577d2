#!/usr/bin/env bash
# One command that builds everything and runs the whole test suite through ctest.
# Installs the dependencies first if they are missing. Used by .ci/run as is.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSDEX_BUILD_TESTS=ON
cmake --build build-test -j"$(nproc)"
ctest --test-dir build-test --output-on-failure -j"$(nproc)" --timeout 600
