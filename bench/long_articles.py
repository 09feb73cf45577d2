#!/usr/bin/env python3
"""Times newsdex on very long and odd articles: is the cost linear in the text?

    bench/long_articles.py --build build [--sizes 1,10] [--kinds prose,table,caps,names,lower]

Writes one article per kind and size into a temp dir, made of deterministic text: prose (the
repository's corpus articles, repeated with changing numbers, names and amounts), a table of
figures, prose in capitals, a list of names, prose without capitals. For each it times
`newsdex-index --extract` (extraction alone) and `newsdex-index --db` (a whole index run of the
one article), and prints a table with the seconds, MB/s and the ratio of each size's time to
the smallest size's, which for linear cost is the ratio of the sizes. Python 3 stdlib only.
"""
import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def prose_source():
    texts = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    return "\n\n".join(texts)


def paragraph(kind, i, prose):
    if kind == "table":
        return "".join(f"{1980 + (i + r) % 40}   {i * 7 % 1000}.{r}   {r * 13 % 97}.25   {(i + r) % 9}%\n"
                       for r in range(20)) + "\n"
    if kind == "names":
        first = ["John", "Mary", "Tony", "Gordon", "Vladimir", "Angela", "Jacques", "Silvio"]
        last = ["Smith", "Blair", "Brown", "Putin", "Merkel", "Chirac", "Berlusconi", "Kilroy-Silk"]
        return ", ".join(f"{first[(i + k) % 8]} {last[(i * 3 + k) % 8]}" for k in range(40)) + ", Mr Brown.\n\n"
    text = prose.replace("2020", str(1990 + i % 30)).replace("hundred", f"{i % 900} hundred")
    text += f"\nThe deal was worth ${i % 97}.{i % 10}bn, or \u00a3{i % 50}m, Tony Blair told Reuters in London.\n\n"
    if kind == "caps":
        return text.upper()
    if kind == "lower":
        return text.lower()
    return text


def article(kind, megabytes, prose):
    target = int(megabytes * 1_000_000)
    parts, size, i = [], 0, 0
    while size < target:
        p = paragraph(kind, i, prose)
        parts.append(p)
        size += len(p.encode("utf-8"))
        i += 1
    return f"A long {kind} article\n\n" + "".join(parts)


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"long_articles: {' '.join(map(str, cmd))} failed ({done.returncode}): {done.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build", help="build directory with indexer/newsdex-index")
    ap.add_argument("--sizes", default="1,10", help="article sizes in MB, comma-separated")
    ap.add_argument("--kinds", default="prose,table,caps,names,lower")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = ap.parse_args()
    index = pathlib.Path(args.build) / "indexer" / "newsdex-index"
    if not index.exists():
        sys.exit(f"long_articles: no {index}; build it first (cmake --build {args.build} --target newsdex-index)")
    sizes = [float(s) for s in args.sizes.split(",")]
    prose = prose_source()
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsdex-long-") as tmp:
        for kind in args.kinds.split(","):
            base = None
            for mb in sizes:
                folder = pathlib.Path(tmp) / f"{kind}-{mb}"
                folder.mkdir()
                path = folder / f"{kind}.txt"
                path.write_text(article(kind, mb, prose), encoding="utf-8")
                real_mb = path.stat().st_size / 1e6
                extract_wall, extract_cpu = timed([index, "--extract", path])
                index_wall, index_cpu = timed([index, "--db", folder / "db", "--max-file-mb", "64", folder])
                base = base or (extract_cpu, index_cpu, real_mb)
                rows.append({"kind": kind, "mb": round(real_mb, 2),
                             "extract_cpu_s": round(extract_cpu, 2), "extract_wall_s": round(extract_wall, 2),
                             "index_cpu_s": round(index_cpu, 2), "index_wall_s": round(index_wall, 2),
                             "index_mb_per_cpu_s": round(real_mb / max(index_cpu, 1e-9), 2),
                             "size_ratio": round(real_mb / base[2], 2),
                             "extract_cpu_ratio": round(extract_cpu / max(base[0], 1e-9), 2),
                             "index_cpu_ratio": round(index_cpu / max(base[1], 1e-9), 2)})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print("| kind | MB | extract CPU s (wall) | index CPU s (wall) | index MB per CPU s | size ratio | extract CPU ratio | index CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['kind']} | {r['mb']} | {r['extract_cpu_s']} ({r['extract_wall_s']}) | {r['index_cpu_s']} ({r['index_wall_s']}) "
              f"| {r['index_mb_per_cpu_s']} | {r['size_ratio']} | {r['extract_cpu_ratio']} | {r['index_cpu_ratio']} |")


if __name__ == "__main__":
    main()
