#!/usr/bin/env bash
# searchd's command line, black-box: --help/--version, reindex --dry-run on the sample
# content and on the broken examples, --json, and config errors naming key and line.
set -euo pipefail
searchd=$(readlink -f "$1")
examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$searchd" --version | grep -q '^searchd [0-9]' || fail "--version"

# No config, no flags and no ./content: an error naming the folder it looked for, never
# some other content (a path compiled into the binary once stood in for it).
mkdir "$work/no-content"
set +e
out=$(cd "$work/no-content" && "$searchd" reindex --dry-run 2>&1)
status=$?
set -e
[ "$status" != 0 ] || fail "a dry run with no content succeeded: $out"
echo "$out" | grep -q "content" || fail "the error does not name the content folder: $out"
echo "$out" | grep -q "examples/content" && fail "the sample content stood in: $out"
"$searchd" --help | grep -q reindex || fail "--help does not mention reindex"

out=$("$searchd" reindex --dry-run --content "$examples/content") || fail "dry run on examples/content exited $?"
echo "$out" | grep -qE '^dry run: [0-9]+ files: [0-9]+ loaded, 0 skipped, 0 repaired, 1 draft, 0 unpublished;' ||
  fail "summary of examples/content: $out"
echo "$out" | grep -q 'zorblatt-scoring-framework-draft.md: draft:' || fail "the draft is not reported"

out=$("$searchd" reindex --dry-run --content "$examples/broken") || fail "dry run on examples/broken exited $?"
for file in binary.md broken-json.md broken-toml.md broken-yaml.md:3 deep.md empty.md laughs.md \
            not-a-mapping.md unterminated.md; do
  echo "$out" | grep -q "^$file.*: skipped: " || fail "$file is not reported as skipped: $out"
done
echo "$out" | grep -q '^invalid-utf8.md:10: warning: invalid UTF-8 repaired' || fail "invalid-utf8.md warning"
echo "$out" | grep -qE '^dry run: 13 files: 4 loaded, 9 skipped, 1 repaired, 0 drafts' || fail "broken summary: $out"

"$searchd" reindex --dry-run --json --content "$examples/broken" > "$work/out.json"
python3 - "$work/out.json" <<'PY' || fail "--json output"
import json, sys
out = json.load(open(sys.argv[1]))
assert out["summary"]["loaded"] == 4, out["summary"]
assert out["summary"]["skipped"] == 9, out["summary"]
kinds = {i["file"]: i["kind"] for i in out["issues"]}
assert kinds["laughs.md"] == "front_matter_too_large", kinds
assert kinds["invalid-utf8.md"] == "invalid_utf8", kinds
PY

printf 'content:\n  root: %s\nindex:\n  path: %s/idx\n  bogus_option: 1\n' "$examples/content" "$work" > "$work/bad.yaml"
if out=$("$searchd" reindex --dry-run --config "$work/bad.yaml" 2>&1); then fail "unknown key accepted"; fi
echo "$out" | grep -q "bad.yaml:5: index.bogus_option: unknown key" || fail "unknown key message: $out"

printf 'server:\n  threads: many\n' > "$work/type.yaml"
if out=$("$searchd" reindex --dry-run --config "$work/type.yaml" 2>&1); then fail "wrong type accepted"; fi
echo "$out" | grep -q "type.yaml:2: server.threads: expected a whole number" || fail "wrong type message: $out"

if out=$("$searchd" reindex --dry-run --content "$work/missing" 2>&1); then fail "missing root accepted"; fi
echo "$out" | grep -q "content root '$work/missing' is not a readable folder" || fail "missing root: $out"

# Flags override the file.
printf 'content:\n  root: /nonexistent\n' > "$work/root.yaml"
"$searchd" reindex --dry-run --config "$work/root.yaml" --content "$examples/content" > /dev/null ||
  fail "--content does not override content.root"
# The first reindex builds and publishes a generation; the next ones update it in place;
# --full builds a new one; a failure leaves current alone; a second writer gets exit 75.
out=$("$searchd" reindex --content "$examples/content" --index "$work/idx") || fail "reindex exited $?"
echo "$out" | grep -q "^full rebuild: 44 added, .*published gen-000001 in $work/idx (no index yet)" || fail "first reindex: $out"
[ "$(readlink "$work/idx/current")" = gen-000001 ] || fail "current does not point to gen-000001"
out=$("$searchd" reindex --content "$examples/content" --index "$work/idx") || fail "second reindex exited"
echo "$out" | grep -q "^incremental: 0 added, 0 updated, 0 deleted, 45 unchanged, .*updated gen-000001" ||
  fail "second reindex: $out"
out=$("$searchd" reindex --content "$examples/content" --index "$work/idx" --full) || fail "--full exited"
echo "$out" | grep -q "published gen-000002 .*(--full)" || fail "--full: $out"
set +e
"$searchd" reindex --content "$work/missing" --index "$work/idx" 2>/dev/null
status=$?
set -e
[ "$status" = 2 ] || fail "reindex of a missing root exited $status, not 2 (README's exit table)"
[ "$(readlink "$work/idx/current")" = gen-000002 ] || fail "a failed reindex moved current"
ls "$work/idx" | grep -q '\.tmp$' && fail "a failed reindex left its build behind"
flock "$work/idx/writer.lock" sleep 3 &
sleep 0.5
set +e
out=$("$searchd" reindex --content "$examples/content" --index "$work/idx" 2>&1)
status=$?
set -e
wait
[ "$status" = 75 ] || fail "a second writer exited $status, not 75: $out"
echo "$out" | grep -q "reindex already running (pid" || fail "lock message: $out"
# The deletion guard: an empty content folder publishes nothing (exit 3) until it is meant.
mkdir "$work/empty"
set +e
out=$("$searchd" reindex --content "$work/empty" --index "$work/idx" 2>&1)
status=$?
set -e
[ "$status" = 3 ] || fail "emptying the content exited $status, not 3: $out"
echo "$out" | grep -q "would delete 44 of the index's 44 pages.*--allow-mass-delete" || fail "guard message: $out"
[ "$(readlink "$work/idx/current")" = gen-000002 ] || fail "a refused reindex moved current"
cp -r "$work/idx" "$work/idx-wiped"
out=$("$searchd" reindex --content "$work/empty" --index "$work/idx-wiped" --allow-mass-delete) ||
  fail "--allow-mass-delete exited $?"
echo "$out" | grep -q "44 deleted.*0 documents" || fail "--allow-mass-delete: $out"
out=$("$searchd" reindex --content "$examples/broken" --index "$work/broken-idx" --strict) && fail "--strict with skipped files exited 0"
echo "$out" | grep -q "published gen-000001" || fail "--strict must still publish: $out"

tools=$(dirname "$searchd")/../tools
"$tools/search-query" "$work/idx" telehealth --json > "$work/search.json"
python3 - "$work/search.json" <<'PY' || fail "search-query --json"
import json, sys
out = json.load(open(sys.argv[1]))
assert out["total"] == 12, out["total"]
assert set(out) >= {"query", "total", "page", "per_page", "took_ms", "hits", "facets"}, list(out)
assert "<mark>" in out["hits"][0]["highlight"]["title"] + out["hits"][0]["highlight"]["snippet"]
PY
inspect=$("$tools/search-inspect" "$work/idx" news/2019/ai-sepsis-alerts-evaluated.md) || fail "search-inspect exited"
echo "$inspect" | grep -q '^  Qnews/2019/ai-sepsis' || fail "search-inspect: no id term"
# searchd init on a Hugo site: a commented config that works, then never an overwrite.
cp -r "$examples/../tests/sites/hugo" "$work/hugo-site"
out=$("$searchd" init "$work/hugo-site") || fail "init exited $?"
echo "$out" | grep -q "wrote $work/hugo-site/searchd.yaml (hugo site" || fail "init: $out"
echo "$out" | grep -q "searchd reindex --config $work/hugo-site/searchd.yaml" || fail "init commands: $out"
grep -q "^  generator: hugo" "$work/hugo-site/searchd.yaml" || fail "init: generator not written"
grep -q "#   posts: /:year/:month/:day/:slug/" "$work/hugo-site/searchd.yaml" || fail "init: permalinks not shown"
out=$("$searchd" reindex --dry-run --config "$work/hugo-site/searchd.yaml") || fail "the written config: $out"
echo "$out" | grep -q "/2019/10/09/first-post-hello-world/" || fail "the written config's URLs: $out"
before=$(cat "$work/hugo-site/searchd.yaml")
set +e
out=$("$searchd" init "$work/hugo-site" 2>&1)
status=$?
set -e
[ "$status" = 2 ] || fail "a second init exited $status, not 2"
echo "$out" | grep -q "exists; it is left as it is" || fail "init overwrite message: $out"
[ "$before" = "$(cat "$work/hugo-site/searchd.yaml")" ] || fail "init overwrote searchd.yaml"
echo "searchd_cli: all checks passed"
