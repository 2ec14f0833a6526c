#!/usr/bin/env bash
# How indexing and query cost grow with the number of pages (issue #8): for each size,
# synthetic pages from tools/gen-pages (learnt from ../shared/corpus, seed 1), then
#  - a full `searchd reindex`: wall time, pages/s, peak RSS, index size on disk;
#  - an incremental reindex after 0.1% of the pages changed;
#  - in-process query latency by kind (bench/scale_queries: all facets, one filter).
# Writes a dated Markdown report under bench/results/.
#
#   cmake --build --preset release && bench/scale_bench.sh [10000 100000 ...]
#
# Work files go to $SCALE_WORK (default /tmp/libsearch-scale): about 2.6 KB of content and
# 13 KB of index per page (1M pages: 2.5 GB + 13 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
work=${SCALE_WORK:-/tmp/libsearch-scale}
corpus=${CORPUS:-../shared/corpus}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 300000 1000000)
[ -d "$corpus" ] || { echo "scale_bench: no corpus at $corpus; nothing to measure"; exit 0; }
for tool in "$build/tools/gen-pages" "$build/searchd/searchd" "$build/bench/scale_queries"; do
  [ -x "$tool" ] || { echo "scale_bench: build the release preset first ($tool)"; exit 1; }
done
mkdir -p "$work" bench/results
report=bench/results/$(date +%F)-scale.md
{
  echo "# Scale: synthetic pages, 10k to 1M"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
       "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), release build." \
       "Pages from \`gen-pages --seed 1\` (learnt from $corpus). One run per size."
  echo
  echo "| pages | full reindex s | pages/s | peak RSS MB | index MB | incremental (0.1% changed) s |"
  echo "|---:|---:|---:|---:|---:|---:|"
} > "$report"
queries=""
for n in "${sizes[@]}"; do
  dir=$work/$n
  if [ ! -f "$dir/generated" ]; then
    rm -rf "$dir"
    "$build/tools/gen-pages" --out "$dir/content" --pages "$n" --corpus "$corpus"
    touch "$dir/generated"
  fi
  rm -rf "$dir/index"
  echo "scale_bench: $n pages: full reindex" >&2
  measured=$( { /usr/bin/time -f "%e %M" "$build/searchd/searchd" reindex \
      --content "$dir/content" --index "$dir/index" >/dev/null; } 2>&1 | tail -1)
  seconds=${measured% *}
  rss_kb=${measured#* }
  index_mb=$(du -sm "$dir/index" | cut -f1)
  # 0.1% of the pages get a new paragraph, spread over the whole set.
  step=1000
  for ((i = 1; i <= n; i += step)); do
    printf '<p>changed for the incremental run %d</p>\n' "$i" >> "$dir/content/$(printf %04d $(((i - 1) / 1000)))/page-$i.md"
  done
  echo "scale_bench: $n pages: incremental reindex" >&2
  incremental=$( { /usr/bin/time -f "%e" "$build/searchd/searchd" reindex \
      --content "$dir/content" --index "$dir/index" >/dev/null; } 2>&1 | tail -1)
  awk -v n="$n" -v s="$seconds" -v rss="$rss_kb" -v mb="$index_mb" -v inc="$incremental" \
    'BEGIN { printf "| %d | %.1f | %.0f | %.0f | %d | %.2f |\n", n, s, n / s, rss / 1024, mb, inc }' \
    >> "$report"
  echo "scale_bench: $n pages: queries" >&2
  queries+=$'\n'"### $n pages"$'\n\n'"$("$build/bench/scale_queries" "$dir/index" --runs 3)"$'\n'
done
printf '\n## In-process query latency\n%s' "$queries" >> "$report"
cat "$report"
echo "scale_bench: report in $report" >&2
