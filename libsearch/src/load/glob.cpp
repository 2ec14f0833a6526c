#include "load/glob.hpp"

#include <cstddef>

namespace libsearch::detail {

namespace {

std::vector<std::string_view> split_segments(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start) {
            segments.push_back(path.substr(start, end - start));
        }
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return segments;
}

/// Matches a bracket expression at pattern[p] ('[' already seen at p). Returns the index
/// after ']' and sets `matched`; returns npos if the bracket is not closed (then '[' is
/// an ordinary character).
std::size_t match_class(std::string_view pattern, std::size_t p, char c, bool& matched) {
    std::size_t i = p + 1;
    bool negate = false;
    if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
        negate = true;
        ++i;
    }
    bool found = false;
    bool first = true;
    for (; i < pattern.size(); ++i) {
        if (pattern[i] == ']' && !first) {
            matched = found != negate;
            return i + 1;
        }
        first = false;
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            if (pattern[i] <= c && c <= pattern[i + 2]) {
                found = true;
            }
            i += 2;
        } else if (pattern[i] == c) {
            found = true;
        }
    }
    return std::string_view::npos;
}

/// One segment against one pattern segment: `*`, `?`, `[...]`; iterative, with the
/// classic single backtrack point for the last `*`.
bool match_segment(std::string_view pattern, std::string_view text) {
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star_p = std::string_view::npos;
    std::size_t star_t = 0;
    while (t < text.size()) {
        if (p < pattern.size()) {
            const char pc = pattern[p];
            if (pc == '*') {
                star_p = p++;
                star_t = t;
                continue;
            }
            if (pc == '?') {
                ++p;
                ++t;
                continue;
            }
            if (pc == '[') {
                bool matched = false;
                const std::size_t next = match_class(pattern, p, text[t], matched);
                if (next != std::string_view::npos) {
                    if (matched) {
                        p = next;
                        ++t;
                        continue;
                    }
                } else if (text[t] == '[') {
                    ++p;
                    ++t;
                    continue;
                }
            } else if (pc == text[t]) {
                ++p;
                ++t;
                continue;
            }
        }
        if (star_p == std::string_view::npos) {
            return false;
        }
        p = star_p + 1;
        t = ++star_t;
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

} // namespace

Glob::Glob(std::string_view pattern)
    : pattern_(pattern) {
    for (const auto segment : split_segments(pattern)) {
        segments_.emplace_back(segment);
    }
}

bool Glob::matches(std::string_view path) const {
    const auto parts = split_segments(path);
    const std::size_t np = segments_.size();
    const std::size_t ns = parts.size();
    // reachable[j] for pattern position i, computed from the end (i = np) backwards:
    // can segments_[i..] match parts[j..]?
    std::vector<char> next(ns + 1, 0);
    next[ns] = 1;
    std::vector<char> current(ns + 1, 0);
    for (std::size_t i = np; i-- > 0;) {
        const bool globstar = segments_[i] == "**";
        for (std::size_t j = ns + 1; j-- > 0;) {
            bool ok = false;
            if (globstar) {
                ok = next[j] != 0 || (j < ns && current[j + 1] != 0);
            } else if (j < ns) {
                ok = next[j + 1] != 0 && match_segment(segments_[i], parts[j]);
            }
            current[j] = ok ? 1 : 0;
        }
        std::swap(next, current);
    }
    return next[0] != 0;
}

bool matches_any(const std::vector<Glob>& globs, std::string_view path) {
    for (const auto& glob : globs) {
        if (glob.matches(path)) {
            return true;
        }
    }
    return false;
}

std::vector<Glob> compile_globs(const std::vector<std::string>& patterns) {
    std::vector<Glob> globs;
    globs.reserve(patterns.size());
    for (const auto& pattern : patterns) {
        globs.emplace_back(pattern);
    }
    return globs;
}

} // namespace libsearch::detail
