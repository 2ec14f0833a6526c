// The index-time table of completions agrees with a scan of the terms, and follows updates.
#include "index/completion_table.hpp"
#include "index/schema.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace libsearch::detail;
using libsearch::testing::TempDir;

namespace {

Xapian::docid add(Xapian::WritableDatabase& database, const std::vector<std::string>& terms) {
    Xapian::Document document;
    for (const auto& term : terms) {
        document.add_term(term);
    }
    return database.add_document(document);
}

} // namespace

TEST_CASE("completion table: short prefixes read the table and agree with a scan", "[typo]") {
    TempDir dir;
    Xapian::WritableDatabase database((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    // "tel" words with distinct frequencies: telemetry 30 pages, telehealth 20, ...
    const std::vector<std::pair<std::string, int>> words{
        {"telemetry", 30}, {"telehealth", 20}, {"telephone", 10}, {"tell", 5}, {"télé", 3}};
    for (const auto& [word, pages] : words) {
        for (int i = 0; i < pages; ++i) {
            add(database, {word, "S" + word, "Qid" + word + std::to_string(i)});
        }
    }
    write_completion_table(database);
    database.commit();

    const std::vector<std::string> expected{"telemetry", "telehealth", "telephone", "tell"};
    CHECK(most_frequent_completions(database, "tel", 4) == expected);
    CHECK(database.get_metadata(std::string(schema::kCompletionsKeyPrefix) + "tel") != "");
    CHECK(most_frequent_completions(database, "Stel", 2) ==
          std::vector<std::string>{"Stelemetry", "Stelehealth"});
    CHECK(most_frequent_completions(database, "t", 1) == std::vector<std::string>{"telemetry"});
    // Past the table's depth or size, a scan gives the same order.
    CHECK(most_frequent_completions(database, "tele", 3) ==
          std::vector<std::string>{"telemetry", "telehealth", "telephone"});
    CHECK(most_frequent_completions(database, "tel", 100).size() == 4);
    // Multi-byte letters count as one: "tél" is a three-letter prefix.
    CHECK(database.get_metadata(std::string(schema::kCompletionsKeyPrefix) + "tél") == "télé\n");
    // Ids and other prefixed terms are never completed.
    CHECK(database.get_metadata(std::string(schema::kCompletionsKeyPrefix) + "Qid").empty());
}

TEST_CASE("completion table: prefixes whose words are gone are removed", "[typo]") {
    TempDir dir;
    Xapian::WritableDatabase database((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    const auto zebra = add(database, {"zebra"});
    add(database, {"apple"});
    write_completion_table(database);
    database.commit();
    CHECK(most_frequent_completions(database, "zeb", 5) == std::vector<std::string>{"zebra"});

    database.delete_document(zebra);
    write_completion_table(database);
    database.commit();
    CHECK(most_frequent_completions(database, "zeb", 5).empty());
    CHECK(database.get_metadata(std::string(schema::kCompletionsKeyPrefix) + "z").empty());
    CHECK(most_frequent_completions(database, "app", 5) == std::vector<std::string>{"apple"});
}
