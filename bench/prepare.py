#!/usr/bin/env python3
"""Prepares the benchmark inputs: Reuters-21578 SGML -> JSON Lines newsdex reads, plus scaled copies.

    bench/prepare.py [--reuters DIR] [--out DIR] [--scales 1,10,50] [--limit N] [--synthetic]

Writes OUT/articles-x<S>.jsonl for each scale S and OUT/articles-x<S>.stats.json (articles,
text bytes, skipped, source). One object per line: id, title, body, date (YYYY-MM-DD), and the
Reuters tags as the lists places, people, orgs, topics. Copy k of a scaled file has ids
"<k>-<newid>" and dates shifted by k years; the x1 file keeps the plain NEWID.

When the Reuters directory is missing (or with --synthetic) it generates a deterministic
synthetic corpus of the same shape instead, and says so on stderr. Python 3 stdlib only.
"""
import argparse
import glob
import html
import json
import os
import random
import re
import sys

# ../shared beside the repository, as the tests and the other scripts find it.
DEFAULT_REUTERS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared",
                                                "corpora", "reuters21578"))
SYNTHETIC_ARTICLES = 21578

# ---------------------------------------------------------------------------------------------
# Reuters-21578 SGML. The files are ASCII apart from one stray Latin-1 byte and SGML character
# references for control characters (&#2; &#5; ...). Reading as Latin-1 never fails; control
# characters are dropped after unescaping so the JSON is clean UTF-8.

REUTERS_RE = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID_RE = re.compile(r'NEWID="(\d+)"')
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
TAG_RE = re.compile(r"<[^>]+>")
DATE_RE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})")
MONTHS = {m: i + 1 for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])}


def clean(text):
    """SGML text -> plain text: character references resolved, control characters removed."""
    return CONTROL_RE.sub("", html.unescape(text)).strip()


def element(block, name):
    m = re.search(r"<%s\b[^>]*>(.*?)</%s>" % (name, name), block, re.S)
    return m.group(1) if m else None


def tag_list(block, name):
    inner = element(block, name) or ""
    return [clean(d) for d in re.findall(r"<D>(.*?)</D>", inner, re.S)]


def reuters_date(raw):
    """'26-FEB-1987 15:01:01.79' -> (1987, 2, 26), or None."""
    m = DATE_RE.search(raw or "")
    if not m or m.group(2).upper() not in MONTHS:
        return None
    return int(m.group(3)), MONTHS[m.group(2).upper()], int(m.group(1))


def read_reuters(directory, stats):
    """Yields (newid, title, body, (y, m, d) or None, lists) for every usable article."""
    for path in sorted(glob.glob(os.path.join(directory, "reut2-*.sgm"))):
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in REUTERS_RE.finditer(data):
            attrs, block = m.groups()
            newid = NEWID_RE.search(attrs).group(1)
            text = element(block, "TEXT") or ""
            title = clean(element(text, "TITLE") or "")
            body = element(text, "BODY")
            # The dateline ("WASHINGTON, March 3 -") opens the story as published: keep it.
            dateline = element(text, "DATELINE")
            if body is not None and dateline:
                body = dateline.strip() + " " + body
            # No BODY (TYPE="BRIEF" or "UNPROC"): the whole TEXT content, markup removed.
            body = clean(body if body is not None else TAG_RE.sub(" ", text))
            if not title and not body:
                stats["skipped_empty"] += 1
                continue
            lists = {k: tag_list(block, k.upper()) for k in ("places", "people", "orgs", "topics")}
            yield newid, title, body, reuters_date(element(block, "DATE")), lists


# ---------------------------------------------------------------------------------------------
# Synthetic corpus: same shape, Zipf-like word frequencies, company and place words.

SYLLABLES = ["ba", "ker", "lo", "mi", "tra", "den", "so", "vel", "qua", "ri", "pen", "dor",
             "ta", "nu", "gra", "fi", "mon", "le", "sta", "cor", "wi", "zen", "ho", "par"]
COMPANIES = ["Acme Corp", "Globex Inc", "Initech", "Umbrella Group", "Soylent Co", "Hooli",
             "Vandelay Industries", "Stark Industries", "Wayne Enterprises", "Tyrell Corp",
             "Cyberdyne Systems", "Massive Dynamic", "Oceanic Airlines", "Wonka Industries"]
PLACES = ["usa", "uk", "japan", "west-germany", "france", "canada", "brazil", "china",
          "australia", "netherlands", "switzerland", "belgium", "italy", "argentina"]
PLACE_WORDS = {"usa": "United States", "uk": "London", "japan": "Tokyo",
               "west-germany": "Bonn", "france": "Paris", "canada": "Ottawa",
               "brazil": "Brasilia", "china": "Peking", "australia": "Sydney",
               "netherlands": "Amsterdam", "switzerland": "Zurich", "belgium": "Brussels",
               "italy": "Rome", "argentina": "Buenos Aires"}
COMMON = ["said", "the", "of", "to", "in", "and", "a", "for", "oil", "trade", "bank", "shares",
          "market", "company", "prices", "year", "pct", "mln", "dlrs", "billion", "net", "profit"]
TOPICS = ["earn", "acq", "crude", "trade", "money-fx", "grain", "interest", "ship", "sugar"]


def synthetic_vocabulary(rng, size=20000):
    words = list(COMMON)
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def read_synthetic(count, seed=21578):
    """Yields articles like read_reuters(); the same seed gives the same corpus."""
    rng = random.Random(seed)
    vocab = synthetic_vocabulary(rng)
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]  # Zipf, exponent 1
    for i in range(1, count + 1):
        company, place = rng.choice(COMPANIES), rng.choice(PLACES)
        words = rng.choices(vocab, weights, k=rng.randint(40, 400))
        for _ in range(rng.randint(1, 3)):  # a few entity mentions per article
            words.insert(rng.randrange(len(words)), rng.choice([company, PLACE_WORDS[place]]))
        sentences = [" ".join(words[j:j + 15]).capitalize() + "." for j in range(0, len(words), 15)]
        title = " ".join(rng.choices(vocab[:3000], weights[:3000], k=rng.randint(3, 8))).upper()
        date = (1987, rng.randint(2, 10), rng.randint(1, 28))
        lists = {"places": [place], "people": [], "orgs": [], "topics": [rng.choice(TOPICS)]}
        yield str(i), title, " ".join(sentences) + " Reuter", date, lists


# ---------------------------------------------------------------------------------------------

def shifted(date, years):
    if date is None:
        return ""
    y, m, d = date
    if m == 2 and d == 29 and (y + years) % 4 != 0:
        d = 28  # the shifted year has no 29 February
    return "%04d-%02d-%02d" % (y + years, m, d)


def write_scaled(articles, scale, out_dir, source, skipped):
    path = os.path.join(out_dir, "articles-x%d.jsonl" % scale)
    text_bytes = count = 0
    with open(path, "w", encoding="utf-8") as f:
        for copy in range(scale):
            for newid, title, body, date, lists in articles:
                record = {"id": newid if scale == 1 else "%d-%s" % (copy, newid),
                          "title": title, "body": body, "date": shifted(date, copy)}
                record.update(lists)
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                text_bytes += len(title.encode()) + len(body.encode())
                count += 1
    stats = {"file": path, "scale": scale, "articles": count, "text_bytes": text_bytes,
             "skipped_empty": skipped * scale, "source": source}
    with open(os.path.join(out_dir, "articles-x%d.stats.json" % scale), "w") as f:
        json.dump(stats, f, indent=1)
    print("prepare: %s: %d articles, %.1f MB of text" % (path, count, text_bytes / 1e6), file=sys.stderr)
    return stats


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reuters", default=DEFAULT_REUTERS, help="Reuters-21578 directory (reut2-*.sgm)")
    ap.add_argument("--out", default=os.path.join(here, "out"), help="output directory (default bench/out)")
    ap.add_argument("--scales", default="1,10,50", help="comma-separated copies to write (default 1,10,50)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument("--synthetic", action="store_true", help="generate a synthetic corpus even if Reuters exists")
    args = ap.parse_args()

    stats = {"skipped_empty": 0}
    if not args.synthetic and glob.glob(os.path.join(args.reuters, "reut2-*.sgm")):
        source = "reuters21578"
        articles = list(read_reuters(args.reuters, stats))
    else:
        source = "synthetic"
        print("prepare: %s not found or --synthetic: generating a synthetic corpus (seeded, %d articles)"
              % (args.reuters, args.limit or SYNTHETIC_ARTICLES), file=sys.stderr)
        articles = list(read_synthetic(args.limit or SYNTHETIC_ARTICLES))
    if args.limit:
        articles = articles[:args.limit]
    if stats["skipped_empty"]:
        print("prepare: skipped %d articles with neither title nor body" % stats["skipped_empty"], file=sys.stderr)
    os.makedirs(args.out, exist_ok=True)
    for scale in (int(s) for s in args.scales.split(",") if s):
        write_scaled(articles, scale, args.out, source, stats["skipped_empty"])


if __name__ == "__main__":
    main()
