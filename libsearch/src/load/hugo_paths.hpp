#pragma once
// Hugo's path sanitizer and link escaping (0.111): how a title, slug or file path becomes
// part of a URL. Kept apart from the site rules because both the Hugo site and searchd's
// own Hugo-style `site.permalinks` use them.

#include <string>
#include <string_view>

namespace libsearch::detail {

/// Hugo's UnicodeSanitize: keeps letters, digits, marks, `./\_#+~-@` and `%XX`; a run of
/// spaces after something kept becomes one '-'; anything else is dropped. With
/// `remove_accents`, combining marks go first (Crème → Creme).
std::string hugo_sanitize(std::string_view text, bool remove_accents);

/// MakePathSanitized: sanitized, then lower-cased unless `keep_case`.
std::string hugo_make_path(std::string_view text, bool keep_case, bool remove_accents);

/// Go's url.Parse(s).String() as Hugo uses it: the path kept when it is already a valid
/// URL path, else decoded and re-encoded; '?' and '#' parts kept as written.
std::string hugo_escape_link(std::string_view text);

/// Go's url.QueryUnescape: %XX decoded, '+' read as a space; nullopt-like "" with `ok`
/// false for a malformed escape.
std::string query_unescape(std::string_view text, bool& ok);

/// path.Clean for a URL path that keeps a trailing '/': "//" collapses, "." and ".." resolve.
std::string clean_url_path(std::string_view path);

} // namespace libsearch::detail
