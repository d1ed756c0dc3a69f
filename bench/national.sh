#!/usr/bin/env bash
# Stadshart at national scale against the static ceiling, on SQLite and (with --postgres) on
# PostgreSQL: the release build with production settings serves a generated country
# (`stadshart generate`); nginx serves the very same response bodies as static files in the same
# run; wrk measures both. Prints, per database, a table of requests/s, p50, p99 and errors and each
# page's throughput as a share of nginx's; the store's own figures (`stadshart measure`); and the
# server's resident memory after start, after every centre was read, and after a mixed load.
# Timings are printed, never asserted.
#
#   bash bench/national.sh [--centres 100] [--seconds 30] [--connections 50] [--soak 600]
#                          [--import-lines 200000] [--postgres postgres://user:pw@host:5432/postgres]
# Needs wrk and nginx (apt-get install wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."
centres=100 seconds=30 connections=50 soak=600 lines=200000 postgres=""
while [ $# -gt 0 ]; do
  case $1 in
    --centres) centres=$2 ;; --seconds) seconds=$2 ;; --connections) connections=$2 ;; --soak) soak=$2 ;;
    --import-lines) lines=$2 ;; --postgres) postgres=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
command -v wrk >/dev/null && command -v nginx >/dev/null || {
  echo "needs wrk and nginx: apt-get install wrk nginx-light" >&2
  exit 2
}
swift build -c release --product stadshart >/dev/null
binary=.build/release/stadshart
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Resources || echo "+changes")
work=$(mktemp -d)
port=8297
static=8298
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "$postgres" ] && psql "$postgres" -q -c "DROP DATABASE IF EXISTS stadshart_national WITH (FORCE)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source bench/wrk.sh

rss() { ps -o rss= -p "$server" | awk '{printf "%.0f MB", $1/1024}'; }

run() { # label
  local label=$1
  echo
  echo "## $label: $centres centres"
  local started=$SECONDS
  "$binary" migrate >/dev/null 2>&1 || true
  "$binary" generate --centres "$centres" --seed 1 | tail -n 3
  echo "generated in $((SECONDS - started)) s"
  local slugs
  slugs=$(sqlite_or_psql "SELECT slug FROM centres ORDER BY slug")
  local centre
  centre=$(echo "$slugs" | sed -n "$(((centres + 1) / 2))p")
  local year
  year=$(sqlite_or_psql "SELECT MAX(p.year) FROM annual_plans p JOIN centres c ON c.id = p.centre_id WHERE c.slug = '$centre'")
  "$binary" users add --email bench@stadshart.test --role programmateam --centre "$centre" --password lang-en-breed-meten-2026 >/dev/null
  local created token
  created=$("$binary" tokens create --email bench@stadshart.test --centre "$centre" --name bench 2>/dev/null)
  token=${created%%$'\n'*}
  "$binary" serve --port $port >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
  local cookie
  cookie=$(curl -s -o /dev/null -D - --data-urlencode "email=bench@stadshart.test" --data-urlencode "password=lang-en-breed-meten-2026" \
    "http://127.0.0.1:$port/inloggen" | grep -i '^set-cookie: stadshart_sessie=' | sed 's/^[^:]*: //; s/;.*//')
  echo "memory after start: $(rss)"
  for slug in $slugs; do curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/centres/$slug/vacancy"; done
  echo "memory after every centre's register was read: $(rss)"

  local pages=("/$centre/beschikbare-panden" "/$centre/leegstand" "/$centre/voortgang"
    "/api/v1/centres/$centre/vacancy" "/$centre/jaarplan/$year" "/$centre/panden" "/$centre/kaart" "/$centre/monitor"
    "/api/v1/centres/$centre/indicators")
  rm -rf "$work/static" && mkdir -p "$work/static"
  local index=0 path header
  for path in "${pages[@]}"; do
    index=$((index + 1))
    header=$(auth "$path" "$cookie" "$token")
    curl -sf ${header:+-H "$header"} "http://127.0.0.1:$port$path" -o "$work/static/f$index"
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
  echo "wrk -t2 -c$connections -d${seconds}s on loopback; the centre is $centre ($commit, $(uname -m), $(nproc) cores, $(date -u +%Y-%m-%d))"
  printf "\n| %-40s | %8s | %8s | %8s | %8s | %10s | %7s |\n" "GET" "bytes" "req/s" "p50 ms" "p99 ms" "nginx r/s" "ratio"
  printf "| %-40s | %8s | %8s | %8s | %8s | %10s | %7s |\n" "---" "---" "---" "---" "---" "---" "---"
  index=0
  local rps p50 p99 errors nrps bytes ratio who
  for path in "${pages[@]}"; do
    index=$((index + 1))
    header=$(auth "$path" "$cookie" "$token")
    read -r rps p50 p99 errors <<<"$(measure "http://127.0.0.1:$port$path" "$header")"
    read -r nrps _ _ _ <<<"$(measure "http://127.0.0.1:$static/f$index")"
    bytes=$(stat -c %s "$work/static/f$index")
    ratio=$(python3 -c "print(f'{100*$rps/$nrps:.1f} %')")
    who=""
    case $header in Cookie*) who=" (session)" ;; Authorization*) who=" (token)" ;; esac
    printf "| %-40s | %8s | %8s | %8s | %8s | %10s | %7s |\n" "${path/$centre/…}$who" "$bytes" "$rps" "$p50" "$p99" "$nrps" "$ratio"
    [ "$errors" != "0" ] && echo "  ($errors errors or non-2xx answers)"
  done
  kill "$(cat "$work/nginx.pid")"
  rm -f "$work/nginx.pid"

  if [ "$soak" -gt 0 ]; then
    # Mixed load over every centre: public pages and figures for random centres, with a write now
    # and then (which makes that centre's read models anew).
    cat >"$work/mixed.lua" <<EOF
local slugs = {}
for slug in string.gmatch("$(echo $slugs)", "%S+") do table.insert(slugs, slug) end
local paths = {"/beschikbare-panden", "/leegstand", "/voortgang"}
request = function()
  local slug = slugs[math.random(#slugs)]
  if math.random(4) == 1 then return wrk.format("GET", "/api/v1/centres/" .. slug .. "/vacancy") end
  return wrk.format("GET", "/" .. slug .. paths[math.random(#paths)])
end
EOF
    wrk -t2 -c"$connections" -d"${soak}s" -s "$work/mixed.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Non-2xx|Socket" || true
    echo "memory after $soak s of mixed load over all centres: $(rss)"
  fi
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
  echo
  echo "store figures (stadshart measure, server stopped):"
  "$binary" measure --centre "$centre" --import-lines "$lines" 2>&1 | sed 's/^/  /'
}

auth() { # path cookie token → the header a signed-in request needs, if any
  case $1 in
    */beschikbare-panden | */leegstand | */voortgang | */vacancy) echo "" ;;
    /api/*) echo "Authorization: Bearer $3" ;;
    *) echo "Cookie: $2" ;;
  esac
}

export DATABASE_URL="sqlite://$work/national.sqlite"
sqlite_or_psql() { sqlite3 "$work/national.sqlite" "$1"; }
run "SQLite (file)"
if [ -n "$postgres" ]; then
  psql "$postgres" -q -c "DROP DATABASE IF EXISTS stadshart_national WITH (FORCE)"
  psql "$postgres" -q -c "CREATE DATABASE stadshart_national"
  base=${postgres%%\?*}
  query=""
  [ "$base" != "$postgres" ] && query="?${postgres#*\?}"
  export DATABASE_URL="${base%/*}/stadshart_national$query"
  sqlite_or_psql() { psql "$DATABASE_URL" -At -c "$1"; }
  run "PostgreSQL"
fi
