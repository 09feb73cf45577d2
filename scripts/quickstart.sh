#!/usr/bin/env bash
# One command for a new machine: dependencies, a Release build, the corpus indexed into the
# default database, and an example search. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_BUILD_TESTS=OFF
cmake --build build -j"$(nproc)"
./build/indexer/newsdex-index corpus/
echo
echo '$ newsdex-search "AWS layoffs"'
./build/searcher/newsdex-search "AWS layoffs"
