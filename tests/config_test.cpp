#include <libsearch/config.hpp>

#include <libsearch/error.hpp>

#include "support/paths.hpp"

#include <catch2/catch.hpp>

using namespace libsearch;

namespace {

/// The message of the invalid_config Error that parsing `yaml` throws.
std::string config_error(const std::string& yaml) {
    try {
        parse_config(yaml, "/site", "test.yaml");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::invalid_config);
        return error.what();
    }
    FAIL("no error for: " << yaml);
    return {};
}

} // namespace

TEST_CASE("config defaults are PRODUCT.md's", "[config]") {
    const Config config;
    CHECK(config.content.root == "content");
    CHECK(config.content.include ==
          std::vector<std::string>{"**/*.md", "**/*.markdown", "**/*.html"});
    CHECK(config.content.exclude.empty());
    CHECK_FALSE(config.content.include_drafts);
    CHECK(config.content.max_file_bytes == 10u * 1024 * 1024);
    CHECK(config.index.path == "var/index");
    CHECK(config.index.language == "english");
    CHECK(config.server.listen == "127.0.0.1:8080");
    CHECK(config.server.threads == 0);
    CHECK(config.server.cors_origins == std::vector<std::string>{"*"});
    CHECK(config.fields.id.empty());
    CHECK(config.fields.title == KeyPaths{"title"});
    CHECK(config.fields.description == KeyPaths{"description", "summary", "deck", "excerpt"});
    CHECK(config.fields.date == KeyPaths{"date", "publishDate", "lastMod"});
    CHECK(config.fields.url == KeyPaths{"url"}); // never aliases: they are redirect sources
    CHECK(config.fields.date_fallback == "none");
    CHECK(config.site.generator == "auto");
    CHECK(config.fields.language == KeyPaths{"lang", "language"});
    REQUIRE(config.facets.size() == 3);
    CHECK(config.facets[0].name == "community");
    CHECK(config.facets[0].keys == KeyPaths{"identifier", "mastHead"});
    CHECK(config.facets[1].name == "topic");
    CHECK(config.facets[1].keys == KeyPaths{"communityTopics", "topics", "tags"});
    CHECK(config.facets[2].name == "brand");
    CHECK(config.facets[2].keys == KeyPaths{"link.brand", "source"});
    CHECK_NOTHROW(validate_config(config));
}

TEST_CASE("an empty file keeps every default / with paths relative to its folder", "[config]") {
    const Config config = parse_config("", "/site", "empty.yaml");
    CHECK(config.content.root == "/site/content");
    CHECK(config.index.path == "/site/var/index");
    CHECK(config.facets.size() == 3);
}

TEST_CASE("a file overrides the defaults key by key", "[config]") {
    const auto file = testing::fixtures_dir() / "config" / "full.yaml";
    const Config config = load_config(file);
    const auto dir = file.parent_path();
    CHECK(config.content.root == (dir / "site/").lexically_normal());
    CHECK(config.content.include == std::vector<std::string>{"**/*.md"});
    CHECK(config.content.exclude == std::vector<std::string>{"drafts/**"});
    CHECK(config.content.include_drafts);
    CHECK(config.content.max_file_bytes == 2048);
    CHECK(config.index.path == dir / "var/idx");
    CHECK(config.index.language == "french");
    CHECK(config.server.listen == "127.0.0.1:9999");
    CHECK(config.server.threads == 3);
    CHECK(config.server.admin_token_file == dir / "secrets/token");
    CHECK(config.server.cors_origins == std::vector<std::string>{"https://example.org"});
    CHECK(config.fields.id == KeyPaths{"id"});
    CHECK(config.fields.title == KeyPaths{"title", "Title"});
    CHECK(config.fields.url == KeyPaths{"basePath+slug"});
    // Roles the file does not name keep their defaults.
    CHECK(config.fields.date == KeyPaths{"date", "publishDate", "lastMod"});
    // A facets: map replaces the default facets.
    REQUIRE(config.facets.size() == 2);
    CHECK(config.facets[0].name == "section");
    CHECK(config.facets[1].name == "author");
    CHECK(config.facets[1].keys == KeyPaths{"authors", "author"});
    REQUIRE(config.synonyms.size() == 2);
    CHECK(config.synonyms[0].phrase == "heart attack");
    CHECK(config.synonyms[0].alternatives == std::vector<std::string>{"myocardial infarction"});
    CHECK(config.synonyms[1].alternatives == std::vector<std::string>{"neoplasm", "tumour"});
}

TEST_CASE("absolute paths stay as written", "[config]") {
    const Config config = parse_config("content: {root: /srv/site}\nindex: {path: /var/lib/idx}\n",
                                       "/etc", "abs.yaml");
    CHECK(config.content.root == "/srv/site");
    CHECK(config.index.path == "/var/lib/idx");
}

TEST_CASE("a single text where a list is expected is a list of one", "[config]") {
    const Config config =
        parse_config("content:\n  include: '**/*.md'\nfields:\n  title: name\n", "/", "t");
    CHECK(config.content.include == std::vector<std::string>{"**/*.md"});
    CHECK(config.fields.title == KeyPaths{"name"});
}

TEST_CASE("an unknown key is an error naming the key path and its line", "[config]") {
    const auto message =
        config_error("content:\n  root: x\nindex:\n  path: y\n  bogus_option: 1\n");
    CHECK_THAT(message, Catch::Contains("test.yaml:5:"));
    CHECK_THAT(message, Catch::Contains("index.bogus_option"));
    CHECK_THAT(message, Catch::Contains("unknown key"));
    CHECK_THAT(message, Catch::Contains("path, language"));

    CHECK_THAT(config_error("contnet:\n  root: x\n"),
               Catch::Contains("test.yaml:1: contnet: unknown key"));
    CHECK_THAT(config_error("fields:\n  titel: [x]\n"),
               Catch::Contains("test.yaml:2: fields.titel"));
}

TEST_CASE("a wrong type is an error naming the key path and its line", "[config]") {
    CHECK_THAT(config_error("index:\n  path: y\nserver:\n  threads: many\n"),
               Catch::Contains("test.yaml:4: server.threads: expected a whole number, got 'many'"));
    CHECK_THAT(config_error("content:\n  include_drafts: maybe\n"),
               Catch::Contains("test.yaml:2: content.include_drafts: expected true or false"));
    CHECK_THAT(
        config_error("content:\n  include:\n    a: b\n"),
        Catch::Contains("test.yaml:3: content.include: expected a list of texts, got a mapping"));
    CHECK_THAT(config_error("content: [a, b]\n"),
               Catch::Contains("test.yaml:1: content: expected a mapping of keys, got a list"));
    CHECK_THAT(config_error("facets:\n  topic:\n    - tags\n    - {a: b}\n"),
               Catch::Contains("test.yaml:4: facets.topic[1]: expected text, got a mapping"));
    CHECK_THAT(config_error("server:\n  threads: -1\n"), Catch::Contains("server.threads"));
    CHECK_THAT(config_error("server:\n  threads: 100000\n"),
               Catch::Contains("at most 1024 threads"));
    CHECK_THAT(config_error("- a\n- b\n"), Catch::Contains("(top level): expected a mapping"));
}

TEST_CASE("values that cannot work together are errors with the line of their key", "[config]") {
    CHECK_THAT(config_error("facets:\n  q: [tags]\n"),
               Catch::Contains("test.yaml:2: facets.q: 'q' is a reserved /search parameter"));
    CHECK_THAT(config_error("facets:\n  Topic: [tags]\n"),
               Catch::Contains("facets.Topic: a facet name"));
    CHECK_THAT(config_error("facets:\n  topic: []\n"),
               Catch::Contains("facets.topic: needs at least one"));
    CHECK_THAT(config_error("\nfields:\n  url: [\"a..b\"]\n"),
               Catch::Contains("test.yaml:3: fields.url[0]: empty key"));
    CHECK_THAT(config_error("fields:\n  url: [\"aliases[x]\"]\n"),
               Catch::Contains("list index must be a number"));
    CHECK_THAT(config_error("content:\n  include: []\n"),
               Catch::Contains("content.include: needs at least one glob"));
    CHECK_THAT(config_error("content:\n  max_file_bytes: 0\n"),
               Catch::Contains("content.max_file_bytes"));
    CHECK_THAT(config_error("server:\n  trusted_proxies: [10.0.0.0/8, 'proxy.local']\n"),
               Catch::Contains("test.yaml:2: server.trusted_proxies: 'proxy.local' is not an IP"));
    CHECK_THAT(config_error("server:\n  trusted_proxies: ['10.0.0.0/33']\n"),
               Catch::Contains("'10.0.0.0/33' is not an IP address or network"));
    CHECK(parse_config("server:\n  trusted_proxies: [127.0.0.1, 10.0.0.0/8, '::1', 'fd00::/8']\n",
                       "/site", "test.yaml")
              .server.trusted_proxies.size() == 4);
}

TEST_CASE("site: and languages: a misspelling is an error naming the key and what is known",
          "[config][site]") {
    CHECK_THAT(config_error("index:\n  language: englsh\n"),
               Catch::Contains("test.yaml:2: index.language: 'englsh' is not a known language"));
    CHECK_THAT(config_error("index:\n  language: englsh\n"), Catch::Contains("english"));
    CHECK_NOTHROW(parse_config("index: {language: fr}\n", "/", "t"));
    CHECK_NOTHROW(parse_config("index: {language: ja}\n", "/", "t")); // no stemmer: as written
    CHECK_NOTHROW(parse_config("index: {language: German}\n", "/", "t"));
    CHECK_THAT(config_error("site:\n  permalinks:\n    posts: /:year/:mnth/:slug/\n"),
               Catch::Contains("test.yaml:3: site.permalinks.posts: unknown token ':mnth'"));
    CHECK_THAT(config_error("site:\n  permalink_style: jekyll\n  permalinks:\n"
                            "    posts: /:year/:monthname/\n"),
               Catch::Contains("unknown token ':monthname'"));
    CHECK_NOTHROW(parse_config("site:\n  permalink_style: jekyll\n  permalinks:\n"
                               "    posts: /:year/:month/:day/:title/\n",
                               "/", "t"));
    CHECK_THAT(config_error("site:\n  generator: hugoo\n"),
               Catch::Contains("test.yaml:2: site.generator: 'hugoo' is not one of auto, hugo"));
    CHECK_THAT(config_error("site:\n  time_zone: Europe/Pariss\n"),
               Catch::Contains("site.time_zone: 'Europe/Pariss' is not a time zone"));
    CHECK_THAT(config_error("site:\n  permalink_style: zola\n"),
               Catch::Contains("site.permalink_style: 'zola' is not hugo or jekyll"));
    CHECK_THAT(config_error("fields:\n  date_fallback: ctime\n"),
               Catch::Contains("fields.date_fallback: must be none or mtime"));
    const Config site = parse_config("site:\n  generator: jekyll\n  base_url: https://e.org/b\n"
                                     "  time_zone: America/New_York\n  permalinks:\n"
                                     "    posts: /:year/:title/\n    \"docs/**\": /d/:title/\n",
                                     "/", "t");
    CHECK(site.site.generator == "jekyll");
    CHECK(site.site.base_url == "https://e.org/b");
    CHECK(site.site.time_zone == "America/New_York");
    CHECK(site.site.permalinks == std::vector<std::pair<std::string, std::string>>{
                                      {"posts", "/:year/:title/"}, {"docs/**", "/d/:title/"}});
}

TEST_CASE("YAML syntax errors in the config name the line", "[config]") {
    const auto message = config_error("content:\n  include: [a, b\nindex: {}\n");
    CHECK_THAT(message, Catch::StartsWith("test.yaml:3: YAML syntax:"));
}

TEST_CASE("validate_config checks overrides applied after the file", "[config]") {
    Config config;
    config.facets.push_back({"page", {"x"}});
    CHECK_THROWS_WITH(validate_config(config),
                      Catch::Contains("facets.page: 'page' is a reserved"));
}

TEST_CASE("a missing config file is an io_error naming it", "[config]") {
    try {
        load_config("/nonexistent/searchd.yaml");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::io_error);
        CHECK_THAT(error.what(), Catch::Contains("/nonexistent/searchd.yaml"));
    }
}

TEST_CASE("config.example.yaml lists every key with its default", "[config]") {
    const auto file = testing::source_dir() / "config.example.yaml";
    const Config example = load_config(file);
    const Config defaults = parse_config("", file.parent_path(), "defaults");
    CHECK(example.content.root == (file.parent_path() / "content/").lexically_normal());
    CHECK(example.content.include == defaults.content.include);
    CHECK(example.content.exclude == defaults.content.exclude);
    CHECK(example.content.include_drafts == defaults.content.include_drafts);
    CHECK(example.content.max_file_bytes == defaults.content.max_file_bytes);
    CHECK(example.index.path == defaults.index.path);
    CHECK(example.index.language == defaults.index.language);
    CHECK(example.server.listen == defaults.server.listen);
    CHECK(example.server.threads == defaults.server.threads);
    CHECK(example.server.admin_token_file == defaults.server.admin_token_file);
    CHECK(example.server.cors_origins == defaults.server.cors_origins);
    CHECK(example.server.log_format == defaults.server.log_format);
    CHECK(example.server.max_connections == defaults.server.max_connections);
    CHECK(example.server.header_limit_bytes == defaults.server.header_limit_bytes);
    CHECK(example.server.body_limit_bytes == defaults.server.body_limit_bytes);
    CHECK(example.server.read_timeout_ms == defaults.server.read_timeout_ms);
    CHECK(example.server.max_requests_per_connection ==
          defaults.server.max_requests_per_connection);
    CHECK(example.server.query_time_limit_ms == defaults.server.query_time_limit_ms);
    CHECK(example.server.first_byte_timeout_ms == defaults.server.first_byte_timeout_ms);
    CHECK(example.server.max_connections_per_client == defaults.server.max_connections_per_client);
    CHECK(example.server.client_requests_per_second == defaults.server.client_requests_per_second);
    CHECK(example.server.client_request_burst == defaults.server.client_request_burst);
    CHECK(example.server.trusted_proxies == defaults.server.trusted_proxies);
    CHECK(example.server.search_threads == defaults.server.search_threads);
    CHECK(example.server.search_queue_limit == defaults.server.search_queue_limit);
    CHECK(example.fields.id == defaults.fields.id);
    CHECK(example.fields.title == defaults.fields.title);
    CHECK(example.fields.description == defaults.fields.description);
    CHECK(example.fields.date == defaults.fields.date);
    CHECK(example.fields.url == defaults.fields.url);
    CHECK(example.fields.language == defaults.fields.language);
    CHECK(example.fields.date_fallback == defaults.fields.date_fallback);
    CHECK(example.site.generator == defaults.site.generator);
    CHECK(example.site.base_url == defaults.site.base_url);
    CHECK(example.site.permalink_style == defaults.site.permalink_style);
    CHECK(example.site.permalinks == defaults.site.permalinks);
    CHECK(example.site.time_zone == defaults.site.time_zone);
    REQUIRE(example.facets.size() == defaults.facets.size());
    for (std::size_t i = 0; i < example.facets.size(); ++i) {
        CHECK(example.facets[i].name == defaults.facets[i].name);
        CHECK(example.facets[i].keys == defaults.facets[i].keys);
    }
    CHECK(example.synonyms.empty());
    CHECK(example.search.typos == defaults.search.typos);
    CHECK(example.search.one_typo_from == defaults.search.one_typo_from);
    CHECK(example.search.two_typos_from == defaults.search.two_typos_from);
    CHECK(example.search.stop_words == defaults.search.stop_words);
    CHECK(example.ranking.recency.field == defaults.ranking.recency.field);
    CHECK(example.ranking.recency.half_life_days == defaults.ranking.recency.half_life_days);
    CHECK(example.ranking.recency.weight == defaults.ranking.recency.weight);
    CHECK(example.ranking.boost.empty());
}

TEST_CASE("Ranking and typo settings are read and checked", "[config]") {
    const Config config = parse_config(R"(search:
  typos: false
  one_typo_from: 4
  two_typos_from: 7
ranking:
  recency: {field: date, half_life_days: 30, weight: 2.5}
  boost:
    - {facet: community, value: Open Source, weight: 3}
)",
                                       "/site", "site.yaml");
    CHECK_FALSE(config.search.typos);
    CHECK(config.search.one_typo_from == 4);
    CHECK(config.search.two_typos_from == 7);
    CHECK(config.ranking.recency.half_life_days == 30);
    CHECK(config.ranking.recency.weight == 2.5);
    REQUIRE(config.ranking.boost.size() == 1);
    CHECK(config.ranking.boost[0].value == "Open Source");

    const auto error = [](const char* yaml) {
        try {
            parse_config(yaml, "/site", "site.yaml");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    CHECK(error("ranking:\n  boost:\n    - {facet: colour, value: red}\n") ==
          "site.yaml:3: ranking.boost[0].facet: 'colour' is not a configured facet");
    CHECK(error("ranking:\n  recency: {field: updated}\n") ==
          "site.yaml:2: ranking.recency.field: only 'date' can be used (pages have one date)");
    CHECK(error("ranking:\n  recency: {weight: lots}\n") ==
          "site.yaml:2: ranking.recency.weight: expected a number, got 'lots'");
    CHECK(error("search:\n  one_typo_from: 6\n  two_typos_from: 5\n") ==
          "site.yaml:3: search.two_typos_from: must be at least search.one_typo_from");
}
