#pragma once

#include <libsearch/document.hpp>
#include <libsearch/loader.hpp>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

/// Budgets that keep one hostile file from costing more than a page should
/// (RELIABILITY.md R10): the YAML alias bomb stops at the node budget, not at 9^9 nodes.
/// The byte limit is 1 MiB, not R10's 64 KiB: digitalgov's real `301.md` holds 114 KB of
/// redirect aliases (1,616 values); the node budget is what stops bombs.
struct FrontMatterLimits {
    static constexpr std::size_t max_bytes = 1024 * 1024;
    static constexpr std::size_t max_nodes = 10'000;
    static constexpr std::size_t max_depth = 64;
};

enum class FrontMatterFormat { none, yaml, toml, json };

std::string_view to_string(FrontMatterFormat format) noexcept;

/// A page cut into its front matter and body. Both views point into the page's text.
struct SplitPage {
    FrontMatterFormat format = FrontMatterFormat::none;
    std::string_view front_matter;       ///< without the delimiters
    std::uint32_t front_matter_line = 0; ///< line of the file where `front_matter` starts
    std::string_view body;
};

/// A problem that makes the whole page unusable; the parser turns it into a skip.
class PageError : public std::runtime_error {
public:
    PageError(IssueKind kind, std::uint32_t line, const std::string& message)
        : std::runtime_error(message)
        , kind_(kind)
        , line_(line) {}

    IssueKind kind() const noexcept { return kind_; }
    std::uint32_t line() const noexcept { return line_; }

private:
    IssueKind kind_;
    std::uint32_t line_;
};

/// Finds the front matter as Hugo does: after optional blank lines, `---` opens YAML (closed
/// by `---` or `...`), `+++` opens TOML, and `{` followed by `"` or `}` opens a JSON object.
/// Delimiter lines may carry trailing blanks. Anything else has no front matter.
/// `text` has LF line ends. Throws PageError when a block is opened and never closed.
SplitPage split_front_matter(std::string_view text);

struct ParsedFrontMatter {
    FieldValue values{FieldValue::Map{}};
    std::vector<LoadIssue> warnings; ///< duplicate keys; `path` left empty for the caller
};

/// Parses a front-matter block into a map. Throws PageError for syntax errors (with the
/// file line), a block that is not a mapping, and blocks over FrontMatterLimits.
ParsedFrontMatter parse_front_matter(const SplitPage& page);

} // namespace libsearch::detail
