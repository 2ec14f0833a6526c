// Config: defaults in code (config.hpp), overridden key by key from YAML. Every key read is
// checked against the schema below, so a typo is an error naming the key and its line.
#include "load/dates.hpp"
#include "load/key_path.hpp"
#include "load/permalink.hpp"
#include "load/site_rules.hpp"
#include "text/languages.hpp"
#include "text/text_util.hpp"

#include <libsearch/config.hpp>
#include <libsearch/error.hpp>

#include <arpa/inet.h>
#include <xapian.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

namespace libsearch {

namespace {

/// Parameters of GET /search that a facet name must not shadow.
constexpr std::string_view kReservedFacetNames[] = {
    "q", "page", "per_page", "from", "to", "sort", "facets", "limit", "token", "id", "locale"};
bool is_facet_name(std::string_view name) {
    return !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool is_reserved_facet_name(std::string_view name) {
    return std::find(std::begin(kReservedFacetNames), std::end(kReservedFacetNames), name) !=
           std::end(kReservedFacetNames);
}

constexpr std::uint64_t kMaxFileBytesCeiling = 1024ull * 1024 * 1024; // md4c sizes are 32-bit
constexpr unsigned kMaxThreads = 1024;
/// Ranking weights add to BM25 scores, which are rarely above 30: 100 already outweighs
/// any text match.
constexpr double kMaxRankingWeight = 100;

/// "10.0.0.2", "10.0.0.0/8", "::1", "fd00::/8": what server.trusted_proxies holds.
bool is_address_or_network(const std::string& text) {
    const auto slash = text.find('/');
    const std::string address = text.substr(0, slash);
    unsigned char bytes[16];
    const bool v4 = inet_pton(AF_INET, address.c_str(), bytes) == 1;
    if (!v4 && inet_pton(AF_INET6, address.c_str(), bytes) != 1) {
        return false;
    }
    if (slash == std::string::npos) {
        return true;
    }
    const std::string length = text.substr(slash + 1);
    if (length.empty() || length.size() > 3 ||
        !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    return std::stoi(length) <= (v4 ? 32 : 128);
}

struct Problem {
    std::string key;
    std::string message;
};

std::string join_names(std::initializer_list<std::string_view> names) {
    std::string out;
    for (const auto name : names) {
        out += out.empty() ? "" : ", ";
        out += name;
    }
    return out;
}

std::string kind_name(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a mapping";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Scalar:
        return "'" + node.Scalar() + "'";
    default:
        return "nothing";
    }
}

/// Reads one YAML document into a Config, remembering the line of every key so that later
/// checks can point at it.
class ConfigReader {
public:
    ConfigReader(std::string_view source, const std::filesystem::path& base_dir)
        : source_(source)
        , base_dir_(base_dir) {}

    Config read(const YAML::Node& root) {
        Config config;
        // Default paths, like the ones in the file, are relative to the file's folder.
        config.content.root = (base_dir_ / config.content.root).lexically_normal();
        config.index.path = (base_dir_ / config.index.path).lexically_normal();
        if (root.IsNull() || !root.IsDefined()) {
            return config;
        }
        expect_map(root, "");
        for (const auto& member : root) {
            const std::string key = member.first.Scalar();
            remember(key, member.first);
            const YAML::Node& value = member.second;
            if (key == "content") {
                read_content(value, config.content);
            } else if (key == "site") {
                read_site(value, config.site);
            } else if (key == "index") {
                read_index(value, config.index);
            } else if (key == "server") {
                read_server(value, config.server);
            } else if (key == "fields") {
                read_fields(value, config.fields);
            } else if (key == "facets") {
                read_facets(value, config.facets);
            } else if (key == "synonyms") {
                read_synonyms(value, config.synonyms);
            } else if (key == "search") {
                read_search(value, config.search);
            } else if (key == "ranking") {
                read_ranking(value, config.ranking);
            } else {
                unknown(member.first, key,
                        {"content", "site", "index", "server", "fields", "facets", "synonyms",
                         "search", "ranking"});
            }
        }
        return config;
    }

    std::optional<int> line_of(const std::string& key) const {
        // The closest key that was read: "facets.topic[2]" falls back to "facets.topic".
        std::string path = key;
        while (!path.empty()) {
            if (const auto it = lines_.find(path); it != lines_.end()) {
                return it->second;
            }
            const auto cut = path.find_last_of(".[");
            path = cut == std::string::npos ? std::string() : path.substr(0, cut);
        }
        return std::nullopt;
    }

private:
    [[noreturn]] void
    fail(const YAML::Node& node, const std::string& key, const std::string& message) const {
        throw Error(ErrorCode::invalid_config, std::string(source_) + ":" +
                                                   std::to_string(node.Mark().line + 1) + ": " +
                                                   key + ": " + message);
    }

    void remember(const std::string& key, const YAML::Node& node) {
        lines_.emplace(key, node.Mark().line + 1);
    }

    [[noreturn]] void unknown(const YAML::Node& key_node,
                              const std::string& key,
                              std::initializer_list<std::string_view> known) const {
        fail(key_node, key, "unknown key (known keys here: " + join_names(known) + ")");
    }

    void expect_map(const YAML::Node& node, const std::string& key) const {
        if (!node.IsMap()) {
            fail(node, key.empty() ? "(top level)" : key,
                 "expected a mapping of keys, got " + kind_name(node));
        }
    }

    template <typename Handler>
    void for_each_member(const YAML::Node& node, const std::string& section, Handler&& handler) {
        expect_map(node, section);
        for (const auto& member : node) {
            if (!member.first.IsScalar()) {
                fail(member.first, section, "keys must be plain text");
            }
            const std::string key = section + "." + member.first.Scalar();
            remember(key, member.first);
            handler(member.first, member.first.Scalar(), key, member.second);
        }
    }

    std::string read_string(const YAML::Node& node, const std::string& key) const {
        if (!node.IsScalar()) {
            fail(node, key, "expected text, got " + kind_name(node));
        }
        return node.Scalar();
    }

    std::filesystem::path read_path(const YAML::Node& node, const std::string& key) const {
        const std::filesystem::path path = read_string(node, key);
        if (path.empty()) {
            fail(node, key, "expected a path, got an empty value");
        }
        return path.is_absolute() ? path : (base_dir_ / path).lexically_normal();
    }

    bool read_bool(const YAML::Node& node, const std::string& key) const {
        bool value = false;
        if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
            fail(node, key, "expected true or false, got " + kind_name(node));
        }
        return value;
    }

    std::uint64_t read_unsigned(const YAML::Node& node, const std::string& key) const {
        if (node.IsScalar()) {
            const std::string& text = node.Scalar();
            if (!text.empty() &&
                std::all_of(text.begin(), text.end(),
                            [](char c) { return c >= '0' && c <= '9'; }) &&
                text.size() <= 19) {
                return std::stoull(text);
            }
        }
        fail(node, key, "expected a whole number, got " + kind_name(node));
    }

    std::uint64_t read_bounded(const YAML::Node& node,
                               const std::string& key,
                               std::uint64_t low,
                               std::uint64_t high) const {
        const auto value = read_unsigned(node, key);
        if (value < low || value > high) {
            fail(node, key,
                 "must be between " + std::to_string(low) + " and " + std::to_string(high));
        }
        return value;
    }

    double read_number(const YAML::Node& node, const std::string& key) const {
        double value = 0;
        if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) ||
            !std::isfinite(value)) {
            fail(node, key, "expected a number, got " + kind_name(node));
        }
        return value;
    }

    /// A list of texts; a single text is taken as a list of one.
    std::vector<std::string> read_string_list(const YAML::Node& node,
                                              const std::string& key) const {
        if (node.IsScalar()) {
            return {node.Scalar()};
        }
        if (node.IsNull()) {
            return {};
        }
        if (!node.IsSequence()) {
            fail(node, key, "expected a list of texts, got " + kind_name(node));
        }
        std::vector<std::string> items;
        for (std::size_t i = 0; i < node.size(); ++i) {
            items.push_back(read_string(node[i], key + "[" + std::to_string(i) + "]"));
        }
        return items;
    }

    void read_content(const YAML::Node& node, ContentConfig& content) {
        for_each_member(node, "content",
                        [&](const YAML::Node& key_node, const std::string& name,
                            const std::string& key, const YAML::Node& value) {
                            if (name == "source") {
                                content.source = read_string(value, key);
                            } else if (name == "root") {
                                content.root = read_path(value, key);
                            } else if (name == "include") {
                                content.include = read_string_list(value, key);
                            } else if (name == "exclude") {
                                content.exclude = read_string_list(value, key);
                            } else if (name == "include_drafts") {
                                content.include_drafts = read_bool(value, key);
                            } else if (name == "max_file_bytes") {
                                content.max_file_bytes = read_unsigned(value, key);
                            } else {
                                unknown(key_node, key,
                                        {"source", "root", "include", "exclude", "include_drafts",
                                         "max_file_bytes"});
                            }
                        });
    }

    void read_site(const YAML::Node& node, SiteConfig& site) {
        for_each_member(node, "site",
                        [&](const YAML::Node& key_node, const std::string& name,
                            const std::string& key, const YAML::Node& value) {
                            if (name == "generator") {
                                site.generator = read_string(value, key);
                            } else if (name == "base_url") {
                                site.base_url = read_string(value, key);
                            } else if (name == "permalink_style") {
                                site.permalink_style = read_string(value, key);
                            } else if (name == "time_zone") {
                                site.time_zone = read_string(value, key);
                            } else if (name == "permalinks") {
                                site.permalinks.clear();
                                if (value.IsNull()) {
                                    return;
                                }
                                for_each_member(value, key,
                                                [&](const YAML::Node&, const std::string& section,
                                                    const std::string& pattern_key,
                                                    const YAML::Node& pattern) {
                                                    site.permalinks.emplace_back(
                                                        section, read_string(pattern, pattern_key));
                                                });
                            } else {
                                unknown(key_node, key,
                                        {"generator", "base_url", "permalink_style", "permalinks",
                                         "time_zone"});
                            }
                        });
    }

    void read_index(const YAML::Node& node, IndexConfig& index) {
        for_each_member(node, "index",
                        [&](const YAML::Node& key_node, const std::string& name,
                            const std::string& key, const YAML::Node& value) {
                            if (name == "path") {
                                index.path = read_path(value, key);
                            } else if (name == "language") {
                                index.language = read_string(value, key);
                            } else if (name == "max_delete_ratio") {
                                index.max_delete_ratio = read_number(value, key);
                            } else if (name == "stale_after_hours") {
                                index.stale_after_hours = read_unsigned(value, key);
                            } else {
                                unknown(
                                    key_node, key,
                                    {"path", "language", "max_delete_ratio", "stale_after_hours"});
                            }
                        });
    }

    void read_server(const YAML::Node& node, ServerConfig& server) {
        for_each_member(
            node, "server",
            [&](const YAML::Node& key_node, const std::string& name, const std::string& key,
                const YAML::Node& value) {
                if (name == "listen") {
                    server.listen = read_string(value, key);
                } else if (name == "threads") {
                    const auto threads = read_unsigned(value, key);
                    if (threads > kMaxThreads) {
                        fail(value, key, "at most " + std::to_string(kMaxThreads) + " threads");
                    }
                    server.threads = static_cast<unsigned>(threads);
                } else if (name == "admin_token_file") {
                    const auto text = read_string(value, key);
                    server.admin_token_file =
                        text.empty() ? std::filesystem::path() : read_path(value, key);
                } else if (name == "cors_origins") {
                    server.cors_origins = read_string_list(value, key);
                } else if (name == "log_format") {
                    server.log_format = read_string(value, key);
                } else if (name == "max_connections") {
                    server.max_connections =
                        static_cast<unsigned>(read_bounded(value, key, 1, 100'000));
                } else if (name == "header_limit_bytes") {
                    server.header_limit_bytes =
                        static_cast<std::uint32_t>(read_bounded(value, key, 1024, 1 << 20));
                } else if (name == "body_limit_bytes") {
                    server.body_limit_bytes =
                        static_cast<std::uint32_t>(read_bounded(value, key, 0, 64 << 20));
                } else if (name == "read_timeout_ms") {
                    server.read_timeout_ms =
                        static_cast<std::uint32_t>(read_bounded(value, key, 100, 3'600'000));
                } else if (name == "max_requests_per_connection") {
                    server.max_requests_per_connection =
                        static_cast<std::uint32_t>(read_bounded(value, key, 1, 1'000'000));
                } else if (name == "query_time_limit_ms") {
                    server.query_time_limit_ms =
                        static_cast<std::uint32_t>(read_bounded(value, key, 1, 60'000));
                } else if (name == "first_byte_timeout_ms") {
                    server.first_byte_timeout_ms =
                        static_cast<std::uint32_t>(read_bounded(value, key, 100, 3'600'000));
                } else if (name == "max_connections_per_client") {
                    server.max_connections_per_client =
                        static_cast<unsigned>(read_bounded(value, key, 0, 100'000));
                } else if (name == "client_requests_per_second") {
                    server.client_requests_per_second =
                        static_cast<std::uint32_t>(read_bounded(value, key, 0, 1'000'000));
                } else if (name == "client_request_burst") {
                    server.client_request_burst =
                        static_cast<std::uint32_t>(read_bounded(value, key, 1, 1'000'000));
                } else if (name == "trusted_proxies") {
                    server.trusted_proxies = read_string_list(value, key);
                    for (const auto& proxy : server.trusted_proxies) {
                        if (!is_address_or_network(proxy)) {
                            fail(value, key,
                                 "'" + proxy +
                                     "' is not an IP address or network (10.0.0.0/8, ::1)");
                        }
                    }
                } else if (name == "search_threads") {
                    server.search_threads =
                        static_cast<unsigned>(read_bounded(value, key, 0, kMaxThreads));
                } else if (name == "search_queue_limit") {
                    server.search_queue_limit =
                        static_cast<unsigned>(read_bounded(value, key, 1, 1'000'000));
                } else {
                    unknown(key_node, key,
                            {"listen", "threads", "admin_token_file", "cors_origins", "log_format",
                             "max_connections", "header_limit_bytes", "body_limit_bytes",
                             "read_timeout_ms", "first_byte_timeout_ms",
                             "max_requests_per_connection", "query_time_limit_ms",
                             "max_connections_per_client", "client_requests_per_second",
                             "client_request_burst", "trusted_proxies", "search_threads",
                             "search_queue_limit"});
                }
            });
    }

    void read_fields(const YAML::Node& node, FieldsConfig& fields) {
        for_each_member(node, "fields",
                        [&](const YAML::Node& key_node, const std::string& name,
                            const std::string& key, const YAML::Node& value) {
                            if (name == "date_fallback") {
                                fields.date_fallback = read_string(value, key);
                                return;
                            }
                            KeyPaths* role = name == "id"            ? &fields.id
                                             : name == "title"       ? &fields.title
                                             : name == "description" ? &fields.description
                                             : name == "date"        ? &fields.date
                                             : name == "url"         ? &fields.url
                                             : name == "language"    ? &fields.language
                                                                     : nullptr;
                            if (role == nullptr) {
                                unknown(key_node, key,
                                        {"id", "title", "description", "date", "url", "language",
                                         "date_fallback"});
                            }
                            *role = read_string_list(value, key);
                        });
    }

    void read_facets(const YAML::Node& node, std::vector<FacetConfig>& facets) {
        facets.clear(); // a facets: map replaces the default facets entirely
        if (node.IsNull()) {
            return;
        }
        for_each_member(node, "facets",
                        [&](const YAML::Node&, const std::string& name, const std::string& key,
                            const YAML::Node& value) {
                            facets.push_back(FacetConfig{name, read_string_list(value, key)});
                        });
    }

    void read_synonyms(const YAML::Node& node, std::vector<SynonymConfig>& synonyms) {
        synonyms.clear();
        if (node.IsNull()) {
            return;
        }
        for_each_member(node, "synonyms",
                        [&](const YAML::Node&, const std::string& name, const std::string& key,
                            const YAML::Node& value) {
                            synonyms.push_back(SynonymConfig{name, read_string_list(value, key)});
                        });
    }

    void read_search(const YAML::Node& node, SearchConfig& search) {
        for_each_member(node, "search",
                        [&](const YAML::Node& key_node, const std::string& name,
                            const std::string& key, const YAML::Node& value) {
                            if (name == "typos") {
                                search.typos = read_bool(value, key);
                            } else if (name == "one_typo_from") {
                                search.one_typo_from =
                                    static_cast<unsigned>(read_bounded(value, key, 1, 64));
                            } else if (name == "two_typos_from") {
                                search.two_typos_from =
                                    static_cast<unsigned>(read_bounded(value, key, 1, 64));
                            } else if (name == "stop_words") {
                                search.stop_words = read_bool(value, key);
                            } else {
                                unknown(key_node, key,
                                        {"typos", "one_typo_from", "two_typos_from", "stop_words"});
                            }
                        });
    }

    void read_ranking(const YAML::Node& node, RankingConfig& ranking) {
        for_each_member(node, "ranking",
                        [&](const YAML::Node& key_node, const std::string& name,
                            const std::string& key, const YAML::Node& value) {
                            if (name == "recency") {
                                read_recency(value, key, ranking.recency);
                            } else if (name == "boost") {
                                read_boosts(value, key, ranking.boost);
                            } else {
                                unknown(key_node, key, {"recency", "boost"});
                            }
                        });
    }

    void read_recency(const YAML::Node& node, const std::string& section, RecencyConfig& recency) {
        for_each_member(node, section,
                        [&](const YAML::Node& key_node, const std::string& name,
                            const std::string& key, const YAML::Node& value) {
                            if (name == "field") {
                                recency.field = read_string(value, key);
                            } else if (name == "half_life_days") {
                                recency.half_life_days = read_number(value, key);
                            } else if (name == "weight") {
                                recency.weight = read_number(value, key);
                            } else {
                                unknown(key_node, key, {"field", "half_life_days", "weight"});
                            }
                        });
    }

    void read_boosts(const YAML::Node& node,
                     const std::string& section,
                     std::vector<BoostConfig>& boosts) {
        boosts.clear();
        if (node.IsNull()) {
            return;
        }
        if (!node.IsSequence()) {
            fail(node, section,
                 "expected a list of {facet, value, weight}, got " + kind_name(node));
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            BoostConfig boost;
            for_each_member(node[i], section + "[" + std::to_string(i) + "]",
                            [&](const YAML::Node& key_node, const std::string& name,
                                const std::string& key, const YAML::Node& value) {
                                if (name == "facet") {
                                    boost.facet = read_string(value, key);
                                } else if (name == "value") {
                                    boost.value = read_string(value, key);
                                } else if (name == "weight") {
                                    boost.weight = read_number(value, key);
                                } else {
                                    unknown(key_node, key, {"facet", "value", "weight"});
                                }
                            });
            boosts.push_back(std::move(boost));
        }
    }

    std::string_view source_;
    std::filesystem::path base_dir_;
    std::map<std::string, int> lines_;
};

std::optional<Problem> check_key_paths(const std::string& key, const KeyPaths& paths) {
    for (std::size_t i = 0; i < paths.size(); ++i) {
        try {
            detail::KeyPath::parse(paths[i]);
        } catch (const std::invalid_argument& error) {
            return Problem{key + "[" + std::to_string(i) + "]", error.what()};
        }
    }
    return std::nullopt;
}

/// A language pages can be analysed in: a Snowball stemmer Xapian has (by name or ISO code),
/// or an ISO 639-1 code of a language without one (ja, zh, ko: matched as written).
bool is_known_language(const std::string& language) {
    if (language == "none" || detail::is_language_code(language)) {
        return true;
    }
    try {
        Xapian::Stem stemmer(detail::ascii_lower(language));
        return true;
    } catch (const Xapian::Error&) {
        return false;
    }
}

std::optional<Problem> find_site_problem(const SiteConfig& site) {
    static constexpr std::string_view kGenerators[] = {"auto", "hugo",   "jekyll",     "eleventy",
                                                       "zola", "mkdocs", "docusaurus", "none"};
    if (std::find(std::begin(kGenerators), std::end(kGenerators), site.generator) ==
        std::end(kGenerators)) {
        return Problem{"site.generator",
                       "'" + site.generator +
                           "' is not one of auto, hugo, jekyll, eleventy, zola, mkdocs, "
                           "docusaurus, none"};
    }
    if (!site.permalink_style.empty() && !detail::permalink_style_named(site.permalink_style)) {
        return Problem{"site.permalink_style",
                       "'" + site.permalink_style + "' is not hugo or jekyll"};
    }
    if (!site.time_zone.empty() && detail::find_time_zone(site.time_zone) == nullptr) {
        return Problem{"site.time_zone", "'" + site.time_zone +
                                             "' is not a time zone of the tz database (e.g. "
                                             "Europe/Paris, America/New_York, UTC)"};
    }
    // Patterns are checked in the style they will be read in; with the generator's own style
    // unknown until the site is read, Hugo's is assumed unless Jekyll's is named.
    const auto style = detail::permalink_style_named(site.permalink_style)
                           .value_or(site.generator == "jekyll" ? detail::PermalinkStyle::jekyll
                                                                : detail::PermalinkStyle::hugo);
    for (const auto& [key, pattern] : site.permalinks) {
        try {
            detail::PermalinkPattern(pattern, style);
        } catch (const std::invalid_argument& error) {
            return Problem{"site.permalinks." + key, error.what()};
        }
    }
    return std::nullopt;
}

/// The first thing wrong with a whole configuration, if any.
std::optional<Problem> find_problem(const Config& config) {
    if (config.content.source != "pages" && config.content.source != "built") {
        return Problem{"content.source", "must be pages (the site's source) or built (its HTML "
                                         "output)"};
    }
    if (config.content.include.empty()) {
        return Problem{"content.include", "needs at least one glob, or no file is ever read"};
    }
    if (config.content.max_file_bytes == 0 ||
        config.content.max_file_bytes > kMaxFileBytesCeiling) {
        return Problem{"content.max_file_bytes",
                       "must be between 1 and " + std::to_string(kMaxFileBytesCeiling)};
    }
    if (config.server.log_format != "text" && config.server.log_format != "json") {
        return Problem{"server.log_format", "must be text or json"};
    }
    if (!(config.index.max_delete_ratio >= 0 && config.index.max_delete_ratio <= 1)) {
        return Problem{"index.max_delete_ratio",
                       "must be between 0 and 1 (the share of pages a reindex may delete)"};
    }
    if (config.index.language.empty()) {
        return Problem{"index.language", "must name a language (e.g. english)"};
    }
    if (!is_known_language(config.index.language)) {
        return Problem{"index.language", "'" + config.index.language +
                                             "' is not a known language; use a Snowball name (" +
                                             Xapian::Stem::get_available_languages() +
                                             ") or an ISO 639-1 code (en, fr, ja ...)"};
    }
    if (config.fields.date_fallback != "none" && config.fields.date_fallback != "mtime") {
        return Problem{"fields.date_fallback", "must be none or mtime"};
    }
    if (auto problem = find_site_problem(config.site)) {
        return problem;
    }
    if (config.facets.size() > kMaxFacets) {
        return Problem{"facets", "at most " + std::to_string(kMaxFacets) + " facets"};
    }
    const std::pair<const char*, const KeyPaths*> roles[] = {
        {"fields.id", &config.fields.id},
        {"fields.title", &config.fields.title},
        {"fields.description", &config.fields.description},
        {"fields.date", &config.fields.date},
        {"fields.url", &config.fields.url},
        {"fields.language", &config.fields.language},
    };
    for (const auto& [key, paths] : roles) {
        if (auto problem = check_key_paths(key, *paths)) {
            return problem;
        }
    }
    for (std::size_t i = 0; i < config.facets.size(); ++i) {
        const auto& facet = config.facets[i];
        const std::string key = "facets." + facet.name;
        if (!is_facet_name(facet.name)) {
            return Problem{key,
                           "a facet name is also a URL parameter: use 1 to 32 of a-z, 0-9 and _"};
        }
        if (is_reserved_facet_name(facet.name)) {
            return Problem{key, "'" + facet.name +
                                    "' is a reserved /search parameter; pick another name"};
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (config.facets[j].name == facet.name) {
                return Problem{key, "facet defined twice"};
            }
        }
        if (facet.keys.empty()) {
            return Problem{key, "needs at least one front-matter key"};
        }
        if (auto problem = check_key_paths(key, facet.keys)) {
            return problem;
        }
    }
    for (const auto& synonym : config.synonyms) {
        if (synonym.phrase.empty() || synonym.alternatives.empty()) {
            return Problem{"synonyms." + synonym.phrase,
                           "needs a phrase and at least one alternative"};
        }
    }
    if (config.search.one_typo_from == 0 ||
        config.search.two_typos_from < config.search.one_typo_from) {
        return Problem{"search.two_typos_from", "must be at least search.one_typo_from"};
    }
    const auto& recency = config.ranking.recency;
    if (recency.field != "date") {
        return Problem{"ranking.recency.field", "only 'date' can be used (pages have one date)"};
    }
    if (!(recency.half_life_days > 0)) {
        return Problem{"ranking.recency.half_life_days", "must be more than 0"};
    }
    if (!(recency.weight >= 0 && recency.weight <= kMaxRankingWeight)) {
        return Problem{"ranking.recency.weight",
                       "must be between 0 and " + std::to_string(int(kMaxRankingWeight))};
    }
    for (std::size_t i = 0; i < config.ranking.boost.size(); ++i) {
        const auto& boost = config.ranking.boost[i];
        const std::string key = "ranking.boost[" + std::to_string(i) + "]";
        if (std::none_of(config.facets.begin(), config.facets.end(),
                         [&](const FacetConfig& facet) { return facet.name == boost.facet; })) {
            return Problem{key + ".facet", "'" + boost.facet + "' is not a configured facet"};
        }
        if (boost.value.empty()) {
            return Problem{key + ".value", "needs a facet value"};
        }
        if (!(boost.weight > 0 && boost.weight <= kMaxRankingWeight)) {
            return Problem{key + ".weight", "must be more than 0 and at most " +
                                                std::to_string(int(kMaxRankingWeight))};
        }
    }
    return std::nullopt;
}

} // namespace

bool is_usable_facet_name(std::string_view name) {
    return is_facet_name(name) && !is_reserved_facet_name(name);
}

void validate_config(const Config& config) {
    if (const auto problem = find_problem(config)) {
        throw Error(ErrorCode::invalid_config, problem->key + ": " + problem->message);
    }
}

Config parse_config(std::string_view yaml,
                    const std::filesystem::path& base_dir,
                    std::string_view source_name) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& error) {
        throw Error(ErrorCode::invalid_config, std::string(source_name) + ":" +
                                                   std::to_string(error.mark.line + 1) +
                                                   ": YAML syntax: " + error.msg);
    }
    ConfigReader reader(source_name, base_dir);
    Config config = reader.read(root);
    if (const auto problem = find_problem(config)) {
        const auto line = reader.line_of(problem->key);
        throw Error(ErrorCode::invalid_config, std::string(source_name) +
                                                   (line ? ":" + std::to_string(*line) : "") +
                                                   ": " + problem->key + ": " + problem->message);
    }
    return config;
}

Config load_config(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(ErrorCode::io_error, "cannot read config file '" + file.string() + "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    const auto base_dir = std::filesystem::absolute(file).parent_path();
    return parse_config(text.str(), base_dir, file.string());
}

} // namespace libsearch
