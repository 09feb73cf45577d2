#!/usr/bin/env python3
"""Agreement of newsdex's entity extractor with the Reuters-21578 tags (places, people, orgs).

    bench/entities_eval.py [--build BUILD_DIR] [--reuters DIR] [--jsonl FILE] [--limit N]
                           [--gazetteers DIR] [--top 10] [--json] [--countries]
                           [--closed-vocabulary]
                           [--sample-false N] [--seed 20261202]

Runs `newsdex-index --extract` on the Reuters JSON Lines (made by bench/prepare.py --scales 1
when --jsonl is not given), maps the Reuters codes to our canonical names through
schema/gazetteers/reuters_places.tsv and reuters_orgs.tsv, and prints precision and recall
per field with the top false negatives and false positives.

How it counts (micro-averaged; per field, only articles with at least one tag of that field):
  - The unit is a distinct value per article: the distinct canonical names extracted of that
    kind, and the distinct tags.
  - places: an extracted place is correct if it or one of its ancestors in the gazetteer
    in the article's year, as the indexer rolls it up (Tokyo -> Japan, Texas -> United States,
    Frankfurt -> West Germany in 1987) is the canonical name of a tag; otherwise it is a
    false positive (a place whose country is not tagged). A tag is found if some extracted
    place or one of its ancestors is its canonical name.
  - orgs: the same, with extracted orgs (kind "org") and their ancestors.
  - people: tags are "first-last" codes; a tag is found, and an extracted person correct, when
    the tag's last token equals the last word of the extracted canonical name (case-insensitive).
  - A tag whose code has no mapping still counts (as a false negative); the count is reported.
--countries adds a second, clearly separate measure for places: Reuters tags countries only, so
every extracted place is first replaced by its country (its last ancestor, or itself when it has
none) and the distinct countries are compared with the tags; the plain figures stay first.
--closed-vocabulary adds a second, clearly separate measure for people and orgs: Reuters tags them
from closed vocabularies (all-people-strings.lc.txt, all-orgs-strings.lc.txt in --reuters), so
an extracted value counts as a false positive only when Reuters could have tagged it (a person
whose surname is the last word of a vocabulary entry; an org that is, or rolls up to, the
canonical name of a vocabulary code in reuters_orgs.tsv) and the article lacks that tag; other
false values are left out of that precision and counted apart. Recall is the plain one.
--sample-false N prints N false positives per field, drawn with --seed from every
(article, value) pair counted false, each with the text around its first mention, for reading.
Exits 0 with a message when the Reuters folder is absent. Python 3 stdlib only.
"""
import argparse
import collections
import glob
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_REUTERS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpora", "reuters21578"))
GAZETTEERS = os.path.join(ROOT, "schema", "gazetteers")
FIELDS = ("places", "people", "orgs")
KIND_OF_FIELD = {"places": "place", "people": "person", "orgs": "org"}


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def dated(text):
    """"Comcast@2018" -> ("Comcast", 2018, 0); "West Germany@1949-1990" -> (.., 1949, 1990)."""
    name, at, years = text.rpartition("@")
    if not at:
        return text, 0, 0
    first, _, last = years.partition("-")
    return name, int(first or 0), int(last or 0)


def load_parents(gazetteers):
    """canonical -> its parent column read as (name, from, to) triples, from every entity list
    (not the reuters_* mappings): "Germany|West Germany@1949-1990" gives two. A dated name
    ("Viacom@1971-2019" among the aliases) has its entry's parents, as in Gazetteer::ancestors."""
    parents, dated_names = {}, {}
    for path in sorted(glob.glob(os.path.join(gazetteers, "*.tsv"))):
        if os.path.basename(path).startswith("reuters_"):
            continue
        for cols in read_tsv(path):
            if len(cols) >= 3 and cols[2]:
                parents[cols[0]] = [dated(text) for text in cols[2].split("|")]
                for alias in (cols[3].split("|") if len(cols) >= 4 and cols[3] else []):
                    if "@" in alias:
                        dated_names.setdefault(dated(alias)[0], parents[cols[0]])
    for name, options in dated_names.items():
        parents.setdefault(name, options)
    return parents


def parent_in(options, year):
    """The parent in `year` (0: undated), as Gazetteer::ancestors reads it: a period parent (with
    an end year) covering the year, else the parent without one when it already holds."""
    for name, first, last in options:
        if last and year and (not first or year >= first) and year <= last:
            return name
    for name, first, last in options:
        if not last and (not first or (year and year >= first)):
            return name
    return None


def with_ancestors(name, parents, year=0):
    out = [name]
    while name in parents and len(out) < 16:
        name = parent_in(parents[name], year)
        if name is None:
            break
        out.append(name)
    return out


def year_of(article):
    date = article.get("date") or ""
    return int(date[:4]) if date[:4].isdigit() else 0


def load_mapping(path):
    return {cols[0]: cols[1] for cols in read_tsv(path) if len(cols) >= 2}


def surname(text):
    words = text.replace("-", " ").split()
    return words[-1].lower() if words else ""


def extract(build, gazetteers, jsonl):
    command = [os.path.join(build, "indexer", "newsdex-index"), "--extract", jsonl]
    if gazetteers != GAZETTEERS:
        command += ["--gazetteers", gazetteers]
    done = subprocess.run(command, stdout=subprocess.PIPE, check=False)
    if done.returncode not in (0, 1):
        sys.exit("entities_eval: %s failed with exit status %d" % (" ".join(command), done.returncode))
    return json.loads(done.stdout)


def country_of(name, parents, year=0):
    return with_ancestors(name, parents, year)[-1]


def load_vocabularies(reuters, maps):
    """What Reuters could tag, from its closed vocabularies: the surnames of
    all-people-strings.lc.txt, and the canonical names of all-orgs-strings.lc.txt's codes
    (through reuters_orgs.tsv). None when the files are absent."""
    people = os.path.join(reuters, "all-people-strings.lc.txt")
    orgs = os.path.join(reuters, "all-orgs-strings.lc.txt")
    if not (os.path.isfile(people) and os.path.isfile(orgs)):
        return None
    with open(people, encoding="utf-8") as f:
        surnames = {surname(line) for line in f if line.strip()}
    with open(orgs, encoding="utf-8") as f:
        names = {maps["orgs"][code] for code in (line.strip() for line in f) if code in maps["orgs"]}
    return {"people": surnames, "orgs": names}


def taggable(field, name, vocabularies, parents, year=0):
    """Whether Reuters could have tagged the extracted value: its surname (people) or it or one
    of its ancestors (orgs) is in the closed vocabulary."""
    if field == "people":
        return surname(name) in vocabularies["people"]
    return any(n in vocabularies["orgs"] for n in with_ancestors(name, parents, year))


def evaluate(articles, tags_by_id, maps, parents, countries=False, vocabularies=None):
    """countries: places are compared as their countries (see --countries). vocabularies: a
    false positive counts only when Reuters could have tagged it (see --closed-vocabulary);
    the others are left out of precision."""
    counts = {f: collections.Counter() for f in FIELDS}  # tp_p, fp, tp_r, fn, articles, tags, unmapped
    misses = {f: collections.Counter() for f in FIELDS}
    wrong = {f: collections.Counter() for f in FIELDS}
    false_pairs = {f: [] for f in FIELDS}
    for article in articles:
        record_id = article["id"].rsplit("#", 1)[-1]
        year = year_of(article)
        tags = tags_by_id.get(record_id)
        if tags is None:
            continue
        for field in FIELDS:
            codes = sorted(set(tags.get(field, [])))
            if not codes:
                continue
            c = counts[field]
            c["articles"] += 1
            c["tags"] += len(codes)
            kind = KIND_OF_FIELD[field]
            found = sorted({e["canonical"] for e in article["entities"] if e["kind"] == kind})
            if countries and field == "places":
                found = sorted({country_of(name, parents, year) for name in found})
            if field == "people":
                gold = {code: surname(code) for code in codes}
                keys = {name: {surname(name)} for name in found}
            else:
                gold = {code: maps[field].get(code) for code in codes}
                c["unmapped"] += sum(1 for v in gold.values() if v is None)
                keys = {name: set(with_ancestors(name, parents, year)) for name in found}
            gold_values = {v for v in gold.values() if v}
            for name, names in keys.items():
                if names & gold_values:
                    c["tp_p"] += 1
                elif vocabularies and field in vocabularies and not taggable(field, name, vocabularies, parents, year):
                    c["untaggable"] += 1
                else:
                    c["fp"] += 1
                    wrong[field][name] += 1
                    false_pairs[field].append((article, name))
            reached = set().union(*keys.values()) if keys else set()
            for code, value in gold.items():
                if value and value in reached:
                    c["tp_r"] += 1
                else:
                    c["fn"] += 1
                    misses[field][code] += 1
    return counts, misses, wrong, false_pairs


def ratio(a, b):
    return a / b if b else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="CMake build directory (default build/)")
    ap.add_argument("--reuters", default=DEFAULT_REUTERS, help="Reuters-21578 directory (reut2-*.sgm)")
    ap.add_argument("--jsonl", help="JSON Lines from bench/prepare.py (default: prepared into a temp dir)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument("--gazetteers", default=GAZETTEERS, help="gazetteer folder (default schema/gazetteers)")
    ap.add_argument("--top", type=int, default=10, help="false negatives/positives listed per field")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    ap.add_argument("--countries", action="store_true", help="also compare places as their countries")
    ap.add_argument("--closed-vocabulary", action="store_true",
                    help="also measure people and orgs precision counting only values Reuters could tag")
    ap.add_argument("--sample-false", type=int, default=0, metavar="N",
                    help="print N false positives per field with their context")
    ap.add_argument("--seed", type=int, default=20261202, help="seed of --sample-false (default 20261202)")
    args = ap.parse_args()

    if not args.jsonl and not os.path.isdir(args.reuters):
        print("entities_eval: %s is absent; nothing to evaluate (skipped)" % args.reuters, file=sys.stderr)
        return 0

    with tempfile.TemporaryDirectory(prefix="newsdex-entities-") as tmp:
        jsonl = args.jsonl
        if not jsonl:
            command = [sys.executable, os.path.join(HERE, "prepare.py"), "--reuters", args.reuters, "--out", tmp,
                       "--scales", "1"]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            jsonl = os.path.join(tmp, "articles-x1.jsonl")
        if args.limit:
            limited = os.path.join(tmp, "limited.jsonl")
            with open(jsonl, encoding="utf-8") as src, open(limited, "w", encoding="utf-8") as dst:
                for n, line in enumerate(src):
                    if n >= args.limit:
                        break
                    dst.write(line)
            jsonl = limited
        tags_by_id = {}
        texts = {}
        with open(jsonl, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    record = json.loads(line)
                    tags_by_id[str(record["id"])] = {k: record.get(k, []) for k in FIELDS}
                    texts[str(record["id"])] = {"title": record.get("title", ""), "body": record.get("body", ""),
                                                "tags": tags_by_id[str(record["id"])]}
        extracted = extract(args.build, args.gazetteers, jsonl)

    maps = {"places": load_mapping(os.path.join(GAZETTEERS, "reuters_places.tsv")),
            "orgs": load_mapping(os.path.join(GAZETTEERS, "reuters_orgs.tsv"))}
    parents = load_parents(args.gazetteers)
    counts, misses, wrong, false_pairs = evaluate(extracted["articles"], tags_by_id, maps, parents)
    figures = {field: field_figures(counts[field], misses[field], wrong[field], args.top) for field in FIELDS}
    by_country = None
    if args.countries:
        c_counts, c_misses, c_wrong, _ = evaluate(extracted["articles"], tags_by_id, maps, parents, countries=True)
        by_country = field_figures(c_counts["places"], c_misses["places"], c_wrong["places"], args.top)
    closed = None
    if args.closed_vocabulary:
        vocabularies = load_vocabularies(args.reuters, maps)
        if vocabularies is None:
            sys.exit("entities_eval: --closed-vocabulary needs all-people-strings.lc.txt and all-orgs-strings.lc.txt "
                     "in %s; pass --reuters DIR" % args.reuters)
        v_counts, v_misses, v_wrong, _ = evaluate(extracted["articles"], tags_by_id, maps, parents,
                                                  vocabularies=vocabularies)
        closed = {field: field_figures(v_counts[field], v_misses[field], v_wrong[field], args.top)
                  for field in ("people", "orgs")}
    if args.json:
        out = {"articles": len(extracted["articles"]), "fields": figures}
        if by_country:
            out["places_as_countries"] = by_country
        if closed:
            out["closed_vocabulary"] = closed
        print(json.dumps(out, indent=1))
    else:
        print_markdown(len(extracted["articles"]), figures, by_country, closed)
    if args.sample_false:
        print_false_sample(false_pairs, texts, args.sample_false, args.seed, parents)
    return 0


def field_figures(c, misses, wrong, top):
    p = ratio(c["tp_p"], c["tp_p"] + c["fp"])
    r = ratio(c["tp_r"], c["tp_r"] + c["fn"])
    return {"articles": c["articles"], "tags": c["tags"], "unmapped_tags": c["unmapped"],
            "extracted": c["tp_p"] + c["fp"], "correct": c["tp_p"], "false_positives": c["fp"],
            "untaggable": c["untaggable"],
            "tags_found": c["tp_r"], "false_negatives": c["fn"], "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(ratio(2 * p * r, p + r), 4),
            "top_false_negatives": misses.most_common(top), "top_false_positives": wrong.most_common(top)}


def table_row(name, f):
    return "| %s | %d | %d | %d | %.3f (%d/%d) | %.3f (%d/%d) | %.3f |" % (
        name, f["articles"], f["tags"], f["extracted"], f["precision"], f["correct"], f["extracted"],
        f["recall"], f["tags_found"], f["tags"], f["f1"])


def print_markdown(articles, figures, by_country, closed=None):
    print("Articles: %d\n" % articles)
    print("| field | articles with tags | tags | extracted | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for field in FIELDS:
        print(table_row(field, figures[field]))
    if by_country:
        print("\nSecond measure (--countries), places compared as their countries:\n")
        print("| field | articles with tags | tags | countries extracted | precision | recall | F1 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        print(table_row("places as countries", by_country))
    if closed:
        print("\nSecond measure (--closed-vocabulary), people and orgs: a value counts as false only when "
              "Reuters could have tagged it (in its closed vocabulary) and the article lacks the tag; "
              "\"left out\": false by the plain measure, but outside the vocabulary:\n")
        print("| field | articles with tags | tags | extracted (counted) | left out | precision | recall | F1 |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for field, f in closed.items():
            print("| %s | %d | %d | %d | %d | %.3f (%d/%d) | %.3f (%d/%d) | %.3f |" % (
                field, f["articles"], f["tags"], f["extracted"], f["untaggable"], f["precision"], f["correct"],
                f["extracted"], f["recall"], f["tags_found"], f["tags"], f["f1"]))
    for field in FIELDS:
        f = figures[field]
        print("\n**%s** (unmapped tags: %d)\n" % (field, f["unmapped_tags"]))
        print("- top false negatives (tag: articles): " +
              ", ".join("%s: %d" % kv for kv in f["top_false_negatives"]))
        print("- top false positives (extracted: articles): " +
              ", ".join("%s: %d" % kv for kv in f["top_false_positives"]))


def print_false_sample(false_pairs, texts, n, seed, parents):
    """n false (article, value) pairs per field, with ~60 characters around the first mention."""
    for field in FIELDS:
        pairs = sorted(false_pairs[field], key=lambda pair: (pair[0]["id"], pair[1]))
        drawn = random.Random(seed).sample(pairs, min(n, len(pairs)))
        print("\n### false %s: %d of %d, seed %d\n" % (field, len(drawn), len(pairs), seed))
        kind = KIND_OF_FIELD[field]
        for article, name in drawn:
            record_id = article["id"].rsplit("#", 1)[-1]
            mention = next((e for e in article["entities"] if e["kind"] == kind
                            and name in with_ancestors(e["canonical"], parents, year_of(article))), None)
            context = ""
            if mention:
                text = texts[record_id][mention["field"]]
                lo, hi = max(0, mention["start"] - 60), mention["end"] + 60
                context = (text[lo:mention["start"]] + "[[" + text[mention["start"]:mention["end"]] + "]]" +
                           text[mention["end"]:hi]).replace("\n", " ")
            print("- %s | %s | tags %s | %s" % (record_id, name, ",".join(texts[record_id]["tags"][field]), context))


if __name__ == "__main__":
    sys.exit(main())
