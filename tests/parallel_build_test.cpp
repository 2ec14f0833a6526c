// A full build written by several threads holds exactly what one writer would write.
#include "index/schema.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

#include <libsearch/error.hpp>
#include <libsearch/indexer.hpp>
#include <libsearch/loader.hpp>

#include <catch2/catch.hpp>
#include <xapian.h>

#include <map>

using namespace libsearch;
using libsearch::testing::TempDir;

namespace {

Config sample_config(const TempDir& dir) {
    Config config;
    config.content.root = testing::examples_dir() / "content";
    config.index.path = dir.path() / "index";
    return config;
}

/// Every term with its page count, every stored document by id, and the index's metadata
/// apart from its creation time: what a reader of the index can see.
struct IndexContents {
    std::map<std::string, Xapian::doccount> terms;
    std::map<std::string, std::string> data_by_id;
    std::map<std::string, std::string> values_by_id;
    std::map<std::string, std::string> metadata;

    explicit IndexContents(const std::filesystem::path& path) {
        Xapian::Database database(path.string());
        for (auto it = database.allterms_begin(); it != database.allterms_end(); ++it) {
            terms[*it] = it.get_termfreq();
        }
        const std::string id_prefix(detail::schema::kIdPrefix);
        for (auto it = database.allterms_begin(id_prefix); it != database.allterms_end(id_prefix);
             ++it) {
            const Xapian::Document document = database.get_document(*database.postlist_begin(*it));
            data_by_id[*it] = document.get_data();
            for (auto value = document.values_begin(); value != document.values_end(); ++value) {
                values_by_id[*it] += std::to_string(value.get_valueno()) + "=" + *value + ";";
            }
        }
        for (auto it = database.metadata_keys_begin(); it != database.metadata_keys_end(); ++it) {
            if (*it != detail::schema::kCreatedKey) {
                metadata[*it] = database.get_metadata(*it);
            }
        }
    }
};

Document page(const std::string& id, const std::string& title) {
    Document document;
    document.id = id;
    document.path = id + ".md";
    document.title = title;
    document.body = "Body of " + title;
    document.language = "en";
    return document;
}

} // namespace

TEST_CASE("parallel build: several writers index exactly what one writer does", "[indexer]") {
    TempDir dir;
    const Config config = sample_config(dir);
    const auto index = [&](Indexer indexer) {
        Loader(config).load([&](const SourceFile&, Document&& document) { indexer.add(document); },
                            [](const LoadIssue&) {});
        indexer.set_metadata("app:key", "kept");
        indexer.commit();
        return indexer.document_count();
    };
    const auto one = dir.path() / "one";
    const auto three = dir.path() / "three";
    const auto documents = index(Indexer(config, one));
    REQUIRE(documents > 10);
    CHECK(index(Indexer::build(config, three, 3)) == documents);
    Indexer::verify(three, documents);

    const IndexContents expected(one);
    const IndexContents merged(three);
    CHECK(merged.terms == expected.terms);
    CHECK(merged.data_by_id == expected.data_by_id);
    CHECK(merged.values_by_id == expected.values_by_id); // facet ids given in page order
    CHECK(merged.metadata == expected.metadata);         // completion table, dictionaries, app
    CHECK_FALSE(std::filesystem::exists(three / "shards"));
}

TEST_CASE("parallel build: a page added again with its id replaces the first", "[indexer]") {
    TempDir dir;
    const Config config = sample_config(dir);
    Indexer indexer = Indexer::build(config, dir.path() / "db", 2);
    for (int i = 0; i < 50; ++i) {
        indexer.add(page("page-" + std::to_string(i), "first title"));
    }
    indexer.add(page("page-7", "second title"));
    indexer.commit();
    Xapian::Database database((dir.path() / "db").string());
    CHECK(database.get_doccount() == 50);
    CHECK(database.get_termfreq("second") == 1);
    CHECK(database.get_termfreq("first") == 49);
}

TEST_CASE("parallel build: no pages give an empty index that verifies", "[indexer]") {
    TempDir dir;
    const Config config = sample_config(dir);
    Indexer indexer = Indexer::build(config, dir.path() / "db", 2);
    indexer.commit();
    CHECK(indexer.document_count() == 0);
    Indexer::verify(dir.path() / "db", 0);
}

TEST_CASE("parallel build: removing is refused and failures are errors", "[indexer]") {
    TempDir dir;
    const Config config = sample_config(dir);
    {
        Indexer indexer = Indexer::build(config, dir.path() / "db", 2);
        indexer.add(page("a", "title"));
        CHECK_THROWS_AS(indexer.remove("a"), Error);
    } // dropped without a commit: the writers stop, nothing hangs
    TempDir::write_file(dir.path() / "blocked" / "shards", "a file where a folder must go");
    CHECK_THROWS_AS(Indexer::build(config, dir.path() / "blocked", 2), Error);
}
