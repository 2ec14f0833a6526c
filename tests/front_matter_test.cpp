// Front matter of each kind, through the public PageParser and the internal splitter.
#include "load/front_matter.hpp"

#include "support/load_helpers.hpp"

#include <catch2/catch.hpp>

using namespace libsearch;
using libsearch::testing::parse_page;

namespace {

const FieldValue& member(const Document& document, const std::string& key) {
    const auto* value = document.front_matter.find(key);
    REQUIRE(value != nullptr);
    return *value;
}

} // namespace

TEST_CASE("YAML front matter between --- lines", "[front_matter]") {
    const auto page =
        parse_page("---\ntitle: Hello\ntags: [a, b]\nlink:\n  brand: x.com\n---\nBody text.\n");
    REQUIRE(page.document);
    CHECK(page.issues.empty());
    CHECK(page.document->title == "Hello");
    CHECK(page.document->body == "Body text.");
    const auto& tags = member(*page.document, "tags");
    REQUIRE(tags.is_list());
    CHECK(tags.as_list().size() == 2);
    CHECK(member(*page.document, "link").find("brand")->as_text() == "x.com");
}

TEST_CASE("YAML scalars are kept as written / as text", "[front_matter]") {
    const auto page =
        parse_page("---\nid: 4099\ndescription: 11.\nflag: yes\ntitle: 2019\nnothing: ~\n"
                   "empty:\nquoted: '~'\n---\n");
    REQUIRE(page.document);
    CHECK(member(*page.document, "id").as_text() == "4099");
    CHECK(member(*page.document, "description").as_text() == "11.");
    CHECK(member(*page.document, "flag").as_text() == "yes");
    const auto flags = parse_page("---\nplain: false\nquoted: 'false'\nupper: TRUE\n---\n");
    CHECK(member(*flags.document, "plain").kind() == FieldValue::Kind::boolean);
    CHECK_FALSE(member(*flags.document, "plain").as_bool());
    CHECK(member(*flags.document, "quoted").as_text() == "false");
    CHECK(member(*flags.document, "upper").as_bool());
    CHECK(page.document->title == "2019");
    CHECK(member(*page.document, "nothing").is_null());
    CHECK(member(*page.document, "empty").is_null());
    CHECK(member(*page.document, "quoted").as_text() == "~");
}

TEST_CASE("TOML front matter between +++ lines", "[front_matter]") {
    const auto page =
        parse_page("+++\ntitle = \"Toml page\"\ndate = 2022-06-01T10:00:00Z\n"
                   "draft = false\ncount = 42\n[link]\nbrand = \"t.org\"\n+++\nBody.\n");
    REQUIRE(page.document);
    CHECK(page.issues.empty());
    CHECK(page.document->title == "Toml page");
    CHECK(page.document->facets.at("brand") == std::vector<std::string>{"t.org"});
    CHECK(member(*page.document, "count").as_text() == "42");
    CHECK(member(*page.document, "draft").kind() == FieldValue::Kind::boolean);
    CHECK(page.document->date ==
          std::chrono::local_days{std::chrono::year{2022} / 6 / 1} + std::chrono::hours{10});
    CHECK(page.document->body == "Body.");
}

TEST_CASE("JSON front matter: an object at the top of the file", "[front_matter]") {
    const auto page = parse_page(
        "{\n  \"title\": \"Json page\",\n  \"id\": 7,\n  \"link\": {\"brand\": \"j.net\"},\n"
        "  \"s\": \"a } in a string\"\n}\n\nThe body.\n");
    REQUIRE(page.document);
    CHECK(page.issues.empty());
    CHECK(page.document->title == "Json page");
    CHECK(member(*page.document, "id").as_text() == "7");
    CHECK(page.document->facets.at("brand") == std::vector<std::string>{"j.net"});
    CHECK(page.document->body == "The body.");
}

TEST_CASE("a file without front matter is a page of body only", "[front_matter]") {
    const auto page = parse_page("# A heading\n\nSome text.\n");
    REQUIRE(page.document);
    CHECK(page.document->front_matter.is_map());
    CHECK(page.document->front_matter.as_map().empty());
    CHECK(page.document->title == "A heading");

    // Text that merely starts with a brace is not JSON front matter.
    const auto braces = parse_page("{{< note >}}Hi{{< /note >}} there\n");
    REQUIRE(braces.document);
    CHECK(braces.document->body == "Hi there");
}

TEST_CASE("splitting: blank lines before the opening delimiter / trailing blanks / ... closer",
          "[front_matter]") {
    using detail::FrontMatterFormat;
    const auto blank_first = detail::split_front_matter("\n\n---\ntitle: x\n---\nbody\n");
    CHECK(blank_first.format == FrontMatterFormat::yaml);
    CHECK(blank_first.front_matter == "title: x\n");
    CHECK(blank_first.front_matter_line == 4);
    CHECK(blank_first.body == "body\n");

    const auto trailing = detail::split_front_matter("--- \ntitle: x\n---  \nbody");
    CHECK(trailing.format == FrontMatterFormat::yaml);
    CHECK(trailing.body == "body");

    const auto dots = detail::split_front_matter("---\ntitle: x\n...\nbody");
    CHECK(dots.format == FrontMatterFormat::yaml);

    const auto toml = detail::split_front_matter("\n+++\na = 1\n+++\n");
    CHECK(toml.format == FrontMatterFormat::toml);
    CHECK(toml.front_matter_line == 3);

    const auto json = detail::split_front_matter("\n{\"a\": {\"b\": 1}}\nrest");
    CHECK(json.format == FrontMatterFormat::json);
    CHECK(json.front_matter == "{\"a\": {\"b\": 1}}");
    CHECK(json.body == "\nrest");

    const auto empty_block = detail::split_front_matter("---\n---\nbody");
    CHECK(empty_block.format == FrontMatterFormat::yaml);
    CHECK(empty_block.front_matter.empty());

    // A thematic break later in the file is not front matter.
    CHECK(detail::split_front_matter("text\n---\nmore").format == FrontMatterFormat::none);
}

TEST_CASE("an empty front matter is an empty map", "[front_matter]") {
    const auto page = parse_page("---\n---\n# Title from heading\n", "docs/x.md");
    REQUIRE(page.document);
    CHECK(page.document->title == "Title from heading");
}

TEST_CASE("a repeated YAML key keeps its last value and is reported", "[front_matter]") {
    const auto page =
        parse_page("---\ntitle: First\nexpirydate: 1\ntitle: Second\n---\n", "dup.md");
    REQUIRE(page.document);
    CHECK(page.document->title == "Second");
    REQUIRE(page.issues.size() == 1);
    CHECK(page.issues[0].kind == IssueKind::duplicate_key);
    CHECK(page.issues[0].line == 4);
    CHECK(page.issues[0].path == "dup.md");
    CHECK(page.issues[0].message == "front-matter key 'title' given twice; the last value is kept");
}

TEST_CASE("a repeated JSON key keeps its last value and is reported", "[front_matter]") {
    const auto page = parse_page(
        "{\"title\": \"First\", \"link\": {\"brand\": \"a\"}, \"title\": \"Second\"}\n", "dup.md");
    REQUIRE(page.document);
    CHECK(page.document->title == "Second");
    REQUIRE(page.issues.size() == 1);
    CHECK(page.issues[0].kind == IssueKind::duplicate_key);
    CHECK(page.issues[0].message == "front-matter key 'title' given twice; the last value is kept");
}

TEST_CASE("YAML merge keys fill in what the map does not set", "[front_matter]") {
    const auto page = parse_page(
        "---\nbase: &b {title: Base, lang: fr}\npage:\n  <<: *b\n  title: Own\n---\n", "m.md");
    REQUIRE(page.document);
    const auto* nested = page.document->front_matter.find("page");
    REQUIRE(nested != nullptr);
    CHECK(nested->find("title")->as_text() == "Own");
    CHECK(nested->find("lang")->as_text() == "fr");
}

TEST_CASE("CRLF line ends and a UTF-8 BOM are handled silently", "[front_matter]") {
    const std::string lf = "---\ntitle: Same\ntags: [x]\n---\nLine one\nline two\n\nPara two.\n";
    std::string crlf;
    for (const char c : lf) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    const auto plain = parse_page(lf);
    const auto windows = parse_page("\xEF\xBB\xBF" + crlf);
    REQUIRE(plain.document);
    REQUIRE(windows.document);
    CHECK(windows.issues.empty());
    CHECK(windows.document->title == plain.document->title);
    CHECK(windows.document->body == plain.document->body);
    CHECK(windows.document->facets == plain.document->facets);
}
