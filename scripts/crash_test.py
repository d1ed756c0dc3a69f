#!/usr/bin/env python3
"""Kills the server while writes are under way, and checks that no acknowledged write is lost.

Starts `stadshart demo` on a fresh SQLite file (and on PostgreSQL when --postgres names a server
whose user may create databases). Writers send new actions, progress notes, measurements and
premises changes (a vacancy that begins, one that ends) through the API while the server is
killed with SIGKILL at a random moment, then restarted; this repeats --rounds times. At the end
every write that was answered 2xx must be there exactly once, and no premises half-changed.
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

PORT = int(os.environ.get("CRASH_TEST_PORT", "8279"))
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


RUNNING = []  # the server of the moment, killed if the script itself fails


def start(binary, env):
    RUNNING.clear()
    server = subprocess.Popen([binary, "demo", "--port", str(PORT)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    RUNNING.append(server)
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
    premises = [p["key"] for p in request("GET", API + "/premises?vacant=nee&limit=40", token)[1]][:4]
    acknowledged = {"note": [], "action": [], "measurement": [], "vacancy": []}
    lock = threading.Lock()
    # Each measurement gets a day of its own, counted from 1 January 1970.
    measurement_days = iter(range(100_000))
    # Each writer changes one premises of its own, a day further each time: vacant, let, vacant…
    premises_day = {key: 0 for key in premises}

    def day(offset, start=(2021, 1, 1)):
        import datetime
        return (datetime.date(*start) + datetime.timedelta(days=offset)).isoformat()

    def change_premises(key):
        """Starts or ends a vacancy, after reading the premises: a write that was cut off may have landed."""
        detail = request("GET", f"{API}/premises/{key}", token)[1]
        premises_day[key] += 1
        when = day(premises_day[key])
        if detail["premises"]["vacant"]:
            status, _ = request("POST", f"{API}/premises/{key}/vacancies/end", token, {"until": when})
            return status, ("until", key, when)
        status, _ = request("POST", f"{API}/premises/{key}/vacancies", token, {"from": when})
        return status, ("from", key, when)

    def writer(number, stop):
        n = 0
        while not stop.is_set():
            n += 1
            text = f"crash-{label}-{number}-{n}-{random.random():.9f}"
            try:
                if n % 5 == 1:
                    status, record = change_premises(premises[number])
                    kind, text = "vacancy", record
                elif n % 5 == 2:
                    with lock:
                        when = day(next(measurement_days), start=(1970, 1, 1))
                    status, _ = request("POST", f"{API}/indicators/waardering/measurements", token,
                                        {"area": "binnenstad", "date": when, "value": "7,1", "source": "survey"})
                    kind, text = "measurement", when
                elif n % 5 == 3:
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
    measured = [m["date"] for m in request("GET", f"{API}/indicators/waardering/measurements", token)[1]
                if m.get("area") == "binnenstad"]
    vacancies = []
    half_changed = 0
    for key in premises:
        periods = [t for t in request("GET", f"{API}/premises/{key}", token)[1]["timeline"] if t["kind"] == "leegstand"]
        vacancies += [("from", key, t["from"]) for t in periods] + [("until", key, t["until"]) for t in periods if t.get("until")]
        # At most one vacancy open at a time, and none that ends before it begins.
        half_changed += sum(1 for t in periods if not t.get("until")) > 1
        half_changed += sum(1 for t in periods if t.get("until") and t["until"] < t["from"])
    server.terminate()
    server.wait(timeout=30)
    lost = duplicated = 0
    for kind, found in (("note", notes), ("action", titles), ("measurement", measured), ("vacancy", vacancies)):
        for text in acknowledged[kind]:
            count = found.count(text)
            lost += count == 0
            duplicated += count > 1
    total = sum(len(v) for v in acknowledged.values())
    kinds = ", ".join(f"{len(v)} {k}" for k, v in acknowledged.items())
    print(f"{label:10} rounds {rounds:4}  acknowledged {total:6}  found {total - lost:6}  "
          f"lost {lost}  duplicated {duplicated}  half-changed {half_changed}  ({kinds})")
    return lost + duplicated + half_changed


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
    try:
        main()
    finally:
        for server in RUNNING:
            server.kill()
