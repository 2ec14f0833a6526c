#include "load/permalink.hpp"

#include <algorithm>
#include <stdexcept>

namespace libsearch::detail {

namespace {

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool known(PermalinkStyle style, std::string_view name) {
    const auto& tokens = permalink_tokens(style);
    return std::find(tokens.begin(), tokens.end(), name) != tokens.end();
}

std::string known_list(PermalinkStyle style) {
    std::string list;
    for (const auto token : permalink_tokens(style)) {
        list += list.empty() ? ":" : " :";
        list += token;
    }
    return list;
}

} // namespace

std::optional<PermalinkStyle> permalink_style_named(std::string_view name) {
    if (name == "hugo") {
        return PermalinkStyle::hugo;
    }
    if (name == "jekyll") {
        return PermalinkStyle::jekyll;
    }
    return std::nullopt;
}

const std::vector<std::string_view>& permalink_tokens(PermalinkStyle style) {
    // Hugo: gohugo.io/content-management/urls/#tokens (0.111 and later).
    static const std::vector<std::string_view> hugo = {"year",
                                                       "month",
                                                       "monthname",
                                                       "day",
                                                       "weekday",
                                                       "weekdayname",
                                                       "yearday",
                                                       "section",
                                                       "sections",
                                                       "title",
                                                       "slug",
                                                       "filename",
                                                       "slugorfilename",
                                                       "contentbasename",
                                                       "slugorcontentbasename"};
    // Jekyll: jekyllrb.com/docs/permalinks/#placeholders (4.3).
    static const std::vector<std::string_view> jekyll = {"year",
                                                         "month",
                                                         "i_month",
                                                         "day",
                                                         "i_day",
                                                         "short_year",
                                                         "hour",
                                                         "minute",
                                                         "second",
                                                         "title",
                                                         "slug",
                                                         "categories",
                                                         "slugified_categories",
                                                         "path",
                                                         "output_ext",
                                                         "name",
                                                         "basename",
                                                         "collection",
                                                         "y_day",
                                                         "short_month",
                                                         "long_month",
                                                         "week",
                                                         "w_year",
                                                         "w_day",
                                                         "short_day",
                                                         "long_day"};
    return style == PermalinkStyle::hugo ? hugo : jekyll;
}

PermalinkPattern::PermalinkPattern(std::string_view pattern, PermalinkStyle style)
    : text_(pattern) {
    std::size_t i = 0;
    std::string literal;
    const auto flush = [&] {
        if (!literal.empty()) {
            parts_.push_back(Part{std::move(literal), {}, false});
            literal.clear();
        }
    };
    while (i < pattern.size()) {
        if (pattern[i] != ':' || i + 1 >= pattern.size() || !is_word_char(pattern[i + 1])) {
            literal += pattern[i++];
            continue;
        }
        std::size_t end = i + 1;
        while (end < pattern.size() && is_word_char(pattern[end])) {
            ++end;
        }
        std::string name(pattern.substr(i + 1, end - i - 1));
        std::string argument;
        if (style == PermalinkStyle::jekyll) {
            // Jekyll tries `a`, then `a_b`, ...: the first known prefix is the token and the
            // rest stays literal (`:year_:month` is :year, "_", :month).
            std::size_t cut = 0;
            bool found = false;
            while (true) {
                cut = name.find('_', cut + (cut == 0 ? 0 : 1));
                const std::string candidate = name.substr(0, cut);
                if (known(style, candidate)) {
                    found = true;
                    end = i + 1 + candidate.size();
                    name = candidate;
                    break;
                }
                if (cut == std::string::npos) {
                    break;
                }
            }
            if (!found) {
                throw std::invalid_argument("unknown token ':" + name + "' in '" + text_ +
                                            "' (Jekyll's are " + known_list(style) + ")");
            }
        } else {
            if (end < pattern.size() && pattern[end] == '[') {
                const auto close = pattern.find(']', end);
                if (close == std::string_view::npos) {
                    throw std::invalid_argument("unclosed '[' after ':" + name + "' in '" + text_ +
                                                "'");
                }
                argument = std::string(pattern.substr(end + 1, close - end - 1));
                end = close + 1;
            }
            if (!known(style, name)) {
                throw std::invalid_argument("unknown token ':" + name + "' in '" + text_ +
                                            "' (Hugo's are " + known_list(style) + ")");
            }
        }
        flush();
        parts_.push_back(Part{std::move(name), std::move(argument), true});
        i = end;
    }
    flush();
}

std::string PermalinkPattern::expand(
    const std::function<std::string(std::string_view, std::string_view)>& value) const {
    std::string out;
    for (const auto& part : parts_) {
        out += part.token ? value(part.text, part.argument) : part.text;
    }
    return out;
}

} // namespace libsearch::detail
