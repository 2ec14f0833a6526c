#!/usr/bin/env bash
# find_package(libsearch) works after cmake --install: stage an install of this build, build
# examples/embed against it, and run it on the test fixtures.
#   embed_package_test.sh BUILD_DIR SOURCE_DIR SANITIZE(ON|OFF)
set -euo pipefail
build=$1
source=$2
sanitize=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/stage" --component Unspecified > "$work/install.log"
flags=""
if [ "$sanitize" = "ON" ]; then
  flags="-fsanitize=address,undefined"
fi
cmake -S "$source/examples/embed" -B "$work/embed" -G Ninja -DCMAKE_PREFIX_PATH="$work/stage" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" > "$work/configure.log" ||
  { cat "$work/configure.log"; exit 1; }
cmake --build "$work/embed" > "$work/build.log" || { cat "$work/build.log"; exit 1; }

out=$("$work/embed/embed" "$source/tests/fixtures/site" "$work/index" "backups")
echo "$out"
echo "$out" | grep -q '^1 results$' || { echo "FAIL: expected 1 result"; exit 1; }
echo "$out" | grep -q 'Hospitals Rethink Their Backup Strategy' || { echo "FAIL: expected the backup page"; exit 1; }
# The installed headers must not pull in Xapian, ICU or yaml-cpp.
if grep -rlE '#include [<"](xapian|unicode/|yaml-cpp)' "$work/stage/include/libsearch"; then
  echo "FAIL: installed headers include engine dependencies"; exit 1
fi
echo "embed_package: ok"
