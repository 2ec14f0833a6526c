#!/usr/bin/env bash
# Disk full (RELIABILITY.md R3): on a tmpfs with room for one generation, a full reindex fails
# cleanly (the disk check, or ENOSPC part-way) and the current generation keeps serving.
#   reindex_disk_full_test.sh SEARCHD SEARCH_QUERY EXAMPLES
set -euo pipefail
searchd=$1
search_query=$2
examples=$3
if [ "$(id -u)" != 0 ] || ! command -v mount >/dev/null; then
  echo "reindex_disk_full: SKIP: needs root to mount a tmpfs"; exit 0
fi
work=$(mktemp -d)
mounted=""
cleanup() {
  umount "$work/small" 2>/dev/null
  [ -n "$mounted" ] && umount "$work/idx" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Size the tmpfs from a real build: room for one build (its shards, about twice the merged
# generation, and the merged copy) and a bit, not for a second beside the first.
"$searchd" reindex --content "$examples/content" --index "$work/probe" > /dev/null
size_kb=$(du -sk "$work/probe/gen-000001" | cut -f1)
mkdir -p "$work/idx"
if ! mount -t tmpfs -o size=$((size_kb * 7 / 2 + 64))k tmpfs "$work/idx" 2>/dev/null; then
  echo "reindex_disk_full: SKIP: cannot mount a tmpfs here"; exit 0
fi
mounted=yes
"$searchd" reindex --content "$examples/content" --index "$work/idx" > /dev/null || fail "first reindex"
before=$("$search_query" "$work/idx" telehealth --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

set +e
out=$("$searchd" reindex --content "$examples/content" --index "$work/idx" --full 2>&1)
status=$?
set -e
[ "$status" = 2 ] || fail "a full reindex on a full disk exited $status, not 2 (README's exit table): $out"
echo "$out" | grep -qiE "disk space|No space left" || fail "the error does not say the disk is full: $out"
[ "$(readlink "$work/idx/current")" = gen-000001 ] || fail "current moved"
after=$("$search_query" "$work/idx" telehealth --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$before" = "$after" ] || fail "the served answers changed: $before -> $after"
ls "$work/idx" | grep -q '\.tmp$' && fail "a build was left behind"

# A first build has no generation to measure: it is sized by its content, and refused up
# front on a disk with less room than the content itself, leaving nothing behind.
content_kb=$(du -sk "$examples/content" | cut -f1)
mkdir -p "$work/small"
mount -t tmpfs -o size=$((content_kb / 2 + 16))k tmpfs "$work/small" || fail "second tmpfs"
set +e
first=$("$searchd" reindex --content "$examples/content" --index "$work/small" 2>&1)
status=$?
set -e
[ "$status" = 2 ] || fail "a first build on a too small disk exited $status, not 2: $first"
echo "$first" | grep -q "not enough disk space for a new generation" ||
  fail "a first build on a too small disk was not refused before it started: $first"

echo "reindex_disk_full: ok ($(echo "$out" | tail -1))"
