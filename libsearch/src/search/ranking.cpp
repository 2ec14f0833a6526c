#include "search/ranking.hpp"

#include "index/schema.hpp"
#include "text/text_util.hpp"

#include <cmath>
#include <vector>

namespace libsearch::detail {

namespace {

/// weight × 2^(−age / half-life) for each page with a date: a page from today gets the
/// whole weight, one a half-life old half of it. Dates in the future count as today.
class RecencySource final : public Xapian::ValuePostingSource {
public:
    RecencySource(double now, double half_life_days, double weight)
        : Xapian::ValuePostingSource(schema::kDateSlot)
        , now_(now)
        , half_life_seconds_(half_life_days * 86'400)
        , weight_(weight) {}

    void init(const Xapian::Database& database) override {
        Xapian::ValuePostingSource::init(database);
        set_maxweight(weight_);
    }

    double get_weight() const override {
        const double date = Xapian::sortable_unserialise(get_value());
        const double age = std::max(0.0, now_ - date);
        return weight_ * std::exp2(-age / half_life_seconds_);
    }

    RecencySource* clone() const override {
        return new RecencySource(now_, half_life_seconds_ / 86'400, weight_);
    }

    std::string name() const override { return "libsearch::RecencySource"; }

private:
    double now_;
    double half_life_seconds_;
    double weight_;
};

/// A fixed weight, only for the pages `pages` matches (a boolean filter).
Xapian::Query fixed_boost(double weight, Xapian::Query pages) {
    return Xapian::Query(Xapian::Query::OP_FILTER,
                         Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                         std::move(pages));
}

} // namespace

std::optional<Xapian::Query> ranking_boosts(const RankingConfig& ranking,
                                            std::chrono::sys_seconds now) {
    std::vector<Xapian::Query> parts;
    if (ranking.recency.weight > 0) {
        parts.emplace_back(
            (new RecencySource(static_cast<double>(now.time_since_epoch().count()),
                               ranking.recency.half_life_days, ranking.recency.weight))
                ->release());
    }
    for (const auto& boost : ranking.boost) {
        parts.push_back(fixed_boost(boost.weight, Xapian::Query(schema::facet_term(
                                                      boost.facet, casefold(trim(boost.value))))));
    }
    if (parts.empty()) {
        return std::nullopt;
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query visitor_language_boost(const std::vector<std::string>& tags) {
    std::vector<Xapian::Query> terms;
    for (const auto& tag : tags) {
        terms.emplace_back(schema::make_term(schema::kLanguagePrefix, tag));
    }
    return fixed_boost(kVisitorLanguageWeight,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

} // namespace libsearch::detail
