#!/usr/bin/env bash
# gen-pages: the same seed gives the same pages byte for byte, another seed other pages, and
# what it writes loads with the default configuration: every page, no issue, every facet.
# It learns from the sample site here (the benchmarks learn from ../shared/corpus).
set -euo pipefail
gen=$1 searchd=$2 examples=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$gen" --out "$work/a" --pages 1500 --seed 7 --corpus "$examples" --sets content 2>/dev/null
"$gen" --out "$work/b" --pages 1500 --seed 7 --corpus "$examples" --sets content 2>/dev/null
"$gen" --out "$work/c" --pages 1500 --seed 8 --corpus "$examples" --sets content 2>/dev/null
diff -r "$work/a" "$work/b" >/dev/null || { echo "FAIL: same seed, different pages"; exit 1; }
if diff -r "$work/a" "$work/c" >/dev/null; then echo "FAIL: another seed, same pages"; exit 1; fi
[ "$(find "$work/a" -name '*.md' | wc -l)" -eq 1500 ] || { echo "FAIL: not 1500 files"; exit 1; }

report=$("$searchd" reindex --content "$work/a" --index "$work/index" --json)
everything=$("$(dirname "$searchd")/../tools/search-query" "$work/index" '' --json)
python3 - "$report" "$everything" <<'PY'
import json, sys
report, result = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert report["documents"] == 1500 and report["skipped"] == 0 and report["issues"] == [], report
assert result["total"] == 1500, result["total"]
for facet in ("community", "topic", "brand"):
    values = result["facets"][facet]
    assert len(values) >= 5 and values[0]["count"] > values[-1]["count"], (facet, values[:3])
PY
echo "PASS: gen-pages is deterministic and its pages load"
