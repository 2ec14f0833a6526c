#pragma once
// The parts of a '/'-separated relative path, as the site rules and the field mapping
// name them. Views into the path; nothing is allocated.

#include <cstddef>
#include <string_view>

namespace libsearch::detail {

/// "news/2020/item.md" → "item.md"
constexpr std::string_view file_name_of(std::string_view path) noexcept {
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// "news/2020/item.md" → "news/2020/" (with its '/'); "" at the top.
constexpr std::string_view folder_of(std::string_view path) noexcept {
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1);
}

/// "item.md" → "item"; a leading dot is not an extension (".htaccess").
constexpr std::string_view without_extension(std::string_view name) noexcept {
    const auto dot = name.rfind('.');
    return dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
}

/// "item.md" → "md"; "" when there is none.
constexpr std::string_view extension_of(std::string_view name) noexcept {
    const auto dot = name.rfind('.');
    return dot == std::string_view::npos || dot == 0 ? std::string_view() : name.substr(dot + 1);
}

/// The last segment of a path, ignoring trailing '/': "a/b/" → "b".
constexpr std::string_view last_segment(std::string_view path) noexcept {
    while (!path.empty() && path.back() == '/') {
        path.remove_suffix(1);
    }
    return file_name_of(path);
}

/// The value of a hexadecimal digit, or -1.
constexpr int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/// A file of HTML by its extension: .html, .htm, .xhtml, in any case.
inline bool is_html_path(std::string_view path) noexcept {
    std::string_view extension = extension_of(file_name_of(path));
    const auto equal = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            if ((a[i] | 0x20) != b[i]) {
                return false;
            }
        }
        return true;
    };
    return equal(extension, "html") || equal(extension, "htm") || equal(extension, "xhtml");
}

} // namespace libsearch::detail
