#pragma once

#include <filesystem>

namespace searchd {

/// `searchd init [SITE]`: looks at a site's root (generator, content folder, base URL,
/// permalinks, the front-matter keys its pages actually use), writes a commented
/// SITE/searchd.yaml, and prints the two commands that index and serve it. Refuses to
/// overwrite an existing file (exit 2). Returns the process exit status.
int run_init(const std::filesystem::path& site_root);

} // namespace searchd
