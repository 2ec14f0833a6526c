// The reindex manifest survives a round trip, and damage means "read every file again".
#include "index/manifest.hpp"

#include <catch2/catch.hpp>

using namespace libsearch;
using namespace libsearch::detail;

namespace {

Manifest sample() {
    Manifest manifest;
    manifest["blog/2024/a.md"] = FileRecord{
        120,          1'700'000'000'123'456'789, 0xFFFF'FFFF'FFFF'FFFFull, "blog/2024/a.md", {},
        4'102'444'800}; // expires in 2100: read again then
    manifest["blog/2024/b.md"] = FileRecord{0, -5, 7, "", {}, 0}; // no document, mtime before 1970
    manifest["blog/2025/ü.html"] = FileRecord{
        3,
        0,
        42,
        "custom-id",
        {LoadIssue{"blog/2025/ü.html", 9, IssueKind::duplicate_key, "key 'title' given twice"}},
        0};
    manifest["z.md"] = FileRecord{1,
                                  1,
                                  1,
                                  "z.md",
                                  {LoadIssue{"z.md", 0, IssueKind::empty_file, "empty"},
                                   LoadIssue{"z.md", 2, IssueKind::invalid_utf8, ""}},
                                  0};
    return manifest;
}

void check_equal(const Manifest& got, const Manifest& expected) {
    REQUIRE(got.size() == expected.size());
    for (const auto& [path, record] : expected) {
        const auto found = got.find(path);
        REQUIRE(found != got.end());
        CHECK(found->second.size == record.size);
        CHECK(found->second.mtime_ns == record.mtime_ns);
        CHECK(found->second.hash == record.hash);
        CHECK(found->second.id == record.id);
        CHECK(found->second.recheck_at == record.recheck_at);
        REQUIRE(found->second.issues.size() == record.issues.size());
        for (std::size_t i = 0; i < record.issues.size(); ++i) {
            CHECK(found->second.issues[i].path == path);
            CHECK(found->second.issues[i].line == record.issues[i].line);
            CHECK(found->second.issues[i].kind == record.issues[i].kind);
            CHECK(found->second.issues[i].message == record.issues[i].message);
        }
    }
}

} // namespace

TEST_CASE("manifest: every issue kind survives the round trip", "[manifest]") {
    // An unknown kind makes the whole manifest unreadable (every file is read again and the
    // documents of files that left the index stay): each kind must decode.
    Manifest manifest;
    for (int kind = 0; kind <= static_cast<int>(kLastIssueKind); ++kind) {
        FileRecord record;
        record.issues.push_back(
            LoadIssue{"f" + std::to_string(kind), 0, static_cast<IssueKind>(kind), "m"});
        manifest["f" + std::to_string(kind)] = record;
    }
    const Manifest decoded = decode_manifest(encode_manifest(manifest));
    REQUIRE(decoded.size() == manifest.size());
    for (const auto& [path, record] : manifest) {
        CHECK(decoded.at(path).issues.at(0).kind == record.issues.at(0).kind);
    }
}

TEST_CASE("manifest: every field survives a round trip", "[reindex]") {
    check_equal(decode_manifest(encode_manifest(sample())), sample());
    CHECK(decode_manifest(encode_manifest({})).empty());
}

TEST_CASE("manifest: damaged bytes give an empty manifest and never crash", "[reindex]") {
    const std::string bytes = encode_manifest(sample());
    CHECK(decode_manifest("").empty());
    CHECK(decode_manifest("{\"a.md\": [1, 2, \"3\", \"a.md\", []]}").empty()); // not this format
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        CHECK(decode_manifest(std::string_view(bytes).substr(0, cut)).empty());
    }
    CHECK(decode_manifest(bytes + "x").empty());
    // Every single-byte change either decodes to some manifest or to none: no crash, no hang.
    for (std::size_t at = 8; at < bytes.size(); ++at) {
        std::string damaged = bytes;
        damaged[at] = static_cast<char>(damaged[at] ^ 0xFF);
        static_cast<void>(decode_manifest(damaged));
    }
}

TEST_CASE("manifest: the JSON manifest of older indexes is still read", "[reindex]") {
    const Manifest manifest =
        parse_json_manifest(R"({"a.md": [10, 20, "30", "a", [["duplicate_key", 3, "twice"]]],)"
                            R"( "broken.md": [1, "not a number", "3", "b", []]})");
    REQUIRE(manifest.size() == 1); // the damaged entry is read again
    const FileRecord& a = manifest.at("a.md");
    CHECK(a.size == 10);
    CHECK(a.mtime_ns == 20);
    CHECK(a.hash == 30);
    CHECK(a.id == "a");
    REQUIRE(a.issues.size() == 1);
    CHECK(a.issues[0].kind == IssueKind::duplicate_key);
}
