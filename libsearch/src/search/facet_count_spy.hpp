#pragma once

#include "index/stored_fields.hpp"

#include <xapian.h>

#include <cstdint>
#include <vector>

namespace libsearch::detail {

/// Counts facet values over every matching document: each facet's value slot holds the
/// document's value ids (varints), and a count is an increment in a dense array, with no
/// string handled per document. Runs in-process only (a remote shard would need it
/// registered with xapian-tcpsrv; see ARCHITECTURE.md).
class FacetCountSpy : public Xapian::MatchSpy {
public:
    struct Counter {
        Xapian::valueno slot;
        std::vector<std::uint64_t>* counts; ///< indexed by value id; owned by the caller
    };

    explicit FacetCountSpy(std::vector<Counter> counters)
        : counters_(std::move(counters)) {}

    void operator()(const Xapian::Document& doc, double /*weight*/) override {
        ++documents_;
        for (const auto& counter : counters_) {
            auto& counts = *counter.counts;
            for_each_varint(doc.get_value(counter.slot), [&](std::uint32_t id) {
                if (id < counts.size()) {
                    ++counts[id];
                }
            });
        }
    }

    /// Documents seen: fewer than the match count means counting was cut short.
    Xapian::doccount documents() const noexcept { return documents_; }

private:
    std::vector<Counter> counters_;
    Xapian::doccount documents_ = 0;
};

} // namespace libsearch::detail
