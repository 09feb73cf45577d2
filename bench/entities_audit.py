#!/usr/bin/env python3
"""Precision audit of the company, person and place facets: do the values stand in the text?

    bench/entities_audit.py [--build BUILD_DIR] [--jsonl FILE] [--sample 200] [--seed 20261202]
                            [--show 50] [--json]

Runs `newsdex-index --extract` on a JSON Lines archive (default: Reuters-21578 prepared by
bench/prepare.py --scales 1 into a temp dir), lists every distinct (facet, value, article)
triple of the kinds company, person and place as the indexer stores them (the names an
article mentions, before roll-ups to parents), draws `--sample` of them with a fixed seed,
and checks each against the article's title and body:

  - the value holds when one of its names occurs in the text with word boundaries (no letter
    or digit on either side): for a person the full name as extracted; for a company or place
    its canonical name or any alias in schema/gazetteers (years after '@' dropped), or, for a
    value not in the gazetteer, the value itself;
  - case rules: a name is found as written; a name with lower-case letters is also found in
    capitals (a wire headline); a name in capitals ("AWS", "3M") only as written;
  - the spaces of a name may be any white space (a name wrapped onto the next line);
  - a period at the end of a name may be missing in the text ("U.S." -> "U.S"); a possessive
    ("Moody's") must be there, with ' or ’.

Prints the share that holds and the triples that do not (for reading by hand); --show N also
prints N holding triples with the text around the match. Python 3 stdlib only.
"""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_REUTERS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpora", "reuters21578"))
GAZETTEERS = os.path.join(ROOT, "schema", "gazetteers")
KINDS = ("company", "person", "place")


def gazetteer_names():
    """canonical -> every name (canonical, aliases), years after '@' dropped."""
    names = {}
    for path in sorted(glob.glob(os.path.join(GAZETTEERS, "*.tsv"))):
        if os.path.basename(path).startswith("reuters_"):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\r\n").split("\t")
                if not line.strip() or line.startswith("#") or len(cols) < 4:
                    continue
                all_names = [cols[0]] + [a for a in cols[3].split("|") if a]
                clean = [n.split("@")[0] for n in all_names]
                for n in clean:  # a dated name is also indexed as the value
                    names.setdefault(n, set()).update(clean)
    return names


def found(name, text):
    """Is `name` in `text` with word boundaries and the case rules above?"""
    text = text.replace("\u2019", "'")
    forms = {name}
    if re.search(r"[a-z]", name):
        forms.add(name.upper())
    if name.endswith(".") and len(name) > 2:
        forms |= {f[:-1] for f in list(forms)}
    for form in forms:
        spaced = r"\s+".join(re.escape(part) for part in form.split(" "))  # a name may wrap a line
        if re.search(r"(?<![A-Za-z0-9])" + spaced + r"(?![A-Za-z0-9])", text):
            return True
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="CMake build directory (default build/)")
    ap.add_argument("--reuters", default=DEFAULT_REUTERS, help="Reuters-21578 directory (reut2-*.sgm)")
    ap.add_argument("--jsonl", help="JSON Lines archive (default: Reuters prepared into a temp dir)")
    ap.add_argument("--sample", type=int, default=200, help="triples drawn (default 200)")
    ap.add_argument("--seed", type=int, default=20261202, help="random seed (default 20261202)")
    ap.add_argument("--show", type=int, default=0, help="also print N holding triples, for reading")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if not args.jsonl and not os.path.isdir(args.reuters):
        print("entities_audit: %s is absent; nothing to audit (skipped)" % args.reuters, file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="newsdex-audit-") as tmp:
        jsonl = args.jsonl
        if not jsonl:
            subprocess.run([sys.executable, os.path.join(HERE, "prepare.py"), "--reuters", args.reuters, "--out",
                            tmp, "--scales", "1"], check=True, stdout=subprocess.DEVNULL)
            jsonl = os.path.join(tmp, "articles-x1.jsonl")
        texts = {}
        with open(jsonl, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    texts[str(r["id"])] = (r.get("title") or "") + "\n" + (r.get("body") or "")
        done = subprocess.run([os.path.join(args.build, "indexer", "newsdex-index"), "--extract", jsonl],
                              stdout=subprocess.PIPE, check=False)
        if done.returncode not in (0, 1):
            sys.exit("entities_audit: newsdex-index --extract failed with exit status %d" % done.returncode)
    articles = json.loads(done.stdout)["articles"]
    triples = sorted({(e["kind"], e["canonical"], i) for i, a in enumerate(articles)
                      for e in a["entities"] if e["kind"] in KINDS})
    sample = random.Random(args.seed).sample(triples, min(args.sample, len(triples)))
    names = gazetteer_names()
    holding, failing = [], []
    for kind, value, i in sample:
        a = articles[i]
        text = texts.get(a["id"].rsplit("#", 1)[-1], "")
        candidates = {value} if kind == "person" else names.get(value, {value})
        ok = any(found(n, text) for n in candidates)
        (holding if ok else failing).append((kind, value, a["id"]))
    share = len(holding) / len(sample) if sample else 0.0
    if args.json:
        print(json.dumps({"triples": len(triples), "sample": len(sample), "seed": args.seed, "hold": len(holding),
                          "share": round(share, 4), "failing": failing}, indent=1))
        return 0
    print("triples: %d, sample: %d (seed %d), hold: %d, share: %.3f" % (len(triples), len(sample), args.seed,
                                                                      len(holding), share))
    for kind, value, ident in failing:
        print("  does not hold: %s %r in %s" % (kind, value, ident))
    for kind, value, ident in holding[:args.show]:
        print("  holds: %s %r in %s" % (kind, value, ident))
    return 0


if __name__ == "__main__":
    sys.exit(main())
