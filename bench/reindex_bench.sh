#!/usr/bin/env bash
# Reindex benchmark: for each content set, a full reindex (wall time, peak RSS), an
# incremental reindex after changing 1 file and after changing 1% of the files, and the query
# p99 over HTTP while a full reindex runs, against idle. Needs a release build and wrk.
#
#   bench/reindex_bench.sh [SET...]     (default: every set under ../shared/corpus)
#
# The set is copied to a scratch folder first (the corpus is never modified). searchd serves
# from CPU 0 with one thread; wrk (8 connections, the set's known-item queries) and the
# reindex share CPU 1. Writes bench/results/<date>-reindex.md. Asserts zero non-2xx.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
build=$repo/build/release
corpus=$repo/../shared/corpus
[ -d "$corpus" ] || { echo "reindex_bench: no corpus at $corpus; nothing to measure"; exit 0; }
sets=("$@")
if [ ${#sets[@]} -eq 0 ]; then
  for dir in "$corpus"/*/; do name=$(basename "$dir"); [ "$name" = queries ] || sets+=("$name"); done
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
report=$repo/bench/results/$(date +%F)-reindex.md
port=18932
say() { [ -t 2 ] && printf '\r\033[K%s' "$*" >&2 || true; }

seconds_of() { python3 -c "import sys; print(f'{float(sys.argv[1]):.2f}')" "$1"; }

{
  echo "# Reindex: full, incremental, and queries during a full reindex"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), release build."
  echo "searchd serve: 1 thread on CPU 0; wrk (-c8, 10 s, known-item queries) and the reindex on CPU 1."
  echo
  echo "| set | files | full s | full peak RSS MB | incremental, 1 file changed, s | incremental, 1% changed, s | no-op s | HTTP p99 idle ms | HTTP p99 during full reindex ms | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$report.tmp"

for set in "${sets[@]}"; do
  say "$set: copying"
  rm -rf "$work/content" "$work/index"
  cp -r "$corpus/$set" "$work/content"
  config=$work/config.yaml
  extras=$repo/../shared/acceptance/extras/$set.yaml
  { [ -f "$extras" ] && cat "$extras"; printf 'server: {threads: 1, listen: "127.0.0.1:%s"}\n' "$port"; } > "$config"
  run() { "$build/searchd/searchd" reindex --config "$config" --content "$work/content" --index "$work/index" "$@"; }

  say "$set: full reindex"
  full=$( { /usr/bin/time -f '%e %M' taskset -c 1 "$build/searchd/searchd" reindex --config "$config" \
            --content "$work/content" --index "$work/index" --full > "$work/full.out"; } 2>&1 | tail -1)
  files=$(find "$work/content" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.html' \) | wc -l)
  mapfile -t pages < <(find "$work/content" -type f \( -name '*.md' -o -name '*.html' \) | sort)
  echo "changed" >> "${pages[0]}"
  one=$( { /usr/bin/time -f '%e' taskset -c 1 "$build/searchd/searchd" reindex --config "$config" \
           --content "$work/content" --index "$work/index" > /dev/null; } 2>&1 | tail -1)
  step=$(( ${#pages[@]} / 100 )); [ "$step" -ge 1 ] || step=1
  for ((i = 0; i < ${#pages[@]}; i += 100)); do echo "changed" >> "${pages[$i]}"; done
  percent=$( { /usr/bin/time -f '%e' taskset -c 1 "$build/searchd/searchd" reindex --config "$config" \
               --content "$work/content" --index "$work/index" > /dev/null; } 2>&1 | tail -1)
  noop=$( { /usr/bin/time -f '%e' taskset -c 1 "$build/searchd/searchd" reindex --config "$config" \
            --content "$work/content" --index "$work/index" > /dev/null; } 2>&1 | tail -1)

  say "$set: queries idle and during a full reindex"
  cut -f1 "$corpus/queries/$set.known.tsv" | tail -n +2 > "$work/queries.txt"
  python3 - "$work/queries.txt" "$work/queries.lua" <<'PY'
import sys, urllib.parse
queries = [q for q in open(sys.argv[1], encoding="utf-8").read().split("\n") if q]
with open(sys.argv[2], "w") as out:
    out.write("paths = {\n" + "".join('  "/search?q=%s",\n' % urllib.parse.quote_plus(q) for q in queries))
    out.write("}\ncounter = 0\nrequest = function()\n  counter = counter + 1\n"
              "  return wrk.format(\"GET\", paths[(counter % #paths) + 1])\nend\n")
PY
  taskset -c 0 "$build/searchd/searchd" serve --config "$config" --content "$work/content" --index "$work/index" 2>/dev/null &
  pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  idle=$(taskset -c 1 wrk -t1 -c8 -d10s --latency -s "$work/queries.lua" "http://127.0.0.1:$port")
  ( sleep 1; taskset -c 1 "$build/searchd/searchd" reindex --config "$config" --content "$work/content" \
      --index "$work/index" --full > /dev/null ) &
  during=$(taskset -c 1 wrk -t1 -c8 -d10s --latency -s "$work/queries.lua" "http://127.0.0.1:$port")
  wait $! 2>/dev/null || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  p99_idle=$(echo "$idle" | awk '$1 == "99%" {print $2}')
  p99_during=$(echo "$during" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$idle$during" | awk '/Non-2xx/ {n += $5} END {print n + 0}')
  [ "$errors" = 0 ] || { echo "reindex_bench: $set: $errors non-2xx responses" >&2; exit 1; }
  read -r full_s full_kb <<< "$full"
  echo "| $set | $files | $(seconds_of "$full_s") | $((full_kb / 1024)) | $one | $percent | $noop | $p99_idle | $p99_during | $errors |" >> "$report.tmp"
done
say ""
mv "$report.tmp" "$report"
cat "$report"
echo "reindex_bench: report in $report" >&2
