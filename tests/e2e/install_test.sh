#!/usr/bin/env bash
# The installed programs work on their own: `cmake --install` into a temporary prefix (and with
# DESTDIR), the installed tree moved elsewhere, then index + search run from another working
# directory with their data found beside the installed programs. Also: no source or build path
# in the programs' loaded data, --data-dir / NEWSDEX_DATA_DIR override the data folder on both
# programs, a missing data folder is a clear error, the man pages and --version.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR MAN_PAGES(ON|OFF)
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
man_pages=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
unset NEWSDEX_DATA_DIR NEWSDEX_DB

fail() { echo "install_test: $*" >&2; exit 1; }
check_file() { [ -s "$1" ] || fail "missing after install: $1"; }

# --- install with a prefix, and with DESTDIR as a packager would ------------------------------
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
DESTDIR="$tmp/stage" cmake --install "$build" --prefix /usr/local >/dev/null
for root in "$tmp/prefix" "$tmp/stage/usr/local"; do
    check_file "$root/bin/newsdex-index"
    check_file "$root/bin/newsdex-search"
    check_file "$root/bin/newsdex-serve"
    check_file "$root/share/newsdex/web/index.html"
    check_file "$root/share/newsdex/stopwords_en.txt"
    check_file "$root/share/newsdex/synonyms_en.txt"
    # Every dictionary the programs read is installed (reuters_*.tsv only serve the evaluation).
    for f in "$source_dir"/schema/gazetteers/*; do
        name=$(basename "$f")
        case "$name" in reuters_*) continue ;; esac
        cmp -s "$f" "$root/share/newsdex/gazetteers/$name" || fail "not installed: gazetteers/$name"
    done
    if [ "$man_pages" = ON ]; then
        for page in newsdex-index newsdex-search newsdex-serve; do
            check_file "$root/share/man/man1/$page.1"
            grep -q '^\.TH' "$root/share/man/man1/$page.1" || fail "$page.1 is not a man page"
            grep -qF -- '\-\-data\-dir' "$root/share/man/man1/$page.1" || fail "$page.1 lacks --data-dir"
        done
    fi
done

# --- no source or build path in what the programs load (debug sections left aside) ------------
for program in newsdex-index newsdex-search newsdex-serve; do
    objcopy --strip-debug "$tmp/prefix/bin/$program" "$tmp/$program.stripped"
    for path in "$source_dir" "$build"; do
        if strings "$tmp/$program.stripped" | grep -qF "$path"; then
            fail "$program has a compiled-in path: $(strings "$tmp/$program.stripped" | grep -F "$path" | head -1)"
        fi
    done
done

# --- the installed tree, moved, run from elsewhere ---------------------------------------------
mv "$tmp/prefix" "$tmp/moved"
bin="$tmp/moved/bin"
mkdir "$tmp/corpus" "$tmp/cwd"
cp "$source_dir"/corpus/*.txt "$tmp/corpus/"
cd "$tmp/cwd"

version=$("$bin/newsdex-index" --version)
[[ "$version" =~ ^newsdex-index\ [0-9]+\.[0-9]+.*\(schema\ version\ [0-9]+\)$ ]] || fail "--version printed: $version"
version=$("$bin/newsdex-search" --version)
[[ "$version" =~ ^newsdex-search\ [0-9]+\.[0-9]+.*\(schema\ version\ [0-9]+\)$ ]] || fail "--version printed: $version"

"$bin/newsdex-index" --quiet --db "$tmp/db" "$tmp/corpus" || fail "index from the installed copy failed"
# company:aws resolves through the installed gazetteers (alias AWS -> Amazon Web Services).
"$bin/newsdex-search" --json --db "$tmp/db" company:aws layoffs >"$tmp/aws.json" ||
    fail "search from the installed copy found nothing (exit $?)"
python3 - "$tmp/aws.json" <<'EOF'
import json, sys
result = json.load(open(sys.argv[1]))
ids = [hit["id"] for hit in result["results"]]
assert ids == ["aws-lays-off-several-hundred.txt", "aws-job-cuts-key-update.txt"], ids
assert "Amazon Web Services" in result["results"][0]["companies"], result["results"][0]["companies"]
EOF

# newsdex-serve from the moved copy finds its page in the installed data folder.
"$bin/newsdex-serve" --db "$tmp/db" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.log" &
serve_pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/serve.out" && break; sleep 0.1; done
python3 - "$(awk '{print $3}' "$tmp/serve.out")" <<'EOF'
import sys, urllib.request
page = urllib.request.urlopen(sys.argv[1], timeout=10).read().decode()
assert "<title>newsdex" in page, page[:200]
EOF
kill "$serve_pid" && wait "$serve_pid" || fail "newsdex-serve from the installed copy: $(cat "$tmp/serve.log")"

# --- --data-dir and NEWSDEX_DATA_DIR: a copy of the data with one more company --------------
cp -r "$tmp/moved/share/newsdex" "$tmp/mydata"
printf 'Zorblax Widgets\tcompany\t\tZorblax|ZWX\t\n' >"$tmp/mydata/gazetteers/extra.tsv"
printf 'Zorblax shares rose on Monday after ZWX reported record sales.\n' >"$tmp/corpus/zorblax.txt"
"$bin/newsdex-index" --quiet --data-dir "$tmp/mydata" --db "$tmp/db" "$tmp/corpus" || fail "index with --data-dir failed"
"$bin/newsdex-search" --data-dir "$tmp/mydata" --db "$tmp/db" company:zwx >/dev/null ||
    fail "--data-dir: company:zwx found nothing"
NEWSDEX_DATA_DIR="$tmp/mydata" "$bin/newsdex-search" --db "$tmp/db" company:zwx >/dev/null ||
    fail "NEWSDEX_DATA_DIR: company:zwx found nothing"
# Without it, the installed dictionaries know no Zorblax: the filter resolves to nothing.
if "$bin/newsdex-search" --db "$tmp/db" company:zwx >/dev/null; then
    fail "company:zwx matched with the installed data folder"
fi

# --- no data folder: a clear message and exit status 3 ----------------------------------------
mv "$tmp/moved/share/newsdex" "$tmp/moved/share/elsewhere"
set +e
"$bin/newsdex-search" --db "$tmp/db" amazon 2>"$tmp/err"
status=$?
set -e
[ "$status" -eq 3 ] || fail "no data folder: exit status $status, expected 3"
grep -q -- '--data-dir' "$tmp/err" || fail "no data folder: the message does not say what to do: $(cat "$tmp/err")"
echo "install_test: ok"
