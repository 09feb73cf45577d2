#!/usr/bin/env bash
# Bad input, full disks and kills, driving the built binaries (docs/operations.md, Bad input):
#   catalogue       one bad item at a time beside a new good article, on one database: each row's
#                   exit status and note, every article indexed before still there, the good
#                   article of the run indexed; then the searcher's refusals and messages
#   disk_full       a first build, an update and a --rebuild on a small tmpfs (needs root; skipped
#                   otherwise): exit 3, "no space left on device", no partial generation, lock free
#   disk_full_points  the disk made full (ENOSPC from the Nth write on, tests/e2e/enospc_shim.cpp)
#                   at the first write of 8 stages spread over a first build, an update and a --rebuild:
#                   exit 3, the disk-full message and no other, the old index answering as before
#   sigkill_update  SIGKILL at random points of 20 updates: xapian-check passes, the count is one
#                   an update commits, and the next update reaches the full count
# Usage: hardening_e2e.sh CASE PATH/TO/newsdex-index PATH/TO/newsdex-search [PATH/TO/enospc_shim.so]
# Exit 77 (ctest SKIP_RETURN_CODE) when a case cannot run here.
set -u
case_name=$1
IDX=$2
SRCH=$3
SHIM=${4:-}
# shellcheck source=e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
mounted=
extra_cleanup() { [[ -n $mounted ]] && umount "$mounted" 2>/dev/null; }
skip() { echo "SKIP [$case_name]: $*"; exit 77; }
live_generation() { echo "$db/$(awk '{print $2}' "$db/XAPIANDB")"; }

# A row of the catalogue: `row NAME EXIT NOTE [newsdex-index options]` after the test put its bad
# item in $corpus. Adds the good article NAME, runs an update, and checks the exit status, that
# NOTE appears among the notes (stderr), and that all `expected` articles are indexed. Rows that
# reject leave nothing behind for the next row, so each row's exit status is its own.
expected=0
row() {
    local name=$1 want=$2 note=$3 got
    shift 3
    text "$corpus/good-$name.txt" "good$name"
    expected=$((expected + 1))
    timeout 120 "$IDX" --db "$db" "$@" "$corpus" >/dev/null 2>"$work/err.txt"
    got=$?
    [[ $got == "$want" ]] || { cat "$work/err.txt" >&2; fail "row $name: exit $got, expected $want"; }
    if [[ -n $note ]]; then
        grep -qF -- "$note" "$work/err.txt" || { cat "$work/err.txt" >&2; fail "row $name: no note '$note'"; }
    fi
    expect "row $name: good article of the run" "$(hits "good$name")" 1
    expect "row $name: all good articles" "$(hits commonword)" "$expected"
    printf '%-18s exit %s  %s\n' "$name" "$got" "$(grep -F -- "$note" "$work/err.txt" | head -n 1 | cut -c1-150)"
}

case_catalogue() {
    local c=$corpus
    text "$c/earlier.txt" earlier
    jsonl "$c/earlier.jsonl" e 0 1
    "$IDX" --db "$db" --quiet "$c" >/dev/null 2>&1 || fail "first build failed"
    expected=3

    # JSON Lines: every error of the JSON library is its record's note; earlier records stay.
    echo '{"id": "x", "body": "b", "n": 1e400}' >>"$c/earlier.jsonl"
    row overflow 1 "earlier.jsonl:3: invalid JSON: number overflow parsing '1e400'"
    sed -i '$d' "$c/earlier.jsonl"   # each row's bad item goes before the next row
    echo '1e400' >"$c/bare.jsonl"
    row bare_number 1 "bare.jsonl:1: invalid JSON: number overflow"
    rm "$c/bare.jsonl"
    jsonl "$c/long.jsonl" l 0 2
    expected=$((expected + 3))
    head -c 3000000 /dev/zero | tr '\0' 'x' >>"$c/long.jsonl"   # a line without end, 3 MB
    row long_line 1 "long.jsonl:4: line is longer than 1048576 bytes (--max-record-mb)" --max-record-mb 1
    rm "$c/long.jsonl"
    expected=$((expected - 3))
    printf '{"id": "n1", "body": "nul \0 here"}\n{"id": "n2", "body": "commonword nul neighbour"}\n' >"$c/nul.jsonl"
    expected=$((expected + 1))
    row nul_record 1 "nul.jsonl:1: NUL byte at byte 26 of the line"
    sed -i '1d' "$c/nul.jsonl"
    python3 -c 'print("[" * 100000 + "]" * 100000)' >"$c/deep.jsonl"
    row deep_json 1 "deep.jsonl:1: expected a JSON object, found array"
    rm "$c/deep.jsonl"
    python3 -c 'import json; print(json.dumps({"id": "v", "title": "t" * 1000000, "body": "commonword long value"}))' >"$c/value.jsonl"
    expected=$((expected + 1))
    row long_value 0 ""
    python3 -c 'import json; print(json.dumps({"id": "i" * 400, "body": "commonword long id"})); print(json.dumps({"id": "a\nb\u001b", "body": "commonword odd id"})); print(json.dumps({"id": "", "body": "empty id"}))' >"$c/ids.jsonl"
    expected=$((expected + 2))
    row odd_ids 1 "ids.jsonl:3: empty id"
    sed -i '$d' "$c/ids.jsonl"
    echo '{"id": "d", "body": "commonword dated", "date": "2021-02-30"}' >"$c/date.jsonl"
    expected=$((expected + 1))
    row invalid_date 0 "date.jsonl:1: invalid date '2021-02-30'; article kept undated"

    # Files.
    printf 'Bad bytes\n\ncommonword invalid \xff\xfe utf-8\n' >"$c/utf8.txt"
    expected=$((expected + 1))
    row invalid_utf8 0 "utf8.txt: invalid UTF-8 at byte"
    printf 'Nul\n\n\0\0binary\n' >"$c/binary.txt"
    row nul_file 0 "binary.txt: binary file"
    truncate -s 3M "$c/huge.txt"
    row huge_file 1 "huge.txt: file is 3145728 bytes, over the limit of 2097152 bytes" --max-file-mb 2
    rm "$c/huge.txt"
    python3 -c 'print("---\ntitle: x\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\nBody")' >"$c/deep.md"
    row deep_yaml 1 "deep.md:3: front matter: lists or mappings nested"
    rm "$c/deep.md"
    mkfifo "$c/pipe.txt"
    row fifo 0 "pipe.txt: not a regular file (FIFO); skipped"
    ln -s /dev/zero "$c/zero.txt"
    row device 0 "zero.txt: not a regular file (character device); skipped"
    ln -s "$work/vanished.txt" "$c/vanished.txt"
    row vanished_file 1 "vanished.txt: cannot read file: No such file or directory"
    rm "$c/vanished.txt"
    : >"$c/empty.txt"
    row empty_file 0 "empty.txt: empty file"
    if [[ $(id -u) == 0 ]]; then
        echo "unreadable_file    skipped: running as root, where chmod 000 does not stop reads"
    else
        text "$c/noperm.txt" noperm && chmod 000 "$c/noperm.txt"
        row unreadable_file 1 "noperm.txt: cannot read file: Permission denied"
        rm -f "$c/noperm.txt"
    fi

    # The database itself.
    local file=$work/not-a-dir
    echo x >"$file"
    "$IDX" --db "$file" "$c" >/dev/null 2>"$work/err.txt"
    expect "indexer --db FILE" "$?" 3
    grep -q "a file, not a database directory" "$work/err.txt" || fail "indexer --db FILE: $(cat "$work/err.txt")"
    "$SRCH" --db "$file" commonword >/dev/null 2>"$work/err.txt"
    expect "search --db FILE" "$?" 3
    grep -q "a file, not a newsdex database directory" "$work/err.txt" || fail "search --db FILE: $(cat "$work/err.txt")"
    if [[ $(id -u) != 0 ]]; then
        chmod a-w "$db"
        "$IDX" --db "$db" "$c" >/dev/null 2>"$work/err.txt"
        expect "read-only database" "$?" 3
        grep -q "cannot open the writer lock: Permission denied; run newsdex-index as a user who may write" \
            "$work/err.txt" || fail "read-only database: $(cat "$work/err.txt")"
        chmod u+w "$db"
    else
        echo "read-only database: checked by disk_full (a read-only mount), root ignores permission bits"
    fi
    expect "all good articles, after the database rows" "$(hits commonword)" "$expected"

    # What the searcher refuses (exit 2) and what it never prints raw.
    local bad
    for bad in "--limit -1" "--offset 18446744073709551616" "--recent nan" "--recent -5" "--recent inf" \
               "--snippet-length 100000000000" "--facet-limit -3" "--count-limit -1" "--count-limit 4294967296"; do
        # shellcheck disable=SC2086
        "$SRCH" --db "$db" $bad commonword >/dev/null 2>"$work/err.txt"
        expect "newsdex-search $bad" "$?" 2
    done
    "$SRCH" --db "$db" "date:0000-01-01" >/dev/null 2>"$work/err.txt"
    expect "date 0000-01-01" "$?" 2
    grep -q "is not a day of the calendar" "$work/err.txt" || fail "date 0000-01-01: $(cat "$work/err.txt")"
    local phrase
    phrase="\"$(python3 -c 'print(" ".join(["w"] * 25000))')\""
    "$SRCH" --db "$db" "$phrase" >/dev/null 2>"$work/err.txt"
    expect "25,000-word phrase" "$?" 2
    grep -q "the query has 25000 terms; the limit is 1000" "$work/err.txt" || fail "phrase: $(cat "$work/err.txt")"
    printf '{"id": "esc", "title": "\\u001b]0;pwned\\u0007\\u001b[2JEscapes", "body": "commonword escword 2J \\u001b[31m red"}\n' >"$c/esc.jsonl"
    expected=$((expected + 1))
    row escapes 0 ""
    "$SRCH" --db "$db" "escword $(printf '\033[2J')" >"$work/out.txt" 2>&1
    if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$work/out.txt"; then
        fail "control characters reached the text output: $(od -c "$work/out.txt" | head)"
    fi
    grep -qF '\x1b]0;pwned\x07' "$work/out.txt" || fail "escaped title not shown: $(cat "$work/out.txt")"

    # A first run that fails before anything goes live (here: a data folder without gazetteers)
    # leaves no database folder behind; a folder that was there before stays.
    mkdir -p "$work/empty-data"
    "$IDX" --db "$work/never" --data-dir "$work/empty-data" "$c" >/dev/null 2>"$work/err.txt"
    expect "first run, no gazetteers" "$?" 3
    grep -q "no gazetteer folder" "$work/err.txt" || fail "first run, no gazetteers: $(cat "$work/err.txt")"
    [[ ! -e $work/never ]] || fail "a failed first run left $(ls -A "$work/never" | tr '\n' ' ')in its folder"
    mkdir -p "$work/kept"
    "$IDX" --db "$work/kept" --data-dir "$work/empty-data" "$c" >/dev/null 2>&1
    [[ -d $work/kept ]] || fail "a failed first run removed a folder it did not create"

    # A damaged database: both programs say what it is and what to do; --rebuild mends it.
    local gen
    gen=$(live_generation)
    printf 'garbage' >"$gen/iamglass"
    "$SRCH" --db "$db" commonword >/dev/null 2>"$work/err.txt"
    expect "search, damaged database" "$?" 3
    grep -q "this is not a complete newsdex database (.*); rebuild it with: newsdex-index --rebuild" "$work/err.txt" ||
        fail "search, damaged database: $(cat "$work/err.txt")"
    "$IDX" --db "$db" "$c" >/dev/null 2>"$work/err.txt"
    expect "update, damaged database" "$?" 3
    grep -q "this is not a complete newsdex database (.*); rebuild it with: newsdex-index --rebuild" "$work/err.txt" ||
        fail "update, damaged database: $(cat "$work/err.txt")"
    "$IDX" --db "$db" --rebuild "$c" >/dev/null 2>"$work/err.txt"
    expect "rebuild of a damaged database" "$?" 0
    grep -q "the live index cannot be read" "$work/err.txt" || fail "rebuild, damaged: $(cat "$work/err.txt")"
    expect "all good articles, after the rebuild" "$(hits commonword)" "$expected"
}

# full_disk SIZE ARGS...: runs newsdex-index ARGS on $db inside a fresh tmpfs of SIZE; prints the
# exit status and checks what a failure must leave: the message, no partial generation, no lock
# (a first build that fails leaves no folder at all).
full_disk_run() {
    local want_docs=$1 got
    shift
    timeout 300 "$IDX" --db "$db" --quiet "$@" >/dev/null 2>"$work/err.txt"
    got=$?
    if [[ $got == 0 ]]; then
        echo "fits"
        return
    fi
    [[ $got == 3 ]] || { cat "$work/err.txt" >&2; fail "$*: exit $got on a full disk, expected 3"; }
    grep -q "no space left on device while writing $db: free space and run again" "$work/err.txt" ||
        fail "$*: message: $(cat "$work/err.txt")"
    if [[ ! -e $db ]]; then  # a failed first build removes the folder it created: nothing left
        echo "full"
        return
    fi
    local gens
    gens=$(generations)
    expect "$*: generations after the failure" "$gens" "$( [[ -e $db/XAPIANDB ]] && echo 1 || echo 0)"
    flock -n "$db/newsdex.lock" true || fail "$*: the writer lock is still held"
    [[ $want_docs == - ]] || expect "$*: documents kept" "$(hits commonword)" "$want_docs"
    echo "full"
}

case_disk_full() {
    [[ $(id -u) == 0 ]] || skip "mounting a small tmpfs needs root"
    local mnt=$work/mnt
    mkdir -p "$mnt"
    mount -t tmpfs -o size=64m tmpfs "$mnt" 2>/dev/null || skip "cannot mount a tmpfs here"
    mounted=$mnt
    db=$mnt/db
    # 40,000 short articles: two chunks, so a shard's periodic commit meets the full disk too
    # (at 16 MB this aborted the process from a worker thread, leaving its generation behind).
    python3 - "$work/big.jsonl" <<'EOF'
import random, sys
random.seed(1)
words = ['w%d' % i for i in range(20000)]
with open(sys.argv[1], 'w') as f:
    for i in range(40000):
        f.write('{"id": %d, "body": "commonword %s"}\n' % (i, ' '.join(random.choice(words) for _ in range(30))))
EOF
    local size result full=0
    for size in 4096 16384 24576; do
        umount "$mnt" && mount -t tmpfs -o size=${size}k tmpfs "$mnt" || fail "remount"
        result=$(full_disk_run - --jobs 1 "$work/big.jsonl") || exit 1
        echo "first build, ${size} KB: $result"
        [[ $result == full ]] && full=$((full + 1))
    done
    ((full >= 2)) || fail "the disk was full in only $full first builds; the test proves little"

    # An update keeps the batches it committed and a --rebuild the index it started from.
    umount "$mnt" && mount -t tmpfs -o size=64m tmpfs "$mnt" || fail "remount"
    jsonl "$corpus/small.jsonl" s 0 299
    "$IDX" --db "$db" --quiet "$corpus/small.jsonl" >/dev/null 2>&1 || fail "small build"
    mount -o remount,size=$(($(du -sk "$mnt" | cut -f1) + 1024))k "$mnt" || fail "shrink the tmpfs"
    result=$(full_disk_run - --jobs 1 --batch 500 "$corpus/small.jsonl" "$work/big.jsonl") || exit 1
    echo "update: $result"
    expect "update on a full disk" "$result" full
    expect "an article of the first build, after the update" "$(hits uniqsn299)" 1
    local after_update
    after_update=$(hits commonword)
    ((after_update >= 300)) || fail "update on a full disk: $after_update documents, fewer than before"
    result=$(full_disk_run "$after_update" --jobs 1 --rebuild "$corpus/small.jsonl" "$work/big.jsonl") || exit 1
    echo "rebuild: $result"
    expect "rebuild on a full disk" "$result" full

    # A read-only database: the OS reason and what to do.
    mount -o remount,ro "$mnt" || fail "remount read-only"
    "$IDX" --db "$db" "$corpus/small.jsonl" >/dev/null 2>"$work/err.txt"
    expect "read-only database" "$?" 3
    grep -q "cannot open the writer lock: Read-only file system; run newsdex-index as a user who may write" \
        "$work/err.txt" || fail "read-only database: $(cat "$work/err.txt")"
    expect "read-only database, documents" "$(hits commonword)" "$after_update"
}

# stages LOG: the write numbers where a stage starts, from a log of enospc_shim.so: the first
# write of each run of writes to one file (a flush, a commit, a merge, a stub); generation and
# shard numbers do not make files different. At most 8, spread from the first to the last.
stages() {
    sed -E 's/gen-[0-9]+/gen/g; s/shard-[0-9]+/shard/g' "$1" | awk '$2 != last { print $1 } { last = $2 }' |
        awk '{ at[NR] = $1 } END { k = NR < 8 ? NR : 8; for (i = 0; i < k; ++i) print at[1 + int(i * (NR - 1) / (k > 1 ? k - 1 : 1) + 0.5)] }' |
        uniq
}

# disk_full_point MODE N WANT ARGS...: newsdex-index ARGS with every write from the Nth on failing
# (ENOSPC) on a copy of the base database (none for MODE first): exit 3 and the disk-full message,
# never "internal error"; a first build leaves no folder; otherwise one generation, no stub left
# half-written, the lock free, and `oldword` answering exactly as before (WANT: the ranked ids).
disk_full_point() {
    local mode=$1 n=$2 want=$3 got
    shift 3
    rm -rf "$db"
    [[ $mode == first ]] || cp -a "$work/base-db" "$db"
    NEWSDEX_ENOSPC_AT=$n LD_PRELOAD=$SHIM ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
        timeout 120 "$IDX" --db "$db" --quiet "$@" >/dev/null 2>"$work/err.txt"
    got=$?
    local where="$mode, ENOSPC from write $n"
    [[ $got == 3 ]] || { cat "$work/err.txt" >&2; fail "$where: exit $got, expected 3"; }
    grep -q "no space left on device while writing $db: free space and run again" "$work/err.txt" ||
        fail "$where: message: $(cat "$work/err.txt")"
    (($(wc -l <"$work/err.txt") == 1)) || fail "$where: more than the one message: $(cat "$work/err.txt")"
    if [[ $mode == first ]]; then
        [[ ! -e $db ]] || fail "$where: left $(ls -A "$db" | tr '\n' ' ')behind"
        return
    fi
    expect "$where: generations" "$(generations)" 1
    [[ ! -e $db/XAPIANDB.tmp ]] || fail "$where: a half-written stub is left"
    flock -n "$db/newsdex.lock" true || fail "$where: the writer lock is still held"
    expect "$where: oldword" "$(ranked oldword)" "$want"
    local n_docs
    n_docs=$(hits commonword)
    # A rebuild keeps the index it started from; an update the batches it committed: it commits
    # every 500 articles read (--batch), the 300 unchanged ones first, 2,300 in all.
    if [[ $mode == rebuild ]]; then
        expect "$where: documents" "$n_docs" 300
    else
        ((n_docs == 300 || n_docs == 2300 || n_docs % 500 == 0)) || fail "$where: $n_docs documents, not a committed state"
    fi
}

ranked() { "$SRCH" --db "$db" --json -n 20 "$1" 2>&1 | grep -o '"id": "[^"]*"' | tr '\n' ' '; }

case_disk_full_points() {
    [[ -n $SHIM && -f $SHIM ]] || skip "no enospc_shim.so given"
    jsonl "$corpus/old.jsonl" s 0 299 oldword
    jsonl "$work/new.jsonl" n 0 1999
    "$IDX" --db "$db" --quiet "$corpus/old.jsonl" >/dev/null 2>&1 || fail "base build"
    mv "$db" "$work/base-db"
    local want mode args total n runs=0
    want=$(db=$work/base-db ranked oldword)
    [[ $want == *'s-19"'* ]] || fail "the base database does not answer: $want"
    for mode in first update rebuild; do
        case $mode in
            first) args=(--jobs 1 "$work/new.jsonl") ;;
            update) args=(--jobs 1 --batch 500 "$corpus/old.jsonl" "$work/new.jsonl") ;;
            rebuild) args=(--jobs 2 --rebuild "$corpus/old.jsonl" "$work/new.jsonl") ;;
        esac
        # A run that fits, logging its writes; then one run per stage, the disk full from its first write.
        rm -rf "$db" "$work/writes.log"
        [[ $mode == first ]] || cp -a "$work/base-db" "$db"
        NEWSDEX_ENOSPC_LOG=$work/writes.log LD_PRELOAD=$SHIM ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
            "$IDX" --db "$db" --quiet "${args[@]}" >/dev/null 2>"$work/err.txt" || fail "$mode, no failure: $(cat "$work/err.txt")"
        total=$(wc -l <"$work/writes.log")
        for n in $(stages "$work/writes.log"); do
            disk_full_point "$mode" "$n" "$want" "${args[@]}"
            runs=$((runs + 1))
        done
        echo "$mode: $(stages "$work/writes.log" | wc -l) stages of $total writes, each made to fail"
    done
    ((runs >= 15)) || fail "only $runs failure points; the test proves little"
}

case_sigkill_update() {
    local batch=20 total=600 base=100
    jsonl "$corpus/a.jsonl" a 0 $((base - 1))
    "$IDX" --db "$db" --quiet "$corpus" >/dev/null 2>&1 || fail "first build"
    cp -a "$db" "$work/base-db"
    jsonl "$corpus/a.jsonl" a 0 $((total - 1))
    # Time one update, so the kill points spread over a whole one on this machine.
    local start took kills=0 counts=""
    start=$(date +%s%N)
    "$IDX" --db "$db" --quiet --batch $batch "$corpus" >/dev/null 2>&1 || fail "timed update"
    took=$(( ($(date +%s%N) - start) / 1000000 ))
    for round in $(seq 1 20); do
        rm -rf "$db" && cp -a "$work/base-db" "$db"
        delay=$(python3 -c "import random; print(round(random.uniform(0.0, $took * 0.95 / 1000), 3))")
        "$IDX" --db "$db" --quiet --batch $batch "$corpus" >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
        wait "$pid" 2>/dev/null
        xapian-check "$(live_generation)" >"$work/check.txt" 2>&1 ||
            fail "xapian-check after SIGKILL at ${delay}s (round $round): $(tail -n 5 "$work/check.txt")"
        local n
        n=$(hits commonword)
        # Articles go in input order and an update commits every `batch` of them: what a reader
        # sees is the first build's articles, or a whole number of batches, or all of them.
        [[ $n =~ ^[0-9]+$ ]] || fail "count after SIGKILL (round $round): $n"
        ((n == base || n == total || (n > base && n % batch == 0))) ||
            fail "$n documents after SIGKILL at ${delay}s (round $round): not a committed state"
        counts="$counts $n"
        "$IDX" --db "$db" --quiet --batch $batch "$corpus" >/dev/null 2>"$work/err.txt" ||
            fail "update after SIGKILL (round $round): $(cat "$work/err.txt")"
        expect "documents after the next update (round $round)" "$(hits commonword)" $total
        expect "a late article (round $round)" "$(hits uniqan$((total - 1)))" 1
    done
    echo "sigkill_update: $kills of 20 updates (${took} ms each) killed; counts seen:$counts"
    ((kills >= 10)) || fail "only $kills updates were killed mid-run; the test proves little"
}

"case_$case_name"
echo "PASS [$case_name]"
