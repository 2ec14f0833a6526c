#pragma once

#include <libsearch/loader.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace libsearch::testing {

/// Everything one Loader::load pass produced, collected for assertions.
struct LoadedContent {
    std::vector<Document> documents;
    std::vector<LoadIssue> issues;
    LoadSummary summary;

    const Document* document(const std::string& path) const {
        const auto it = std::find_if(documents.begin(), documents.end(),
                                     [&](const Document& d) { return d.path == path; });
        return it == documents.end() ? nullptr : &*it;
    }

    std::vector<LoadIssue> issues_for(const std::string& path) const {
        std::vector<LoadIssue> found;
        std::copy_if(issues.begin(), issues.end(), std::back_inserter(found),
                     [&](const LoadIssue& issue) { return issue.path == path; });
        return found;
    }
};

inline LoadedContent load_all(const Config& config) {
    LoadedContent loaded;
    const Loader loader(config);
    loaded.summary =
        loader.load([&](const SourceFile&,
                        Document&& document) { loaded.documents.push_back(std::move(document)); },
                    [&](const LoadIssue& issue) { loaded.issues.push_back(issue); });
    return loaded;
}

inline Config config_for(const std::filesystem::path& root) {
    Config config;
    config.content.root = root;
    return config;
}

/// Parses one page from memory, as if it were `path` in the content root.
inline ParsedPage parse_page(std::string_view bytes,
                             const std::string& path = "page.md",
                             const Config& config = Config{}) {
    SourceFile file;
    file.path = path;
    file.size = bytes.size();
    return PageParser(config).parse(file, bytes);
}

} // namespace libsearch::testing
