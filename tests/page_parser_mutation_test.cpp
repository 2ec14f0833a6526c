// Deterministic mutation testing of PageParser (RELIABILITY.md R27 in miniature, run on
// every CI build under ASan/UBSan): thousands of damaged variants of real-looking pages
// must each give a document or issues, never an exception, a crash or invalid UTF-8.
#include "text/utf8.hpp"

#include "support/load_helpers.hpp"
#include "support/paths.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

using namespace libsearch;

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// Pieces that steer a mutation into the parsers' interesting corners.
constexpr std::string_view kTokens[] = {
    "---\n",
    "+++\n",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "&a ",
    "*a",
    "<<: *a\n",
    "\xEF\xBB\xBF",
    "\r\n",
    "{{< x >}}",
    "{{% y %}}",
    "{{",
    "<div>",
    "</div>",
    "<script>",
    "&amp;",
    "&#x10FFFF;",
    "```\n",
    "# ",
    "| a | b |\n",
    "\xFF",
    "\xC3",
    "\0",
    ": ",
    "- ",
    "\n\n",
    "draft: true\n",
    "<!--",
    "1e999",
    "12345678901234567890123456789",
    "> ",
    "<div><div><div><div>",
    "[[[[",
    "&eacute;",
};

std::string mutate(std::string page, std::mt19937& rng) {
    std::uniform_int_distribution<int> operation(0, 5);
    const int steps = 1 + static_cast<int>(rng() % 4);
    for (int step = 0; step < steps; ++step) {
        const std::size_t at = page.empty() ? 0 : rng() % page.size();
        switch (operation(rng)) {
        case 0: // flip a byte
            if (!page.empty()) {
                page[at] = static_cast<char>(rng() & 0xFF);
            }
            break;
        case 1: // insert a steering token
            page.insert(at, kTokens[rng() % std::size(kTokens)]);
            break;
        case 2: // cut the page short
            page.resize(at);
            break;
        case 3: // delete a span
            page.erase(at, rng() % 64);
            break;
        case 4: // repeat a span (deep nesting, long lines)
            if (!page.empty()) {
                const std::string span = page.substr(at, 1 + rng() % 16);
                for (int i = 0; i < 1 + static_cast<int>(rng() % 200); ++i) {
                    page.insert(at, span);
                }
            }
            break;
        default: // swap two halves
            page = page.substr(at) + page.substr(0, at);
            break;
        }
    }
    return page;
}

void check_valid(const Document& document) {
    for (const auto* text : {&document.id, &document.path, &document.url, &document.title,
                             &document.description, &document.body, &document.language}) {
        REQUIRE(detail::is_valid_utf8(*text));
    }
    for (const auto& [facet, values] : document.facets) {
        for (const auto& value : values) {
            REQUIRE(detail::is_valid_utf8(value));
        }
    }
}

} // namespace

TEST_CASE("damaged pages never throw or crash the parser", "[page_parser][mutation]") {
    std::vector<std::pair<std::string, std::string>> seeds; // path, bytes
    const auto content = testing::examples_dir() / "content";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(content)) {
        if (entry.is_regular_file()) {
            seeds.emplace_back(entry.path().filename().string(), read_file(entry.path()));
        }
    }
    REQUIRE(seeds.size() >= 30);
    const PageParser parser{Config{}};
    std::mt19937 rng(20261128); // fixed: the same variants on every run
    constexpr int kVariants = 8000;
    int documents = 0;
    for (int i = 0; i < kVariants; ++i) {
        const auto& [path, bytes] = seeds[static_cast<std::size_t>(i) % seeds.size()];
        const std::string damaged = mutate(bytes, rng);
        SourceFile file;
        file.path = path;
        file.size = damaged.size();
        ParsedPage page;
        REQUIRE_NOTHROW(page = parser.parse(file, damaged));
        REQUIRE((page.document || !page.issues.empty()));
        if (page.document) {
            ++documents;
            check_valid(*page.document);
        }
    }
    // Most damage is survivable: the variants must not all be skipped.
    CHECK(documents > kVariants / 3);
}
