# Sourced by the benchmark scripts: `measure URL [HEADER]` runs wrk for $seconds with
# $connections connections and prints "requests/s p50-ms p99-ms errors" (non-2xx answers and
# socket errors together).
measure() {
  local out
  if [ -n "${2:-}" ]; then
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$2" "$1")
  else
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1")
  fi
  python3 - "$out" <<'PY'
import re, sys
text = sys.argv[1]
def ms(label):
    m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m: return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = 0
if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text): errors += int(m.group(1))
if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
    errors += sum(int(g) for g in m.groups())
print(f"{rps:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {errors}")
PY
}
