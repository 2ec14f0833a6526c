#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace libsearch {

/// A list of front-matter key paths, tried in order: the first one that gives a non-empty
/// value wins. The grammar of one key path:
///
///     key-path := piece ('+' piece)*          `basePath+slug` joins the pieces with one '/'
///     piece    := key ('.' key | '[' N ']')*   `link.brand` is nested; `aliases[0]` indexes
///
/// A key that exists literally (`dropmark.editURL` as one key) is preferred over the nested
/// reading. Keys match exactly first, then case-insensitively, as Hugo does (`Title`).
using KeyPaths = std::vector<std::string>;

struct ContentConfig {
    /// What the root holds: `pages`, the site's source (Markdown, HTML with front matter),
    /// or `built`, the generator's HTML output (public/, _site/), read as Pagefind reads
    /// it: URLs are the files' paths, text and metadata come from the HTML.
    std::string source{"pages"};
    std::filesystem::path root{"content"};
    std::vector<std::string> include{"**/*.md", "**/*.markdown", "**/*.html"};
    std::vector<std::string> exclude;
    bool include_drafts = false;
    /// Larger files are skipped (and reported) from their size, before they are read.
    std::uint64_t max_file_bytes = 10 * 1024 * 1024;
};

/// The site the content belongs to, and so the URL and date each page has on it
/// (README, "Your site"). With `generator: auto` the content root is taken as a site's root:
/// the generator is recognised from its files and its own config is read.
struct SiteConfig {
    /// auto | hugo | jekyll | eleventy | zola | mkdocs | docusaurus | none
    std::string generator{"auto"};
    /// Put before every URL ("https://example.org/blog"): hits then carry absolute URLs.
    /// Empty: the generator's own (Hugo baseURL's path, Jekyll baseurl), URLs stay paths.
    std::string base_url;
    /// How `permalinks` patterns are written: hugo | jekyll; empty: the generator's style
    /// (Jekyll's for Jekyll sites, else Hugo's).
    std::string permalink_style;
    /// Section (the first folder under the content root) or glob → URL pattern, in order;
    /// the first that matches a page decides. Added to (and before) the generator's own.
    std::vector<std::pair<std::string, std::string>> permalinks;
    /// IANA zone for dates written without an offset; empty: the generator's, else UTC.
    std::string time_zone;
};

struct IndexConfig {
    std::filesystem::path path{"var/index"};
    /// Language of pages that do not name one: a Snowball stemmer name or an ISO code.
    std::string language{"english"};
    /// A reindex that would delete more than this share of the pages publishes nothing (an
    /// empty or half-copied content folder is a failed deploy, not a wish to empty the
    /// search): `searchd reindex --allow-mass-delete` says it is meant. 1 turns it off.
    double max_delete_ratio = 0.5;
    /// /health says "degraded" when the index was last updated longer ago than this (a
    /// reindex job that stopped running); 0: never.
    std::uint64_t stale_after_hours = 0;
};

/// searchd's HTTP server. Every limit is explicit; the defaults and their reasons are in
/// RELIABILITY.md §5.3 (nginx, Beast and the CIS benchmark).
struct ServerConfig {
    std::string listen{"127.0.0.1:8080"};
    unsigned threads = 0;                   ///< 0 = one per core
    std::filesystem::path admin_token_file; ///< empty: the admin routes are off
    std::vector<std::string> cors_origins{"*"};
    std::string log_format{"text"}; ///< access log on stderr: text | json
    /// Over it, the longest-idle connection is closed to make room; when none is idle, the
    /// newcomer gets 503 with Retry-After.
    unsigned max_connections = 512;
    std::uint32_t header_limit_bytes = 8 * 1024;  ///< request line + headers; 431 beyond
    std::uint32_t body_limit_bytes = 1024 * 1024; ///< 413 beyond
    std::uint32_t read_timeout_ms = 10'000;       ///< a whole request, and keep-alive idle time
    /// A new connection's first byte: a client that connects and says nothing holds a
    /// connection this long, not read_timeout_ms.
    std::uint32_t first_byte_timeout_ms = 2'000;
    std::uint32_t max_requests_per_connection = 1'000;
    std::uint32_t query_time_limit_ms = 200; ///< then results so far, with "degraded": true
    /// Connections one client address may hold; 0 = no limit. Over it: 429.
    unsigned max_connections_per_client = 64;
    /// Requests per second one client may send on average (a token bucket holding
    /// client_request_burst); 0 = no limit. Over it: 429 with Retry-After.
    std::uint32_t client_requests_per_second = 0;
    std::uint32_t client_request_burst = 100;
    /// Reverse proxies ("10.0.0.2", "10.0.0.0/8", "::1"): their connections are not limited
    /// per client, and their X-Forwarded-For names the client. Nobody else's is believed.
    std::vector<std::string> trusted_proxies;
    unsigned search_threads = 0; ///< threads that run searches; 0 = one per core
    /// Searches waiting for a thread, over all clients; 503 with Retry-After beyond.
    unsigned search_queue_limit = 64;
};

/// Which front-matter keys fill each role of a Document (see PRODUCT.md's field mapping).
struct FieldsConfig {
    KeyPaths id{};
    KeyPaths title{"title"};
    KeyPaths description{"description", "summary", "deck", "excerpt"};
    KeyPaths date{"date", "publishDate", "lastMod"};
    /// Only the page's own URL: `aliases` are redirect sources, never where a page lives.
    KeyPaths url{"url"};
    KeyPaths language{"lang", "language"};
    /// A page without a date has none: `none`. `mtime` dates it by its file instead, which
    /// only makes sense where deploys keep modification times (a git checkout does not).
    std::string date_fallback{"none"};
};

struct FacetConfig {
    std::string name; ///< also the HTTP parameter that filters on it: [a-z0-9_], not reserved
    KeyPaths keys;
};

/// The facet every index has: each page's language as its site, folder or front matter
/// says ("en", "fr", "pt-br"). Filtering on it also chooses the languages a query is
/// analysed in. Unless the config names a facet so (whose keys then come first), it is
/// counted only when asked for (`facets=language`), so that a site's facets stay its own;
/// it is left out when kMaxFacets are configured.
inline constexpr std::string_view kLanguageFacet = "language";

struct SynonymConfig {
    std::string phrase;
    std::vector<std::string> alternatives;
};

/// How queries match: typo tolerance and stop words (README, "How results are ranked").
struct SearchConfig {
    bool typos = true;
    /// Letters a word needs before one typo is forgiven, and before two are. Shorter words
    /// must be typed right: at 4 letters most one-letter changes are another real word.
    unsigned one_typo_from = 5;
    unsigned two_typos_from = 9;
    /// Words like "the" and "of" in the index language may be missing from a page that
    /// matches; they still rank, and still count inside a "quoted phrase".
    bool stop_words = true;
};

/// Newer pages first among equals: adds up to `weight` to a page's score, halving every
/// `half_life_days` of age. weight 0 turns it off.
struct RecencyConfig {
    std::string field{"date"}; ///< the only date field pages have
    double half_life_days = 365;
    double weight = 0;
};

/// Adds `weight` to the score of pages with this facet value (e.g. an official community).
struct BoostConfig {
    std::string facet;
    std::string value;
    double weight = 1;
};

struct RankingConfig {
    RecencyConfig recency;
    std::vector<BoostConfig> boost;
};

/// The whole configuration. Defaults live here, in code; a YAML file overrides them key by
/// key, and command-line flags override the file. `config.example.yaml` lists every key.
struct Config {
    ContentConfig content;
    SiteConfig site;
    IndexConfig index;
    ServerConfig server;
    FieldsConfig fields;
    std::vector<FacetConfig> facets{
        {"community", {"identifier", "mastHead"}},
        {"topic", {"communityTopics", "topics", "tags"}},
        {"brand", {"link.brand", "source"}},
    };
    std::vector<SynonymConfig> synonyms;
    SearchConfig search;
    RankingConfig ranking;
};

/// Parses a configuration from YAML text. Relative paths in it are resolved against
/// `base_dir`. `source_name` names the text in error messages (usually the file name).
/// Throws Error(ErrorCode::invalid_config) naming the key path and the line for an unknown
/// key, a value of the wrong type, or a value out of range.
Config parse_config(std::string_view yaml,
                    const std::filesystem::path& base_dir,
                    std::string_view source_name);

/// Reads and parses a configuration file; relative paths resolve against its directory.
/// Throws Error(ErrorCode::io_error) when the file cannot be read.
Config load_config(const std::filesystem::path& file);

/// Facets an index can have: each takes a value slot, and a query counts them all.
inline constexpr std::size_t kMaxFacets = 32;

/// A name a facet may have: 1 to 32 of a-z, 0-9 and _, and not a /search parameter (q,
/// page, sort ...), since the name is also the parameter that filters on it.
bool is_usable_facet_name(std::string_view name);

/// Checks the values that only make sense together (facet names, key-path syntax, limits).
/// parse_config calls it; call it again after applying command-line overrides.
void validate_config(const Config& config);

} // namespace libsearch
