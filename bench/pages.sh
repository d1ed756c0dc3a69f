#!/usr/bin/env bash
# Measures the busiest reads on the Assen demo, signed in (pages with a browser session, the API with
# a token; tokens open the API only): the plan page (HTML),
# the plan's actions (JSON), one action page, and the monitor (dashboard, report, indicators as JSON,
# the public progress page), which count the register on every request. Prints wrk's figures.
# Usage: bash bench/pages.sh [seconds]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
work=$(mktemp -d)
port=8199
swift build --product stadshart >/dev/null 2>&1
export DATABASE_URL="sqlite://$work/bench.sqlite"
.build/debug/stadshart demo --port $port >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
token=$(.build/debug/stadshart tokens create --email programmateam@assen.demo --centre assen --name bench 2>/dev/null | head -n 1)
cookie=$(curl -s -o /dev/null -D - -d "email=programmateam%40assen.demo&password=stadshart-demo" \
  "http://127.0.0.1:$port/inloggen" | grep -i '^set-cookie: stadshart_sessie=' | sed 's/^[^:]*: //; s/;.*//')
action=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/centres/assen/plans/2019/actions" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
echo "Build: debug ($(uname -m), $(nproc) cores); database: SQLite file; $seconds s per URL, 2 threads, 10 connections"
for path in /assen/jaarplan/2019 /api/v1/centres/assen/plans/2019/actions /assen/acties/$action \
  /assen/monitor /assen/monitor/verslag /api/v1/centres/assen/indicators /assen/voortgang; do
  echo "== GET $path"
  case $path in /api/*) auth="Authorization: Bearer $token" ;; *) auth="Cookie: $cookie" ;; esac
  wrk -t2 -c10 -d"${seconds}s" -H "$auth" "http://127.0.0.1:$port$path" \
    | grep -E "Latency|Req/Sec|Requests/sec|Non-2xx"
done
