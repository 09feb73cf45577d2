#!/usr/bin/env python3
"""End-to-end tests of newsdex-serve's JSON API, driving the built programs over loopback HTTP.

  api      on a database of corpus/: status codes, exact JSON (a search is byte for byte what
           newsdex-search --json prints), the article, entity, timeline, health and stats
           documents, and every error case (400 naming the parameter, 404, 405, 413)
  rebuild  a loop of requests from 4 clients while newsdex-index --rebuild switches generations:
           no request fails, each sees the whole old or the whole new index, and the new
           generation is served afterwards without a restart; the same requests answered from
           the response cache, which an update in place (a commit) also empties

Usage: server_api_test.py CASE NEWSDEX-SERVE NEWSDEX-INDEX NEWSDEX-SEARCH CORPUS_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

case, SERVE, INDEX, SEARCH, CORPUS = sys.argv[1:6]
failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: expected {want!r}, got {got!r}")


class Server:
    """newsdex-serve on a free loopback port (it binds port 0 and prints the one it got)."""

    def __init__(self, db, work, *extra):
        self.log = open(os.path.join(work, "server.log"), "w+")
        self.proc = subprocess.Popen([SERVE, "--db", db, "--listen", "127.0.0.1:0", "--threads", "2", *extra],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening on http://127.0.0.1:"):
            self.stop()
            sys.exit(f"FAIL: newsdex-serve did not start: {line!r}; log: {open(self.log.name).read()}")
        self.base = line.split()[-1].rstrip("/")

    def get(self, path, method="GET"):
        """(status, body as text) of one request; never raises for an HTTP status."""
        req = urllib.request.Request(self.base + path, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def json(self, path):
        status, body = self.get(path)
        return status, json.loads(body)

    def stop(self):
        self.proc.terminate()
        try:
            code = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = "killed: SIGTERM did not stop it"
        check("exit status after SIGTERM", code, 0)


def thread_nices(pid, name=None):
    """The nice values of the threads of process `pid` (named `name`, else all), sorted (field 19
    of /proc/PID/task/TID/stat)."""
    nices = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/stat") as stat:
            text = stat.read()
        if name is None or text[text.index("(") + 1:text.rindex(")")] == name:
            nices.append(int(text.rsplit(")", 1)[1].split()[16]))
    return sorted(nices)


def index(db, corpus, *extra):
    subprocess.run([INDEX, "--db", db, "--quiet", *extra, corpus], check=True, stdout=subprocess.DEVNULL)


def q(**params):
    return urllib.parse.urlencode(params, doseq=True)


def run_serve(*args):
    """(exit status, stdout, stderr) of newsdex-serve run to completion."""
    r = subprocess.run([SERVE, *args], capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout, r.stderr


def case_api(work):
    db = os.path.join(work, "db")
    index(db, CORPUS)
    code, out, _ = run_serve("--help")
    check("--help", (code, "--listen" in out and "--threads" in out), (0, True))
    code, out, _ = run_serve("--version")
    check("--version", (code, out.startswith("newsdex-serve ") and "schema version" in out), (0, True))
    code, _, err = run_serve("--listen", "localhost")
    check("--listen without a port", (code, "HOST:PORT" in err), (2, True))
    code, _, err = run_serve("--threads", "0")
    check("--threads 0", code, 2)
    code, _, err = run_serve("--db", os.path.join(work, "missing"), "--listen", "127.0.0.1:0")
    check("no database: exit 3 saying what to do", (code, "newsdex-index" in err), (3, True))
    code, _, err = run_serve("--cache-mb", "5000")
    check("--cache-mb over 4096", code, 2)
    for bad in ["20", "-1", "low"]:
        code, _, err = run_serve("--connection-nice", bad)
        check(f"--connection-nice {bad}: usage error naming the option", (code, "--connection-nice" in err), (2, True))
    own = os.nice(0)  # the server's threads start at this process's nice value
    # No cache: every request searched; connection threads at the searcher threads' priority.
    server = Server(db, work, "--cache-mb", "0", "--connection-nice", "0")
    try:
        cli = subprocess.run([SEARCH, "--db", db, "--json", "aws"], capture_output=True, text=True).stdout
        check("uncached search, twice", [server.get("/api/search?q=aws")[1] for _ in range(2)], [cli, cli])
        check("--connection-nice 0: every thread at the process's nice value",
              set(thread_nices(server.proc.pid)), {own})
        _, d = server.json("/api/stats")
        check("no cache: nothing kept, nothing counted", d["cache"],
              {"max_bytes": 0, "bytes": 0, "entries": 0, "hits": 0, "misses": 0})
    finally:
        server.stop()
    server = Server(db, work, "--connection-nice", "3")
    try:
        server.get("/api/health")  # served by a connection thread, answered by a searcher thread
        connections = thread_nices(server.proc.pid, "connection")
        check("a connection thread that served lowered its priority by 3",
              (len(connections) >= 1, set(connections)), (True, {min(own + 3, 19)}))
        check("the 2 searcher threads keep the process's priority", thread_nices(server.proc.pid, "searcher"), [own, own])
        # The search is the CLI's JSON, byte for byte.
        for args, params in [(["aws layoffs", "--facet", "company,year"], q(q="aws layoffs", facet="company,year")),
                             (["--filter", "company=aws", "--sort", "date", "-n", "2"],
                              q(filter="company=aws", sort="date", limit=2)),
                             (["--similar", "aws-job-cuts-key-update.txt", "-n", "1"],
                              q(similar="aws-job-cuts-key-update.txt", limit=1))]:
            cli = subprocess.run([SEARCH, "--db", db, "--json", *args], capture_output=True, text=True).stdout
            for answer in ["searched", "cached"]:
                status, body = server.get("/api/search?" + params)
                check(f"status of /api/search?{params} ({answer})", status, 200)
                check(f"/api/search?{params} ({answer}) is newsdex-search --json {' '.join(args)}", body, cli)

        status, d = server.json("/api/search?" + q(q="aws layoffs", facet="company", limit=1))
        check("total of aws layoffs", d["total"], {"estimate": 2, "lower_bound": 2, "upper_bound": 2, "exact": True})
        check("first hit", [r["id"] for r in d["results"]], ["aws-lays-off-several-hundred.txt"])
        check("company facet", d["facets"]["company"]["values"],
              [{"value": "Amazon", "count": 2}, {"value": "Amazon Web Services", "count": 2},
               {"value": "Twitch", "count": 1}])

        status, d = server.json("/api/timeline?" + q(q="amazon"))
        check("timeline", (status, d["total"], d["undated"], d["buckets"]),
              (200, 3, 2, [{"start": "2020-12", "count": 1}]))
        status, d = server.json("/api/timeline?" + q(q="amazon", interval="week"))
        check("weekly timeline: the Monday of 2020-12-15", [b["start"] for b in d["buckets"]], ["2020-12-14"])

        status, d = server.json("/api/entities/company/aws")
        check("entity status", status, 200)
        check("entity", (d["name"], d["parent"], d["articles"], "AWS" in d["aliases"]),
              ("Amazon Web Services", "Amazon", 3, True))
        check("entity timeline", d["timeline"]["buckets"], [{"start": "2020-12", "count": 1}])
        check("entity latest, newest first, undated last", [a["id"] for a in d["latest"]][0],
              "2020-amazon-cloud-training.txt")
        people = {m["value"]: m["count"] for m in d["co_mentions"]["person"]}
        check("co-mentioned people", people.get("Teresa Carlson"), 1)
        check("the entity is not its own co-mention",
              "Amazon Web Services" in [m["value"] for m in d["co_mentions"]["company"]], False)
        status, d = server.json("/api/entities/person/" + urllib.parse.quote("teresa carlson"))
        check("person entity", (status, d["name"], d["articles"], d["in_dictionary"]), (200, "Teresa Carlson", 1, False))

        status, d = server.json("/api/articles/aws-job-cuts-key-update.txt")
        check("article status", status, 200)
        art = d["article"]
        check("article id", art["id"], "aws-job-cuts-key-update.txt")
        check("article has entities", len(art["entities"]) > 0, True)
        for e in art["entities"]:  # offsets are code points into the field's text
            text = art["title"] if e["field"] == "title" else art["body"]
            check(f"entity {e['canonical']} at {e['start']}", text[e["start"]:e["end"]], e["surface"])
        status, d = server.json("/api/articles/aws-job-cuts-key-update.txt/similar?limit=1")
        check("similar", (status, [r["id"] for r in d["results"]]), (200, ["aws-lays-off-several-hundred.txt"]))

        status, d = server.json("/api/health")
        check("health", (status, d["status"], d["documents"]), (200, "ok", 3))
        status, d = server.json("/api/stats")
        check("stats", (status, d["documents"], d["schema_version"] > 0, d["generation"].startswith("gen-")),
              (200, 3, True, True))
        check("requests counted", d["requests_served"] >= 10, True)
        check("cache: the repeated searches hit", (d["cache"]["max_bytes"], d["cache"]["hits"] >= 3),
              (64 * 1024 * 1024, True))
        check("cache: what it holds is within budget", 0 < d["cache"]["bytes"] <= d["cache"]["max_bytes"], True)

        # Errors: status, the parameter named, and a message.
        for path, want_status, want_param in [
            ("/api/search?limit=x", 400, "limit"),
            ("/api/search?limit=5000", 400, "limit"),
            ("/api/search?offset=-1", 400, "offset"),
            ("/api/search?" + q(q="a" * 2000), 413, "q"),
            ("/api/search?" + q(q="compnay:aws"), 400, "q"),
            ("/api/search?" + q(q="(aws"), 400, "q"),
            ("/api/search?" + q(q="aws", facet="nope"), 400, "facet"),
            ("/api/search?" + q(filter="nofield=1"), 400, "filter"),
            ("/api/search?" + q(filter="novalue"), 400, "filter"),
            ("/api/search?sort=size", 400, "sort"),
            ("/api/search?any=maybe", 400, "any"),
            ("/api/search?recent=-3", 400, "recent"),
            ("/api/search?qq=aws", 400, "qq"),
            ("/api/timeline?interval=decade", 400, "interval"),
            ("/api/entities/year/2020", 400, "kind"),
            ("/api/entities/company/" + urllib.parse.quote("no such company"), 404, "name"),
            ("/api/articles/no-such-article.txt", 404, "id"),
            ("/api/articles/no-such-article.txt/similar", 404, "id"),
            ("/api/nothing", 404, None),
            ("/no-such-page.html", 404, None),
        ]:
            status, body = server.get(path)
            try:
                err = json.loads(body)["error"]
            except (ValueError, KeyError):
                err = {"parameter": "not a JSON error: " + body[:80], "message": ""}
            check(f"status of {path[:60]}", status, want_status)
            check(f"parameter named for {path[:60]}", err["parameter"], want_param)
            check(f"message for {path[:60]}", bool(err.get("message")), True)
        status, body = server.get("/api/search?" + q(q="compnay:aws"))
        check("the CLI's message", "did you mean 'company'?" in json.loads(body)["error"]["message"], True)
        check("column of the error", json.loads(body)["error"]["column"], 1)
        check("POST refused", server.get("/api/search", method="POST")[0], 405)

        status, body = server.get("/")
        check("page", (status, "<title>" in body), (200, True))
    finally:
        server.stop()
    log = open(os.path.join(work, "server.log")).read().splitlines()
    check("one log line per request", any(line.startswith("GET /api/search 200 ") and line.endswith(" ms")
                                          for line in log), True)
    check("error requests logged", any(line.startswith("GET /api/nothing 404 ") for line in log), True)
    check_times(work)


def check_times(work):
    """Publication times: in the search JSON (the CLI's, byte for byte) and in the article."""
    corpus = os.path.join(work, "timed")
    os.makedirs(corpus)
    with open(os.path.join(corpus, "news.jsonl"), "w") as out:
        for story, date in [("morning", "2005-02-15T09:00:00Z"), ("evening", "Tue, 15 Feb 2005 18:30:00 +0100"),
                            ("day", "2005-02-15")]:
            out.write(json.dumps({"id": story, "title": "Budget", "body": f"Budget talks, {story}.", "date": date}) + "\n")
    db = os.path.join(work, "timed-db")
    index(db, corpus)
    server = Server(db, work)
    try:
        cli = subprocess.run([SEARCH, "--db", db, "--json", "--sort", "date", "budget"], capture_output=True,
                             text=True).stdout
        status, body = server.get("/api/search?" + q(q="budget", sort="date"))
        check("timed search is newsdex-search --json", (status, body), (200, cli))
        check("times, newest first", [(r["id"], r["date"], r["time"]) for r in json.loads(body)["results"]],
              [("news.jsonl#evening", "2005-02-15", "2005-02-15T17:30:00Z"),
               ("news.jsonl#morning", "2005-02-15", "2005-02-15T09:00:00Z"),
               ("news.jsonl#day", "2005-02-15", None)])
        status, d = server.json("/api/articles/" + urllib.parse.quote("news.jsonl#evening", safe=""))
        check("article time", (status, d["article"]["time"]), (200, "2005-02-15T17:30:00Z"))
    finally:
        server.stop()


def write_corpus(folder, records):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "news.jsonl"), "w") as out:
        for i in range(records):
            out.write(json.dumps({"id": f"r{i}", "title": f"Story {i}", "date": f"2021-{i % 12 + 1:02d}-04",
                                  "body": f"commonword market story number {i} about banks and rates"}) + "\n")


def case_rebuild(work):
    db, corpus = os.path.join(work, "db"), os.path.join(work, "corpus")
    write_corpus(corpus, 300)
    index(db, corpus)
    server = Server(db, work)
    seen, errors, stop, answered = set(), [], threading.Event(), []

    def client():
        while not stop.is_set():
            status, body = server.get("/api/search?" + q(q="commonword", facet="year", limit=3))
            if status != 200:
                errors.append((status, body[:200]))
                continue
            seen.add(json.loads(body)["total"]["lower_bound"])
            answered.append(1)

    try:
        _, before = server.json("/api/stats")
        threads = [threading.Thread(target=client) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        write_corpus(corpus, 450)
        index(db, corpus, "--rebuild")
        time.sleep(0.5)  # requests after the switch
        stop.set()
        for t in threads:
            t.join()
        _, after = server.json("/api/stats")
        _, d = server.json("/api/search?" + q(q="commonword", limit=0))
        # An update in place commits to the same generation: the cached answers go too.
        write_corpus(corpus, 470)
        index(db, corpus)
        _, updated = server.json("/api/search?" + q(q="commonword", facet="year", limit=3))
    finally:
        server.stop()
    print(f"{len(answered)} requests answered, {len(errors)} failed, totals seen {sorted(seen)}")
    check("failed requests during the rebuild", errors[:3], [])
    check("requests ran across the switch", len(seen), 2)
    check("every search saw the whole old or new index", seen - {300, 450}, set())
    check("the new index is served", d["total"]["lower_bound"], 450)
    check("documents after", after["documents"], 450)
    check("generation changed", after["generation"] != before["generation"], True)
    check("the loop's requests were answered from the cache", after["cache"]["hits"] > 0, True)
    check("an update in place is served, not the cached answer", updated["total"]["lower_bound"], 470)


work = tempfile.mkdtemp(prefix="newsdex-serve-test.")
try:
    {"api": case_api, "rebuild": case_rebuild}[case](work)
finally:
    if failures:
        print(open(os.path.join(work, "server.log")).read()[-3000:], file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
for f in failures:
    print("FAIL:", f, file=sys.stderr)
sys.exit(1 if failures else 0)
