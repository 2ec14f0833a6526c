#include "search/suggester.hpp"

#include "index/completion_table.hpp"
#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "search/typo_tolerance.hpp"
#include "text/text_util.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <set>

namespace libsearch::detail {

namespace {

/// Index terms scanned per prefix: bounds the cost of a one-letter prefix on a large site.
constexpr std::size_t kMaxScan = 4'000;
/// A phrase of titles must be in this many titles to be offered: one title is offered as
/// itself.
constexpr Xapian::doccount kMinPhraseTitles = 2;

struct Candidate {
    std::string completion; ///< what replaces the typed words it completes
    std::string term;       ///< the index term that proves it
    Xapian::doccount frequency = 0;
};

/// Terms starting with `prefix`, most frequent first (a bounded scan), without `prefix`'s
/// `strip` leading bytes.
std::vector<Candidate> completions(const Xapian::Database& database,
                                   const std::string& prefix,
                                   std::size_t strip,
                                   Xapian::doccount min_frequency) {
    std::vector<Candidate> found;
    if (strip == 0) {
        // Words: from the index's table of completions when the prefix is short.
        for (auto& term : most_frequent_completions(database, prefix, kCompletionsPerPrefix)) {
            const Xapian::doccount frequency = database.get_termfreq(term);
            if (frequency >= min_frequency) {
                found.push_back({term, term, frequency});
            }
        }
        return found;
    }
    std::size_t scanned = 0;
    for (auto it = database.allterms_begin(prefix);
         it != database.allterms_end(prefix) && scanned < kMaxScan; ++it, ++scanned) {
        const Xapian::doccount frequency = it.get_termfreq();
        if (frequency >= min_frequency) {
            std::string term = *it;
            found.push_back({term.substr(strip), std::move(term), frequency});
        }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.frequency != b.frequency ? a.frequency > b.frequency : a.term < b.term;
    });
    return found;
}

/// A title phrase as people write it: the space between two words is dropped where both
/// sides are of a script written without spaces ("ツール バー" is ツールバー).
std::string as_written(std::string_view phrase) {
    std::string out;
    for (std::size_t i = 0; i < phrase.size(); ++i) {
        if (phrase[i] == ' ' && is_unspaced_script(last_code_point(phrase.substr(0, i))) &&
            is_unspaced_script(first_code_point(phrase.substr(i + 1)))) {
            continue;
        }
        out += phrase[i];
    }
    return out;
}

class Suggester {
public:
    /// `typed`: what the visitor typed, never offered back as a suggestion of itself.
    Suggester(const Xapian::Database& database,
              const std::optional<Xapian::Query>& filter,
              Suggestions& out,
              std::size_t limit,
              std::string_view typed)
        : database_(database)
        , filter_(filter)
        , out_(out)
        , limit_(limit)
        , typed_(casefold(trim(typed))) {}

    /// Adds the best of `candidates` (after `head`) that have pages under the filter.
    void add(const std::vector<Candidate>& candidates,
             const std::string& head,
             const char* kind,
             std::size_t slots) {
        for (const auto& candidate : candidates) {
            if (slots == 0 || out_.suggestions.size() >= limit_) {
                return;
            }
            std::string text = head + as_written(candidate.completion);
            // A completion that is the word as typed ("heart at" → "heart at") adds nothing.
            if (casefold(text) == typed_ || !offered_.insert(text).second ||
                !has_pages(Xapian::Query(candidate.term))) {
                continue;
            }
            out_.suggestions.push_back({std::move(text), kind, ""});
            --slots;
        }
    }

    /// Titles matching `query`, best first.
    void add_titles(const Xapian::Query& query) {
        if (out_.suggestions.size() >= limit_) {
            return;
        }
        Xapian::Enquire enquire(database_);
        enquire.set_query(filtered(query));
        const auto wanted = static_cast<Xapian::doccount>(limit_ - out_.suggestions.size());
        const Xapian::MSet mset = enquire.get_mset(0, wanted + 2);
        for (auto it = mset.begin(); it != mset.end() && out_.suggestions.size() < limit_; ++it) {
            auto fields = decode_stored_fields(it.get_document().get_data());
            if (offered_.insert(fields.title).second) {
                out_.suggestions.push_back(
                    {std::move(fields.title), "title", std::move(fields.url)});
            }
        }
    }

private:
    Xapian::Query filtered(const Xapian::Query& query) const {
        return filter_ ? Xapian::Query(Xapian::Query::OP_FILTER, query, *filter_) : query;
    }

    bool has_pages(const Xapian::Query& query) const {
        if (!filter_) {
            return true; // the term is in the index: it has pages
        }
        Xapian::Enquire enquire(database_);
        enquire.set_query(filtered(query));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        return enquire.get_mset(0, 1).size() > 0;
    }

    const Xapian::Database& database_;
    const std::optional<Xapian::Query>& filter_;
    Suggestions& out_;
    std::size_t limit_;
    std::string typed_; ///< casefolded, without surrounding spaces
    std::set<std::string> offered_;
};

} // namespace

void suggest(const Xapian::Database& database,
             Analyzer& analyzer,
             const QueryRules& rules,
             const SuggestQuery& query,
             const std::optional<Xapian::Query>& filter,
             Suggestions& out) {
    const std::string_view typed = std::string_view(query.text).substr(0, Query::kMaxQueryBytes);
    auto tokens = analyzer.tokenize(typed);
    if (tokens.empty()) {
        return;
    }
    // The last word is still being typed unless a space follows it.
    const bool typing = !is_space(typed.back());
    if (typing &&
        database.allterms_begin(tokens.back().text) == database.allterms_end(tokens.back().text)) {
        cut_last_typed_run(database, tokens); // "ツールバ" → ツール + バ, as ツール バー
    }
    const Token& last = tokens.back();
    const std::string head(typed.substr(0, last.begin));

    // What the last word may become: itself as a prefix, or, when no word starts with it,
    // the beginnings a typo in it may have meant.
    std::vector<std::string> beginnings{last.text};
    if (typing && database.allterms_begin(last.text) == database.allterms_end(last.text)) {
        const TypoVariants variants = find_typo_variants(database, last.text, true, rules.search);
        beginnings.clear();
        for (const auto& prefix : variants.prefixes) {
            beginnings.push_back(prefix.text);
        }
    }

    Suggester suggester(database, filter, out, query.limit, typed);
    const std::size_t completion_slots = (query.limit + 1) / 2;
    // Phrases of titles: the word before and the one being typed ("heart at" → "heart
    // attack"), or the one being typed and the next ("hear" → "heart attack"); after a
    // space, the word typed and the next.
    std::vector<Candidate> phrases;
    std::string phrase_head = head;
    const std::string phrase_prefix(schema::kTitlePhrasePrefix);
    if (tokens.size() >= 2 && typing) {
        const Token& before = tokens[tokens.size() - 2];
        phrase_head = std::string(typed.substr(0, before.begin));
        for (const auto& beginning : beginnings) {
            auto found = completions(database, phrase_prefix + before.text + ' ' + beginning,
                                     phrase_prefix.size(), kMinPhraseTitles);
            phrases.insert(phrases.end(), found.begin(), found.end());
        }
    } else {
        for (const auto& beginning : beginnings) {
            auto found = completions(database, phrase_prefix + beginning + (typing ? "" : " "),
                                     phrase_prefix.size(), kMinPhraseTitles);
            phrases.insert(phrases.end(), found.begin(), found.end());
        }
    }
    std::vector<Candidate> words;
    if (typing) {
        for (const auto& beginning : beginnings) {
            auto found = completions(database, beginning, 0, 1);
            words.insert(words.end(), found.begin(), found.end());
        }
    }
    // Half the completions for phrases, the rest (and what phrases leave) for words.
    suggester.add(phrases, phrase_head, "phrase", (completion_slots + 1) / 2);
    suggester.add(words, head, "term",
                  completion_slots - std::min(completion_slots, out.suggestions.size()));

    // Titles holding every word so far, the last one as typed, completed or corrected.
    std::vector<Xapian::Query> parts;
    const std::string title_prefix(schema::kTitlePrefix);
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        parts.emplace_back(title_prefix + tokens[i].text);
    }
    std::vector<Xapian::Query> last_forms;
    for (const auto& beginning : beginnings) {
        if (typing) {
            last_forms.emplace_back(Xapian::Query::OP_WILDCARD, title_prefix + beginning,
                                    kMaxPrefixExpansion,
                                    Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        } else {
            last_forms.emplace_back(title_prefix + beginning);
        }
    }
    if (last_forms.empty()) {
        return;
    }
    parts.emplace_back(Xapian::Query::OP_OR, last_forms.begin(), last_forms.end());
    suggester.add_titles(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
}

} // namespace libsearch::detail
