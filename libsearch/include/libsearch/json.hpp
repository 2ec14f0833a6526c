#pragma once

// The one public header that speaks nlohmann::json: JSON views of libsearch's types for
// applications (searchd, tools) that print or serve them.
#include <libsearch/document.hpp>
#include <libsearch/loader.hpp>
#include <libsearch/reindexer.hpp>
#include <libsearch/result.hpp>
#include <libsearch/site.hpp>

#include <nlohmann/json.hpp>

namespace libsearch {

nlohmann::json to_json(const FieldValue& value);
nlohmann::json to_json(const Document& document);
nlohmann::json to_json(const LoadIssue& issue);
nlohmann::json to_json(const LoadSummary& summary);
/// What `searchd reindex --json` prints and GET /admin/reindex reports as its summary.
nlohmann::json to_json(const ReindexReport& report);

/// Exactly PRODUCT.md's GET /search body: query, corrected (when set), total, page,
/// per_page, took_ms, hits (id, url, title, description, date as YYYY-MM-DD, facets, score,
/// highlight {title, snippet}) and facets {name: [{value, count, selected}]}; `degraded` and
/// `truncated` appear only when true. searchd and the tools print it with dump_json.
nlohmann::json to_json(const Result& result);

/// What was found out about a site (`searchd reindex --dry-run --json`).
nlohmann::json to_json(const SiteSummary& site);

/// GET /suggest's body: {"query", "suggestions": [{"text", "kind", "url"?}]}.
nlohmann::json to_json(const Suggestions& suggestions);

/// Serialises JSON for output: invalid UTF-8 is replaced (U+FFFD), never thrown on.
std::string dump_json(const nlohmann::json& json, int indent = -1);

/// ISO 8601 UTC ("2020-12-30T12:48:43Z"), as instants appear in JSON.
std::string format_iso8601(std::chrono::sys_seconds time);

/// ISO 8601 without an offset ("2020-12-30T12:48:43"): a page's date as it writes it.
std::string format_iso8601(std::chrono::local_seconds time);

} // namespace libsearch
