#!/usr/bin/env python3
"""Kills the server while writes are under way, and checks that no acknowledged write is lost.

Starts `stadshart demo` on a fresh SQLite file (and on PostgreSQL when --postgres names a server
whose user may create databases). Writers send new actions and progress notes through the API
while the server is killed with SIGKILL at a random moment, then restarted; this repeats
--rounds times. At the end every write that was answered 2xx must be there exactly once.
Prints acknowledged, found, lost and duplicated per database; exits 1 when anything was lost or
duplicated.

    python3 scripts/crash_test.py [--rounds 100] [--binary .build/debug/stadshart] [--postgres URL]
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

PORT = 8279
BASE = f"http://127.0.0.1:{PORT}"
API = BASE + "/api/v1/centres/assen"


def request(method, url, token, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=timeout) as res:
        return res.status, json.loads(res.read() or b"null")


def start(binary, env):
    server = subprocess.Popen([binary, "demo", "--port", str(PORT)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(240):
        try:
            urllib.request.urlopen(BASE + "/", timeout=1)
            return server
        except Exception:
            time.sleep(0.25)
    server.kill()
    raise SystemExit("the server did not start")


def run(label, binary, env, rounds):
    server = start(binary, env)
    token = subprocess.run(
        [binary, "tokens", "create", "--email", "programmateam@assen.demo", "--centre", "assen"],
        env=env, capture_output=True, text=True, check=True).stdout.splitlines()[0].strip()
    actions = [a["id"] for a in request("GET", API + "/plans/2019/actions", token)[1]][:5]
    acknowledged = {"note": [], "action": []}
    lock = threading.Lock()

    def writer(number, stop):
        n = 0
        while not stop.is_set():
            n += 1
            text = f"crash-{label}-{number}-{n}-{random.random():.9f}"
            try:
                if n % 3 == 0:
                    status, _ = request("POST", API + "/plans/2019/actions", token, {
                        "title": text, "themeLine": "A", "lead": "vaart", "noPartners": True, "budgetCents": 0,
                        "reason": "crash test"})
                    kind = "action"
                else:
                    status, _ = request("POST", f"{API}/actions/{random.choice(actions)}/progress", token,
                                        {"text": text})
                    kind = "note"
                if 200 <= status < 300:
                    with lock:
                        acknowledged[kind].append(text)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.05)  # the server is down; try again when it is back

    for _ in range(rounds):
        stop = threading.Event()
        threads = [threading.Thread(target=writer, args=(i, stop)) for i in range(4)]
        for t in threads:
            t.start()
        time.sleep(random.uniform(0.3, 1.5))
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for t in threads:
            t.join()
        server = start(binary, env)

    notes = []
    for action in actions:
        notes += [p["text"] for p in request("GET", f"{API}/actions/{action}", token)[1].get("progress") or []]
    titles = [a["title"] for a in request("GET", API + "/plans/2019/actions", token)[1]]
    server.terminate()
    server.wait(timeout=30)
    lost = duplicated = 0
    for kind, found in (("note", notes), ("action", titles)):
        for text in acknowledged[kind]:
            count = found.count(text)
            lost += count == 0
            duplicated += count > 1
    total = len(acknowledged["note"]) + len(acknowledged["action"])
    print(f"{label:10} rounds {rounds:4}  acknowledged {total:6}  found {total - lost:6}  "
          f"lost {lost}  duplicated {duplicated}")
    return lost + duplicated


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--binary", default=".build/debug/stadshart")
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server")
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        env = dict(os.environ, DATABASE_URL=f"sqlite://{work}/crash.sqlite")
        failures += run("sqlite", args.binary, env, args.rounds)
    if args.postgres:
        name = f"stadshart_crash_{os.getpid()}"
        subprocess.run(["psql", args.postgres, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
        try:
            url = args.postgres.rsplit("/", 1)[0] + "/" + name + "?" + args.postgres.split("?", 1)[1] \
                if "?" in args.postgres else args.postgres.rsplit("/", 1)[0] + "/" + name
            failures += run("postgres", args.binary, dict(os.environ, DATABASE_URL=url), args.rounds)
        finally:
            subprocess.run(["psql", args.postgres, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"])
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
