// searchd's Router without sockets: the HTTP API contract and its errors (Beast's pure
// handle_request idea).
#include "access_log.hpp"
#include "routes.hpp"
#include "search_params.hpp"
#include "web_assets.hpp"

#include "support/fixture_index.hpp"

#include <libsearch/json.hpp>
#include <libsearch/reindexer.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <fstream>
#include <new>
#include <optional>
#include <thread>

using namespace searchd;
using libsearch::testing::SampleIndex;

namespace {

/// A Router over the sample index, with an admin token.
struct RouterFixture {
    libsearch::testing::TempDir dir;
    libsearch::Config config = SampleIndex::get().config;
    Metrics metrics;
    ThreadSearchers searchers{config};
    std::unique_ptr<AdminAuth> admin;
    std::unique_ptr<ReindexJobs> jobs;
    std::unique_ptr<Router> router;
    static constexpr const char* kToken = "0123456789abcdef0123456789abcdef";

    RouterFixture() {
        const auto token_file = dir.write("token", std::string(kToken) + "\n");
        admin = std::make_unique<AdminAuth>(token_file);
        jobs = std::make_unique<ReindexJobs>(config, metrics);
        router = std::make_unique<Router>(Services{config, searchers, metrics, *admin, *jobs});
    }

    Handled get(const std::string& target, http::verb method = http::verb::get) {
        Request request{method, target, 11};
        request.set(http::field::host, "127.0.0.1");
        return router->handle(request);
    }

    nlohmann::json json(const Handled& handled) {
        return nlohmann::json::parse(handled.response.body());
    }
};

void check_error(const Handled& handled, http::status status, const std::string& code) {
    CHECK(handled.response.result() == status);
    const auto body = nlohmann::json::parse(handled.response.body());
    CHECK(body["error"]["code"] == code);
    CHECK(body["error"]["message"].is_string());
    CHECK(handled.response[http::field::content_type] == "application/json; charset=utf-8");
}

} // namespace

TEST_CASE("routes: /search answers PRODUCT.md's body", "[searchd][routes]") {
    RouterFixture fixture;
    const auto handled =
        fixture.get("/search?q=telehealth&topic=Telehealth&per_page=3&sort=relevance");
    REQUIRE(handled.response.result() == http::status::ok);
    CHECK(handled.hits == 3);
    CHECK(handled.route == "/search");
    CHECK(handled.response["X-Index-Generation"] == "gen-000001");
    CHECK(handled.response["X-Content-Type-Options"] == "nosniff");
    const auto body = fixture.json(handled);
    CHECK(body["query"] == "telehealth");
    CHECK(body["per_page"] == 3);
    CHECK(body["hits"].size() == 3);
    CHECK(body["facets"].contains("topic"));
    // The same answer as the library's, JSON for JSON.
    libsearch::Searcher searcher(fixture.config);
    libsearch::Query query;
    query.text = "telehealth";
    query.filters["topic"] = {"Telehealth"};
    query.per_page = 3;
    query.sort = libsearch::Query::Sort::relevance;
    auto direct = libsearch::to_json(searcher.search(query));
    auto served = body;
    direct.erase("took_ms");
    served.erase("took_ms");
    CHECK(served == direct);
}

TEST_CASE("routes: /health, /suggest, /metrics and /", "[searchd][routes]") {
    RouterFixture fixture;
    const auto health = fixture.json(fixture.get("/health"));
    CHECK(health["status"] == "ok");
    CHECK(health["documents"] == SampleIndex::get().documents);
    CHECK(health["generation"] == "gen-000001");
    CHECK(health["indexed_at"].get<std::string>().size() == 20);

    const auto suggest = fixture.json(fixture.get("/suggest?q=tele&limit=4"));
    CHECK(suggest["query"] == "tele");
    CHECK(suggest["suggestions"].size() <= 4);
    CHECK_FALSE(suggest["suggestions"].empty());

    const auto metrics = fixture.get("/metrics");
    CHECK(metrics.response.result() == http::status::ok);
    CHECK_THAT(metrics.response.body(), Catch::Contains("# TYPE searchd_requests_total counter"));
    CHECK_THAT(metrics.response.body(), Catch::Contains("searchd_documents "));

    const auto home = fixture.get("/");
    CHECK(home.response.result() == http::status::ok);
    CHECK_THAT(std::string(home.response[http::field::content_type]),
               Catch::StartsWith("text/html"));
    CHECK(home.response.count("Content-Security-Policy") == 1);
    CHECK_THAT(std::string(home.response["Content-Security-Policy"]),
               Catch::Contains("script-src 'self'"));
    CHECK_THAT(home.response.body(),
               Catch::Contains("<script type=\"module\" src=\"/search.js\">"));
}

TEST_CASE("routes: the page's script and styles and the widget are compiled in",
          "[searchd][routes]") {
    RouterFixture fixture;
    for (const auto& [path, type] :
         std::vector<std::pair<std::string, std::string>>{{"/search.js", "text/javascript"},
                                                          {"/highlight.js", "text/javascript"},
                                                          {"/widget.js", "text/javascript"},
                                                          {"/search.css", "text/css"},
                                                          {"/favicon.svg", "image/svg+xml"}}) {
        INFO(path);
        const auto asset = fixture.get(path);
        CHECK(asset.response.result() == http::status::ok);
        CHECK_THAT(std::string(asset.response[http::field::content_type]), Catch::StartsWith(type));
        CHECK(asset.response.body().size() > 100);
        CHECK(asset.response.count("Content-Security-Policy") == 0);
    }
    // Every embedded file is a route (one list, in searchd/CMakeLists.txt), GET and HEAD.
    for (const auto& asset : web_assets()) {
        INFO(asset.path);
        CHECK(fixture.get(std::string(asset.path)).response.result() == http::status::ok);
        CHECK(fixture.get(std::string(asset.path), http::verb::head).response.result() ==
              http::status::ok);
        CHECK(fixture.get(std::string(asset.path), http::verb::post).response.result() ==
              http::status::method_not_allowed);
    }
    CHECK(fixture.get("/nothing.js").response.result() == http::status::not_found);
}

TEST_CASE("routes: bad parameters are 400 with a JSON error", "[searchd][routes]") {
    RouterFixture fixture;
    for (const auto* target :
         {"/search?per_page=0", "/search?per_page=101", "/search?per_page=ten", "/search?page=-1",
          "/search?page=0", "/search?page=99999999999999999999", "/search?page=200&per_page=100",
          "/search?sort=bogus", "/search?facets=colour", "/search?colour=red", "/search?q=a&q=b",
          "/suggest?limit=0", "/suggest?limit=21"}) {
        INFO(target);
        CHECK(fixture.get(target).response.result() == http::status::bad_request);
    }
    check_error(fixture.get("/search?from=notadate"), http::status::bad_request, "invalid_date");
    check_error(fixture.get("/search?to=2020-13-45"), http::status::bad_request, "invalid_date");
    check_error(fixture.get("/search?q=%"), http::status::bad_request, "invalid_percent_encoding");
    check_error(fixture.get("/search?q=%zz"), http::status::bad_request,
                "invalid_percent_encoding");
    check_error(fixture.get("/search?q=%FF%FE"), http::status::bad_request, "invalid_utf8");
    check_error(fixture.get("/search?q=%C0%AF"), http::status::bad_request, "invalid_utf8");
    check_error(fixture.get("/search?q=%00"), http::status::bad_request, "invalid_utf8");
    check_error(fixture.get("/search?utm_source=x"), http::status::bad_request,
                "unknown_parameter");
}

TEST_CASE("routes: the visitor's language comes from locale, then Accept-Language",
          "[searchd][routes]") {
    RouterFixture fixture;
    // "vom" is a German stop word on no page: a German visitor's query needs only "Straße".
    const auto total = [&](const std::string& target, const std::string& accept_language) {
        Request request{http::verb::get, target, 11};
        request.set(http::field::host, "127.0.0.1");
        if (!accept_language.empty()) {
            request.set(http::field::accept_language, accept_language);
        }
        const auto handled = fixture.router->handle(request);
        REQUIRE(handled.response.result() == http::status::ok);
        CHECK(handled.response[http::field::vary] == "Accept-Language");
        return fixture.json(handled)["total"].get<int>();
    };
    CHECK(total("/search?q=vom+stra%C3%9Fe", "") == 0);
    CHECK(total("/search?q=vom+stra%C3%9Fe", "de-CH, de;q=0.9, en;q=0.8") == 1);
    CHECK(total("/search?q=vom+stra%C3%9Fe", "en, *;q=0.5, de;q=0") == 0);
    CHECK(total("/search?q=vom+stra%C3%9Fe&locale=de", "en") == 1);
    CHECK(total("/search?q=vom+stra%C3%9Fe&locale=en", "de") == 0);
    CHECK(total("/search?q=vom+stra%C3%9Fe&language=de", "") == 1);
    check_error(fixture.get("/search?locale=fr;drop"), http::status::bad_request,
                "invalid_parameter");
    // Read as the RFC has it: by weight, and what is not a language skipped, never an error.
    CHECK(accepted_languages("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5") ==
          std::vector<std::string>{"fr-CH", "fr", "en", "de"});
    CHECK(accepted_languages("en;q=0.1, ja") == std::vector<std::string>{"ja", "en"});
    CHECK(accepted_languages("<script>, x;q=abc, ;;;, de") == std::vector<std::string>{"de"});
    CHECK(accepted_languages(std::string(10'000, ',') + "fr").empty());
    // The most wanted are kept, wherever they are in the header.
    CHECK(accepted_languages("a;q=0.1,b;q=0.1,c;q=0.1,d;q=0.1,e;q=0.1,f;q=0.1,g;q=0.1,h;q=0.1,de")
              .front() == "de");
}

TEST_CASE("routes: any query text is answered, the long ones truncated", "[searchd][routes]") {
    RouterFixture fixture;
    for (const auto* text :
         {"%22unbalanced", "((a", "AND+OR+NOT", "*abc", "%01%02", "-", "title%3A"}) {
        INFO(text);
        CHECK(fixture.get(std::string("/search?q=") + text).response.result() == http::status::ok);
    }
    std::string many = "/search?q=";
    for (int i = 0; i < 2000; ++i) {
        many += "w" + std::to_string(i) + "+OR+";
    }
    const auto handled = fixture.get(many);
    CHECK(handled.response.result() == http::status::ok);
    CHECK(fixture.json(handled)["truncated"] == true);
}

TEST_CASE("routes: unknown routes, methods and missing Host", "[searchd][routes]") {
    RouterFixture fixture;
    check_error(fixture.get("/nope"), http::status::not_found, "not_found");
    const auto wrong_method = fixture.get("/search", http::verb::delete_);
    check_error(wrong_method, http::status::method_not_allowed, "method_not_allowed");
    CHECK(wrong_method.response[http::field::allow] == "GET, HEAD, OPTIONS");
    // HEAD answers as GET, with GET's Content-Length and no body.
    const auto get = fixture.get("/health");
    const auto head = fixture.get("/health", http::verb::head);
    CHECK(head.response.result() == http::status::ok);
    CHECK(head.response.body().empty());
    CHECK(head.response[http::field::content_length] == std::to_string(get.response.body().size()));
    const auto head_missing = fixture.get("/nope", http::verb::head);
    CHECK(head_missing.response.result() == http::status::not_found);
    CHECK(head_missing.response.body().empty());
    Request no_host{http::verb::get, "/health", 11};
    check_error(fixture.router->handle(no_host), http::status::bad_request, "bad_request");
}

TEST_CASE("routes: CORS headers and preflight follow server.cors_origins", "[searchd][routes]") {
    RouterFixture fixture;
    Request request{http::verb::get, "/health", 11};
    request.set(http::field::host, "x");
    request.set(http::field::origin, "https://site.example");
    CHECK(fixture.router->handle(request).response[http::field::access_control_allow_origin] ==
          "*");

    fixture.config.server.cors_origins = {"https://allowed.example"};
    CHECK(fixture.router->handle(request).response.count(
              http::field::access_control_allow_origin) == 0);
    request.set(http::field::origin, "https://allowed.example");
    CHECK(fixture.router->handle(request).response[http::field::access_control_allow_origin] ==
          "https://allowed.example");

    Request preflight{http::verb::options, "/search", 11};
    preflight.set(http::field::host, "x");
    preflight.set(http::field::origin, "https://allowed.example");
    preflight.set(http::field::access_control_request_method, "GET");
    const auto answer = fixture.router->handle(preflight);
    CHECK(answer.response.result() == http::status::no_content);
    CHECK(answer.response[http::field::access_control_allow_methods] == "GET, HEAD, OPTIONS");
}

TEST_CASE("routes: the admin token is required, compared whole, never taken from the URL",
          "[searchd][routes]") {
    RouterFixture fixture;
    check_error(fixture.get("/admin/reindex", http::verb::post), http::status::unauthorized,
                "unauthorized");
    const auto with = [&](const std::string& authorization) {
        Request request{http::verb::get, "/admin/reindex", 11};
        request.set(http::field::host, "x");
        request.set(http::field::authorization, authorization);
        return fixture.router->handle(request);
    };
    check_error(with("Bearer wrong"), http::status::unauthorized, "unauthorized");
    check_error(with(std::string("Bearer ") + RouterFixture::kToken + "x"),
                http::status::unauthorized, "unauthorized");
    check_error(with(std::string("Basic ") + RouterFixture::kToken), http::status::unauthorized,
                "unauthorized");
    CHECK(with(std::string("Bearer ") + RouterFixture::kToken).response.result() ==
          http::status::ok);
    check_error(fixture.get(std::string("/admin/reindex?token=") + RouterFixture::kToken),
                http::status::bad_request, "token_in_url");

    // The body says what `searchd reindex` flags would; anything else is refused before a
    // job starts (a job here would write the shared sample index).
    const auto post = [&](const std::string& body) {
        Request request{http::verb::post, "/admin/reindex", 11};
        request.set(http::field::host, "x");
        request.set(http::field::authorization, std::string("Bearer ") + RouterFixture::kToken);
        request.body() = body;
        request.prepare_payload();
        return fixture.router->handle(request);
    };
    for (const char* bad : {"[true]", "{\"full\": \"yes\"}", "{\"fast\": true}", "not json"}) {
        INFO(bad);
        check_error(post(bad), http::status::bad_request, "invalid_body");
    }
    CHECK(fixture.jobs->status()["state"] == "idle");
}

TEST_CASE("thread searchers: a new owner never gets the searcher of one that is gone",
          "[searchd]") {
    // A one-page site beside the sample: a ThreadSearchers at the address of a gone one
    // must open its own index, not find the old one's.
    libsearch::testing::TempDir dir;
    dir.write("content/only.md", "---\ntitle: Only page\n---\nText.\n");
    libsearch::Config one_page;
    one_page.content.root = dir.path() / "content";
    one_page.index.path = dir.path() / "index";
    libsearch::testing::build_index(one_page);

    // Placement new into one buffer: the second owner has the first one's address for sure.
    alignas(ThreadSearchers) std::byte storage[sizeof(ThreadSearchers)];
    auto* searchers = new (storage) ThreadSearchers(SampleIndex::get().config);
    std::string error;
    const auto* first = searchers->for_this_thread(error);
    REQUIRE(first != nullptr);
    CHECK(first->document_count() == SampleIndex::get().documents);
    searchers->~ThreadSearchers();
    searchers = new (storage) ThreadSearchers(one_page);
    const auto* second = searchers->for_this_thread(error);
    const auto documents = second != nullptr ? second->document_count() : 0;
    searchers->~ThreadSearchers();
    CHECK(documents == 1);
}

TEST_CASE("routes: no index yet is 503, not a crash", "[searchd][routes]") {
    libsearch::testing::TempDir dir;
    libsearch::Config config;
    config.index.path = dir.path() / "none";
    Metrics metrics;
    ThreadSearchers searchers{config};
    const AdminAuth admin{""};
    ReindexJobs jobs{config, metrics};
    Router router{Services{config, searchers, metrics, admin, jobs}};
    Request request{http::verb::get, "/search?q=x", 11};
    request.set(http::field::host, "x");
    check_error(router.handle(request), http::status::service_unavailable, "index_unavailable");
}

TEST_CASE("admin: a token under 32 bytes refuses to start", "[searchd][admin]") {
    libsearch::testing::TempDir dir;
    const auto file = dir.write("short", "too-short\n");
    CHECK_THROWS_AS(AdminAuth(file), libsearch::Error);
    CHECK_THROWS_AS(AdminAuth(dir.path() / "missing"), libsearch::Error);
    CHECK_FALSE(AdminAuth("").enabled());
}

TEST_CASE("access log: no secret sent in a URL is written down", "[searchd][log]") {
    CHECK(AccessLog::redacted_target("/search?q=a&page=2") == "/search?q=a&page=2");
    CHECK(AccessLog::redacted_target("/admin/reindex?token=0123456789abcdef") ==
          "/admin/reindex?[redacted]");
    CHECK(AccessLog::redacted_target("/search?q=x&API_KEY=s3cret&key=k&monkey=m") ==
          "/search?q=x&API_KEY=[redacted]&key=[redacted]&monkey=m");
    CHECK(AccessLog::redacted_target("/health") == "/health");
}

TEST_CASE("admin: a shutdown stops a running reindex instead of waiting for it",
          "[searchd][admin]") {
    libsearch::testing::TempDir dir;
    for (int i = 0; i < 3000; ++i) {
        dir.write("content/p" + std::to_string(i) + ".md", "---\ntitle: Page " + std::to_string(i) +
                                                               "\n---\nSome words of page " +
                                                               std::to_string(i) + ".\n");
    }
    libsearch::Config config;
    config.content.root = dir.path() / "content";
    // What the whole reindex takes on this machine, in this build.
    config.index.path = dir.path() / "measured";
    const auto started = std::chrono::steady_clock::now();
    libsearch::reindex(config);
    const auto whole = std::chrono::steady_clock::now() - started;

    config.index.path = dir.path() / "index";
    Metrics metrics;
    auto jobs = std::make_unique<ReindexJobs>(config, metrics);
    REQUIRE(jobs->start(ReindexRequest{true, false}));
    while (jobs->status()["state"] == "running" &&
           jobs->status()["progress"]["files_done"].get<std::uint64_t>() == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const auto stopping = std::chrono::steady_clock::now();
    jobs.reset(); // what SIGTERM does: the server's ReindexJobs goes
    const auto waited = std::chrono::steady_clock::now() - stopping;
    INFO("whole reindex " << std::chrono::duration<double>(whole).count() << " s, waited "
                          << std::chrono::duration<double>(waited).count() << " s");
    CHECK(waited < whole / 2);
    // Nothing half-built is served.
    CHECK_FALSE(libsearch::Index(config.index.path).current().has_value());
}
