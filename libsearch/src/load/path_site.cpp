// Sites whose URLs follow their files' paths: a plain folder of pages (Hugo's conventions),
// Zola, MkDocs, Eleventy and Docusaurus. Their JavaScript configs are never executed; where
// they move URLs, `site.permalinks` says where pages live.
#include "load/field_mapping.hpp"
#include "load/key_path.hpp"
#include "load/path_parts.hpp"
#include "load/site_config.hpp"
#include "load/site_rules.hpp"
#include "load/slugs.hpp"
#include "text/text_util.hpp"

#include <libsearch/error.hpp>

namespace libsearch::detail {

namespace {

std::string with_slashes(std::string_view url) {
    std::string out(trim(url));
    if (out.find("://") != std::string::npos) {
        return out;
    }
    if (out.empty() || out.front() != '/') {
        out.insert(out.begin(), '/');
    }
    return out;
}

/// Docusaurus drops a number prefix used for ordering: "01-intro" → "intro".
std::string_view without_number_prefix(std::string_view name) {
    std::size_t digits = 0;
    while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') {
        ++digits;
    }
    if (digits > 0 && digits + 1 < name.size() &&
        (name[digits] == '-' || name[digits] == '_' || name[digits] == '.')) {
        return name.substr(digits + 1);
    }
    return name;
}

class PathSite final : public SiteRules {
public:
    PathSite(const SiteSource& source, SiteSummary summary, const FieldValue& config)
        : SiteRules(std::move(summary))
        , generator_(source.generator) {
        mtime_fallback = source.config.fields.date_fallback == "mtime";
        if (generator_ == Generator::mkdocs) {
            directory_urls_ = config_flag(config, "use_directory_urls", true);
        }
        const std::string& named = source.config.site.permalink_style;
        style_ = permalink_style_named(named).value_or(PermalinkStyle::hugo);
        if (!named.empty() && !permalink_style_named(named)) {
            throw Error(ErrorCode::invalid_config,
                        "site.permalink_style: '" + named + "' is not hugo or jekyll");
        }
        mutable_summary().permalink_style = style_ == PermalinkStyle::hugo ? "hugo" : "jekyll";
        mutable_summary().permalinks = source.config.site.permalinks;
        use_configured_permalinks(source.config, style_);
        find_language_folders();
    }

    std::optional<LeftOut>
    place(const PageFacts& page,
          Document& document,
          std::chrono::sys_seconds now,
          std::optional<std::chrono::sys_seconds>& changes_at) const override {
        const std::string& path = page.file.path;
        const FieldValue& front_matter = page.front_matter;
        if (generator_ == Generator::eleventy) {
            // Eleventy's own folders: layouts and includes, data, its output, packages.
            for (const std::string_view folder :
                 {"_includes/", "_data/", "_site/", "node_modules/"}) {
                if (path.starts_with(folder) || path.find("/node_modules/") != std::string::npos) {
                    return LeftOut{IssueKind::not_content,
                                   "left out: '" + std::string(folder) +
                                       "' holds Eleventy's layouts, data, output or packages"};
                }
            }
        }
        if (generator_ == Generator::eleventy &&
            front_matter_flag(front_matter, "permalink") == false) {
            return LeftOut{IssueKind::not_published, "left out: the page says permalink: false"};
        }
        if (generator_ == Generator::none) {
            // A folder of Hugo-style pages: its publication keys mean what Hugo says.
            const auto expiry = front_matter_date(front_matter, {"expiryDate", "unpublishdate"});
            const auto publish = front_matter_date(front_matter, {"publishDate", "pubdate"});
            if (expiry) {
                note_change(changes_at, instant_of(*expiry, zone()), now);
            }
            if (publish) {
                note_change(changes_at, instant_of(*publish, zone()), now);
            }
            if (expiry && instant_of(*expiry, zone()) <= now) {
                return LeftOut{IssueKind::expired,
                               "left out: expired on " + format_day(expiry->local)};
            }
            if (publish && instant_of(*publish, zone()) > now) {
                return LeftOut{IssueKind::scheduled,
                               "left out: to be published on " + format_day(publish->local)};
            }
        }

        const auto written = page_date(page, true);
        document.date = written ? std::optional(written->local) : std::nullopt;
        if (generator_ == Generator::eleventy && !page.date) {
            document.date = first_date_in_path(path);
        }

        std::string url = own_url(page, document);
        if (url.empty()) {
            url = default_url(path, front_matter, document);
        }
        document.url = with_base(url);
        return std::nullopt;
    }

private:
    /// A URL the page gives itself: the mapped `url` key, or the generator's own key.
    std::string own_url(const PageFacts& page, const Document& document) const {
        if (!document.url.empty()) {
            return with_slashes(document.url);
        }
        const std::string_view key = generator_ == Generator::zola       ? "path"
                                     : generator_ == Generator::eleventy ? "permalink"
                                                                         : "";
        if (key.empty()) {
            return {};
        }
        const FieldValue* value = find_key(page.front_matter, key);
        if (value == nullptr || !value->is_text() || trim(value->as_text()).empty() ||
            value->as_text().find("{{") != std::string::npos) {
            return {}; // a templated permalink cannot be evaluated without running Eleventy
        }
        std::string url = with_slashes(value->as_text());
        if (generator_ == Generator::zola && !url.ends_with('/')) {
            url += '/';
        }
        if (generator_ == Generator::eleventy && url.ends_with("/index.html")) {
            url.erase(url.size() - 10);
        }
        return url;
    }

    std::string default_url(const std::string& path,
                            const FieldValue& front_matter,
                            const Document& document) const {
        const auto name = file_name_of(path);
        const auto folder = folder_of(path);
        std::string stem(without_extension(name));
        const std::string slug = [&] {
            const FieldValue* value = find_key(front_matter, "slug");
            return value != nullptr && value->is_text() ? std::string(trim(value->as_text()))
                                                        : std::string();
        }();
        if (const PermalinkPattern* pattern = configured_permalink(path)) {
            return configured_url(*pattern, path, slug, document);
        }
        const bool index = stem == "index" || stem == "_index";
        switch (generator_) {
        case Generator::mkdocs: {
            const bool folder_page = stem == "index" || stem == "README";
            if (directory_urls_) {
                return "/" + std::string(folder) + (folder_page ? "" : stem + "/");
            }
            return "/" + std::string(folder) + (folder_page ? "index" : stem) + ".html";
        }
        case Generator::zola: {
            if (index) {
                return "/" + std::string(folder);
            }
            std::string piece = slug;
            if (piece.empty()) {
                const auto dated = date_from_file_name(stem);
                piece = jekyll_slugify(dated ? std::string(dated->rest) : stem,
                                       JekyllSlugMode::default_mode, false);
            }
            return "/" + std::string(folder) + piece + "/";
        }
        case Generator::docusaurus:
            return docusaurus_url(path, folder, stem, slug);
        case Generator::eleventy:
            if (index ||
                (folder.size() > 1 && file_name_of(folder.substr(0, folder.size() - 1)) == stem)) {
                return "/" + std::string(folder);
            }
            return "/" + std::string(folder) + stem + "/";
        default:
            if (!slug.empty() && !index) {
                return "/" + std::string(folder) + slug + "/";
            }
            return url_from_path(path);
        }
    }

    std::string docusaurus_url(const std::string& path,
                               std::string_view folder,
                               const std::string& stem,
                               const std::string& slug) const {
        const bool blog = path.starts_with("blog/");
        if (!slug.empty() && slug.front() == '/') {
            return (blog ? "/blog" : path.starts_with("docs/") ? "/docs" : "") + slug;
        }
        if (blog) {
            if (const auto dated = date_from_file_name(stem)) {
                return "/blog/" +
                       format_day(dated->date.local).replace(4, 1, "/").replace(7, 1, "/") + "/" +
                       (slug.empty() ? std::string(dated->rest) : slug);
            }
        }
        std::string url = "/";
        std::string_view rest = path.starts_with("src/pages/") ? folder.substr(10) : folder;
        while (!rest.empty()) {
            const auto slash = rest.find('/');
            url += without_number_prefix(rest.substr(0, slash));
            url += '/';
            rest = rest.substr(slash + 1);
        }
        if (stem == "index" || stem == "README") {
            return url;
        }
        return url + (slug.empty() ? std::string(without_number_prefix(stem)) : slug);
    }

    std::string configured_url(const PermalinkPattern& pattern,
                               const std::string& path,
                               const std::string& slug,
                               const Document& document) const {
        const auto name = file_name_of(path);
        if (style_ == PermalinkStyle::jekyll) {
            JekyllPlaceholders values;
            values.file_name = name;
            const auto dot = name.rfind('.');
            values.extension =
                dot == std::string_view::npos ? std::string_view() : name.substr(dot);
            const auto dated = date_from_file_name(name);
            std::string_view stem = dated ? dated->rest : name;
            stem = stem.substr(
                0, stem.size() - (stem.ends_with(values.extension) ? values.extension.size() : 0));
            values.slug = slug.empty() ? std::string(stem) : slug;
            values.path = path.substr(0, path.size() - values.extension.size());
            values.time = document.date.value_or(std::chrono::local_seconds{});
            return expand_jekyll_permalink(pattern, values);
        }
        HugoPlaceholders values;
        values.path = path;
        values.title = document.title;
        values.slug = slug;
        values.date = document.date;
        const auto stem = without_extension(name);
        values.bundle = stem == "index";
        values.section_page = stem == "_index";
        return expand_hugo_permalink(pattern, values, false);
    }

    static std::optional<std::chrono::local_seconds> first_date_in_path(std::string_view path) {
        for (std::size_t i = 0; i + 10 <= path.size(); ++i) {
            if (i > 0 && path[i - 1] >= '0' && path[i - 1] <= '9') {
                continue;
            }
            if (auto dated = date_from_file_name(std::string(path.substr(i, 10)) + "-")) {
                return dated->date.local;
            }
        }
        return std::nullopt;
    }

    Generator generator_;
    PermalinkStyle style_ = PermalinkStyle::hugo;
    bool directory_urls_ = true;
};

} // namespace

std::unique_ptr<SiteRules> open_path_site(const SiteSource& source) {
    SiteSummary summary;
    summary.generator = source.generator;
    summary.detected = source.detected;
    summary.root = source.root;
    summary.content_root = source.root;
    summary.time_zone = source.config.site.time_zone;
    FieldValue config(FieldValue::Map{});
    std::string base_url;
    switch (source.generator) {
    case Generator::zola:
        if (auto file = first_existing(source.root, {"config.toml", "zola.toml"})) {
            config = read_config_file(*file);
            summary.config_files.push_back(*file);
            base_url = config_text(config, "base_url");
        }
        summary.content_root = source.root / "content";
        break;
    case Generator::mkdocs:
        if (auto file = first_existing(source.root, {"mkdocs.yml", "mkdocs.yaml"})) {
            config = read_config_file(*file);
            summary.config_files.push_back(*file);
            base_url = config_text(config, "site_url");
            const std::string docs = config_text(config, "docs_dir");
            summary.content_root = source.root / (docs.empty() ? "docs" : docs);
        }
        break;
    case Generator::docusaurus:
    case Generator::eleventy:
        summary.notes.emplace_back(
            std::string(to_string(source.generator)) +
            "'s config is JavaScript and is not run: its defaults are assumed; where it moves "
            "URLs, set site.permalinks");
        break;
    default:
        break;
    }
    if (!source.config.site.base_url.empty()) {
        summary.base_url = source.config.site.base_url;
    } else if (!base_url.empty()) {
        summary.base_url = url_path_of(base_url);
        summary.base_url.pop_back(); // with_base adds the '/' each URL starts with
    }
    summary.content_root = summary.content_root.lexically_normal();
    return std::make_unique<PathSite>(source, std::move(summary), config);
}

} // namespace libsearch::detail
