#include "search/query_parser.hpp"

#include <catch2/catch.hpp>

using namespace libsearch::detail;

namespace {

const std::vector<std::string> kFacets{"topic", "brand"};

std::string describe(const ParsedQuery& parsed) {
    std::string out;
    for (const auto& clause : parsed.clauses) {
        out += clause.negated ? "-(" : "(";
        for (std::size_t i = 0; i < clause.alternatives.size(); ++i) {
            const auto& atom = clause.alternatives[i];
            out += i ? "|" : "";
            out += atom.title ? "title:" : "";
            out += atom.kind == QueryAtom::Kind::phrase   ? "\"" + atom.text + "\""
                   : atom.kind == QueryAtom::Kind::prefix ? atom.text + "*"
                                                          : atom.text;
        }
        out += ")";
    }
    for (const auto& [facet, values] : parsed.filters) {
        for (const auto& value : values) {
            out += " [" + facet + "=" + value + "]";
        }
    }
    return out;
}

std::string parse(const std::string& text) {
    return describe(parse_query(text, kFacets));
}

} // namespace

TEST_CASE("query grammar: words, phrases, exclusion, OR, fields, prefixes", "[query_parser]") {
    CHECK(parse("heart attack") == "(heart)(attack)");
    CHECK(parse("\"heart attack\" care") == "(\"heart attack\")(care)");
    CHECK(parse("care -rural -\"new york\"") == "(care)-(rural)-(\"new york\")");
    CHECK(parse("ai OR ml data") == "(ai|ml)(data)");
    CHECK(parse("a b OR c OR d") == "(a)(b|c|d)");
    CHECK(parse("title:fhir title:\"open api\"") == "(title:fhir)(title:\"open api\")");
    CHECK(parse("topic:AI brand:\"x.com\" care") == "(care) [brand=x.com] [topic=AI]");
    CHECK(parse("tele* x*") == "(tele*)(x*)");
    CHECK(parse("é* éa*") == "(é*)(éa*)"); // é* is a word: a prefix needs two characters
    CHECK(parse_query("é*", kFacets).clauses[0].alternatives[0].kind == QueryAtom::Kind::word);
    CHECK(parse("-topic:AI care") == "(care)");
    CHECK(parse_query("-topic:AI", kFacets).excluded_filters.at("topic") ==
          std::vector<std::string>{"AI"});
    CHECK(parse("http://example.org ratio:3") == "(http://example.org)(ratio:3)");
}

TEST_CASE("query grammar: anything parses / degrading to words", "[query_parser]") {
    CHECK(parse("") == "");
    CHECK(parse("   ") == "");
    CHECK(parse("\"unbalanced quote") == "(\"unbalanced quote\")");
    CHECK(parse("((a") == "(((a)");
    CHECK(parse("AND OR NOT") == "(AND|NOT)"); // no boolean keywords but OR: words
    CHECK(parse("OR a OR") == "(a)");
    CHECK(parse("- -- a") == "(-)(--)(a)");
    CHECK(parse("*abc") == "(*abc)");
    CHECK(parse("title: x") == "(title:)(x)");
    CHECK(parse("\"\"") == "");
    std::string nested(100000, '(');
    CHECK_NOTHROW(parse_query(nested, kFacets));
}

TEST_CASE("query grammar: limits cut the query and say so", "[query_parser]") {
    std::string many;
    for (int i = 0; i < 40; ++i) {
        many += "w" + std::to_string(i) + " ";
    }
    const auto parsed = parse_query(many, kFacets);
    CHECK(parsed.clauses.size() == 32);
    CHECK(parsed.truncated);
    const auto long_query = parse_query(std::string(5000, 'a'), kFacets);
    CHECK(long_query.truncated);
    REQUIRE(long_query.clauses.size() == 1);
    CHECK(long_query.clauses[0].alternatives[0].text.size() == 1024);
    CHECK_FALSE(parse_query("plain words", kFacets).truncated);
}

TEST_CASE("query grammar: the last word is being typed unless a space follows it",
          "[query_parser]") {
    const auto typing = [](const std::string& text) {
        const auto parsed = parse_query(text, kFacets);
        bool any = false;
        for (const auto& clause : parsed.clauses) {
            for (const auto& atom : clause.alternatives) {
                any = any || atom.typing;
            }
        }
        return any;
    };
    CHECK(typing("remote monit"));
    CHECK(parse_query("remote monit", kFacets).clauses.back().alternatives.back().typing);
    CHECK_FALSE(parse_query("remote monit", kFacets).clauses.front().alternatives.front().typing);
    CHECK_FALSE(typing("remote monit "));
    CHECK_FALSE(typing("\"remote monit\""));
    CHECK_FALSE(typing("remote -monit"));
    CHECK_FALSE(typing("remote topic:AI"));
    CHECK_FALSE(typing("title:monit"));
    CHECK(typing("a OR monit"));
}
