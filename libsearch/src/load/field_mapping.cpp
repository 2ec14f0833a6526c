#include "load/field_mapping.hpp"
#include "load/web_url.hpp"

#include "load/dates.hpp"
#include "load/path_parts.hpp"
#include "text/text_util.hpp"

#include <libsearch/error.hpp>

#include <algorithm>

#include <set>

namespace libsearch::detail {

namespace {

bool is_index_page(std::string_view stem) {
    return stem == "index" || stem == "_index";
}

/// Trimmed values without duplicates that differ only in case; the first spelling stays.
std::vector<std::string> unique_values(std::vector<std::string> values) {
    std::vector<std::string> unique;
    std::set<std::string> seen;
    for (auto& value : values) {
        if (seen.insert(casefold(value)).second) {
            unique.push_back(std::move(value));
        }
    }
    return unique;
}

/// A front-matter text as the site's HTML shows it: `Agency&#8217;s` is "Agency’s", and a
/// tag is markup, not text. Plain text (the common case) is returned as it is.
std::string as_shown(std::string text) {
    if (text.find_first_of("<&") == std::string::npos) {
        return text;
    }
    std::string flat;
    bool pending_space = false;
    append_collapsed(flat, html_to_text(text).text, pending_space);
    return std::string(trim(flat));
}

/// The start of the body on one line, without a leading repeat of the title (an <h1>).
std::string description_from_body(std::string_view body, std::string_view title) {
    body = trim(body);
    if (!title.empty() && body.starts_with(title)) {
        body = trim(body.substr(title.size()));
    }
    // Look at a bounded prefix, cut back to a code point boundary so no half character
    // survives into the description.
    std::size_t prefix = std::min(body.size(), kDescriptionFallbackChars * 8);
    while (prefix < body.size() && prefix > 0 &&
           (static_cast<unsigned char>(body[prefix]) & 0xC0) == 0x80) {
        --prefix;
    }
    std::string flat;
    bool pending_space = false;
    append_collapsed(flat, body.substr(0, prefix), pending_space);
    return truncate_at_word(flat, kDescriptionFallbackChars);
}

} // namespace

FieldMapping::FieldMapping(const Config& config) {
    try {
        id_ = compile_key_paths(config.fields.id);
        title_ = compile_key_paths(config.fields.title);
        description_ = compile_key_paths(config.fields.description);
        date_ = compile_key_paths(config.fields.date);
        url_ = compile_key_paths(config.fields.url);
        language_ = compile_key_paths(config.fields.language);
        for (const auto& facet : config.facets) {
            facets_.emplace_back(facet.name, compile_key_paths(facet.keys));
        }
    } catch (const std::invalid_argument& error) {
        throw Error(ErrorCode::invalid_config, std::string("key path: ") + error.what());
    }
}

void FieldMapping::apply(const FieldValue& front_matter,
                         const std::string& html_title,
                         const SourceFile& file,
                         Document& document,
                         std::vector<LoadIssue>& warnings) const {
    document.path = file.path;

    document.id = first_text(id_, front_matter);
    if (document.id.empty()) {
        document.id = file.path;
    }

    document.title = as_shown(first_text(title_, front_matter));
    if (document.title.empty() && !document.headings.empty()) {
        document.title = document.headings.front().text;
    }
    if (document.title.empty()) {
        document.title = std::string(trim(html_title));
    }
    if (document.title.empty()) {
        document.title = title_from_path(file.path);
    }

    document.description = as_shown(first_text(description_, front_matter));
    if (document.description.empty()) {
        document.description = description_from_body(document.body, document.title);
    }

    document.url.clear();
    for (const auto& key : url_) {
        auto texts = key.texts(front_matter);
        if (texts.empty()) {
            continue;
        }
        if (is_web_url(texts.front())) {
            document.url = std::move(texts.front());
            break;
        }
        warnings.push_back(LoadIssue{file.path, 0, IssueKind::unsafe_url,
                                     "'" + key.text() + ": " + texts.front().substr(0, 80) +
                                         "' is not an http(s) URL or a path: a link must not "
                                         "run it; the page's URL comes from the site's rules"});
    }
    document.language = first_text(language_, front_matter);

    document.facets.clear();
    for (const auto& [name, keys] : facets_) {
        for (const auto& key : keys) {
            auto values = key.texts(front_matter);
            if (!values.empty()) {
                document.facets[name] = unique_values(std::move(values));
                break;
            }
        }
    }
}

std::optional<WrittenDate> FieldMapping::written_date(const FieldValue& front_matter,
                                                      const SourceFile& file,
                                                      std::vector<LoadIssue>& warnings) const {
    for (const auto& key : date_) {
        const auto texts = key.texts(front_matter);
        if (texts.empty()) {
            continue;
        }
        if (auto date = parse_date(texts.front())) {
            return date;
        }
        warnings.push_back(LoadIssue{file.path, 0, IssueKind::unparsable_date,
                                     "'" + key.text() + ": " + texts.front() +
                                         "' is not a date; trying the next date key"});
    }
    return std::nullopt;
}

std::string url_from_path(std::string_view relative_path) {
    const std::string_view name = file_name_of(relative_path);
    const std::string_view folder = relative_path.substr(0, relative_path.size() - name.size());
    const std::string_view stem = without_extension(name);
    std::string url = "/";
    url += folder;
    if (!is_index_page(stem)) {
        url += stem;
        url += '/';
    }
    return url;
}

std::string title_from_path(std::string_view relative_path) {
    std::string_view path = relative_path;
    std::string_view stem = without_extension(file_name_of(path));
    if (is_index_page(stem) && path.size() > file_name_of(path).size()) {
        path = path.substr(0, path.size() - file_name_of(path).size() - 1);
        stem = file_name_of(path);
    }
    return std::string(stem);
}

} // namespace libsearch::detail
