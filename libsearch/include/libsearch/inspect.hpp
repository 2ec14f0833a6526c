#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch {

/// Everything the index holds for one document, for debugging (`search-inspect`).
struct DocumentDump {
    struct Term {
        std::string term;
        std::uint32_t wdf = 0;
        std::uint32_t positions = 0;
    };
    struct Value {
        unsigned slot = 0;
        std::string meaning; ///< "date", "facet:topic"
        std::string shown;   ///< decoded: an ISO date, or the facet values
    };
    std::uint32_t docid = 0;
    std::vector<Term> terms;
    std::vector<Value> values;
    std::string data; ///< the stored fields, as JSON
};

/// The document with this id in the current generation of `index_dir`, or nullopt.
/// Throws Error(index_unavailable) when there is no index.
std::optional<DocumentDump> inspect_document(const std::filesystem::path& index_dir,
                                             std::string_view id);

} // namespace libsearch
