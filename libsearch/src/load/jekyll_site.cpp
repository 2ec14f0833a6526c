// Jekyll's rules (4.3): which files are pages, posts and collection documents, their URLs
// from `permalink` styles and placeholders, dates in the site's time zone, `defaults`, and
// what is not published (`published: false`, future posts, drafts, files under `_` folders).
#include "load/key_path.hpp"
#include "load/site_config.hpp"
#include "load/site_rules.hpp"
#include "load/slugs.hpp"
#include "text/text_util.hpp"

#include <libsearch/error.hpp>

#include <algorithm>
#include <cstdio>

namespace libsearch::detail {

namespace {

constexpr std::string_view kMarkdownExtensions[] = {"markdown", "mkdown", "mkdn", "mkd", "md"};
/// Always left out by Jekyll, whatever `exclude` says.
constexpr std::string_view kAlwaysExcluded[] = {
    ".sass-cache",  ".jekyll-cache", "gemfiles",     "Gemfile",     "Gemfile.lock",
    "node_modules", "vendor/bundle", "vendor/cache", "vendor/gems", "vendor/ruby"};

enum class Kind { page, post, draft, document };

std::string_view kind_name(Kind kind) {
    switch (kind) {
    case Kind::page:
        return "pages";
    case Kind::post:
    case Kind::draft:
        return "posts";
    case Kind::document:
        return "documents";
    }
    return "pages";
}

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        parts.push_back(path.substr(start, end - start));
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return parts;
}

std::string join(const std::vector<std::string>& parts, char separator) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) {
            out += separator;
        }
        out += part;
    }
    return out;
}

/// The parts of a Jekyll date placeholder (strftime in the site's zone).
std::string date_part(std::string_view name, std::chrono::local_seconds time) {
    using namespace std::chrono;
    const auto day_point = floor<days>(time);
    const year_month_day ymd{day_point};
    const hh_mm_ss clock{time - day_point};
    const int year = static_cast<int>(ymd.year());
    const unsigned month = static_cast<unsigned>(ymd.month());
    const unsigned day = static_cast<unsigned>(ymd.day());
    const weekday wd{day_point};
    if (name == "year") {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "%04d", year);
        return buffer;
    }
    if (name == "month")
        return two_digits(month);
    if (name == "i_month")
        return std::to_string(month);
    if (name == "day")
        return two_digits(day);
    if (name == "i_day")
        return std::to_string(day);
    if (name == "short_year")
        return two_digits(static_cast<unsigned>(year % 100));
    if (name == "hour")
        return two_digits(static_cast<unsigned>(clock.hours().count()));
    if (name == "minute")
        return two_digits(static_cast<unsigned>(clock.minutes().count()));
    if (name == "second")
        return two_digits(static_cast<unsigned>(clock.seconds().count()));
    if (name == "long_month")
        return std::string(month_name(month));
    if (name == "short_month")
        return std::string(month_name(month).substr(0, 3));
    if (name == "long_day")
        return std::string(weekday_name(wd.c_encoding()));
    if (name == "short_day")
        return std::string(weekday_name(wd.c_encoding()).substr(0, 3));
    if (name == "w_day")
        return std::to_string(wd.iso_encoding());
    if (name == "y_day") {
        const auto first = local_days{ymd.year() / January / 1};
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "%03d",
                      static_cast<int>((day_point - first).count()) + 1);
        return buffer;
    }
    if (name == "week" || name == "w_year") {
        // ISO 8601 week: the week with the year's first Thursday is week 1.
        const auto thursday = day_point + days{4 - static_cast<int>(wd.iso_encoding())};
        const year_month_day thursday_ymd{thursday};
        if (name == "w_year") {
            return std::to_string(static_cast<int>(thursday_ymd.year()));
        }
        const auto first = local_days{thursday_ymd.year() / January / 1};
        return two_digits(static_cast<unsigned>((thursday - first).count() / 7 + 1));
    }
    return {};
}

} // namespace

std::string expand_jekyll_permalink(const PermalinkPattern& pattern,
                                    const JekyllPlaceholders& page) {
    const std::string url =
        pattern.expand([&](std::string_view name, std::string_view) -> std::string {
            std::string value;
            if (name == "title") {
                value = jekyll_slugify(page.slug, JekyllSlugMode::pretty, true);
            } else if (name == "slug") {
                value = jekyll_slugify(page.slug, JekyllSlugMode::default_mode, false);
            } else if (name == "name") {
                const auto stem =
                    page.file_name.substr(0, page.file_name.size() - page.extension.size());
                value = jekyll_slugify(stem, JekyllSlugMode::default_mode, false);
            } else if (name == "categories") {
                value = join(page.categories, '/');
            } else if (name == "slugified_categories") {
                std::vector<std::string> slugs;
                for (const auto& category : page.categories) {
                    auto slugged = jekyll_slugify(category, JekyllSlugMode::default_mode, false);
                    if (std::find(slugs.begin(), slugs.end(), slugged) == slugs.end()) {
                        slugs.push_back(std::move(slugged));
                    }
                }
                value = join(slugs, '/');
            } else if (name == "path") {
                value = page.path;
            } else if (name == "collection") {
                value = page.collection;
            } else if (name == "output_ext") {
                value = page.output_ext;
            } else if (name == "basename") {
                value = page.slug;
            } else {
                value = date_part(name, page.time);
            }
            return jekyll_escape_path(value);
        });
    return jekyll_sanitize_url(url);
}

namespace {

class JekyllSite final : public SiteRules {
public:
    JekyllSite(const SiteSource& source, SiteSummary summary, const FieldValue& config)
        : SiteRules(std::move(summary)) {
        mtime_fallback = source.config.fields.date_fallback == "mtime";
        include_drafts_ =
            source.config.content.include_drafts || config_flag(config, "show_drafts", false);
        future_ = config_flag(config, "future", false);
        unpublished_ = config_flag(config, "unpublished", false);
        exclude_ = texts_of(find_key(config, "exclude"));
        include_ = texts_of(find_key(config, "include"));
        read_permalink_style(config);
        read_collections(config);
        read_defaults(config);
        use_configured_permalinks(source.config, PermalinkStyle::jekyll);
        find_language_folders();
    }

    void add_defaults(std::string_view path, FieldValue& front_matter) const override {
        const Kind kind = kind_of(path);
        // The matching sets, the most specific last, so that it wins (Jekyll's precedence:
        // a longer path, then one with a type, then the later one).
        std::vector<const Default*> matching;
        for (const auto& entry : defaults_) {
            if (!entry.type.empty() && entry.type != kind_name(kind) &&
                !(kind == Kind::document && entry.type == collection_of(path))) {
                continue;
            }
            if (!entry.path.empty() && !entry.path_glob.matches(path) &&
                !std::string_view(path).starts_with(entry.path)) {
                continue;
            }
            matching.push_back(&entry);
        }
        std::stable_sort(matching.begin(), matching.end(), [](const Default* a, const Default* b) {
            if (a->path.size() != b->path.size()) {
                return a->path.size() < b->path.size();
            }
            return a->type.empty() && !b->type.empty();
        });
        if (matching.empty() || !front_matter.is_map()) {
            return;
        }
        FieldValue merged(FieldValue::Map{});
        for (const Default* entry : matching) {
            merge_config(merged, entry->values);
        }
        merge_config(merged, front_matter); // the page's own keys always win
        front_matter = std::move(merged);
    }

    std::optional<LeftOut>
    place(const PageFacts& page,
          Document& document,
          std::chrono::sys_seconds now,
          std::optional<std::chrono::sys_seconds>& changes_at) const override {
        const std::string& path = page.file.path;
        // Front matter Jekyll does not see (after blank lines, TOML, JSON) is page text to it.
        static const FieldValue no_front_matter{FieldValue::Map{}};
        const FieldValue& front_matter =
            page.yaml_on_first_line ? page.front_matter : no_front_matter;
        if (auto reason = not_content(path)) {
            return LeftOut{IssueKind::not_content, *reason};
        }
        const Kind kind = kind_of(path);
        const auto parts = split_path(path);
        const std::string_view file_name = parts.back();
        std::optional<FileNameDate> named = date_from_file_name(file_name);
        if (kind == Kind::post && !named) {
            return LeftOut{IssueKind::not_content,
                           "left out: Jekyll publishes only posts named YYYY-MM-DD-title"};
        }
        if (kind == Kind::page && !page.yaml_on_first_line) {
            return LeftOut{IssueKind::not_content,
                           "left out: no front matter, so Jekyll copies it as a file, not a page"};
        }
        if (kind == Kind::draft && !include_drafts_) {
            return LeftOut{IssueKind::draft,
                           "left out: a draft in _drafts/ (content.include_drafts: true "
                           "indexes drafts)"};
        }
        if (!unpublished_ && says_unpublished(front_matter)) {
            return LeftOut{IssueKind::not_published, "left out: the page says published: false"};
        }
        if (kind == Kind::document && !collection_outputs(path)) {
            return LeftOut{IssueKind::not_published,
                           "left out: its collection has no output: true"};
        }

        // The date, as Jekyll reads it: front matter, else the file name, in the site's zone.
        std::optional<WrittenDate> written = page.yaml_on_first_line ? page.date : std::nullopt;
        if (!written && named && kind != Kind::page) {
            written = named->date;
        }
        if (!written && kind != Kind::page) {
            written = page_date(page, false); // the mtime fallback, when configured
        }
        std::optional<std::chrono::local_seconds> shown;
        if (written) {
            const auto instant = instant_of(*written, zone());
            shown = written->offset ? wall_clock_in(instant, zone()) : written->local;
            if (kind != Kind::page && !future_) {
                note_change(changes_at, instant + std::chrono::seconds{1}, now);
            }
            if (kind != Kind::page && !future_ && instant > now) {
                return LeftOut{IssueKind::scheduled,
                               "left out: dated " + format_day(*shown) +
                                   ", in the future (Jekyll's future: false)"};
            }
        }
        document.date = shown;

        // The slug: front matter, else the file name without its date and extension.
        std::string slug;
        std::string_view extension;
        {
            std::string_view stem = named && kind != Kind::page ? named->rest : file_name;
            const auto dot = stem.rfind('.');
            if (dot != std::string_view::npos && dot > 0) {
                extension = stem.substr(dot);
                stem = stem.substr(0, dot);
            }
            while (!stem.empty() && stem.back() == '.') {
                stem.remove_suffix(1);
            }
            slug = std::string(stem);
        }
        const std::string slug_key = first_text_of(front_matter, "slug");
        if (!slug_key.empty()) {
            slug = slug_key;
        }

        const std::string output_ext = output_extension(extension);
        std::string url;
        const std::string permalink = first_text_of(front_matter, "permalink");
        if (kind == Kind::page) {
            url = page_url(path, parts, extension, output_ext, permalink);
        } else {
            const PermalinkPattern* configured = configured_permalink(path);
            std::optional<PermalinkPattern> own;
            if (!permalink.empty()) {
                try {
                    own.emplace(permalink, PermalinkStyle::jekyll);
                } catch (const std::invalid_argument& error) {
                    return LeftOut{IssueKind::not_published,
                                   std::string("left out: Jekyll stops at its permalink: ") +
                                       error.what()};
                }
            }
            const PermalinkPattern& pattern = own          ? *own
                                              : configured ? *configured
                                                           : template_for(kind, path);
            JekyllPlaceholders values;
            values.file_name = file_name;
            values.extension = extension;
            values.slug = slug;
            values.path = document_path(path, extension);
            values.collection = kind == Kind::document ? collection_of(path) : "posts";
            values.output_ext = output_ext;
            values.categories = categories_of(parts, kind, front_matter);
            values.time = shown.value_or(wall_clock_in(now, zone()));
            url = expand_jekyll_permalink(pattern, values);
        }
        document.url = with_base(url);
        return std::nullopt;
    }

    std::string describe() const override {
        std::string text = SiteRules::describe();
        text += "\nposts " + posts_template_.text();
        for (const auto& collection : collections_) {
            text += "\ncollection " + collection.label + (collection.output ? " output " : " ") +
                    (collection.permalink ? collection.permalink->text() : "");
        }
        text += future_ ? "\nfuture" : "";
        text += include_drafts_ ? "\ndrafts" : "";
        return text;
    }

private:
    struct Collection {
        std::string label;
        bool output = false;
        std::optional<PermalinkPattern> permalink;
    };
    struct Default {
        std::string path;
        Glob path_glob{""};
        std::string type;
        FieldValue values;
    };

    /// `published: false` (or YAML 1.1's no/off, unquoted in practice); the quoted text
    /// "false" is a truthy string to Ruby, and Jekyll publishes the page.
    static bool says_unpublished(const FieldValue& front_matter) {
        const FieldValue* value = find_key(front_matter, "published");
        if (value == nullptr) {
            return false;
        }
        if (value->kind() == FieldValue::Kind::boolean) {
            return !value->as_bool();
        }
        if (value->is_text()) {
            const auto text = ascii_lower(trim(value->as_text()));
            return text == "no" || text == "off";
        }
        return false;
    }

    static std::string first_text_of(const FieldValue& front_matter, std::string_view key) {
        const FieldValue* value = find_key(front_matter, key);
        return value != nullptr && value->is_text() ? std::string(trim(value->as_text())) : "";
    }

    void read_permalink_style(const FieldValue& config) {
        style_ = config_text(config, "permalink");
        if (style_.empty()) {
            style_ = "date";
        }
        const std::string posts =
            style_ == "date"       ? "/:categories/:year/:month/:day/:title:output_ext"
            : style_ == "pretty"   ? "/:categories/:year/:month/:day/:title/"
            : style_ == "ordinal"  ? "/:categories/:year/:y_day/:title:output_ext"
            : style_ == "weekdate" ? "/:categories/:year/W:week/:short_day/:title:output_ext"
            : style_ == "none"     ? "/:categories/:title:output_ext"
                                   : style_;
        try {
            posts_template_ = PermalinkPattern(posts, PermalinkStyle::jekyll);
        } catch (const std::invalid_argument& error) {
            throw Error(ErrorCode::invalid_config,
                        summary().config_files.front().string() + ": permalink: " + error.what());
        }
        mutable_summary().permalinks.emplace_back("posts", posts);
    }

    /// Jekyll's `suffix`: a trailing '/' for pretty (or a pattern ending in '/'), the output
    /// extension for date, ordinal and none (or a pattern ending in :output_ext).
    std::string suffixed(std::string base) const {
        const bool builtin = style_ == "date" || style_ == "pretty" || style_ == "ordinal" ||
                             style_ == "weekdate" || style_ == "none";
        if (style_ == "pretty" || (!builtin && style_.ends_with('/'))) {
            return base + "/";
        }
        if (style_ == "date" || style_ == "ordinal" || style_ == "none" ||
            (!builtin && style_.ends_with(":output_ext"))) {
            return base + ":output_ext";
        }
        return base;
    }

    void read_collections(const FieldValue& config) {
        const FieldValue* collections = find_key(config, "collections");
        if (collections == nullptr) {
            return;
        }
        const auto add = [&](const std::string& label, const FieldValue* settings) {
            Collection collection{label, false, std::nullopt};
            if (settings != nullptr && settings->is_map()) {
                collection.output = config_flag(*settings, "output", false);
                const std::string permalink = config_text(*settings, "permalink");
                if (!permalink.empty()) {
                    try {
                        collection.permalink.emplace(permalink, PermalinkStyle::jekyll);
                    } catch (const std::invalid_argument& error) {
                        throw Error(ErrorCode::invalid_config,
                                    summary().config_files.front().string() + ": collections." +
                                        label + ".permalink: " + error.what());
                    }
                    mutable_summary().permalinks.emplace_back(label, permalink);
                }
            }
            if (label == "posts") {
                if (collection.permalink) {
                    posts_template_ = *collection.permalink;
                }
                return;
            }
            collections_.push_back(std::move(collection));
        };
        if (collections->is_map()) {
            for (const auto& [label, settings] : collections->as_map()) {
                add(label, &settings);
            }
        } else {
            for (const auto& label : texts_of(collections)) {
                add(label, nullptr);
            }
        }
    }

    void read_defaults(const FieldValue& config) {
        const FieldValue* defaults = find_key(config, "defaults");
        if (defaults == nullptr || !defaults->is_list()) {
            return;
        }
        for (const auto& entry : defaults->as_list()) {
            if (!entry.is_map()) {
                continue;
            }
            const FieldValue* scope = find_key(entry, "scope");
            const FieldValue* values = find_key(entry, "values");
            if (values == nullptr || !values->is_map()) {
                continue;
            }
            Default item;
            if (scope != nullptr && scope->is_map()) {
                item.path = config_text(*scope, "path");
                while (item.path.starts_with('/')) {
                    item.path.erase(0, 1);
                }
                item.path_glob = Glob(item.path);
                item.type = config_text(*scope, "type");
                if (item.type == "page")
                    item.type = "pages";
                if (item.type == "post" || item.type == "draft")
                    item.type = "posts";
            }
            item.values = *values;
            defaults_.push_back(std::move(item));
        }
    }

    Kind kind_of(std::string_view path) const {
        const auto parts = split_path(path);
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            if (parts[i] == "_posts") {
                return Kind::post;
            }
            if (parts[i] == "_drafts") {
                return Kind::draft;
            }
        }
        if (parts.size() > 1 && !collection_of(path).empty()) {
            return Kind::document;
        }
        return Kind::page;
    }

    std::string collection_of(std::string_view path) const {
        const auto slash = path.find('/');
        if (slash == std::string_view::npos || !path.starts_with('_')) {
            return {};
        }
        const auto label = path.substr(1, slash - 1);
        for (const auto& collection : collections_) {
            if (collection.label == label) {
                return collection.label;
            }
        }
        return {};
    }

    bool collection_outputs(std::string_view path) const {
        const auto label = collection_of(path);
        for (const auto& collection : collections_) {
            if (collection.label == label) {
                return collection.output;
            }
        }
        return false;
    }

    /// Why Jekyll would not read this file as content, if it would not.
    std::optional<std::string> not_content(std::string_view path) const {
        for (const auto& pattern : include_) {
            if (path == pattern || path.starts_with(pattern + "/")) {
                return std::nullopt;
            }
        }
        const auto excluded_by = [&](std::string_view pattern) {
            std::string_view p = pattern;
            while (p.starts_with('/')) {
                p.remove_prefix(1);
            }
            while (p.ends_with('/')) {
                p.remove_suffix(1);
            }
            return !p.empty() &&
                   (path == p || path.starts_with(std::string(p) + "/") || Glob(p).matches(path));
        };
        for (const auto pattern : kAlwaysExcluded) {
            if (excluded_by(pattern)) {
                return "left out: Jekyll always excludes '" + std::string(pattern) + "'";
            }
        }
        for (const auto& pattern : exclude_) {
            if (excluded_by(pattern)) {
                return "left out: excluded by Jekyll's exclude: " + pattern;
            }
        }
        const auto parts = split_path(path);
        const bool in_collection = !collection_of(path).empty();
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const auto part = parts[i];
            const bool special = part == "_posts" || part == "_drafts" || (i == 0 && in_collection);
            if (!special && !part.empty() &&
                (part.front() == '.' || part.front() == '_' || part.front() == '#' ||
                 part.front() == '~' || part.back() == '~' || part.back() == '.')) {
                return "left out: Jekyll does not publish '" + std::string(part) +
                       (i + 1 < parts.size() ? "/'" : "'") + " (a name starting with " +
                       std::string(1, part.front()) + ")";
            }
        }
        return std::nullopt;
    }

    static bool is_markdown(std::string_view extension) {
        if (extension.starts_with('.')) {
            extension.remove_prefix(1);
        }
        const auto lower = ascii_lower(extension);
        return std::find(std::begin(kMarkdownExtensions), std::end(kMarkdownExtensions), lower) !=
               std::end(kMarkdownExtensions);
    }

    static std::string output_extension(std::string_view extension) {
        return is_markdown(extension) ? ".html" : std::string(extension);
    }

    /// :path of a document: its path without extension and without the first `_label`.
    std::string document_path(std::string_view path, std::string_view extension) const {
        std::string out(path.substr(0, path.size() - extension.size()));
        const std::string label =
            "_" + (kind_of(path) == Kind::document ? collection_of(path) : std::string("posts"));
        if (const auto at = out.find(label); at != std::string::npos) {
            out.erase(at, label.size());
        }
        while (!out.empty() && out.back() == '.') {
            out.pop_back();
        }
        return out;
    }

    const PermalinkPattern& template_for(Kind kind, std::string_view path) const {
        if (kind == Kind::document) {
            const auto label = collection_of(path);
            for (const auto& collection : collections_) {
                if (collection.label == label && collection.permalink) {
                    return *collection.permalink;
                }
            }
            return collection_default_;
        }
        return posts_template_;
    }

    static std::vector<std::string> categories_of(const std::vector<std::string_view>& parts,
                                                  Kind kind,
                                                  const FieldValue& front_matter) {
        std::vector<std::string> raw;
        if (kind == Kind::post || kind == Kind::draft) {
            for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
                if (parts[i] == "_posts" || parts[i] == "_drafts") {
                    break;
                }
                raw.emplace_back(parts[i]);
            }
        }
        if (const FieldValue* categories = find_key(front_matter, "categories")) {
            if (categories->is_text()) {
                std::string_view text = categories->as_text();
                std::size_t start = 0;
                while (start < text.size()) {
                    while (start < text.size() && is_space(text[start]))
                        ++start;
                    std::size_t end = start;
                    while (end < text.size() && !is_space(text[end]))
                        ++end;
                    if (end > start)
                        raw.emplace_back(text.substr(start, end - start));
                    start = end;
                }
            } else {
                for (auto& text : texts_of(categories))
                    raw.push_back(std::move(text));
            }
        }
        for (auto& text : texts_of(find_key(front_matter, "category"))) {
            raw.push_back(std::move(text));
        }
        std::vector<std::string> categories;
        for (const auto& category : raw) {
            auto lower = lower_case(category);
            if (std::find(categories.begin(), categories.end(), lower) == categories.end()) {
                categories.push_back(std::move(lower));
            }
        }
        return categories;
    }

    std::string page_url(std::string_view path,
                         const std::vector<std::string_view>& parts,
                         std::string_view extension,
                         const std::string& output_ext,
                         const std::string& permalink) const {
        std::string folder;
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            folder += "/";
            folder += parts[i];
        }
        std::string_view name = parts.back();
        std::string_view basename = name.substr(0, name.size() - extension.size());
        while (!basename.empty() && basename.back() == '.') {
            basename.remove_suffix(1);
        }
        std::string pattern;
        if (!permalink.empty()) {
            pattern = permalink;
        } else if (const PermalinkPattern* configured = configured_permalink(path)) {
            pattern = configured->text();
        } else if (output_ext != ".html" && output_ext != ".htm" && output_ext != ".xhtml") {
            pattern = "/:path/:basename:output_ext";
        } else if (basename == "index") {
            pattern = "/:path/";
        } else {
            pattern = suffixed("/:path/:basename");
        }
        // Pages know only :path, :basename and :output_ext; other tokens stay as written.
        std::string url;
        for (std::size_t i = 0; i < pattern.size();) {
            const auto token = [&](std::string_view name) {
                return pattern.compare(i, name.size(), name) == 0;
            };
            if (token(":path")) {
                url += jekyll_escape_path(folder);
                i += 5;
            } else if (token(":basename")) {
                url += jekyll_escape_path(basename);
                i += 9;
            } else if (token(":output_ext")) {
                url += jekyll_escape_path(output_ext);
                i += 11;
            } else {
                url += pattern[i++];
            }
        }
        return jekyll_sanitize_url(url);
    }

    std::string style_;
    PermalinkPattern posts_template_{"/:categories/:year/:month/:day/:title:output_ext",
                                     PermalinkStyle::jekyll};
    PermalinkPattern collection_default_{"/:collection/:path:output_ext", PermalinkStyle::jekyll};
    std::vector<Collection> collections_;
    std::vector<Default> defaults_;
    std::vector<std::string> exclude_;
    std::vector<std::string> include_;
    bool include_drafts_ = false;
    bool future_ = false;
    bool unpublished_ = false;
};

} // namespace

std::unique_ptr<SiteRules> open_jekyll_site(const SiteSource& source) {
    SiteSummary summary;
    summary.generator = Generator::jekyll;
    summary.detected = source.detected;
    summary.root = source.root;
    summary.content_root = source.root;
    summary.permalink_style = "jekyll";
    FieldValue config(FieldValue::Map{});
    if (auto file = first_existing(source.root, {"_config.yml", "_config.yaml", "_config.toml"})) {
        config = read_config_file(*file);
        summary.config_files.push_back(*file);
    } else {
        summary.config_files.push_back(source.root / "_config.yml");
        summary.notes.emplace_back("no _config.yml: Jekyll's defaults");
    }
    summary.time_zone = source.config.site.time_zone.empty() ? config_text(config, "timezone")
                                                             : source.config.site.time_zone;
    if (summary.time_zone.empty()) {
        summary.notes.emplace_back(
            "no timezone in _config.yml: dates with an offset are read in UTC (Jekyll would "
            "use the building machine's zone)");
    }
    const std::string collections_dir = config_text(config, "collections_dir");
    if (!collections_dir.empty()) {
        summary.notes.emplace_back("collections_dir: " + collections_dir +
                                   " (documents are looked for under it)");
    }
    if (!source.config.site.base_url.empty()) {
        summary.base_url = source.config.site.base_url;
    } else {
        std::string base = config_text(config, "baseurl");
        while (!base.empty() && base.back() == '/') {
            base.pop_back();
        }
        summary.base_url = base.empty() || base.front() == '/' ? base : "/" + base;
    }
    return std::make_unique<JekyllSite>(source, std::move(summary), config);
}

} // namespace libsearch::detail
