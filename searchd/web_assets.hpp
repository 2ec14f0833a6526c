#pragma once

// The search page and the drop-in widget (searchd/web/), compiled into the binary by
// cmake/embed_files.cmake.

#include <string_view>
#include <vector>

namespace searchd {

struct WebAsset {
    std::string_view path; ///< the URL path it is served at
    std::string_view content_type;
    std::string_view body;
};

const std::vector<WebAsset>& web_assets();

} // namespace searchd
