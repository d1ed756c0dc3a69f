#!/usr/bin/env python3
"""Replays the review's concurrency probes against a running demo and prints the status counts.

For each database (a fresh SQLite file, and PostgreSQL when --postgres names a server whose user
may create databases) it starts `stadshart demo`, makes an API token with the command line (a
second process writing while the server serves), then sends 2, 10 and 50 parallel requests of
each kind: creating an action, changing one action, creating the same plan year, and starting
next year's plan. No answer may be a 500.

    python3 scripts/probe_concurrency.py [--binary .build/debug/stadshart]
        [--postgres postgres://postgres:secret@127.0.0.1:5432/postgres?sslmode=disable]

Exits 1 when any request answered a server error other than 503 (busy, with Retry-After).
"""
import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

PORT = 8199
BASE = f"http://127.0.0.1:{PORT}/api/v1/centres/assen"


def request(method, url, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def burst(count, make):
    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
        return collections.Counter(status for status, _ in pool.map(make, range(count)))


def probe(label, binary, database_url, home):
    env = dict(os.environ, DATABASE_URL=database_url, STADSHART_HOME=home, LOG_LEVEL="error")
    server = subprocess.Popen([binary, "demo", "--port", str(PORT)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/v1/centres", timeout=2)
                break
            except OSError:
                time.sleep(1)
        token = subprocess.run(
            [binary, "tokens", "create", "--email", "programmateam@assen.demo", "--centre", "assen"],
            env=env, check=True, capture_output=True, text=True).stdout.strip().splitlines()[0].strip()
        status, body = request("GET", f"{BASE}/plans/2019/actions", token)
        action = json.loads(body)[0]["id"]
        kinds = {
            "POST actions": lambda i: request("POST", f"{BASE}/plans/2019/actions", token, {
                "title": f"Probe {i}", "themeLine": "A", "lead": "vaart", "noPartners": True, "budgetCents": 0}),
            "PATCH one action": lambda i: request("PATCH", f"{BASE}/actions/{action}", token,
                                                  {"title": f"Versie {i}"}),
            "POST same plan": None,
            "POST next-year": None,
        }
        errors = 0
        year = 2040
        for count in (2, 10, 50):
            year += 5
            kinds["POST same plan"] = lambda i, y=year: request("POST", f"{BASE}/plans", token, {"year": y})
            kinds["POST next-year"] = lambda i, y=year: request("POST", f"{BASE}/plans/{y}/next-year", token)
            for kind, make in kinds.items():
                counts = burst(count, make)
                errors += sum(n for code, n in counts.items() if code >= 500 and code != 503)
                shown = ", ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
                print(f"{label:10} {kind:18} x{count:<3} {shown}")
        return errors
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/stadshart")
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server")
    args = parser.parse_args()
    home = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    errors = 0
    with tempfile.TemporaryDirectory() as folder:
        errors += probe("sqlite", args.binary, f"sqlite://{folder}/probe.sqlite", home)
    if args.postgres:
        name = f"stadshart_probe_{os.getpid()}"
        subprocess.run(["psql", args.postgres, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
        try:
            parts = urllib.parse.urlsplit(args.postgres)
            url = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
            errors += probe("postgres", args.binary, url, home)
        finally:
            subprocess.run(["psql", args.postgres, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"])
    print("no server error" if errors == 0 else f"{errors} SERVER ERRORS")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
