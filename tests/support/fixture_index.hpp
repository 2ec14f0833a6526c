#pragma once

#include "support/paths.hpp"
#include "support/temp_dir.hpp"

#include <libsearch/index.hpp>
#include <libsearch/indexer.hpp>
#include <libsearch/loader.hpp>

#include <memory>

namespace libsearch::testing {

/// Loads `config.content.root`, indexes it into a fresh generation of `config.index.path`
/// and publishes it, as `searchd reindex` does. Returns the number of documents.
inline std::uint64_t build_index(const Config& config) {
    const Index index(config.index.path);
    const auto build = index.begin_generation();
    std::uint64_t documents = 0;
    {
        Indexer indexer(config, build);
        Loader(config).load([&](const SourceFile&, Document&& document) { indexer.add(document); },
                            [](const LoadIssue&) {});
        indexer.commit();
        documents = indexer.document_count();
    }
    Indexer::verify(build, documents);
    index.publish(build);
    return documents;
}

/// The sample site (examples/content) indexed once per test run, in a temp folder: the
/// fixture index of the searcher tests (Xapian's get_database("apitest_…") idea).
struct SampleIndex {
    TempDir dir;
    Config config;
    std::uint64_t documents = 0;

    SampleIndex() {
        config.content.root = examples_dir() / "content";
        config.index.path = dir.path() / "index";
        documents = build_index(config);
    }

    static const SampleIndex& get() {
        static const SampleIndex instance;
        return instance;
    }
};

} // namespace libsearch::testing
