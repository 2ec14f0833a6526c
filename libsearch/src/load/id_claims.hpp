#pragma once

#include <libsearch/loader.hpp>

#include <string>
#include <unordered_map>

namespace libsearch::detail {

/// The duplicate-id rule, in one place for the loader and the incremental reindex: of the
/// files that give the same configured id, the first to claim it (path order) keeps it; a
/// later one is skipped with a duplicate_id issue naming both files.
class IdClaims {
public:
    /// Records that `path` holds `id` (an unchanged file whose page is not read again).
    void hold(const std::string& id, const std::string& path) { owners_.emplace(id, path); }

    /// Claims the page's id for `path`; when another file holds it, drops the document and
    /// adds the issue. Returns whether the page keeps its document.
    bool claim(ParsedPage& page, const std::string& path) {
        if (!page.document) {
            return false;
        }
        const auto [owner, inserted] = owners_.emplace(page.document->id, path);
        if (!inserted) {
            page.issues.push_back(LoadIssue{path, 0, IssueKind::duplicate_id,
                                            "duplicate id '" + page.document->id +
                                                "': already used by '" + owner->second +
                                                "', which is kept"});
            page.document.reset();
        }
        return inserted;
    }

    bool held(const std::string& id) const { return owners_.count(id) != 0; }

private:
    std::unordered_map<std::string, std::string> owners_; // id → path
};

} // namespace libsearch::detail
