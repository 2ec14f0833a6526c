#pragma once

#include <filesystem>

namespace libsearch::testing {

/// The repository's source tree (read-only: tests write into a TempDir).
inline std::filesystem::path source_dir() {
    return LIBSEARCH_SOURCE_DIR;
}

/// tests/fixtures/: small content and config files written for the tests.
inline std::filesystem::path fixtures_dir() {
    return source_dir() / "tests" / "fixtures";
}

/// examples/: the bundled sample content and the deliberately broken files.
inline std::filesystem::path examples_dir() {
    return source_dir() / "examples";
}

} // namespace libsearch::testing
