#!/usr/bin/env bash
# Installs the Debian 12 packages newsdex builds and tests with. Idempotent: packages that are
# already installed are left alone, and apt is only touched when something is missing.
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    libxapian-dev xapian-tools   # the search library; xapian-tools: compact/delve, remote shard servers, replication
    libicu-dev                   # word segmentation, normalisation, case folding
    libcli11-dev                 # command-line parsing
    nlohmann-json3-dev           # JSON Lines input and --json output
    libyaml-cpp-dev              # front matter in Markdown/text articles
    libxml2-dev                  # HTML pages: libxml2's HTML parser
    libmimalloc-dev              # newsdex-index's allocator (Xapian's write buffers)
    libzstd-dev                  # stored articles, compressed with a dictionary per index
    libcpp-httplib-dev           # newsdex-serve's HTTP server
    help2man                     # the man pages, made from --help at build time
    catch2                       # unit tests (v2 on Debian 12)
    sqlite3                      # the FTS5 side of the benchmark
    python3                      # bench and eval helper scripts, newsdex-serve's API tests
    chromium chromium-driver python3-selenium  # newsdex-serve's page tested in a headless browser
    wrk                          # newsdex-serve's load benchmark
    clang libclang-rt-14-dev     # scripts/test-sanitizers.sh: ASan, UBSan and libFuzzer builds
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
