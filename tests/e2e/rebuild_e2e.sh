#!/usr/bin/env bash
# End-to-end tests of scripted index runs, driving the built binaries:
#   incremental  add/change/delete cycles with exact counts; rejected input keeps its documents;
#                --dry-run; --rebuild leaves one compacted generation
#   concurrent   --rebuild while a search loop runs: every search sees the whole old or new index
#   sigkill      SIGKILL at random points of rebuilds until 15 were killed mid-run: the old index
#                answers, same count; SIGINT stops cleanly with exit 5
#   lock         a second indexer gets exit 4 and a message naming the lock and its holder
#   bad_input    a corpus of bad items beside good ones: exact counts that add up
# Usage: rebuild_e2e.sh CASE PATH/TO/newsdex-index PATH/TO/newsdex-search
set -u
case_name=$1
IDX=$2
SRCH=$3
# shellcheck source=e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"

# json FILE EXPR: evaluates a Python expression over the JSON document `d` in FILE.
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

# counts FILE: "added updated unchanged deleted rejected skipped kept documents" of a summary,
# after checking that every input item is counted exactly once.
counts() {
    json "$1" '(" ".join(str(d[k]) for k in ["added","updated","unchanged","deleted","rejected","skipped","kept","documents"])
                if d["items"] == d["added"]+d["updated"]+d["unchanged"]+d["rejected"]+d["skipped"]
                else "items do not add up: " + str(d))'
}

# index EXPECTED_EXIT ARGS...: runs newsdex-index --json into $work/out.json.
index() {
    local want=$1 got
    shift
    "$IDX" --db "$db" --json --quiet "$@" >"$work/out.json" 2>"$work/err.txt"
    got=$?
    [[ $got == "$want" ]] || { cat "$work/err.txt" >&2; fail "newsdex-index $* exited $got, expected $want"; }
}

case_incremental() {
    jsonl "$corpus/a.jsonl" a 0 49
    jsonl "$corpus/b.jsonl" b 0 29
    for i in 1 2 3 4 5; do text "$corpus/t$i.txt" "plain$i"; done
    mkdir "$corpus/sub" && printf '# Sub story\n\ncommonword nested markdown\n' >"$corpus/sub/n1.md"

    index 0 "$corpus"
    expect "first run" "$(counts "$work/out.json")" "86 0 0 0 0 0 0 86"
    index 0 "$corpus"
    expect "unchanged run" "$(counts "$work/out.json")" "0 0 86 0 0 0 0 86"

    # change a record and a file, drop a record and a file, add a file
    jsonl "$corpus/a.jsonl" a 0 49 && sed -i -e '/"a-10"/d' -e '/"a-3"/s/commonword/commonword changed/' "$corpus/a.jsonl"
    jsonl "$corpus/c.jsonl" c 0 3
    rm "$corpus/t5.txt"
    text "$corpus/t1.txt" "plain1 revised"
    index 0 "$corpus"
    expect "change cycle" "$(counts "$work/out.json")" "4 2 82 2 0 0 0 88"
    expect "changed record" "$(hits changed)" 1
    expect "dropped record" "$(hits uniqan10)" 0

    # a bad night: a malformed line (id unknown) and a dropped record in b.jsonl, a record
    # of a.jsonl with an empty body, t2.txt a dangling symlink: nothing indexed is lost
    cp "$corpus/b.jsonl" "$work/b.saved" && cp "$corpus/a.jsonl" "$work/a.saved"
    sed -i '/"b-0"/d' "$corpus/b.jsonl" && echo '{"id": "b-99", "body": ' >>"$corpus/b.jsonl"
    sed -i 's/^{"id": "a-1", .*$/{"id": "a-1", "body": ""}/' "$corpus/a.jsonl"
    rm "$corpus/t2.txt" && ln -s "$work/nowhere.txt" "$corpus/t2.txt"
    index 1 "$corpus"
    expect "rejected input keeps documents" "$(counts "$work/out.json")" "0 0 85 0 3 0 3 88"
    grep -q 'b.jsonl:30' "$work/out.json" || fail "malformed line not reported with its line"
    grep -q 't2.txt' "$work/out.json" || fail "dangling symlink not reported"
    expect "kept record" "$(hits uniqbn0)" 1
    expect "kept text file" "$(hits plain2)" 1

    # the next good night deletes what really went
    cp "$work/a.saved" "$corpus/a.jsonl" && grep -v '"b-0"' "$work/b.saved" >"$corpus/b.jsonl"
    rm "$corpus/t2.txt"
    index 0 "$corpus"
    expect "after repair" "$(counts "$work/out.json")" "0 0 86 2 0 0 0 86"

    # --dry-run says what would change and changes nothing
    jsonl "$corpus/d.jsonl" d 0 2 && rm "$corpus/t3.txt"
    index 0 --dry-run "$corpus"
    expect "dry run" "$(counts "$work/out.json")" "3 0 85 1 0 0 0 86"
    expect "dry run flag" "$(json "$work/out.json" 'd["dry_run"]')" True
    expect "dry run wrote nothing" "$(hits commonword)" 86

    # --rebuild: one compacted generation, named by the stub; t3.txt, gone, is counted deleted
    index 0 --rebuild "$corpus"
    expect "rebuild" "$(counts "$work/out.json")" "88 0 0 1 0 0 0 88"
    expect "generations after rebuild" "$(generations)" 1
    expect "stub" "$(cat "$db/XAPIANDB")" "auto $(json "$work/out.json" 'd["generation"]')"
    expect "rebuilt index" "$(hits commonword)" 88

    # a database of another schema version is refused with a hint to rebuild
    xapian-metadata set "$db/$(json "$work/out.json" 'd["generation"]')" newsdex_schema_version 999 2>/dev/null ||
        { echo "SKIP schema check: xapian-metadata not installed"; return 0; }
    index 3 "$corpus"
    grep -q -- '--rebuild' "$work/err.txt" || fail "schema mismatch message does not say --rebuild"
    index 0 --rebuild "$corpus"
}

case_concurrent() {
    jsonl "$corpus/a.jsonl" a 0 299
    index 0 "$corpus"
    # The searcher loop: every answer must be a whole index, 300 or 320 documents.
    (
        n=0 bad=0
        while [[ ! -e $work/stop ]]; do
            got=$(hits commonword)
            n=$((n + 1))
            if [[ $got != 300 && $got != 320 ]]; then bad=$((bad + 1)); echo "search $n: $got" >>"$work/bad.txt"; fi
        done
        echo "$n $bad" >"$work/loop.txt"
    ) &
    loop=$!
    for round in 1 2 3 4 5 6; do
        if ((round % 2)); then jsonl "$corpus/b.jsonl" b 0 19; else rm -f "$corpus/b.jsonl"; fi
        index 0 --rebuild --batch 50 "$corpus"
    done
    touch "$work/stop"
    wait "$loop"
    read -r searches failed <"$work/loop.txt"
    echo "concurrent: $searches searches during 6 rebuilds, $failed failed"
    [[ -e $work/bad.txt ]] && head "$work/bad.txt" >&2
    ((searches >= 10)) || fail "only $searches searches ran"
    expect "failed searches" "$failed" 0
    expect "generations" "$(generations)" 1
}

case_sigkill() {
    jsonl "$corpus/a.jsonl" a 0 599
    index 0 "$corpus"
    local kills=0 round=0 start took delay
    # Kill points spread over the whole run: time one rebuild first (a loaded machine is slower).
    # The machine's load changes while the test runs, so a rebuild that finishes before its kill
    # lands shortens the window for the next ones; rounds go on until 15 rebuilds were killed.
    start=$(date +%s%N)
    index 0 --rebuild --batch 50 "$corpus"
    took=$(( ($(date +%s%N) - start) / 1000000 ))
    while ((kills < 15 && round < 60)); do
        round=$((round + 1))
        delay=$(python3 -c "import random; print(round(random.uniform(0.0, $took * 0.95 / 1000), 3))")
        "$IDX" --db "$db" --quiet --rebuild --batch 50 "$corpus" >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        if kill -KILL "$pid" 2>/dev/null; then
            kills=$((kills + 1))
        else
            took=$(python3 -c "print(max(1, int($delay * 1000)))")
        fi
        wait "$pid" 2>/dev/null
        expect "documents after SIGKILL at ${delay}s (round $round)" "$(hits commonword)" 600
        expect "known query after SIGKILL at ${delay}s (round $round)" "$(hits uniqan17)" 1
    done
    echo "sigkill: $kills of $round rebuilds killed before they finished"
    ((kills >= 15)) || fail "only $kills of $round rebuilds were killed mid-run; the test proves little"
    index 0 "$corpus"
    expect "after the kills" "$(counts "$work/out.json")" "0 0 600 0 0 0 0 600"
    expect "leftovers cleaned" "$(generations)" 1

    # Ctrl-C (SIGINT) stops a rebuild: exit 5, the old index stays live. The signal goes out as
    # soon as the new generation exists; a machine fast enough to finish the whole rebuild before
    # the signal lands gets exit 0 and a complete index, and the round is tried again with
    # more articles.
    local articles=2000 got=
    for attempt in 1 2 3; do
        jsonl "$corpus/b.jsonl" b 0 $((articles - 1))
        "$IDX" --db "$db" --rebuild --batch 20 "$corpus" >/dev/null 2>"$work/err.txt" &
        pid=$!
        for _ in $(seq 1 2000); do
            (( $(generations) > 1 )) && break
            sleep 0.005
        done
        kill -INT "$pid" 2>/dev/null
        wait "$pid"
        got=$?
        [[ $got == 0 ]] || break
        expect "documents after a rebuild that outran SIGINT" "$(hits commonword)" $((600 + articles))
        echo "sigint: attempt $attempt finished before the signal landed; retrying with more articles"
        rm -f "$corpus/b.jsonl"
        index 0 --rebuild "$corpus"
        articles=$((articles * 4))
    done
    expect "exit status after SIGINT" "$got" 5
    grep -q interrupted "$work/err.txt" || fail "no 'interrupted' message"
    expect "documents after SIGINT" "$(hits commonword)" 600
    expect "leftovers after SIGINT" "$(generations)" 1
}

case_lock() {
    jsonl "$corpus/a.jsonl" a 0 799
    "$IDX" --db "$db" --quiet "$corpus" >/dev/null 2>&1 &
    first=$!
    for _ in $(seq 1 100); do
        grep -q "pid $first," "$db/newsdex.lock" 2>/dev/null && break
        sleep 0.05
    done
    "$IDX" --db "$db" --quiet "$corpus" >/dev/null 2>"$work/err.txt"
    expect "exit status of the second indexer" "$?" 4
    grep -q "newsdex.lock" "$work/err.txt" || fail "message does not name the lock: $(cat "$work/err.txt")"
    grep -q "pid $first" "$work/err.txt" || fail "message does not name the holder: $(cat "$work/err.txt")"
    wait "$first"
    expect "exit status of the first indexer" "$?" 0
    expect "documents" "$(hits commonword)" 800
}

case_bad_input() {
    local c=$corpus
    text "$c/good1.txt" good1
    printf -- '---\ntitle: Good two\n---\ncommonword good2 body\n' >"$c/good2.md"
    mkdir "$c/sub" && text "$c/sub/deep.txt" deep
    ln -s .. "$c/sub/loop"                                  # a symlink loop: warning, not an item
    mkdir "$c/x.txt"                                        # a directory named like a file
    jsonl "$c/good.jsonl" g 0 4                             # 5 good records
    {
        echo '{"id": "broken", "body": "no closing brace"'  # line 6: malformed JSON
        echo '{"id": "g-1", "body": "commonword again"}'    # line 7: duplicate id
        echo '{"id": "g-9"}'                                # line 8: no body
        printf '{"id": "g-8", "body": "commonword caf\xe9 repaired"}\n'  # line 9: bad UTF-8, kept
    } >>"$c/good.jsonl"
    printf 'Bad bytes\n\ncommonword invalid \xff\xfe utf-8 text\n' >"$c/bad_utf8.txt"   # kept, warning
    printf 'Nul\n\n\0\0binary\n' >"$c/nul.txt"              # skipped: binary
    truncate -s 50M "$c/big.txt"                            # rejected: over --max-file-mb
    : >"$c/empty.txt"                                       # skipped: empty
    printf '  \n\n' >"$c/blank.md"                          # skipped: empty
    ln -s "$work/missing.txt" "$c/gone.txt"                 # rejected: dangling symlink
    ln -s self.txt "$c/self.txt"                            # rejected: looping symlink
    printf -- '---\nid: same\n---\ncommonword fm1\n' >"$c/fm1.md"
    printf -- '---\nid: same\n---\ncommonword fm2\n' >"$c/fm2.md"   # rejected: duplicate id
    local extra_rejected=0
    if [[ $(id -u) == 0 ]]; then
        echo "SKIP unreadable-file check: running as root, where chmod 000 does not stop reads"
    else
        text "$c/noperm.txt" noperm && chmod 000 "$c/noperm.txt" && extra_rejected=1
    fi

    index 1 --max-file-mb 8 "$c"
    # added: good1 good2 deep 5+1 records bad_utf8 fm1 = 11; rejected: 3 lines, big, gone,
    # self, fm2 = 7; skipped: nul empty blank = 3
    expect "bad input" "$(counts "$work/out.json")" "11 0 0 0 $((7 + extra_rejected)) 3 0 11"
    json "$work/out.json" '"\n".join(n["where"] + ": " + n["reason"] for n in d["rejected_items"])' >"$work/rejected.txt"
    for where in good.jsonl:6 good.jsonl:7 good.jsonl:8 big.txt gone.txt self.txt fm2.md; do
        grep -q "$where: " "$work/rejected.txt" || fail "rejected item $where not reported"
    done
    json "$work/out.json" '"\n".join(n["where"] + ": " + n["reason"] for n in d["skipped_items"])' >"$work/skipped.txt"
    for where in nul.txt empty.txt blank.md; do
        grep -q "$where: " "$work/skipped.txt" || fail "skipped item $where not reported"
    done
    cat "$work/rejected.txt" "$work/skipped.txt"
    json "$work/out.json" '"\n".join(n["where"] + ": " + n["reason"] for n in d["warning_items"])' >"$work/warnings.txt"
    grep -q "good.jsonl:9: invalid UTF-8" "$work/warnings.txt" || fail "bad UTF-8 line not warned"
    grep -q "bad_utf8.txt: invalid UTF-8" "$work/warnings.txt" || fail "bad UTF-8 file not warned"
    grep -q "symlink loop" "$work/warnings.txt" || fail "symlink loop not warned"
    expect "indexed" "$(hits commonword)" 11
    expect "repaired record" "$(hits repaired)" 1
}

"case_$case_name"
echo "PASS [$case_name]"
