#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace searchd {

/// A request target split into its decoded path and query parameters, in order.
struct Target {
    std::string path;
    std::vector<std::pair<std::string, std::string>> params;
};

/// Splits and percent-decodes a request target ('+' is a space in the query). Strict: a '%'
/// not followed by two hex digits is 400 invalid_percent_encoding, decoded bytes that are not
/// UTF-8 (overlong forms and NUL included) are 400 invalid_utf8. Throws ApiError.
Target parse_target(std::string_view target);

/// The target's path alone, percent-decoded as parse_target decodes it. Throws ApiError.
std::string parse_path(std::string_view target);

} // namespace searchd
