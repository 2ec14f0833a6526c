#!/usr/bin/env bash
# How indexing and query cost grow with the number of pages (issue #8), libsearch beside the
# plain-Xapian baseline on the same pages. For each size N: synthetic pages from
# tools/gen-pages (learnt from ../shared/corpus, seed 1), then
#  - full reindex: `searchd reindex` and `xapian_baseline_index` (wall time, pages/s, peak
#    RSS, index size; the baseline's size also after xapian-compact);
#  - incremental reindex after 0.1% of the pages changed (libsearch only: the baseline
#    program has no change detection);
#  - in-process latency by query kind, both engines (bench/scale_queries, which checks
#    its answers);
#  - HTTP: searchd (one I/O thread, CPU 0) under wrk (CPU 1) at 64 connections, and
#    searchd's peak RSS.
# Figures go to $SCALE_WORK/results/<N>/; bench/scale_report.py turns every size found there
# into bench/results/<date>-scale.md and its plots, so sizes can be run separately.
#
#   bench/scale_bench.sh [10000 100000 300000 1000000]      (needs a release build)
#   PHASES="queries http" bench/scale_bench.sh 10000   (measure again on the indexes built;
#                                                       phases: index baseline incremental queries http)
#
# Work files go to $SCALE_WORK (default /tmp/libsearch-scale): per page about 2.6 KB of
# content, 6.5 KB of libsearch index and 10 KB of baseline index.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
build=$repo/build/release
work=${SCALE_WORK:-/tmp/libsearch-scale}
corpus=${CORPUS:-$repo/../shared/corpus}
runs=${RUNS:-5}
duration=${DURATION:-10}
port=${PORT:-18941}
phases=" ${PHASES:-index baseline incremental queries http} "
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 300000 1000000)
[ -d "$corpus" ] || { echo "scale_bench: no corpus at $corpus; nothing to measure"; exit 0; }
for tool in tools/gen-pages searchd/searchd bench/scale_queries bench/xapian_baseline_index; do
  [ -x "$build/$tool" ] || { echo "scale_bench: build the release preset first ($tool)"; exit 1; }
done
command -v wrk >/dev/null || { echo "scale_bench: wrk is not installed (apt-get install wrk)"; exit 1; }
command -v xapian-compact >/dev/null || { echo "scale_bench: xapian-compact is missing (xapian-tools)"; exit 1; }
server=
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true' EXIT

say() { echo "scale_bench: $*" >&2; }
want() { [[ $phases == *" $1 "* ]]; }
# Runs a command with its output in LOG, setting $seconds and $rss (peak KB); stops the run
# when it fails or LOG has no line matching PATTERN (the count the step must report).
timed() {
  local log=$1 pattern=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$log.time" "$@" > "$log" 2>&1 ||
    { cat "$log" >&2; say "$1 failed: see $log"; exit 1; }
  grep -q -- "$pattern" "$log" || { cat "$log" >&2; say "$1 did not report '$pattern'"; exit 1; }
  read -r seconds rss < "$log.time"
}

# Full reindex: wall time, peak RSS, size on disk.
measure_full_reindex() {
  local seconds rss
  rm -rf "$dir/index"
  sync
  say "$n pages: full reindex (libsearch)"
  timed "$out/reindex.log" "^full rebuild: $n added, .* $n documents;" \
    "$build/searchd/searchd" reindex --content "$dir/content" --index "$dir/index"
  printf '%s\t%s\t%s\n' "$seconds" "$rss" "$(du -sk "$dir/index" | cut -f1)" > "$out/reindex.tsv"
}

# The same for the baseline, whose size is also given after xapian-compact.
measure_baseline_reindex() {
  local seconds rss baseline_kb compact_kb
  rm -rf "$dir/baseline"
  sync
  say "$n pages: full reindex (plain Xapian)"
  timed "$out/baseline.log" "^xapian_baseline_index: $n documents" \
    "$build/bench/xapian_baseline_index" --content "$dir/content" --out "$dir/baseline"
  baseline_kb=$(du -sk "$dir/baseline" | cut -f1)
  rm -rf "$dir/baseline-compact"
  xapian-compact "$dir/baseline" "$dir/baseline-compact" >/dev/null
  compact_kb=$(du -sk "$dir/baseline-compact" | cut -f1)
  rm -rf "$dir/baseline-compact"
  printf '%s\t%s\t%s\t%s\n' "$seconds" "$rss" "$baseline_kb" "$compact_kb" > "$out/baseline.tsv"
}

# 0.1% of the pages get a new paragraph, spread over the whole set; restored afterwards.
measure_incremental_reindex() {
  local changed=() i seconds rss stamp
  stamp=$(date +%s%N) # never the text of an earlier run, which the index may hold
  for ((i = 1; i <= n; i += 1000)); do
    changed+=("$dir/content/$(printf %04d $(((i - 1) / 1000)))/page-$i.md")
  done
  rm -rf "$dir/unchanged" && mkdir -p "$dir/unchanged"
  for ((i = 0; i < ${#changed[@]}; i++)); do
    cp -p "${changed[$i]}" "$dir/unchanged/$i"
    printf '<p>changed for the incremental run %d at %s</p>\n' "$i" "$stamp" >> "${changed[$i]}"
  done
  say "$n pages: incremental reindex of ${#changed[@]} changed pages"
  timed "$out/incremental.log" " ${#changed[@]} updated," \
    "$build/searchd/searchd" reindex --content "$dir/content" --index "$dir/index"
  printf '%s\t%s\t%s\n' "${#changed[@]}" "$seconds" "$rss" > "$out/incremental.tsv"
  for ((i = 0; i < ${#changed[@]}; i++)); do cp -p "$dir/unchanged/$i" "${changed[$i]}"; done
  rm -rf "$dir/unchanged"
}

measure_queries() {
  say "$n pages: in-process queries"
  "$build/bench/scale_queries" "$dir/index" --baseline "$dir/baseline" --runs "$runs" \
    --tsv "$out/queries.tsv" --paths "$out/paths.txt" > "$out/queries.md"
}

# searchd with one I/O thread on CPU 0 under wrk on CPU 1, 64 connections, the queries
# scale_queries wrote; a warm-up run, then $runs timed runs. Asserts zero non-2xx.
measure_http() {
  local pass result non2xx
  say "$n pages: HTTP"
  printf 'server: {threads: 1, listen: "127.0.0.1:%s"}\n' "$port" > "$out/searchd.yaml"
  taskset -c 0 "$build/searchd/searchd" serve --config "$out/searchd.yaml" --content "$dir/content" \
    --index "$dir/index" 2>"$out/serve.log" &
  server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  cat > "$out/paths.lua" <<LUA
local paths = {}
for line in io.lines("$out/paths.txt") do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
LUA
  : > "$out/http.tsv"
  for pass in warmup $(seq "$runs"); do
    result=$(taskset -c 1 wrk -t1 -c64 -d"${duration}s" --timeout 30s --latency -s "$out/paths.lua" "http://127.0.0.1:$port")
    non2xx=$(echo "$result" | awk '/Non-2xx/ {print $5}')
    [ "${non2xx:-0}" = 0 ] || { say "$non2xx non-2xx answers"; exit 1; }
    [ "$pass" = warmup ] && continue
    echo "$result" | awk -v OFS='\t' '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
      END { print rps, p50, p99 }' >> "$out/http.tsv"
  done
  awk '/VmHWM/ {print $2}' "/proc/$server/status" > "$out/searchd_rss.tsv"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

for n in "${sizes[@]}"; do
  dir=$work/$n
  out=$work/results/$n
  mkdir -p "$out"
  if [ ! -f "$dir/generated" ]; then
    rm -rf "$dir"
    say "$n pages: generating"
    "$build/tools/gen-pages" --out "$dir/content" --pages "$n" --corpus "$corpus"
    touch "$dir/generated"
  fi
  want index && measure_full_reindex
  want baseline && measure_baseline_reindex
  [ -d "$dir/index" ] && [ -d "$dir/baseline" ] ||
    { say "$n pages: no indexes to measure (PHASES must include index and baseline)"; exit 1; }
  want incremental && measure_incremental_reindex
  want queries && measure_queries
  want http && measure_http
  say "$n pages: done"
done
python3 bench/scale_report.py "$work/results"
