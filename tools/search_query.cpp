// search-query: runs one query against an index, in-process, and prints what GET /search
// would answer (--json) or a readable table.
//
//   search-query INDEX 'text' [--topic X]... [--from 2020-01-01] [--to ...] [--sort newest]
//                [--page N] [--per-page N] [--json] [--config F]
//
// Any other --name VALUE is a filter on the facet `name`.
#include <libsearch/config.hpp>
#include <libsearch/error.hpp>
#include <libsearch/json.hpp>
#include <libsearch/searcher.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

namespace {

std::optional<std::chrono::sys_days> parse_day(const std::string& text) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    if (text.empty()) {
        return std::nullopt;
    }
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3) {
        throw CLI::ValidationError("date", "expected YYYY-MM-DD, got " + text);
    }
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    if (!ymd.ok()) {
        throw CLI::ValidationError("date", "not a date: " + text);
    }
    return std::chrono::sys_days{ymd};
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"search-query: run a query against an index and print the result"};
    std::string index_dir;
    std::string text;
    std::string config_file;
    std::string from;
    std::string to;
    std::string sort;
    libsearch::Query query;
    bool json = false;
    app.add_option("index", index_dir, "index folder (the one holding `current`)")->required();
    app.add_option("text", text, "the query text");
    app.add_option("--config", config_file, "configuration (for the default language)");
    app.add_option("--from", from, "first day, YYYY-MM-DD");
    app.add_option("--to", to, "last day, YYYY-MM-DD");
    app.add_option("--sort", sort, "relevance | newest | oldest")
        ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
    app.add_option("--page", query.page, "page, from 1");
    app.add_option("--per-page", query.per_page, "hits per page, 1..100");
    app.add_flag("--json", json, "print the JSON body of GET /search");
    app.allow_extras();
    app.footer("Any other --FACET VALUE filters on that facet, e.g. --topic AI --topic FHIR.");
    CLI11_PARSE(app, argc, argv);

    try {
        const auto extras = app.remaining();
        for (std::size_t i = 0; i < extras.size(); ++i) {
            if (extras[i].rfind("--", 0) != 0 || i + 1 >= extras.size()) {
                throw CLI::ExtrasError({extras[i]});
            }
            query.filters[extras[i].substr(2)].push_back(extras[i + 1]);
            ++i;
        }
        query.text = text;
        query.from = parse_day(from);
        query.to = parse_day(to);
        if (!sort.empty()) {
            query.sort = sort == "newest"   ? libsearch::Query::Sort::newest
                         : sort == "oldest" ? libsearch::Query::Sort::oldest
                                            : libsearch::Query::Sort::relevance;
        }
        const libsearch::Config config =
            config_file.empty() ? libsearch::Config{} : libsearch::load_config(config_file);
        libsearch::Searcher searcher(config, index_dir);
        const auto result = searcher.search(query);
        if (json) {
            std::cout << libsearch::dump_json(libsearch::to_json(result), 2) << '\n';
            return 0;
        }
        std::printf("%llu results (%.2f ms), page %u, %s\n",
                    static_cast<unsigned long long>(result.total), result.took_ms, result.page,
                    searcher.generation().c_str());
        for (const auto& hit : result.hits) {
            std::printf("%8.3f  %s  %s\n          %s\n", hit.score,
                        hit.date ? libsearch::format_iso8601(*hit.date).substr(0, 10).c_str()
                                 : "(no date)",
                        hit.title.c_str(), hit.url.c_str());
        }
        for (const auto& facet : result.facets) {
            std::printf("%s:", facet.name.c_str());
            for (const auto& value : facet.values) {
                std::printf(" %s%s (%llu);", value.selected ? "*" : "", value.value.c_str(),
                            static_cast<unsigned long long>(value.count));
            }
            std::printf("\n");
        }
        return 0;
    } catch (const CLI::Error& error) {
        return app.exit(error);
    } catch (const std::exception& error) {
        std::cerr << "search-query: " << error.what() << '\n';
        return 2;
    }
}
