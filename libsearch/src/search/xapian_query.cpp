#include "search/xapian_query.hpp"

#include "index/completion_table.hpp"
#include "index/schema.hpp"
#include "search/typo_tolerance.hpp"
#include "text/languages.hpp"
#include "text/stop_words.hpp"
#include "text/text_util.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <optional>

namespace libsearch::detail {

namespace {

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

Xapian::Query scaled(Xapian::Query query, double factor) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, std::move(query), factor);
}

Xapian::Query join(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
    return parts.size() == 1 ? parts.front() : Xapian::Query(op, parts.begin(), parts.end());
}

/// A clause that is one plain word: the unit synonyms and stop words apply to.
const QueryAtom* plain_word(const QueryClause& clause) {
    if (clause.negated || clause.alternatives.size() != 1) {
        return nullptr;
    }
    const QueryAtom& atom = clause.alternatives.front();
    return atom.kind == QueryAtom::Kind::word && !atom.title ? &atom : nullptr;
}

class QueryBuilder {
public:
    QueryBuilder(Analyzer& analyzer, const QueryRules& rules, const TextQueryOptions& options)
        : analyzer_(analyzer)
        , rules_(rules)
        , database_(options.database)
        , vocabulary_(rules.search.typos && options.correct_typos ? options.database : nullptr)
        , typing_expansion_(options.typing_expansion)
        , prefix_expansion_(options.prefix_expansion)
        , typo_cache_(options.typo_cache)
        , stem_languages_(options.stem_languages) {}

    /// The query of one atom, or nullopt when it holds no word (punctuation only).
    std::optional<Xapian::Query> atom(const QueryAtom& atom) {
        std::size_t too_long = 0;
        auto tokens = analyzer_.tokenize(atom.text, 0, &too_long);
        if (too_long > 0) {
            // A word longer than any the index holds (Analyzer::kMaxWordBytes): no page
            // matches it. Dropping it instead made "<65 letters>" match every page.
            return Xapian::Query();
        }
        if (tokens.empty()) {
            return std::nullopt;
        }
        const std::string prefix = atom.title ? std::string(schema::kTitlePrefix) : std::string();
        if (atom.kind == QueryAtom::Kind::word && atom.typing && prefix.empty() &&
            database_ != nullptr) {
            cut_last_typed_run(*database_, tokens); // "ツールチ" → ツール + チ
        }
        if (atom.kind == QueryAtom::Kind::word && prefix.empty() && is_unspaced_run(tokens)) {
            return unspaced_run(atom, tokens);
        }
        std::vector<Xapian::Query> parts;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const Token& token = tokens[i];
            const bool last = i + 1 == tokens.size();
            if (atom.kind == QueryAtom::Kind::prefix && last) {
                terms_.prefixes.push_back(token.text);
                parts.push_back(completions(
                    prefix + token.text, prefix_expansion_,
                    prefix_expansion_ < kMaxPrefixExpansion ? &prefixes_narrowed_ : nullptr));
                continue;
            }
            terms_.words.insert(token.text);
            if (atom.kind == QueryAtom::Kind::phrase || !prefix.empty()) {
                parts.emplace_back(prefix + token.text); // exactly as typed
                continue;
            }
            parts.push_back(word(atom, token, atom.typing && last));
        }
        if (parts.size() == 1) {
            return parts.front();
        }
        // Several words in one atom: a quoted phrase, or a word the analyzer cut ("e-mail",
        // "covid-19"), which must stay together; words of other scripts cut from one run
        // (Korean, mixed scripts) only need to co-occur, as segmentation depends on context.
        const bool together = atom.kind == QueryAtom::Kind::phrase ||
                              (atom.kind == QueryAtom::Kind::word && is_ascii(atom.text));
        if (together && atom.kind != QueryAtom::Kind::prefix) {
            return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                                 static_cast<Xapian::termcount>(parts.size()));
        }
        return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }

    /// The query of a phrase given as normalised words (a synonym), unranked by title.
    Xapian::Query phrase(const std::vector<std::string>& words) {
        std::vector<Xapian::Query> parts;
        for (const auto& word : words) {
            terms_.words.insert(word);
            parts.emplace_back(word);
        }
        if (parts.size() == 1) {
            return with_stem(words.front());
        }
        return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                             static_cast<Xapian::termcount>(parts.size()));
    }

    /// Two or more words of a script written without spaces, cut from one query word with
    /// nothing between them ("浏览器" → 浏览 器, "ツールチ" → ツール チ).
    static bool is_unspaced_run(const std::vector<Token>& tokens) {
        if (tokens.size() < 2) {
            return false;
        }
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (!is_unspaced_script(first_code_point(tokens[i].text)) ||
                (i > 0 && tokens[i - 1].end != tokens[i].begin)) {
                return false;
            }
        }
        return true;
    }

    /// The words of one unspaced run, side by side (a phrase), or the one word a page may
    /// hold where its text cut them otherwise. While typed, the last word is completed in
    /// its place in the run: "ツールチ" finds ツール チップ, not any page with ツール and some
    /// word starting with チ.
    Xapian::Query unspaced_run(const QueryAtom& atom, const std::vector<Token>& tokens) {
        QueryTerms::Run run;
        std::string joined;
        std::vector<Xapian::Query> parts;
        std::vector<Xapian::Query> title_parts;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const std::string& word = tokens[i].text;
            run.words.push_back(word);
            joined += word;
            if (atom.typing && i + 1 == tokens.size()) {
                parts.push_back(run_completions(word));
            } else {
                parts.emplace_back(word);
                title_parts.emplace_back(std::string(schema::kTitlePrefix) + word);
            }
        }
        const auto size = static_cast<Xapian::termcount>(parts.size());
        std::vector<Xapian::Query> forms{
            Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), size)};
        if (atom.typing) {
            run.last_is_prefix = true;
            terms_.prefixes.push_back(joined);
            forms.push_back(completions(joined, typing_expansion_, &completions_cut_));
        } else {
            terms_.words.insert(joined);
            forms.emplace_back(joined);
            title_boosts_.emplace_back(Xapian::Query::OP_PHRASE, title_parts.begin(),
                                       title_parts.end(), size);
            // A word written short (Japanese 手続 for 手続き, 及 for 及び: the same word with
            // or without its kana ending) leaves the run's last word unfinished: it also
            // matches completed, in its place, ranked as a stem match.
            parts.back() = run_completions(run.words.back());
            forms.push_back(
                scaled(Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), size),
                       kStemWeight));
            run.last_is_prefix = true;
        }
        terms_.runs.push_back(std::move(run));
        return join(Xapian::Query::OP_OR, forms);
    }

    /// The most frequent words a run's last word, unfinished, may become, inside a phrase,
    /// which takes an OR of terms (not a wildcard, nor a synonym). As many as the table of
    /// completions keeps: a one-letter beginning (チ, 器) is never a vocabulary scan.
    Xapian::Query run_completions(const std::string& beginning) const {
        if (database_ == nullptr) {
            return Xapian::Query(beginning);
        }
        return completions(beginning, kCompletionsPerPrefix, nullptr, Xapian::Query::OP_OR);
    }

    /// Title terms of the words looked for: pages with them in the title rank first.
    const std::vector<Xapian::Query>& title_boosts() const { return title_boosts_; }
    std::vector<Correction> take_corrections() { return std::move(corrections_); }
    bool completions_cut() const { return completions_cut_; }
    bool prefixes_narrowed() const { return prefixes_narrowed_; }
    QueryTerms take_terms() { return std::move(terms_); }

private:
    /// One word: as typed, its stem, its completions while being typed, and what a typo
    /// in it may have meant, in that order of weight.
    Xapian::Query word(const QueryAtom& atom, const Token& token, bool typing) {
        const std::string& text = token.text;
        std::vector<Xapian::Query> forms{
            with_stem(text, atom.text.substr(token.begin, token.end - token.begin))};
        title_boosts_.emplace_back(std::string(schema::kTitlePrefix) + text);
        if (typing) {
            terms_.prefixes.push_back(text);
            forms.push_back(completions(text, typing_expansion_, &completions_cut_));
            // A completion in a title is the likelier one: "security consi" is after the
            // page titled "Security considerations".
            title_boosts_.push_back(
                completions(std::string(schema::kTitlePrefix) + text, kTitleTypingExpansion));
        }
        if (vocabulary_ != nullptr) {
            const TypoVariants& variants = typo_variants(text, typing);
            for (const auto& correction : variants.words) {
                // The word meant matches as it would typed right: with its stem.
                terms_.words.insert(correction.text);
                forms.push_back(scaled(with_stem(correction.text), kTypoWeight));
            }
            for (const auto& prefix : variants.prefixes) {
                terms_.prefixes.push_back(prefix.text);
                forms.push_back(
                    scaled(Xapian::Query(Xapian::Query::OP_WILDCARD, prefix.text, kTypingExpansion,
                                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                           kTypoWeight));
            }
            if (!variants.meant.empty()) {
                title_boosts_.push_back(
                    scaled(Xapian::Query(std::string(schema::kTitlePrefix) + variants.meant),
                           kTypoWeight));
                Correction correction{atom.offset + token.begin,
                                      atom.offset + token.end,
                                      variants.meant,
                                      variants.typed_frequency,
                                      {variants.meant}};
                if (!typing) {
                    for (const auto& candidate : variants.words) {
                        if (candidate.text != variants.meant) {
                            correction.candidates.push_back(candidate.text);
                        }
                    }
                }
                corrections_.push_back(std::move(correction));
            }
        }
        return join(Xapian::Query::OP_OR, forms);
    }

    const TypoVariants& typo_variants(const std::string& word, bool typing) {
        TypoCache& cache = typo_cache_ != nullptr ? *typo_cache_ : own_cache_;
        return cache.get(*vocabulary_, word, typing, rules_.search);
    }

    /// The most frequent `limit` terms starting with `prefix`, as one term (`op`: OP_OR
    /// inside a phrase). `cut`, when given, is set if there were more completions than
    /// `limit`.
    Xapian::Query completions(const std::string& prefix,
                              Xapian::termcount limit,
                              bool* cut = nullptr,
                              Xapian::Query::op op = Xapian::Query::OP_SYNONYM) const {
        if (database_ == nullptr) {
            return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, limit,
                                 Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        }
        const auto terms = most_frequent_completions(*database_, prefix, limit);
        if (cut != nullptr) {
            *cut = *cut || terms.size() >= limit; // a full list: there may be more
        }
        // One term for weighting, as OP_WILDCARD combines its expansions; none: no match.
        return Xapian::Query(terms.empty() ? Xapian::Query::OP_OR : op, terms.begin(), terms.end());
    }

    /// The exact word and its stem in each language: a page with the exact word matches
    /// both and ranks above one that only shares the stem. Each language's stem is its own
    /// term, so a French page matches the French stem of the word and no other. `written`:
    /// the word as typed, accents and all (Analyzer::stem).
    Xapian::Query with_stem(const std::string& word, std::string_view written = {}) {
        std::vector<Xapian::Query> stems;
        for (const auto& language : stem_languages_) {
            for (auto& stem : analyzer_.stems(word, written, language)) {
                stem = held_stem(language, std::move(stem));
                stems.emplace_back(schema::stem_term(language, stem));
                terms_.stems[language].insert(std::move(stem));
            }
        }
        if (stems.empty()) {
            return Xapian::Query(word);
        }
        return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(word),
                             scaled(join(Xapian::Query::OP_OR, stems), kStemWeight));
    }

    /// `stem`, or when no page of the language holds it and it ends in an inflection
    /// Snowball leaves whole (kUnstemmedEndings: French `ajoutons` stays `ajouton` while
    /// `ajoute` and `ajoutées` are `ajout`), the stem without that ending, if pages hold it
    /// and it keeps at least kMinHeldStem letters. Only listed endings: in general a shorter
    /// stem is another word (`tablet` is not `table`).
    std::string held_stem(const std::string& language, std::string stem) const {
        if (database_ == nullptr) {
            return stem;
        }
        for (const auto& [ending_language, ending] : kUnstemmedEndings) {
            if (ending_language != language || !stem.ends_with(ending) ||
                count_code_points(stem) < kMinHeldStem + count_code_points(ending) ||
                database_->get_termfreq(schema::stem_term(language, stem)) > 0) {
                continue;
            }
            std::string shorter = stem.substr(0, stem.size() - ending.size());
            if (database_->get_termfreq(schema::stem_term(language, shorter)) > 0) {
                return shorter;
            }
        }
        return stem;
    }

    /// Inflections Snowball's stemmers leave on a stem, by stemmer language: French verbs'
    /// first person plural (-ons: `ajoutons` → `ajouton`, `publions` → `publion`).
    static constexpr std::pair<std::string_view, std::string_view> kUnstemmedEndings[] = {
        {"french", "on"},
    };

    static constexpr std::size_t kMinHeldStem = 5;

    Analyzer& analyzer_;
    const QueryRules& rules_;
    const Xapian::Database* database_;
    const Xapian::Database* vocabulary_; ///< null: no typo corrections
    Xapian::termcount typing_expansion_;
    Xapian::termcount prefix_expansion_;
    TypoCache* typo_cache_;
    TypoCache own_cache_;
    const std::vector<std::string>& stem_languages_;
    bool completions_cut_ = false;
    bool prefixes_narrowed_ = false;
    QueryTerms terms_;
    std::vector<Xapian::Query> title_boosts_;
    std::vector<Correction> corrections_;
};

/// Where a synonym member starts in a run of plain-word clauses.
struct SynonymMatch {
    std::size_t first = 0;  ///< clause index
    std::size_t length = 0; ///< clauses (words)
    const SynonymGroup* group = nullptr;
    std::size_t member = 0;
};

/// The longest synonym member that starts at each plain word, left to right, not
/// overlapping. `words[i]` is the one normalised word of clause i, or empty.
std::vector<SynonymMatch> find_synonyms(const std::vector<std::string>& words,
                                        const std::vector<SynonymGroup>& groups) {
    std::vector<SynonymMatch> matches;
    for (std::size_t i = 0; i < words.size();) {
        SynonymMatch best;
        for (const auto& group : groups) {
            for (std::size_t m = 0; m < group.members.size(); ++m) {
                const auto& member = group.members[m];
                if (member.size() <= best.length || i + member.size() > words.size() ||
                    !std::equal(member.begin(), member.end(), words.begin() + i)) {
                    continue;
                }
                best = {i, member.size(), &group, m};
            }
        }
        if (best.group == nullptr) {
            ++i;
            continue;
        }
        matches.push_back(best);
        i += best.length;
    }
    return matches;
}

} // namespace

std::vector<SynonymGroup> synonym_groups(const std::vector<SynonymConfig>& synonyms,
                                         Analyzer& analyzer) {
    std::vector<SynonymGroup> groups;
    const auto words_of = [&](const std::string& text) {
        std::vector<std::string> words;
        for (auto& token : analyzer.tokenize(text)) {
            words.push_back(std::move(token.text));
        }
        return words;
    };
    for (const auto& synonym : synonyms) {
        SynonymGroup group;
        group.members.push_back(words_of(synonym.phrase));
        for (const auto& alternative : synonym.alternatives) {
            group.members.push_back(words_of(alternative));
        }
        std::erase_if(group.members, [](const auto& member) { return member.empty(); });
        if (group.members.size() >= 2) {
            groups.push_back(std::move(group));
        }
    }
    return groups;
}

TextQuery build_text_query(const ParsedQuery& parsed,
                           Analyzer& analyzer,
                           const QueryRules& rules,
                           TextQueryOptions options) {
    std::size_t prefixes = 0;
    for (const auto& clause : parsed.clauses) {
        prefixes += std::count_if(
            clause.alternatives.begin(), clause.alternatives.end(),
            [](const QueryAtom& atom) { return atom.kind == QueryAtom::Kind::prefix; });
    }
    if (prefixes > 0) {
        options.prefix_expansion = std::clamp<Xapian::termcount>(
            static_cast<Xapian::termcount>(kPrefixExpansionBudget / prefixes), kMinPrefixExpansion,
            options.prefix_expansion);
    }
    QueryBuilder builder(analyzer, rules, options);
    // Excluded words are never highlighted nor corrected.
    TextQueryOptions exact = options;
    exact.correct_typos = false;
    QueryBuilder excluded_words(analyzer, rules, exact);
    const auto& clauses = parsed.clauses;
    const std::string& stop_word_language =
        options.language.empty() ? rules.language : options.language;

    // The one word of each plain-word clause: what synonyms, stop words and proximity look
    // at. A word still being typed may be a stop word's beginning ("the" of "theory").
    std::vector<std::string> plain(clauses.size());
    std::vector<bool> stop(clauses.size());
    for (std::size_t i = 0; i < clauses.size(); ++i) {
        if (const QueryAtom* atom = plain_word(clauses[i])) {
            auto tokens = analyzer.tokenize(atom->text);
            if (tokens.size() == 1) {
                plain[i] = std::move(tokens.front().text);
                stop[i] = rules.search.stop_words && !atom->typing &&
                          is_stop_word(plain[i], stop_word_language);
            }
        }
    }
    std::vector<Xapian::Query> required;
    std::vector<Xapian::Query> optional; // stop words: rank, but need not match
    std::vector<Xapian::Query> excluded;
    std::vector<SynonymMatch> synonyms = find_synonyms(plain, rules.synonyms);
    auto next_synonym = synonyms.begin();
    for (std::size_t i = 0; i < clauses.size(); ++i) {
        if (next_synonym != synonyms.end() && next_synonym->first == i) {
            // The words as typed, or any other member of the group as a phrase.
            std::vector<Xapian::Query> words;
            for (std::size_t k = 0; k < next_synonym->length; ++k) {
                if (auto query = builder.atom(clauses[i + k].alternatives.front())) {
                    words.push_back(std::move(*query));
                }
            }
            std::vector<Xapian::Query> members{join(Xapian::Query::OP_AND, words)};
            const auto& group = *next_synonym->group;
            for (std::size_t m = 0; m < group.members.size(); ++m) {
                if (m != next_synonym->member) {
                    members.push_back(builder.phrase(group.members[m]));
                }
            }
            required.push_back(join(Xapian::Query::OP_OR, members));
            i += next_synonym->length - 1;
            ++next_synonym;
            continue;
        }
        const QueryClause& clause = clauses[i];
        std::vector<Xapian::Query> alternatives;
        for (const auto& atom : clause.alternatives) {
            if (auto query = (clause.negated ? excluded_words : builder).atom(atom)) {
                alternatives.push_back(std::move(*query));
            }
        }
        if (alternatives.empty()) {
            continue;
        }
        Xapian::Query query = join(Xapian::Query::OP_OR, alternatives);
        if (clause.negated) {
            excluded.push_back(std::move(query));
        } else if (stop[i]) {
            optional.push_back(std::move(query));
        } else {
            required.push_back(std::move(query));
        }
    }
    if (required.empty()) {
        required.swap(optional); // a query of stop words only ("the who") needs them all
    }
    for (const auto& [facet, values] : parsed.excluded_filters) {
        excluded.push_back(facet_filter(facet, values));
    }
    TextQuery text;
    text.has_words = !required.empty();
    text.match_all = required.empty() && excluded.empty();
    if (required.empty()) {
        // Query(std::string()) matches everything; the shared static MatchAll must not
        // cross threads.
        text.query = Xapian::Query(std::string());
    } else {
        text.query = join(Xapian::Query::OP_AND, required);
        std::vector<Xapian::Query> boosts = builder.title_boosts();
        boosts.insert(boosts.end(), optional.begin(), optional.end());
        // Pages with the plain words close together, in order, rank first: within a window
        // of one extra word per word ("open source" in "open-source control").
        std::vector<Xapian::Query> near;
        for (const auto& word : plain) {
            if (!word.empty()) {
                near.emplace_back(word);
            }
        }
        if (near.size() >= 2) {
            boosts.emplace_back(Xapian::Query::OP_PHRASE, near.begin(), near.end(),
                                static_cast<Xapian::termcount>(2 * near.size()));
        }
        if (!boosts.empty()) {
            text.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, text.query,
                                       join(Xapian::Query::OP_OR, boosts));
        }
    }
    if (!excluded.empty()) {
        text.query = Xapian::Query(Xapian::Query::OP_AND_NOT, text.query,
                                   join(Xapian::Query::OP_OR, excluded));
    }
    text.terms = builder.take_terms();
    text.corrections = builder.take_corrections();
    text.completions_cut = builder.completions_cut();
    text.prefixes_narrowed = builder.prefixes_narrowed();
    return text;
}

Xapian::Query facet_filter(const std::string& facet, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    terms.reserve(values.size());
    for (const auto& value : values) {
        // The language facet holds tags in one form (`pt_BR` is filed as pt-br).
        terms.emplace_back(schema::facet_term(
            facet, facet == kLanguageFacet ? language_tag(value) : casefold(trim(value))));
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

} // namespace libsearch::detail
