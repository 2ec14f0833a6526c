#include <libsearch/json.hpp>

#include <cmath>
#include <cstdio>

namespace libsearch {

nlohmann::json to_json(const FieldValue& value) {
    switch (value.kind()) {
    case FieldValue::Kind::null:
        return nullptr;
    case FieldValue::Kind::boolean:
        return value.as_bool();
    case FieldValue::Kind::text:
        return value.as_text();
    case FieldValue::Kind::list: {
        auto items = nlohmann::json::array();
        for (const auto& item : value.as_list()) {
            items.push_back(to_json(item));
        }
        return items;
    }
    case FieldValue::Kind::map: {
        auto members = nlohmann::json::object();
        for (const auto& [key, member] : value.as_map()) {
            members[key] = to_json(member);
        }
        return members;
    }
    }
    return nullptr;
}

std::string format_iso8601(std::chrono::sys_seconds time) {
    return format_iso8601(std::chrono::local_seconds{time.time_since_epoch()}) + 'Z';
}

std::string format_iso8601(std::chrono::local_seconds time) {
    const auto day = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss clock{time - day};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return buffer;
}

nlohmann::json to_json(const Document& document) {
    auto headings = nlohmann::json::array();
    for (const auto& heading : document.headings) {
        headings.push_back({{"level", heading.level}, {"text", heading.text}});
    }
    return {
        {"id", document.id},
        {"path", document.path},
        {"url", document.url},
        {"title", document.title},
        {"description", document.description},
        {"date", document.date ? nlohmann::json(format_iso8601(*document.date)) : nullptr},
        {"language", document.language},
        {"facets", document.facets},
        {"headings", std::move(headings)},
        {"body", document.body},
        {"front_matter", to_json(document.front_matter)},
    };
}

nlohmann::json to_json(const LoadIssue& issue) {
    nlohmann::json json = {
        {"file", issue.path},
        {"kind", to_string(issue.kind)},
        {"reason", issue.message},
    };
    json["severity"] = to_string(issue.severity());
    if (issue.line > 0) {
        json["line"] = issue.line;
    }
    return json;
}

nlohmann::json to_json(const ReindexReport& report) {
    return {{"full", report.full},
            {"full_reason", report.full_reason},
            {"generation", report.generation.name},
            {"files", report.files},
            {"added", report.added},
            {"updated", report.updated},
            {"deleted", report.deleted},
            {"unchanged", report.unchanged},
            {"skipped", report.skipped},
            {"drafts", report.drafts},
            {"unpublished", report.unpublished},
            {"repaired", report.repaired},
            {"documents", report.documents},
            {"seconds", std::chrono::duration<double>(report.elapsed).count()}};
}

nlohmann::json to_json(const LoadSummary& summary) {
    return {
        {"files", summary.files},
        {"loaded", summary.loaded},
        {"skipped", summary.skipped},
        {"repaired", summary.repaired},
        {"drafts", summary.drafts},
        {"unpublished", summary.unpublished},
        {"bytes", summary.bytes},
        {"seconds", std::chrono::duration<double>(summary.elapsed).count()},
    };
}

nlohmann::json to_json(const SiteSummary& site) {
    auto files = nlohmann::json::array();
    for (const auto& file : site.config_files) {
        files.push_back(file.string());
    }
    auto permalinks = nlohmann::json::array();
    for (const auto& [key, pattern] : site.permalinks) {
        permalinks.push_back({{"key", key}, {"pattern", pattern}});
    }
    auto languages = nlohmann::json::array();
    for (const auto& language : site.languages) {
        languages.push_back({{"code", language.code}, {"content_dir", language.content_dir}});
    }
    return {{"generator", to_string(site.generator)},
            {"detected", site.detected},
            {"root", site.root.string()},
            {"config_files", std::move(files)},
            {"content_root", site.content_root.string()},
            {"base_url", site.base_url},
            {"time_zone", site.time_zone},
            {"permalink_style", site.permalink_style},
            {"permalinks", std::move(permalinks)},
            {"languages", std::move(languages)},
            {"default_language", site.default_language},
            {"notes", site.notes},
            {"built", site.built},
            {"marked_bodies", site.marked_bodies},
            {"declared_facets", site.declared_facets}};
}

nlohmann::json to_json(const Result& result) {
    auto hits = nlohmann::json::array();
    for (const auto& hit : result.hits) {
        hits.push_back({
            {"id", hit.id},
            {"url", hit.url},
            {"title", hit.title},
            {"description", hit.description},
            {"date", hit.date ? nlohmann::json(format_iso8601(*hit.date).substr(0, 10)) : nullptr},
            {"facets", hit.facets},
            {"score", hit.score},
            {"highlight", {{"title", hit.highlight.title}, {"snippet", hit.highlight.snippet}}},
        });
    }
    auto facets = nlohmann::json::object();
    for (const auto& facet : result.facets) {
        auto values = nlohmann::json::array();
        for (const auto& value : facet.values) {
            values.push_back(
                {{"value", value.value}, {"count", value.count}, {"selected", value.selected}});
        }
        facets[facet.name] = std::move(values);
    }
    nlohmann::json json = {{"query", result.query}};
    if (result.corrected) {
        json["corrected"] = *result.corrected;
    }
    json["total"] = result.total;
    if (result.total_is_estimate) {
        json["total_is_estimate"] = true;
        json["total_bounds"] = {{"lower", result.total_lower_bound},
                                {"upper", result.total_upper_bound}};
    }
    json["page"] = result.page;
    json["per_page"] = result.per_page;
    json["took_ms"] = std::round(result.took_ms * 1000) / 1000;
    json["hits"] = std::move(hits);
    json["facets"] = std::move(facets);
    if (result.degraded) {
        json["degraded"] = true;
    }
    if (result.truncated) {
        json["truncated"] = true;
    }
    return json;
}

nlohmann::json to_json(const Suggestions& suggestions) {
    auto items = nlohmann::json::array();
    for (const auto& suggestion : suggestions.suggestions) {
        nlohmann::json item = {{"text", suggestion.text}, {"kind", suggestion.kind}};
        if (!suggestion.url.empty()) {
            item["url"] = suggestion.url;
        }
        items.push_back(std::move(item));
    }
    return {{"query", suggestions.query}, {"suggestions", std::move(items)}};
}

std::string dump_json(const nlohmann::json& json, int indent) {
    return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace libsearch
