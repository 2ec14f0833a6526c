#!/usr/bin/env bash
# HTTP benchmark: searchd under wrk, next to the same queries answered in-process.
#
#   bench/http_bench.sh [SET...]        (default: digitalgov mdn-archived; needs a release build)
#
# For each set: index it, start `searchd serve` with one I/O thread pinned to CPU 0
# (taskset -c 0) and run wrk pinned to CPU 1 (taskset -c 1) at 1, 8 and 64 connections for
# 10 s each, rotating through the set's known-item queries; then run the same queries
# in-process on one thread on CPU 0 (inprocess_bench, JSON included). Prints a Markdown table
# and writes it to bench/results/<date>-http.md. Asserts zero non-2xx responses.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
build=$repo/build/release
corpus=$repo/../shared/corpus
duration=${DURATION:-10}
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(digitalgov mdn-archived)
command -v wrk >/dev/null || { echo "http_bench: wrk is not installed (apt-get install wrk)"; exit 1; }
[ -d "$corpus" ] || { echo "http_bench: no corpus at $corpus; nothing to measure"; exit 0; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
report=$repo/bench/results/$(date +%F)-http.md
port=18931

{
  echo "# searchd over HTTP vs in-process"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), release build."
  echo "searchd: one I/O thread on CPU 0 (\`taskset -c 0\`); wrk: one thread on CPU 1 (\`taskset -c 1\`),"
  echo "${duration} s per step, rotating through the set's known-item queries. In-process: the same queries"
  echo "on one thread on CPU 0, JSON serialisation included."
} > "$report.tmp"

for set in "${sets[@]}"; do
  config=$work/$set.yaml
  extras=$repo/../shared/acceptance/extras/$set.yaml
  { [ -f "$extras" ] && cat "$extras"; printf 'server: {threads: 1, listen: "127.0.0.1:%s"}\n' "$port"; } > "$config"
  "$build/searchd/searchd" reindex --config "$config" --content "$corpus/$set" --index "$work/$set-index" >/dev/null
  cut -f1 "$corpus/queries/$set.known.tsv" | tail -n +2 > "$work/queries.txt"
  python3 - "$work/queries.txt" "$work/queries.lua" <<'PY'
import sys, urllib.parse
queries = [q for q in open(sys.argv[1], encoding="utf-8").read().split("\n") if q]
with open(sys.argv[2], "w") as out:
    out.write("paths = {\n")
    for q in queries:
        out.write('  "/search?q=%s",\n' % urllib.parse.quote_plus(q))
    out.write("}\ncounter = 0\nrequest = function()\n  counter = counter + 1\n"
              "  return wrk.format(\"GET\", paths[(counter % #paths) + 1])\nend\n")
PY
  taskset -c 0 "$build/searchd/searchd" serve --config "$config" --content "$corpus/$set" \
    --index "$work/$set-index" 2>/dev/null &
  pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  echo "" >> "$report.tmp"
  echo "## $set" >> "$report.tmp"
  echo "" >> "$report.tmp"
  echo "| connections | HTTP req/s | HTTP p50 ms | HTTP p99 ms | non-2xx | in-process q/s | in-process p50 ms | HTTP / in-process |" >> "$report.tmp"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|" >> "$report.tmp"
  inprocess=$(taskset -c 0 "$build/bench/inprocess_bench" "$work/$set-index" "$work/queries.txt" --config "$config" --seconds "$duration")
  in_qps=$(echo "$inprocess" | sed -E 's/.*qps=([0-9.]+).*/\1/')
  in_p50=$(echo "$inprocess" | sed -E 's/.*p50_ms=([0-9.]+).*/\1/')
  for connections in 1 8 64; do
    [ -t 2 ] && printf '\r\033[K%s: wrk -c%s' "$set" "$connections" >&2
    out=$(taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$work/queries.lua" "http://127.0.0.1:$port")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    non2xx=${non2xx:-0}
    [ "$non2xx" = 0 ] || { echo "http_bench: $set: $non2xx non-2xx responses at -c$connections" >&2; exit 1; }
    ratio=$(python3 -c "print(f'{$rps / $in_qps:.2f}x')")
    echo "| $connections | $rps | $p50 | $p99 | $non2xx | $in_qps | $in_p50 | $ratio |" >> "$report.tmp"
  done
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  echo "" >> "$report.tmp"
  echo "searchd peak RSS serving $set: $((rss / 1024)) MB (VmHWM)." >> "$report.tmp"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [ -t 2 ] && printf '\r\033[K' >&2
done
mv "$report.tmp" "$report"
cat "$report"
echo "http_bench: report in $report" >&2
