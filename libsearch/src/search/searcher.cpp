#include "index/facet_dictionary.hpp"
#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "load/dates.hpp"
#include "search/facet_count_spy.hpp"
#include "search/query_parser.hpp"
#include "search/ranking.hpp"
#include "search/suggester.hpp"
#include "search/xapian_query.hpp"
#include "text/languages.hpp"
#include "text/snippet.hpp"
#include "text/text_util.hpp"
#include "xapian_errors.hpp"

#include <libsearch/analyzer.hpp>
#include <libsearch/error.hpp>
#include <libsearch/index.hpp>
#include <libsearch/searcher.hpp>
#include <libsearch/version.hpp>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <set>

namespace libsearch {

namespace schema = detail::schema;

namespace {

/// One facet of the open generation: its values and their counts over all documents.
struct FacetInfo {
    std::string name;
    Xapian::valueno slot = 0;
    detail::FacetDictionary dictionary;
    std::vector<std::uint64_t> all_counts; ///< match-all counts, computed once per generation
    bool counted_by_default = true;        ///< false: only when a query names it
};

void validate(const Query& query) {
    if (query.page == 0) {
        throw Error(ErrorCode::invalid_argument, "page must be 1 or more");
    }
    if (query.per_page == 0 || query.per_page > Query::kMaxPerPage) {
        throw Error(ErrorCode::invalid_argument,
                    "per_page must be between 1 and " + std::to_string(Query::kMaxPerPage));
    }
    if (static_cast<std::uint64_t>(query.page) * query.per_page > Query::kMaxWindow) {
        throw Error(ErrorCode::invalid_argument,
                    "page × per_page may not exceed " + std::to_string(Query::kMaxWindow));
    }
    if (query.facet_values == 0 || query.facet_values > Query::kMaxFacetValues) {
        throw Error(ErrorCode::invalid_argument,
                    "facet values must be between 1 and " + std::to_string(Query::kMaxFacetValues));
    }
}

/// Appends `value` unless `values` has it already (a handful of languages: a scan).
void add_once(std::vector<std::string>& values, std::string value) {
    if (std::find(values.begin(), values.end(), value) == values.end()) {
        values.push_back(std::move(value));
    }
}

double day_start(std::chrono::sys_days day) {
    return static_cast<double>(std::chrono::sys_seconds{day}.time_since_epoch().count());
}

} // namespace

struct Searcher::Impl {
    Impl(const Config& config, const std::filesystem::path& dir)
        : index(dir)
        , ranking(config.ranking) {
        undated_last.add_value(schema::kDateSlot, false, std::string(1, '\xff'));
        rules.language = config.index.language;
        language_facet_configured =
            std::any_of(config.facets.begin(), config.facets.end(),
                        [](const FacetConfig& facet) { return facet.name == kLanguageFacet; });
        rules.search = config.search;
        rules.synonyms = detail::synonym_groups(config.synonyms, analyzer);
        open();
    }

    void open() {
        const auto current = index.current();
        if (!current) {
            throw Error(ErrorCode::index_unavailable,
                        "no index in '" + index.dir().string() + "' yet: run searchd reindex");
        }
        detail::translate_xapian_errors("open index '" + current->path.string() + "'", [&] {
            Xapian::Database opened(current->path.string(), Xapian::DB_BACKEND_GLASS);
            const std::string format = opened.get_metadata(std::string(schema::kFormatKey));
            if (format != std::to_string(kIndexFormat)) {
                throw Error(ErrorCode::index_format,
                            "index '" + current->path.string() + "' has format " +
                                (format.empty() ? std::string("(none)") : format) +
                                ", this build reads " + std::to_string(kIndexFormat) +
                                ": run searchd reindex --full");
            }
            std::vector<FacetInfo> opened_facets;
            const auto names = nlohmann::json::parse(
                opened.get_metadata(std::string(schema::kFacetNamesKey)), nullptr, false);
            if (names.is_array()) {
                for (std::size_t i = 0; i < names.size(); ++i) {
                    FacetInfo facet;
                    facet.name = names[i].is_string() ? names[i].get<std::string>() : std::string();
                    facet.slot = schema::kFacetSlotBase + static_cast<Xapian::valueno>(i);
                    facet.dictionary = detail::FacetDictionary::parse(
                        opened.get_metadata(schema::facet_dictionary_key(facet.name)));
                    facet.counted_by_default =
                        facet.name != kLanguageFacet || language_facet_configured;
                    facet.all_counts.resize(facet.dictionary.size());
                    for (std::uint32_t id = 0; id < facet.dictionary.size(); ++id) {
                        facet.all_counts[id] = opened.get_termfreq(schema::facet_term(
                            facet.name, detail::casefold(facet.dictionary.display(id))));
                    }
                    opened_facets.push_back(std::move(facet));
                }
            }
            std::vector<std::string> opened_languages;
            std::vector<std::string> opened_stem_languages;
            const std::string language_prefix(schema::kLanguagePrefix);
            for (auto it = opened.allterms_begin(language_prefix);
                 it != opened.allterms_end(language_prefix); ++it) {
                opened_languages.push_back((*it).substr(language_prefix.size()));
                if (auto stem_language = analyzer.stemmer_language(opened_languages.back());
                    !stem_language.empty()) {
                    add_once(opened_stem_languages, std::move(stem_language));
                }
            }
            database = std::move(opened);
            facets = std::move(opened_facets);
            languages = std::move(opened_languages);
            stem_languages = std::move(opened_stem_languages);
            typo_cache.clear(); // the vocabulary may have changed
            facet_names.clear();
            for (const auto& facet : facets) {
                facet_names.push_back(facet.name);
            }
            generation = current->name;
            indexed_at = database.get_metadata(std::string(schema::kCreatedKey));
            const auto written = detail::parse_date(indexed_at);
            updated_at =
                written
                    ? std::chrono::system_clock::time_point(detail::instant_of(*written, nullptr))
                    : std::chrono::system_clock::time_point{};
        });
    }

    const FacetInfo& facet(const std::string& name) const {
        for (const auto& facet : facets) {
            if (facet.name == name) {
                return facet;
            }
        }
        throw Error(ErrorCode::invalid_argument, "unknown facet '" + name + "'");
    }

    Result search(const Query& query) {
        validate(query);
        const auto started = std::chrono::steady_clock::now();
        // A writer updating this generation in place can invalidate the revision being
        // read: reopen and try once more, as Xapian's DatabaseModifiedError asks.
        Result result;
        detail::translate_xapian_errors("search", [&] {
            try {
                result = run(query, detail::kTypingExpansion);
            } catch (const Xapian::DatabaseModifiedError&) {
                open(); // a fresh Database, dictionaries and cached counts of the new revision
                result = run(query, detail::kTypingExpansion);
            }
        });
        result.took_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        return result;
    }

    /// The languages a query's words are analysed in. Stems: those of the languages the
    /// visitor filters on, else of every language the index holds (each matching its own
    /// pages). Stop words: the first language filtered on, else the first of the visitor's
    /// that the index holds (same primary language: "fr-CA" is "fr"), else the site's.
    /// Returns the visitor's languages as the index holds them (their tag, else those of the
    /// same primary language), when no filter decides: their pages rank first.
    std::vector<std::string>
    analyse_in(const std::map<std::string, std::vector<std::string>>& filters,
               const std::vector<std::string>& visitor,
               detail::TextQueryOptions& options) {
        const auto filtered = filters.find(std::string(kLanguageFacet));
        if (filtered != filters.end() && !filtered->second.empty()) {
            for (const auto& value : filtered->second) {
                // Only the index's own languages: a value from a URL is never a key of the
                // analyzer's stemmer cache (no other value matches a page anyway).
                const std::string tag = detail::language_tag(value);
                if (std::find(languages.begin(), languages.end(), tag) == languages.end()) {
                    continue;
                }
                if (auto stem_language = analyzer.stemmer_language(tag); !stem_language.empty()) {
                    add_once(options.stem_languages, std::move(stem_language));
                }
            }
            options.language = detail::language_tag(filtered->second.front());
            return {};
        }
        options.stem_languages = stem_languages;
        for (const auto& wanted : visitor) {
            const std::string tag = detail::language_tag(wanted);
            if (std::find(languages.begin(), languages.end(), tag) != languages.end()) {
                options.language = tag;
                return {tag};
            }
            std::vector<std::string> same;
            for (const auto& held : languages) {
                if (detail::primary_language(held) == detail::primary_language(tag)) {
                    same.push_back(held);
                }
            }
            if (!same.empty()) {
                options.language = same.front();
                return same;
            }
        }
        return {};
    }

    /// Between stages: stop when the caller no longer wants the answer.
    static void stop_if_cancelled(const Query& query) {
        if (query.cancelled && query.cancelled()) {
            throw Error(ErrorCode::cancelled, "the search was cancelled");
        }
    }

    Result run(const Query& query, Xapian::termcount typing_expansion) {
        stop_if_cancelled(query);
        Result result;
        result.query = query.text;
        result.page = query.page;
        result.per_page = query.per_page;

        detail::ParsedQuery parsed = detail::parse_query(query.text, facet_names);
        result.truncated = parsed.truncated;
        auto filters = query.filters;
        for (auto& [name, values] : parsed.filters) {
            auto& merged = filters[name];
            merged.insert(merged.end(), values.begin(), values.end());
        }
        std::map<std::string, Xapian::Query> filter_queries;
        for (const auto& [name, values] : filters) {
            facet(name); // throws for an unknown facet
            if (!values.empty()) {
                filter_queries.emplace(name, detail::facet_filter(name, values));
            }
        }
        std::optional<Xapian::Query> date_filter;
        if (query.from || query.to) {
            const std::string low =
                Xapian::sortable_serialise(query.from ? day_start(*query.from) : -1e18);
            const std::string high = Xapian::sortable_serialise(
                query.to ? day_start(*query.to + std::chrono::days{1}) - 1 : 1e18);
            date_filter =
                Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, low, high);
        }
        detail::TextQueryOptions text_options;
        text_options.database = &database;
        text_options.typing_expansion = typing_expansion;
        text_options.typo_cache = &typo_cache;
        const auto visitor_languages = analyse_in(filters, query.languages, text_options);
        detail::TextQuery text = detail::build_text_query(parsed, analyzer, rules, text_options);
        stop_if_cancelled(query);
        if (text.has_words && !visitor_languages.empty()) {
            text.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, text.query,
                                       detail::visitor_language_boost(visitor_languages));
        }
        if (text.has_words) {
            if (auto boosts = detail::ranking_boosts(
                    ranking, std::chrono::time_point_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now()))) {
                text.query =
                    Xapian::Query(Xapian::Query::OP_AND_MAYBE, text.query, std::move(*boosts));
            }
        }

        // `text` under every filter but the one of facet `skip` (none: all of them).
        const auto filtered_text = [&](const Xapian::Query& text_query, const std::string& skip) {
            std::vector<Xapian::Query> parts;
            for (const auto& [name, filter] : filter_queries) {
                if (name != skip) {
                    parts.push_back(filter);
                }
            }
            if (date_filter) {
                parts.push_back(*date_filter);
            }
            if (parts.empty()) {
                return text_query;
            }
            return Xapian::Query(Xapian::Query::OP_FILTER, text_query,
                                 Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
        };
        const auto filtered = [&](const std::string& skip) {
            return filtered_text(text.query, skip);
        };
        const bool unfiltered = text.match_all && filter_queries.empty() && !date_filter;

        std::vector<const FacetInfo*> counted;
        if (query.facets) {
            for (const auto& name : *query.facets) {
                const FacetInfo* info = &facet(name);
                if (std::find(counted.begin(), counted.end(), info) == counted.end()) {
                    counted.push_back(info); // facets=topic,topic counts topic once
                }
            }
        } else {
            for (const auto& facet : facets) {
                if (facet.counted_by_default) {
                    counted.push_back(&facet);
                }
            }
        }
        // Each counted facet's counts: the generation's cached match-all counts when they are the
        // answer (read, not copied), else counted into `own` by a spy. Sized once: the spies
        // keep pointers into it.
        struct Tally {
            const FacetInfo* facet = nullptr;
            std::vector<std::uint64_t> own;
            const std::vector<std::uint64_t>* counts = nullptr; ///< null: still to count
        };
        std::vector<Tally> tallies(counted.size());
        std::vector<detail::FacetCountSpy::Counter> main_counters;
        for (std::size_t i = 0; i < counted.size(); ++i) {
            const FacetInfo* facet = counted[i];
            Tally& tally = tallies[i];
            tally.facet = facet;
            if (unfiltered || (text.match_all && !date_filter && filter_queries.size() == 1 &&
                               filter_queries.count(facet->name) == 1)) {
                tally.counts = &facet->all_counts;
            } else if (filter_queries.count(facet->name) == 0) {
                tally.own.assign(facet->dictionary.size(), 0);
                tally.counts = &tally.own;
                main_counters.push_back({facet->slot, &tally.own});
            }
        }

        const Xapian::doccount all = database.get_doccount();
        Xapian::Enquire enquire(database);
        enquire.set_query(filtered(""));
        const Query::Sort sort =
            query.sort.value_or(text.has_words ? Query::Sort::relevance : Query::Sort::newest);
        switch (sort) {
        case Query::Sort::relevance:
            enquire.set_sort_by_relevance_then_value(schema::kDateSlot, true);
            break;
        case Query::Sort::newest:
            enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
            break;
        case Query::Sort::oldest:
            enquire.set_sort_by_key_then_relevance(&undated_last, false);
            break;
        }
        enquire.set_time_limit(std::chrono::duration<double>(query.time_limit).count());
        detail::FacetCountSpy main_spy(main_counters);
        if (!main_counters.empty()) {
            enquire.add_matchspy(&main_spy);
        }
        const Xapian::doccount offset = (query.page - 1) * query.per_page;
        // Totals are exact when facets are counted or filters are set (PRODUCT.md); a plain
        // as-you-type query without either may stop early with an estimate.
        const bool exact = !counted.empty() || !filter_queries.empty() || date_filter;
        // Whether to widen the completions below must not depend on the paging: the match
        // always looks far enough to tell "fewer than kWidenBelow" exactly.
        const bool may_widen =
            text.completions_cut && typing_expansion < detail::kWideTypingExpansion;
        const Xapian::doccount check_at_least = std::max<Xapian::doccount>(
            unfiltered || !exact ? 0 : all, may_widen ? detail::kWidenBelow : 0);
        const Xapian::MSet mset = enquire.get_mset(offset, query.per_page, check_at_least);
        result.total = unfiltered ? all : mset.get_matches_estimated();
        result.total_lower_bound = unfiltered ? all : mset.get_matches_lower_bound();
        result.total_upper_bound = unfiltered ? all : mset.get_matches_upper_bound();
        result.total_is_estimate = result.total_lower_bound != result.total_upper_bound;
        stop_if_cancelled(query);
        if (may_widen && mset.get_matches_lower_bound() < detail::kWidenBelow) {
            // Fewer than a default page of matches: widen the completions of the word being
            // typed (the rest is cheap with so few matches). Compared with a constant, never
            // with per_page, so that a total is the same whatever the page size.
            return run(query, detail::kWideTypingExpansion);
        }
        // The time limit only turns check_at_least off: counting stopped short when the spy
        // saw fewer documents than matched, or when the bounds no longer agree.
        result.degraded =
            text.prefixes_narrowed ||
            (!unfiltered && exact &&
             (mset.get_matches_lower_bound() != mset.get_matches_upper_bound() ||
              (!main_counters.empty() && main_spy.documents() < mset.get_matches_lower_bound())));

        // Disjunctive counts: a facet with a filter of its own is counted without it.
        for (auto& tally : tallies) {
            if (tally.counts != nullptr) {
                continue;
            }
            const FacetInfo* facet = tally.facet;
            tally.own.assign(facet->dictionary.size(), 0);
            tally.counts = &tally.own;
            if (tally.own.empty()) {
                continue; // no values in the index: nothing to count
            }
            stop_if_cancelled(query);
            detail::FacetCountSpy spy({{facet->slot, &tally.own}});
            Xapian::Enquire others(database);
            others.set_query(filtered(facet->name));
            others.set_weighting_scheme(Xapian::BoolWeight()); // counting only: no ranking
            others.set_docid_order(Xapian::Enquire::DONT_CARE);
            others.set_time_limit(std::chrono::duration<double>(query.time_limit).count());
            others.add_matchspy(&spy);
            const Xapian::MSet counted_set = others.get_mset(0, 0, all);
            result.degraded =
                result.degraded ||
                counted_set.get_matches_lower_bound() != counted_set.get_matches_upper_bound() ||
                spy.documents() < counted_set.get_matches_lower_bound();
        }
        for (const auto& tally : tallies) {
            const auto selected = filters.find(tally.facet->name);
            result.facets.push_back(top_values(
                *tally.facet, *tally.counts,
                selected == filters.end() ? nullptr : &selected->second, query.facet_values));
        }

        stop_if_cancelled(query);
        if (!text.corrections.empty()) {
            result.corrected =
                did_you_mean(query.text, text.corrections, [&](const std::string& q) {
                    detail::TextQueryOptions exact_options = text_options;
                    exact_options.correct_typos = false;
                    exact_options.typing_expansion = detail::kTypingExpansion;
                    exact_options.typo_cache = nullptr;
                    const auto exact = detail::build_text_query(detail::parse_query(q, facet_names),
                                                                analyzer, rules, exact_options);
                    Xapian::Enquire enquire(database);
                    enquire.set_query(filtered_text(exact.query, ""));
                    enquire.set_weighting_scheme(Xapian::BoolWeight());
                    return enquire.get_mset(0, 0, kCorrectionEvidence).get_matches_estimated();
                });
        }

        stop_if_cancelled(query);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const detail::StoredFields fields =
                detail::decode_stored_fields(it.get_document().get_data());
            Hit hit;
            hit.id = fields.id;
            hit.url = fields.url;
            hit.title = fields.title;
            hit.description = fields.description;
            hit.date = fields.date;
            hit.facets = fields.facets;
            hit.score = it.get_weight();
            hit.highlight.title =
                detail::highlight_all(fields.title, text.terms, analyzer, fields.language);
            hit.highlight.snippet =
                detail::make_snippet(fields.text.empty() ? fields.description : fields.text,
                                     text.terms, analyzer, fields.language);
            result.hits.push_back(std::move(hit));
        }
        return result;
    }

    /// Matches counted to compare a query with its correction: enough to tell "clearly more".
    static constexpr Xapian::doccount kCorrectionEvidence = 100;

    /// The query with each misspelt word replaced by the word meant, when that finds clearly
    /// more under the same filters (three times as many, or any when the query as typed
    /// finds none). Of a word's candidates, the one meant is the one whose query finds most,
    /// as a phrase first and then at all: "plian language" is "plain language", not the
    /// more frequent "plan". `count` counts the matches of a query text (exact up to
    /// kCorrectionEvidence, estimated beyond).
    template <typename Count>
    static std::optional<std::string>
    did_you_mean(const std::string& typed,
                 const std::vector<detail::Correction>& corrections,
                 Count&& count) {
        std::vector<std::string> chosen;
        for (const auto& correction : corrections) {
            chosen.push_back(correction.word);
        }
        const auto with = [&](const std::vector<std::string>& words) {
            std::string text = typed;
            for (std::size_t i = corrections.size(); i-- > 0;) {
                text.replace(corrections[i].begin, corrections[i].end - corrections[i].begin,
                             words[i]);
            }
            return text;
        };
        // Several words and no syntax of their own: how often the corrected words stand
        // together says best which candidate goes with the others.
        const bool phrase = typed.find_first_of("\"*:-") == std::string::npos &&
                            typed.find(' ') != std::string::npos;
        const auto evidence = [&](const std::string& text) {
            return std::pair{phrase ? count('"' + text + '"') : Xapian::doccount{0}, count(text)};
        };
        for (std::size_t i = 0; i < corrections.size(); ++i) {
            if (corrections[i].candidates.size() < 2) {
                continue;
            }
            auto best = evidence(with(chosen));
            for (const auto& candidate : corrections[i].candidates) {
                if (candidate == chosen[i]) {
                    continue;
                }
                auto trial = chosen;
                trial[i] = candidate;
                const auto found = evidence(with(trial));
                if (found > best) {
                    best = found;
                    chosen = std::move(trial);
                }
            }
        }
        const std::string corrected = with(chosen);
        if (corrected == typed) {
            return std::nullopt;
        }
        const Xapian::doccount better = count(corrected);
        if (better == 0) {
            return std::nullopt;
        }
        // A word that no page holds: the query as typed finds nothing (no need to ask).
        const bool absent = std::any_of(corrections.begin(), corrections.end(),
                                        [](const auto& c) { return c.typed_frequency == 0; });
        const Xapian::doccount as_typed = absent ? 0 : count(typed);
        if (as_typed > 0 && better < 3 * as_typed) {
            return std::nullopt;
        }
        return corrected;
    }

    Suggestions suggest(const SuggestQuery& query) {
        if (query.limit == 0 || query.limit > SuggestQuery::kMaxLimit) {
            throw Error(ErrorCode::invalid_argument,
                        "limit must be between 1 and " + std::to_string(SuggestQuery::kMaxLimit));
        }
        Suggestions out;
        out.query = query.text;
        detail::translate_xapian_errors("suggest", [&] { complete(query, out); });
        return out;
    }

    void complete(const SuggestQuery& query, Suggestions& out) {
        std::vector<Xapian::Query> filter_parts;
        for (const auto& [name, values] : query.filters) {
            facet(name); // throws for an unknown facet
            if (!values.empty()) {
                filter_parts.push_back(detail::facet_filter(name, values));
            }
        }
        std::optional<Xapian::Query> filter;
        if (!filter_parts.empty()) {
            filter = Xapian::Query(Xapian::Query::OP_AND, filter_parts.begin(), filter_parts.end());
        }
        detail::suggest(database, analyzer, rules, query, filter, out);
    }

    static FacetCounts top_values(const FacetInfo& facet,
                                  const std::vector<std::uint64_t>& counts,
                                  const std::vector<std::string>* selected,
                                  std::uint32_t limit) {
        FacetCounts out;
        out.name = facet.name;
        std::set<std::string> selected_folded;
        if (selected != nullptr) {
            for (const auto& value : *selected) {
                selected_folded.insert(detail::casefold(detail::trim(value)));
            }
        }
        std::vector<std::uint32_t> ids;
        for (std::uint32_t id = 0; id < counts.size(); ++id) {
            if (counts[id] > 0) {
                ids.push_back(id);
            }
        }
        const auto by_count = [&](std::uint32_t a, std::uint32_t b) {
            return counts[a] != counts[b]
                       ? counts[a] > counts[b]
                       : facet.dictionary.display(a) < facet.dictionary.display(b);
        };
        const std::size_t keep = std::min<std::size_t>(limit, ids.size());
        std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(keep), ids.end(),
                          by_count);
        ids.resize(keep);
        std::set<std::string> listed;
        for (const auto id : ids) {
            const std::string& display = facet.dictionary.display(id);
            const std::string folded = detail::casefold(display);
            listed.insert(folded);
            out.values.push_back({display, counts[id], selected_folded.count(folded) != 0});
        }
        // Selected values are always listed, with their count even if it is 0.
        if (selected != nullptr) {
            for (const auto& value : *selected) {
                const std::string folded = detail::casefold(detail::trim(value));
                if (!listed.insert(folded).second) {
                    continue;
                }
                const auto id = facet.dictionary.find(value);
                const std::uint64_t count = id && *id < counts.size() ? counts[*id] : 0;
                out.values.push_back(
                    {id ? facet.dictionary.display(*id) : std::string(detail::trim(value)), count,
                     true});
            }
        }
        return out;
    }

    Index index;
    RankingConfig ranking;
    /// Oldest first: undated pages have no date value, which sorts first going up; reading
    /// it as the largest key puts them last, as under newest. Made once, not per query.
    Xapian::MultiValueKeyMaker undated_last; ///< filled in the constructor
    Analyzer analyzer;
    detail::QueryRules rules;
    detail::TypoCache typo_cache;
    Xapian::Database database;
    std::vector<FacetInfo> facets;
    std::vector<std::string> facet_names;
    bool language_facet_configured = false;
    std::vector<std::string> languages;      ///< tags of the pages' languages, from L terms
    std::vector<std::string> stem_languages; ///< their stemmer languages, each once
    std::string generation;
    std::string indexed_at;
    std::chrono::system_clock::time_point updated_at{};
};

Searcher::Searcher(const Config& config)
    : Searcher(config, config.index.path) {}
Searcher::Searcher(const Config& config, const std::filesystem::path& index_dir)
    : impl_(std::make_unique<Impl>(config, index_dir)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

Result Searcher::search(const Query& query) {
    return impl_->search(query);
}

Suggestions Searcher::suggest(const SuggestQuery& query) {
    return impl_->suggest(query);
}

bool Searcher::refresh() {
    const auto current = impl_->index.current();
    if (!current) {
        return false;
    }
    if (current->name == impl_->generation) {
        // The same generation, perhaps updated in place by an incremental reindex: a new
        // revision means new facet values and counts too, so open it whole.
        const bool changed = detail::translate_xapian_errors(
            "reopen the index", [&] { return impl_->database.reopen(); });
        if (changed) {
            impl_->open();
        }
        return changed;
    }
    // A new generation is a new database: open it afresh (reopen() would stay on the old
    // folder's revisions).
    impl_->open();
    return true;
}

const std::string& Searcher::generation() const {
    return impl_->generation;
}
std::uint64_t Searcher::document_count() const {
    return impl_->database.get_doccount();
}
std::string Searcher::indexed_at() const {
    return impl_->indexed_at;
}

std::chrono::system_clock::time_point Searcher::updated_at() const {
    return impl_->updated_at;
}
const std::vector<std::string>& Searcher::facet_names() const {
    return impl_->facet_names;
}

} // namespace libsearch
