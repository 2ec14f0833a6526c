#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

/// A glob over '/'-separated relative paths, as in content.include / content.exclude:
/// `*` and `?` match within one path segment, `[abc]`, `[a-z]` and `[!abc]` match one
/// character of a set, and a whole segment `**` matches zero or more segments
/// (`**/*.md` matches `a.md` and `x/y/a.md`). Matching is bytewise and never recursive
/// on the input, so a hostile pattern or path costs at most O(pattern × path).
class Glob {
public:
    explicit Glob(std::string_view pattern);

    bool matches(std::string_view path) const;
    const std::string& pattern() const noexcept { return pattern_; }

private:
    std::string pattern_;
    std::vector<std::string> segments_;
};

/// True if any of the globs matches.
bool matches_any(const std::vector<Glob>& globs, std::string_view path);

/// Compiles a list of patterns.
std::vector<Glob> compile_globs(const std::vector<std::string>& patterns);

} // namespace libsearch::detail
