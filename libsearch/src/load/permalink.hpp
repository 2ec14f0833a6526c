#pragma once
// URL patterns as Hugo and Jekyll write them ("/:year/:month/:slug/"), compiled once.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

enum class PermalinkStyle { hugo, jekyll };

/// "hugo" or "jekyll"; nullopt for anything else.
std::optional<PermalinkStyle> permalink_style_named(std::string_view name);

/// The tokens each style knows, as its documentation lists them.
const std::vector<std::string_view>& permalink_tokens(PermalinkStyle style);

/// Literal text and `:token`s. Hugo tokens are `:name` or `:name[...]` (`:sections[1:]`);
/// Jekyll's are `:name` where `:year_` is `:year` then `_`, as Jekyll reads them.
class PermalinkPattern {
public:
    /// Throws std::invalid_argument naming the first unknown token.
    PermalinkPattern(std::string_view pattern, PermalinkStyle style);

    /// The pattern with each token replaced by `value(name, argument)`; `argument` is the
    /// text in brackets of a Hugo `:sections[...]`, else empty.
    std::string expand(const std::function<std::string(std::string_view name,
                                                       std::string_view argument)>& value) const;

    const std::string& text() const noexcept { return text_; }

private:
    struct Part {
        std::string text; ///< literal text, or the token's name
        std::string argument;
        bool token = false;
    };
    std::string text_;
    std::vector<Part> parts_;
};

} // namespace libsearch::detail
