#pragma once

// The plain-Xapian baseline the engine is measured against: what a careful developer would
// write with Xapian 1.4 alone (TermGenerator, QueryParser, ValueCountMatchSpy, no ICU),
// indexing the same Documents (with spelling data) and answering the same queries
// (QueryParser with FLAG_PARTIAL and FLAG_SPELLING_CORRECTION).

#include <libsearch/config.hpp>
#include <libsearch/document.hpp>

#include <xapian.h>

#include <string>
#include <vector>

namespace bench {

class BaselineIndexer {
public:
    BaselineIndexer(const libsearch::Config& config, const std::string& path, unsigned batch);
    void add(const libsearch::Document& document);
    void commit() { database_.commit(); }
    Xapian::doccount documents() const { return database_.get_doccount(); }

private:
    Xapian::WritableDatabase database_;
    Xapian::TermGenerator generator_;
    std::vector<std::string> facets_;
    unsigned batch_;
    unsigned pending_ = 0;
};

struct BaselineAnswer {
    Xapian::doccount total = 0;
    std::vector<std::string> ids;
};

class BaselineSearcher {
public:
    BaselineSearcher(const libsearch::Config& config, const std::string& path);
    /// Text query (AND of words, English stems, partial last word as a search box would),
    /// every facet counted over all matches, 10 hits with data and a snippet each; the
    /// empty text is every document, newest first. `facet`/`value`, if given, filter by a
    /// facet value (as written in the page). Without `count_facets`, the top 10 only, with
    /// an estimated total (Xapian may stop early).
    BaselineAnswer search(const std::string& text,
                          const std::string& facet = {},
                          const std::string& value = {},
                          bool count_facets = true);

private:
    Xapian::Database database_;
    Xapian::QueryParser parser_;
    std::vector<std::string> facets_;
};

} // namespace bench
