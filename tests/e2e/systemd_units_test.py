#!/usr/bin/env python3
"""The systemd units of dist/systemd run what docs/shards.md says they run.

Each unit is checked with `systemd-analyze verify` (when systemd-analyze is installed), then its
ExecStart line is run by hand as systemd would run it: the instance name put for %i and the
variables of its EnvironmentFile put for ${NAME}, the file written here with loopback addresses,
free ports and temporary paths instead of /etc/newsdex. On corpus/ indexed as 3 shards:
  - newsdex-shard@0..2 (xapian-tcpsrv): searches through a stub of their `remote` lines give what
    the local database gives;
  - newsdex-replicate-server and newsdex-replica@0..2 (xapian-replicate): the copies appear and
    searches over them give what the master gives, also when newsdex-shard@ serves the copies.
What cannot run here: User=newsdex and the sandboxing lines (the programs run as the caller).
Processes are started in their own process groups (setsid) and stopped by their ids.
Exit 77 (skipped) without xapian-tcpsrv or xapian-replicate (Debian's xapian-tools).

Usage: systemd_units_test.py NEWSDEX-INDEX NEWSDEX-SEARCH CORPUS_DIR UNITS_DIR
"""
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

INDEX, SEARCH, CORPUS, UNITS = sys.argv[1:5]
QUERIES = ["amazon", "cloud computing", "aws layoffs", "company:amazon"]
failures = []


def fail_now(message):
    sys.exit("FAIL: " + message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, proc):
    for _ in range(200):
        if proc.poll() is not None:
            fail_now(f"the server for port {port} exited with status {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    fail_now(f"nothing listens on port {port}")


def unit_lines(unit):
    with open(os.path.join(UNITS, unit)) as f:
        return [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]


def exec_start(unit, instance, env_dir):
    """The argv systemd would run for unit@instance, with EnvironmentFile read from env_dir."""
    lines = unit_lines(unit)
    env_file = next(l.split("=", 1)[1] for l in lines if l.startswith("EnvironmentFile="))
    command = next(l.split("=", 1)[1] for l in lines if l.startswith("ExecStart="))
    env_file = os.path.join(env_dir, os.path.basename(env_file.replace("%i", instance)))
    variables = {}
    with open(env_file) as f:
        for line in f:
            name, _, value = line.strip().partition("=")
            variables[name] = value
    argv = []
    for word in shlex.split(command.replace("%i", instance)):
        # ${NAME} becomes one word however it is spelt (systemd.service, "Command lines").
        def value(m):
            if m.group(1) not in variables:
                fail_now(f"{unit}: ExecStart uses ${{{m.group(1)}}}, which its EnvironmentFile lacks")
            return variables[m.group(1)]
        argv.append(re.sub(r"\$\{(\w+)\}", value, word))
    if not os.path.isabs(argv[0]) or not os.access(argv[0], os.X_OK):
        fail_now(f"{unit}: ExecStart program {argv[0]} is not an executable absolute path")
    return argv


def write_env(env_dir, name, **variables):
    with open(os.path.join(env_dir, name), "w") as f:
        f.write("".join(f"{k}={v}\n" for k, v in variables.items()))


def search_ids(db):
    """Ids, relevance and company facet of each query, as newsdex-search --json gives them."""
    answers = []
    for query in QUERIES:
        out = subprocess.run([SEARCH, "--db", db, "--json", "--facet", "company", query],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if out.returncode not in (0, 1):
            fail_now(f"newsdex-search --db {db} {query!r}: status {out.returncode}: {out.stderr}")
        result = json.loads(out.stdout)
        answers.append((query, [(h["id"], h["relevance"]) for h in result["results"]],
                        result["facets"], result["partial"]))
    return answers


def verify_units():
    if not shutil.which("systemd-analyze"):
        print("systemd_units_test: systemd-analyze not installed: units not verified")
        return
    for unit in ("newsdex-shard@0.service", "newsdex-replicate-server.service", "newsdex-replica@0.service"):
        out = subprocess.run(["systemd-analyze", "verify", "--man=no", os.path.join(UNITS, unit)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if out.returncode != 0 or out.stdout.strip():
            failures.append(f"systemd-analyze verify {unit}: status {out.returncode}: {out.stdout}")


def main():
    if not (shutil.which("xapian-tcpsrv") and shutil.which("xapian-replicate")):
        print("systemd_units_test: skipped: xapian-tcpsrv or xapian-replicate not installed")
        return 77
    verify_units()
    work = tempfile.mkdtemp(prefix="newsdex-units-")
    started = []

    def start(argv, log_name):
        log = open(os.path.join(work, log_name), "w")
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        started.append(proc)
        return proc

    try:
        db = os.path.join(work, "db")
        subprocess.run([INDEX, "--quiet", "--db", db, "--shards", "3", "--changesets", "10", CORPUS], check=True)
        local = search_ids(db)
        if not any(ids for _, ids, _, _ in local):
            fail_now("no query matched on the local database: the comparison would prove nothing")

        def serve_shards(shard_dir, cluster_name):
            lines = []
            for i in range(3):
                port = free_port()
                write_env(work, f"shard-{cluster_name}{i}.conf", SHARD_DB=os.path.join(shard_dir, f"shard-{i}"),
                          LISTEN="127.0.0.1", PORT=port)
                proc = start(exec_start("newsdex-shard@.service", f"{cluster_name}{i}", work),
                             f"tcpsrv-{cluster_name}{i}.log")
                wait_listening(port, proc)
                lines.append(f"remote 127.0.0.1:{port}\n")
            cluster = os.path.join(work, "cluster-" + cluster_name)
            os.makedirs(cluster)
            with open(os.path.join(cluster, "XAPIANDB"), "w") as stub:
                stub.writelines(lines)
            return cluster

        # newsdex-shard@.service over the master's shards.
        remote = search_ids(serve_shards(db, "master"))
        for want, got in zip(local, remote):
            if want != got:
                failures.append(f"newsdex-shard@ on the master, {want[0]!r}: {got} instead of {want}")

        # Replication: the server over DB, one client per shard, as the units run them.
        port = free_port()
        write_env(work, "replicate-server.conf", DB=db, LISTEN="127.0.0.1", PORT=port)
        wait_listening(port, start(exec_start("newsdex-replicate-server.service", "", work), "replicate-server.log"))
        replicas = os.path.join(work, "replica")
        os.makedirs(replicas)
        write_env(work, "replica.conf", MASTER_HOST="127.0.0.1", MASTER_PORT=port, REPLICA_DIR=replicas)
        clients = [start(exec_start("newsdex-replica@.service", str(i), work), f"replica-{i}.log") for i in range(3)]
        with open(os.path.join(replicas, "XAPIANDB"), "w") as stub:
            stub.write("".join(f"auto shard-{i}\n" for i in range(3)))
        copied = None
        for _ in range(300):  # the first copy is made at once; --interval 60 is the wait after it
            if all(os.path.exists(os.path.join(replicas, f"shard-{i}", "XAPIANDB")) for i in range(3)):
                copied = search_ids(replicas) if all(c.poll() is None for c in clients) else None
                if copied == local:
                    break
            time.sleep(0.1)
        if copied != local:
            logs = "".join(open(os.path.join(work, f"replica-{i}.log")).read() for i in range(3))
            failures.append(f"the replicas give {copied} instead of {local}; client logs:\n{logs}")
        else:
            served = search_ids(serve_shards(replicas, "replica"))
            if served != local:
                failures.append(f"newsdex-shard@ on the replicas: {served} instead of {local}")
    finally:
        for proc in started:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)  # its own process group: the server and its children
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAIL: " + failure)
    if not failures:
        print("systemd_units_test: units verified; shard servers and replicas answer as the database does")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
