#!/usr/bin/env python3
"""Measures newsdex-search's spelling correction on a list of misspellings.

    bench/spelling/evaluate.py --search BUILD/searcher/newsdex-search --db DB [--list FILE]

Each line of the list (default: misspellings.tsv beside this script) is typed<TAB>meant. For
each, newsdex-search --json runs the typed word; its correction is "respelled" (searched
instead) or else "suggestion" (offered). Prints one line per word that was corrected wrongly
or not at all, then: corrections made, right, precision (right / made), recall (right / words
to correct), and words spelled right that were left alone.
"""
import argparse
import json
import os
import subprocess
import sys


def correction(search, db, word):
    out = subprocess.run([search, "--db", db, "--json", "-n", "0", word], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"evaluate: newsdex-search failed on {word!r}: {out.stderr.strip()}")
    j = json.loads(out.stdout)
    return j.get("respelled") or j.get("suggestion") or ""


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--search", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--list", default=os.path.join(here, "misspellings.tsv"))
    args = ap.parse_args()
    pairs = []
    with open(args.list, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                typed, meant = line.rstrip("\n").split("\t")
                pairs.append((typed, meant))
    made = right = to_fix = kept = correct_words = 0
    for typed, meant in pairs:
        got = correction(args.search, args.db, typed).lower()
        if typed == meant:
            correct_words += 1
            kept += not got
            if got:
                made += 1
                print(f"changed a right word: {typed} -> {got}")
            continue
        to_fix += 1
        if got:
            made += 1
            right += got == meant
        if got != meant:
            print(f"{'wrong' if got else 'missed'}: {typed} -> {got or '(none)'} (meant {meant})")
    print(f"misspellings: {to_fix}, corrections made: {made}, right: {right}, "
          f"precision: {right / made if made else 0:.3f}, recall: {right / to_fix if to_fix else 0:.3f}; "
          f"right words left alone: {kept}/{correct_words}")


if __name__ == "__main__":
    main()
