#!/usr/bin/env bash
# The README's two commands, for a fresh Debian 12 machine, as root:
#
#   tools/dev.sh start   install what is missing, build (release), index the bundled
#                        sample content (examples/content) into var/index and serve it on
#                        http://127.0.0.1:8080/ (Ctrl-C stops it)
#   tools/dev.sh test    install what is missing, build (ci preset: ASan + UBSan, warnings
#                        as errors), check formatting and include boundaries, run the whole
#                        test suite (the browser tests in Debian's Chromium too), build the
#                        libFuzzer targets (fuzz preset, clang) and run each 120 s
#                        (FUZZ_SECONDS), run searchd's tests under ThreadSanitizer (tsan
#                        preset), check that the build left the work tree clean
#   tools/dev.sh screenshots   retake docs/search-page-{desktop,phone}.png (release build)
#   tools/dev.sh bench   install what is missing, build (release) and run every benchmark
#                        (bench/README.md: hours, and about 35 GB of scratch space for the
#                        million-page run); SCALE_SIZES="10000 100000" runs fewer sizes
#
# Both are idempotent, and quiet when there is nothing to install or rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

# Debian 12 packages the build, the tests and the benchmarks need.
packages=(
  g++ cmake ninja-build ccache pkg-config clang-format-14 git python3 python3-yaml
  libxapian-dev xapian-tools libicu-dev libyaml-cpp-dev nlohmann-json3-dev libboost-dev
  libmd4c-dev libmd4c-html0-dev libgumbo-dev libtomlplusplus-dev libcli11-dev catch2
  libbenchmark-dev libssl-dev wrk curl chromium gnuplot-nox time
  libhowardhinnant-date-dev tzdata hugo jekyll mkdocs clang-14
)

say() { printf '%s\n' "$*" >&2; }

install_missing() {
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/libsearch-apt.log 2>&1; then
    apt-get update -qq >>/tmp/libsearch-apt.log 2>&1
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >>/tmp/libsearch-apt.log 2>&1 ||
      { cat /tmp/libsearch-apt.log >&2; say "apt-get install failed"; exit 1; }
  fi
}

# The browser tests' runtime: Node.js (Debian's, unless one is already installed) and
# playwright-core from npm at the version tests/browser/package-lock.json pins; Eleventy for
# the site tests, at the version tests/sites/node/package-lock.json pins. Chromium
# is Debian's (above): Playwright's own browser download is never used.
install_browser_tests() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "installing: nodejs npm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm \
      >/tmp/libsearch-apt.log 2>&1 || { cat /tmp/libsearch-apt.log >&2; exit 1; }
  fi
  if [ ! -d tests/sites/node/node_modules/@11ty/eleventy ] ||
     [ tests/sites/node/package-lock.json -nt tests/sites/node/node_modules/.package-lock.json ]; then
    npm ci --prefix tests/sites/node --no-audit --no-fund --loglevel=error >&2 ||
      { say "npm ci in tests/sites/node failed"; exit 1; }
  fi
  if [ ! -d tests/browser/node_modules/playwright-core ] ||
     [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
    npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error >&2 ||
      { say "npm ci in tests/browser failed"; exit 1; }
  fi
}

# Configures once (later builds re-run CMake by themselves when a CMakeLists changes) and
# builds (everything, or the targets named after the preset); the output is shown only when
# something fails or is rebuilt.
build() {
  local preset=$1 log
  shift
  log=$(mktemp)
  if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  fi
  if ! cmake --build --preset "$preset" ${1:+--target "$@"} >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    say "build ($preset) failed"
    exit 1
  fi
  grep -q 'no work to do' "$log" || say "built ($preset)"
  rm -f "$log"
}

check_format() {
  local files
  mapfile -t files < <(git ls-files -- '*.cpp' '*.hpp' '*.hpp.in')
  clang-format-14 --dry-run --Werror "${files[@]}" ||
    { say "formatting: run clang-format-14 -i on the files above"; exit 1; }
}

# searchd, tools and the public headers see libsearch only through its public API: no
# Xapian, ICU or yaml-cpp headers (ARCHITECTURE.md, "Boundaries").
check_include_boundaries() {
  if grep -rnE '#include [<"](xapian|unicode/|yaml-cpp)' searchd tools libsearch/include; then
    say "include boundary: searchd/, tools/ and libsearch/include/ must not include Xapian, ICU or yaml-cpp"
    exit 1
  fi
}

# Nothing may be written into the source tree: `git status --porcelain` after the build and
# the tests must be what it was before (on a clean clone, in CI: empty).
check_clean_tree() {
  local after
  after=$(git status --porcelain)
  if [ "$after" != "$1" ]; then
    diff <(printf '%s\n' "$1") <(printf '%s\n' "$after") >&2 || true
    say "the build or the tests changed the work tree (lines above)"
    exit 1
  fi
}

# Each libFuzzer target (fuzz/README.md) for FUZZ_SECONDS (120) on a scratch copy of its
# seed corpus, two at a time. A crash fails the run and shows the input to add to
# fuzz/regressions/<target>/ (replayed by ctest from then on).
run_fuzzers() {
  local seconds=${FUZZ_SECONDS:-120} scratch name pair
  scratch=$(mktemp -d)
  for pair in "front_matter page_text" "query http_request"; do
    for name in $pair; do
      mkdir -p "$scratch/$name/corpus"
      cp fuzz/seeds/$name/* "$scratch/$name/corpus/"
      build/fuzz/fuzz/fuzz_$name -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$scratch/$name/" -print_final_stats=1 \
        "$scratch/$name/corpus" fuzz/regressions/$name >"$scratch/$name.log" 2>&1 &
    done
    wait || true # a crash shows as an artifact below
  done
  local failed=0
  for name in front_matter page_text query http_request; do
    say "fuzz $name: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$scratch/$name.log" | grep -o '[0-9]*$') runs in ${seconds} s"
    if compgen -G "$scratch/$name/crash-*" >/dev/null || compgen -G "$scratch/$name/leak-*" >/dev/null ||
       compgen -G "$scratch/$name/timeout-*" >/dev/null || compgen -G "$scratch/$name/oom-*" >/dev/null; then
      failed=1
      tail -60 "$scratch/$name.log" >&2
      for input in "$scratch/$name"/crash-* "$scratch/$name"/leak-* "$scratch/$name"/timeout-* "$scratch/$name"/oom-*; do
        [ -f "$input" ] && say "fuzz $name found $(basename "$input"); add it to fuzz/regressions/$name/: base64: $(base64 -w0 "$input")"
      done
    fi
  done
  rm -rf "$scratch"
  [ $failed -eq 0 ] || { say "fuzzing found a crash (above)"; exit 1; }
}

case "${1:-}" in
  start)
    install_missing
    build release
    build/release/searchd/searchd reindex --content "$repo/examples/content" --index "$repo/var/index"
    say "the search page: http://127.0.0.1:8080/  (the API: http://127.0.0.1:8080/search?q=telehealth)"
    exec build/release/searchd/searchd serve --content "$repo/examples/content" --index "$repo/var/index" \
      --listen 127.0.0.1:8080
    ;;
  test)
    install_missing
    install_browser_tests
    before=$(git status --porcelain)
    check_format
    check_include_boundaries
    build ci
    ctest --preset ci
    build fuzz fuzz_front_matter fuzz_page_text fuzz_query fuzz_http_request
    run_fuzzers
    # searchd's threads (I/O, search pool, reindex job) under ThreadSanitizer.
    build tsan searchd searchd_tests search-query
    ctest --test-dir build/tsan -L searchd --output-on-failure -j2
    check_clean_tree "$before"
    ;;
  screenshots)
    install_missing
    install_browser_tests
    build release
    SEARCHD=build/release/searchd/searchd SCREENSHOT_DIR=docs \
      node --test --test-name-pattern="phone widths" tests/browser/search_page.test.mjs
    ;;
  bench)
    install_missing
    build release
    build/release/bench/loader_bench --runs 5 --report "bench/results/$(date +%F)-loader.md"
    build/release/bench/engine_bench --runs 3 --report "bench/results/$(date +%F)-engine.md"
    bench/http_bench.sh
    bench/reindex_bench.sh
    bench/hostile_bench.py
    bench/admin_reindex_memory.py
    bench/restart_after_kill.py
    bench/soak.py --minutes "${SOAK_MINUTES:-60}"
    # shellcheck disable=SC2086 # a list of sizes
    bench/scale_bench.sh ${SCALE_SIZES:-10000 100000 300000 1000000}
    say "benchmarks: reports in bench/results/ (dated $(date +%F))"
    ;;
  *)
    say "usage: $0 start|test|screenshots|bench"
    exit 2
    ;;
esac
