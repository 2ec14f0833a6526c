// Indexes a folder of pages and runs one query, in-process, with no daemon:
//   embed CONTENT_DIR INDEX_DIR 'query words'
#include <libsearch/libsearch.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: embed CONTENT_DIR INDEX_DIR 'query words'\n";
        return 2;
    }
    try {
        libsearch::Config config;
        config.content.root = argv[1];
        config.index.path = argv[2];

        // Index: load every page, write a new generation, publish it.
        const libsearch::Index index(config.index.path);
        const auto build = index.begin_generation();
        {
            libsearch::Indexer indexer(config, build);
            libsearch::Loader(config).load([&](const libsearch::SourceFile&,
                                               libsearch::Document&& page) { indexer.add(page); },
                                           [](const libsearch::LoadIssue& issue) {
                                               std::cerr << libsearch::format_issue(issue) << '\n';
                                           });
            indexer.commit();
        }
        index.publish(build);

        // Search: one Searcher per thread; this program has one.
        libsearch::Searcher searcher(config);
        libsearch::Query query;
        query.text = argv[3];
        const libsearch::Result result = searcher.search(query);
        std::cout << result.total << " results\n";
        for (const auto& hit : result.hits) {
            std::cout << hit.title << "  " << hit.url << '\n';
        }
        return 0;
    } catch (const libsearch::Error& error) {
        std::cerr << "embed: " << error.what() << '\n';
        return 1;
    }
}
