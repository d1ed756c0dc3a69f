#!/usr/bin/env bash
# Public pages and figures against the static ceiling: the release build with production settings
# serves the Assen demo (SQLite file); nginx serves the very same response bodies as static files
# in the same run; wrk measures both. Prints a table: requests/s, p50, p99, errors, and each
# page's throughput as a share of nginx's for the same bytes. Timings are printed, never asserted.
# Usage: bash bench/public.sh [seconds] [connections]   (needs wrk and nginx-light from Debian)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-50}
command -v wrk >/dev/null && command -v nginx >/dev/null || {
  echo "needs wrk and nginx: apt-get install wrk nginx-light" >&2
  exit 2
}
swift build -c release --product stadshart >/dev/null
work=$(mktemp -d)
port=8297
static=8298
export DATABASE_URL="sqlite://$work/bench.sqlite"
.build/release/stadshart demo --port $port >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
token=$(.build/release/stadshart tokens create --email programmateam@assen.demo --centre assen --name bench 2>/dev/null | head -n 1)

public=(/assen/beschikbare-panden /assen/leegstand /assen/voortgang /assen/evenementen /assen/evenementen.ics
  /assen/openingstijden
  /api/v1/centres/assen/available-premises
  /api/v1/centres/assen/vacancy /api/v1/centres/assen/kpis)
signed=(/api/v1/centres/assen/premises /api/v1/centres/assen/indicators
  /api/v1/centres/assen/plans/2019/actions /api/v1/centres/assen/plans/programma-2020/actions)

mkdir -p "$work/static"
index=0
for path in "${public[@]}" "${signed[@]}"; do
  index=$((index + 1))
  curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" -o "$work/static/f$index"
done
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$static; root $work/static; default_type application/octet-stream; }
}
EOF
nginx -c "$work/nginx.conf"

source bench/wrk.sh

echo "Stadshart $(git rev-parse --short HEAD), release build, production settings; SQLite file; $(uname -m), $(nproc) cores"
echo "wrk -t2 -c$connections -d${seconds}s on loopback; $(date -u +%Y-%m-%d)"
# The application's own floor: the style sheet, a file Vapor serves from the public directory before
# any route, session or database is involved. A page cannot be served faster than this.
read -r frps fp50 fp99 _ <<<"$(measure "http://127.0.0.1:$port/style.css")"
echo
echo "Vapor's floor in this run: /style.css from the public directory, $frps req/s (p50 $fp50 ms, p99 $fp99 ms)"
printf "\n| %-42s | %8s | %8s | %8s | %6s | %10s | %7s | %8s |\n" "GET" "bytes" "req/s" "p50 ms" "p99 ms" "nginx r/s" "ratio" "of floor"
printf "| %-42s | %8s | %8s | %8s | %6s | %10s | %7s | %8s |\n" "---" "---" "---" "---" "---" "---" "---" "---"
index=0
for path in "${public[@]}" "${signed[@]}"; do
  index=$((index + 1))
  header=""
  label="$path"
  for s in "${signed[@]}"; do [ "$s" = "$path" ] && header="Authorization: Bearer $token" && label="$path (token)"; done
  read -r rps p50 p99 errors <<<"$(measure "http://127.0.0.1:$port$path" "$header")"
  read -r nrps _ _ _ <<<"$(measure "http://127.0.0.1:$static/f$index")"
  bytes=$(stat -c %s "$work/static/f$index")
  ratio=$(python3 -c "print(f'{100*$rps/$nrps:.1f} %')")
  share=$(python3 -c "print(f'{100*$rps/$frps:.0f} %')")
  printf "| %-42s | %8s | %8s | %8s | %6s | %10s | %7s | %8s |\n" "$label" "$bytes" "$rps" "$p50" "$p99" "$nrps" "$ratio" "$share"
  [ "$errors" != "0" ] && echo "  ($errors errors or non-2xx answers)"
done
echo
echo "Memory: resident $(ps -o rss= -p $server | awk '{printf "%.0f MB", $1/1024}') after the run"
