#include "xapian_query.hpp"

#include "schema.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <optional>

namespace libsearch::detail {

namespace {

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

class QueryBuilder {
public:
    QueryBuilder(Analyzer& analyzer, const std::string& language)
        : analyzer_(analyzer)
        , stems_(analyzer.has_stemmer(language)) {
        terms_.language = language;
    }

    /// The query of one atom, or nullopt when it holds no word (punctuation only).
    std::optional<Xapian::Query> atom(const QueryAtom& atom) {
        const auto tokens = analyzer_.tokenize(atom.text);
        if (tokens.empty()) {
            return std::nullopt;
        }
        const std::string prefix = atom.title ? std::string(schema::kTitlePrefix) : std::string();
        std::vector<Xapian::Query> parts;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const std::string& word = tokens[i].text;
            const bool last = i + 1 == tokens.size();
            if (atom.kind == QueryAtom::Kind::prefix && last) {
                terms_.prefixes.push_back(word);
                parts.emplace_back(Xapian::Query::OP_WILDCARD, prefix + word, kMaxPrefixExpansion,
                                   Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
                continue;
            }
            terms_.words.insert(word);
            if (atom.typing && last) {
                // Still being typed: the word, its stem, and its most frequent completions.
                terms_.prefixes.push_back(word);
                std::vector<Xapian::Query> forms{Xapian::Query(word)};
                if (stems_) {
                    const std::string stem = analyzer_.stem(word, terms_.language);
                    terms_.stems.insert(stem);
                    forms.emplace_back(std::string(schema::kStemPrefix) + stem);
                }
                forms.emplace_back(Xapian::Query::OP_WILDCARD, word, kTypingExpansion,
                                   Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
                parts.emplace_back(Xapian::Query::OP_OR, forms.begin(), forms.end());
                continue;
            }
            if (atom.kind == QueryAtom::Kind::phrase || !prefix.empty() || !stems_) {
                parts.emplace_back(prefix + word);
                continue;
            }
            // The exact word and its stem: a page with the exact word matches both and
            // ranks above one that only shares the stem.
            const std::string stem = analyzer_.stem(word, terms_.language);
            terms_.stems.insert(stem);
            parts.emplace_back(Xapian::Query::OP_OR, Xapian::Query(word),
                               Xapian::Query(std::string(schema::kStemPrefix) + stem));
        }
        if (parts.size() == 1) {
            return parts.front();
        }
        // Several words in one atom: a quoted phrase, or a word the analyzer cut ("e-mail",
        // "covid-19"), which must stay together; Chinese and Japanese words cut from one
        // unspaced run only need to co-occur, because segmentation depends on context.
        const bool together = atom.kind == QueryAtom::Kind::phrase ||
                              (atom.kind == QueryAtom::Kind::word && is_ascii(atom.text));
        if (together && atom.kind != QueryAtom::Kind::prefix) {
            return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                                 static_cast<Xapian::termcount>(parts.size()));
        }
        return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }

    QueryTerms take_terms() { return std::move(terms_); }

private:
    Analyzer& analyzer_;
    bool stems_;
    QueryTerms terms_;
};

} // namespace

TextQuery
build_text_query(const ParsedQuery& parsed, Analyzer& analyzer, const std::string& language) {
    QueryBuilder builder(analyzer, language);
    QueryBuilder excluded_words(analyzer, language); // its terms are dropped: never highlighted
    std::vector<Xapian::Query> required;
    std::vector<Xapian::Query> excluded;
    for (const auto& clause : parsed.clauses) {
        std::vector<Xapian::Query> alternatives;
        for (const auto& atom : clause.alternatives) {
            if (auto query = (clause.negated ? excluded_words : builder).atom(atom)) {
                alternatives.push_back(std::move(*query));
            }
        }
        if (alternatives.empty()) {
            continue;
        }
        Xapian::Query query =
            alternatives.size() == 1
                ? alternatives.front()
                : Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
        (clause.negated ? excluded : required).push_back(std::move(query));
    }
    for (const auto& [facet, values] : parsed.excluded_filters) {
        excluded.push_back(facet_filter(facet, values));
    }
    TextQuery text;
    text.has_words = !required.empty();
    text.match_all = required.empty() && excluded.empty();
    // Query(std::string()) matches everything; the shared static MatchAll must not cross threads.
    text.query = required.empty()
                     ? Xapian::Query(std::string())
                     : Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
    if (!excluded.empty()) {
        text.query =
            Xapian::Query(Xapian::Query::OP_AND_NOT, text.query,
                          Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    }
    text.terms = builder.take_terms();
    return text;
}

Xapian::Query facet_filter(const std::string& facet, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    terms.reserve(values.size());
    for (const auto& value : values) {
        terms.emplace_back(schema::facet_term(facet, casefold(trim(value))));
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

} // namespace libsearch::detail
