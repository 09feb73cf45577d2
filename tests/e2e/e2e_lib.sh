# Shared by the end-to-end scripts (rebuild_e2e.sh, hardening_e2e.sh): a scratch directory
# removed at exit with any background job, and helpers that index, search and check.
# The sourcing script sets case_name, IDX and SRCH first; it may define extra_cleanup().
work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-e2e.XXXXXX")
cleanup() {
    local pids
    pids=$(jobs -p)
    [[ -n $pids ]] && kill $pids 2>/dev/null
    wait 2>/dev/null
    [[ $(type -t extra_cleanup) == function ]] && extra_cleanup
    rm -rf "$work"
}
trap cleanup EXIT
db=$work/db
corpus=$work/corpus
mkdir -p "$corpus"

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
expect() { [[ "$2" == "$3" ]] || fail "$1: expected '$3', got '$2'"; }

# hits QUERY: exact number of matches, or "error".
hits() {
    local out
    out=$("$SRCH" --db "$db" --json -n 0 "$1" 2>&1)
    [[ $out =~ \"lower_bound\":\ ([0-9]+) ]] && echo "${BASH_REMATCH[1]}" || echo "error: $out"
}

# jsonl FILE PREFIX FIRST LAST [EXTRA]: records PREFIX-FIRST..PREFIX-LAST, each with the word
# "commonword" and a word of its own ("uniqPREFIXnN"), EXTRA appended to every body.
jsonl() {
    python3 - "$@" <<'EOF'
import json, sys
path, prefix, first, last = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
extra = sys.argv[5] if len(sys.argv) > 5 else ""
words = "market shares profit bank rate inflation election minister storm court trial energy".split()
with open(path, "w") as out:
    for i in range(first, last + 1):
        body = " ".join(words[(i * 7 + k) % len(words)] for k in range(120))
        out.write(json.dumps({"id": f"{prefix}-{i}", "title": f"Story {prefix} {i}",
                              "date": "2021-03-04",
                              "body": f"commonword uniq{prefix}n{i} {body} {extra}"}) + "\n")
EOF
}

text() { printf 'Headline %s\n\ncommonword %s body text about markets and banks.\n' "$2" "$2" >"$1"; }

generations() { find "$db" -maxdepth 1 -name 'gen-*' | wc -l; }
