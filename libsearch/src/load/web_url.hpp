#pragma once
// Which page URLs may become links: a search result's URL ends up in an <a href> on the
// site's pages, so a URL that runs script when followed must never get that far.

#include <string_view>

namespace libsearch::detail {

/// True for a URL a browser follows to a web page: an http(s) URL, or a reference without
/// a scheme (a path, `//host/path`). False for every other scheme (javascript:, data:,
/// vbscript:, file: ...), read as browsers read it: the spaces and controls around it and
/// the tabs and newlines inside it are ignored (`java\tscript:` is javascript:).
bool is_web_url(std::string_view url);

} // namespace libsearch::detail
