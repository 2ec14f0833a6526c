#pragma once

#include <string_view>

namespace libsearch {

/// True if `text` is well-formed UTF-8 (no overlong forms, surrogates or values past
/// U+10FFFF), as Unicode's table 3-7 defines it. For checking what clients send.
bool is_valid_utf8(std::string_view text) noexcept;

} // namespace libsearch
