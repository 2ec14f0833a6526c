#include "search_params.hpp"

#include "api_error.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>

namespace searchd {

namespace {

[[noreturn]] void bad(const std::string& code, const std::string& message) {
    throw ApiError(http::status::bad_request, code, message);
}

std::uint32_t whole_number(const std::string& name,
                           const std::string& text,
                           std::uint32_t low,
                           std::uint32_t high) {
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        bad("invalid_parameter", name + " must be a whole number between " + std::to_string(low) +
                                     " and " + std::to_string(high) + ", got '" +
                                     text.substr(0, 40) + "'");
    }
    const auto value = static_cast<std::uint32_t>(std::stoul(text));
    if (value < low || value > high) {
        bad("invalid_parameter",
            name + " must be between " + std::to_string(low) + " and " + std::to_string(high));
    }
    return value;
}

std::chrono::sys_days day(const std::string& name, const std::string& text) {
    const auto digits = [&](std::size_t at, std::size_t count) {
        int value = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (text[i] < '0' || text[i] > '9') {
                return -1;
            }
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        const int year = digits(0, 4);
        const int month = digits(5, 2);
        const int day_of_month = digits(8, 2);
        if (year >= 0 && month > 0 && day_of_month > 0) {
            const std::chrono::year_month_day ymd{
                std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                std::chrono::day{static_cast<unsigned>(day_of_month)}};
            if (ymd.ok()) {
                return std::chrono::sys_days{ymd};
            }
        }
    }
    bad("invalid_date", name + " must be a date as YYYY-MM-DD, got '" + text.substr(0, 40) + "'");
}

/// Single-valued parameters may appear once.
void once(std::set<std::string>& seen, const std::string& name) {
    if (!seen.insert(name).second) {
        bad("invalid_parameter", name + " is given more than once");
    }
}

bool is_facet(const std::vector<std::string>& facet_names, const std::string& name) {
    return std::find(facet_names.begin(), facet_names.end(), name) != facet_names.end();
}

/// The walk both routes share: facet parameters collect filter values (repeatable), every
/// other parameter may appear once and goes to `single(name, value)`, which returns false
/// for a name it does not know.
template <typename Single>
void read_params(const std::vector<std::pair<std::string, std::string>>& params,
                 const std::vector<std::string>& facet_names,
                 std::map<std::string, std::vector<std::string>>& filters,
                 Single&& single) {
    std::set<std::string> seen;
    for (const auto& [name, value] : params) {
        if (is_facet(facet_names, name)) {
            filters[name].push_back(value);
            continue;
        }
        once(seen, name);
        if (!single(name, value)) {
            bad("unknown_parameter", "unknown parameter '" + name.substr(0, 40) + "'");
        }
    }
}

/// "fr", "pt-BR", "zh-Hant-TW": letters and digits in subtags of 1 to 8, joined by '-'.
bool is_language_range(std::string_view text) {
    std::size_t run = 0;
    for (const char c : text) {
        if (c == '-') {
            if (run == 0) {
                return false;
            }
            run = 0;
        } else if (std::isalnum(static_cast<unsigned char>(c)) && ++run <= 8) {
            continue;
        } else {
            return false;
        }
    }
    return run > 0;
}

} // namespace

std::vector<std::string> accepted_languages(std::string_view header) {
    // "fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5" (RFC 9110 12.5.4): by weight, then as written;
    // "*" and weight 0 say nothing about a language.
    std::vector<std::pair<double, std::string>> ranked;
    std::size_t start = 0;
    // Items are read up to a few times the languages kept: a header of 10,000 commas costs
    // no more than a short one.
    for (std::size_t items = 0; start < header.size() && items < kMaxAcceptLanguageItems; ++items) {
        auto end = header.find(',', start);
        if (end == std::string_view::npos) {
            end = header.size();
        }
        std::string_view item = header.substr(start, end - start);
        start = end + 1;
        double weight = 1;
        if (const auto semicolon = item.find(';'); semicolon != std::string_view::npos) {
            std::string_view parameter = item.substr(semicolon + 1);
            item = item.substr(0, semicolon);
            while (!parameter.empty() && parameter.front() == ' ') {
                parameter.remove_prefix(1);
            }
            if (parameter.starts_with("q=")) {
                try {
                    weight = std::stod(std::string(parameter.substr(2, 5)));
                } catch (const std::exception&) {
                    weight = 0;
                }
            }
        }
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) {
            item.remove_prefix(1);
        }
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) {
            item.remove_suffix(1);
        }
        if (weight > 0 && item != "*" && item.size() <= 35 && is_language_range(item)) {
            ranked.emplace_back(weight, std::string(item));
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> languages;
    for (auto& [weight, language] : ranked) {
        if (languages.size() == kMaxAcceptedLanguages) {
            break;
        }
        languages.push_back(std::move(language));
    }
    return languages;
}

libsearch::Query search_query_from(const std::vector<std::pair<std::string, std::string>>& params,
                                   const std::vector<std::string>& facet_names,
                                   const libsearch::ServerConfig& server) {
    libsearch::Query query;
    query.time_limit = std::chrono::milliseconds(server.query_time_limit_ms);
    read_params(
        params, facet_names, query.filters, [&](const std::string& name, const std::string& value) {
            if (name == "q") {
                query.text = value;
            } else if (name == "page") {
                query.page = whole_number(name, value, 1, libsearch::Query::kMaxWindow);
            } else if (name == "per_page") {
                query.per_page = whole_number(name, value, 1, libsearch::Query::kMaxPerPage);
            } else if (name == "from") {
                query.from = day(name, value);
            } else if (name == "to") {
                query.to = day(name, value);
            } else if (name == "sort") {
                if (value == "relevance") {
                    query.sort = libsearch::Query::Sort::relevance;
                } else if (value == "newest") {
                    query.sort = libsearch::Query::Sort::newest;
                } else if (value == "oldest") {
                    query.sort = libsearch::Query::Sort::oldest;
                } else {
                    bad("invalid_parameter", "sort must be relevance, newest or oldest");
                }
            } else if (name == "locale") {
                // The visitor's language, as the page they read says it (`<html lang>`):
                // before anything Accept-Language says.
                if (value.size() > 35 || !is_language_range(value)) {
                    bad("invalid_parameter",
                        "locale must be a language tag such as fr or pt-BR, got '" +
                            value.substr(0, 40) + "'");
                }
                query.languages.insert(query.languages.begin(), value);
            } else if (name == "facets") {
                std::vector<std::string> facets;
                std::size_t start = 0;
                while (start <= value.size() && !value.empty()) {
                    const auto comma = value.find(',', start);
                    const std::string facet = value.substr(
                        start, comma == std::string::npos ? std::string::npos : comma - start);
                    if (!facet.empty()) {
                        if (!is_facet(facet_names, facet)) {
                            bad("unknown_facet", "facets lists '" + facet.substr(0, 40) +
                                                     "', which is not a configured facet");
                        }
                        facets.push_back(facet);
                    }
                    if (comma == std::string::npos) {
                        break;
                    }
                    start = comma + 1;
                }
                query.facets = std::move(facets);
            } else {
                return false;
            }
            return true;
        });
    if (static_cast<std::uint64_t>(query.page) * query.per_page > libsearch::Query::kMaxWindow) {
        bad("invalid_parameter",
            "page × per_page may not exceed " + std::to_string(libsearch::Query::kMaxWindow));
    }
    return query;
}

libsearch::SuggestQuery
suggest_query_from(const std::vector<std::pair<std::string, std::string>>& params,
                   const std::vector<std::string>& facet_names) {
    libsearch::SuggestQuery query;
    read_params(
        params, facet_names, query.filters, [&](const std::string& name, const std::string& value) {
            if (name == "q") {
                query.text = value;
            } else if (name == "limit") {
                query.limit = whole_number(name, value, 1, libsearch::SuggestQuery::kMaxLimit);
            } else {
                return false;
            }
            return true;
        });
    return query;
}

} // namespace searchd
