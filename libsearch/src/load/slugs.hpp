#pragma once
// How generators turn titles and file names into URL pieces. Each function follows one
// generator's documented (and, where the docs are thin, its source's) behaviour.

#include <string>
#include <string_view>

namespace libsearch::detail {

/// Jekyll's Utils.slugify modes. default: runs of anything but letters, marks and decimal
/// digits become '-'; pretty: also keeps ._~!$&'()+,;=@. One leading and one trailing '-'
/// are dropped; lowercased unless `cased`.
enum class JekyllSlugMode { default_mode, pretty };
std::string jekyll_slugify(std::string_view text, JekyllSlugMode mode, bool cased);

/// Jekyll's URL.escape_path for one placeholder value: kept as is when it holds only
/// [A-Za-z0-9./-]; else every byte outside RFC 3986's unreserved, sub-delims, ':', '@',
/// '/' and '?' is percent-encoded (UTF-8, upper-case hex).
std::string jekyll_escape_path(std::string_view value);

/// Jekyll's URL.sanitize_url: a leading '/', every ".." replaced by '/', every "./"
/// removed, runs of '/' squeezed to one.
std::string jekyll_sanitize_url(std::string_view url);

/// Unicode lower case (ICU, root locale).
std::string lower_case(std::string_view text);

/// Percent-decoding of %XX sequences (invalid ones are kept as written).
std::string percent_decode(std::string_view text);

} // namespace libsearch::detail
