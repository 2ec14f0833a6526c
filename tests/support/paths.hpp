#pragma once

#include <filesystem>

namespace libsearch::testing {

/// tests/fixtures/ in the source tree (read-only: tests write into a TempDir).
inline std::filesystem::path fixtures_dir() {
    return LIBSEARCH_TEST_FIXTURES;
}

/// examples/ in the source tree: the bundled sample content and the broken files.
inline std::filesystem::path examples_dir() {
    return LIBSEARCH_EXAMPLES;
}

} // namespace libsearch::testing
