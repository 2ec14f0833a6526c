#include <libsearch/analyzer.hpp>

#include <catch2/catch.hpp>

using libsearch::Analyzer;
using libsearch::Token;

namespace {

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& token : Analyzer().tokenize(text)) {
        out.push_back(token.text);
    }
    return out;
}

} // namespace

TEST_CASE("analyzer: words with byte offsets and positions", "[analyzer]") {
    const std::string text = "Hello, wide World! 3.5 mg";
    const auto tokens = Analyzer().tokenize(text, 10);
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[0].text == "hello");
    CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Hello");
    CHECK(tokens[2].text == "world");
    CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "World");
    CHECK(tokens[3].text == "3.5");
    CHECK(tokens[0].position == 10);
    CHECK(tokens[4].position == 14);
}

TEST_CASE("analyzer: case, NFKC and accents fold / e and É are one word", "[analyzer]") {
    CHECK(words("Café CAFE cafe\xCC\x81") == std::vector<std::string>{"cafe", "cafe", "cafe"});
    CHECK(words("Straße STRASSE") == std::vector<std::string>{"strasse", "strasse"});
    CHECK(words("\xEF\xAC\x81le") == std::vector<std::string>{"file"}); // ﬁ ligature
    CHECK(words("Ελληνικά ПРИВЕТ ёлка") == std::vector<std::string>{"ελληνικα", "привет", "елка"});
    CHECK(words("naïve résumé Zürich") == std::vector<std::string>{"naive", "resume", "zurich"});
}

TEST_CASE("analyzer: Chinese and Japanese are cut into words / voicing marks kept", "[analyzer]") {
    const auto chinese = words("越来越多的县级医院开始利用远程医疗");
    CHECK(chinese.size() >= 6);
    CHECK(std::find(chinese.begin(), chinese.end(), "远程") != chinese.end());
    CHECK(std::find(chinese.begin(), chinese.end(), "医疗") != chinese.end());
    const auto japanese = words("町の担当者は遠隔医療について話しています");
    CHECK(std::find(japanese.begin(), japanese.end(), "遠隔") != japanese.end());
    CHECK(words("データ") == std::vector<std::string>{"データ"});
    CHECK(words("ガ") != words("カ"));
}

TEST_CASE("analyzer: over-long words are dropped but keep their position", "[analyzer]") {
    const auto tokens = Analyzer().tokenize("short " + std::string(100, 'x') + " after");
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[1].text == "after");
    CHECK(tokens[1].position == 2);
}

TEST_CASE("analyzer: invalid UTF-8 and control characters never throw", "[analyzer]") {
    CHECK_NOTHROW(Analyzer().tokenize("a\xFF\xFE b\xC3 \x01\x02 c"));
    CHECK(words("").empty());
    CHECK(words("  ,.;  ").empty());
}

TEST_CASE("analyzer: Snowball stems by language name or code", "[analyzer]") {
    Analyzer analyzer;
    CHECK(analyzer.stem("screenings", "english") == analyzer.stem("screening", "en"));
    CHECK(analyzer.stem("screenings", "en-US") == "screen");
    CHECK(analyzer.stem("hopitaux", "fr") == analyzer.stem("hopital", "french"));
    CHECK(analyzer.stem("医療", "ja") == "医療");
    CHECK(analyzer.stem("words", "klingon") == "words");
    CHECK(analyzer.has_stemmer("pt-BR"));
    CHECK_FALSE(analyzer.has_stemmer("zh"));
}
