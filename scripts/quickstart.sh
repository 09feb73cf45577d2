#!/usr/bin/env bash
# One command for a new machine: dependencies, a Release build, the sample corpus indexed into
# a database of its own (never the default one, which may hold a user's archive), and an
# example search. Safe to run again: the sample database is made anew each time (a database
# built from another checkout's corpus/ would keep those articles too, under other ids).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_BUILD_TESTS=OFF
cmake --build build -j"$(nproc)"
db="${XDG_DATA_HOME:-$HOME/.local/share}/newsdex/quickstart-db"
rm -rf -- "$db"
./build/indexer/newsdex-index --db "$db" corpus/
echo
echo "\$ newsdex-search --db $db \"AWS layoffs\""
./build/searcher/newsdex-search --db "$db" "AWS layoffs"
