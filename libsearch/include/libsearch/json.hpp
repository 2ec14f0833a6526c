#pragma once

// The one public header that speaks nlohmann::json: JSON views of libsearch's types for
// applications (searchd, tools) that print or serve them.
#include <libsearch/document.hpp>
#include <libsearch/loader.hpp>

#include <nlohmann/json.hpp>

namespace libsearch {

nlohmann::json to_json(const FieldValue& value);
nlohmann::json to_json(const Document& document);
nlohmann::json to_json(const LoadIssue& issue);
nlohmann::json to_json(const LoadSummary& summary);

/// ISO 8601 UTC ("2020-12-30T12:48:43Z"), as dates appear in JSON.
std::string format_iso8601(std::chrono::sys_seconds time);

} // namespace libsearch
