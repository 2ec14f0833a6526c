// The rules of a built site (content.source: built): the root is a generator's HTML
// output, and a page is published at its file's path there, as any web server serves it.
#include "load/built_page.hpp"
#include "load/site_rules.hpp"
#include "text/languages.hpp"
#include "text/utf8.hpp"

#include <libsearch/config.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <unordered_set>

namespace libsearch::detail {

namespace {

/// Characters a file name may hold that a URL path must escape: '%' itself (a file named
/// `%c2%a1hola` is served at `%25c2%25a1hola`), space, controls and the delimiters.
/// Letters beyond ASCII stay as they are, as generators write them into links (unless the
/// name is not UTF-8: then every byte beyond ASCII is escaped).
bool must_escape(unsigned char byte) {
    return byte < 0x21 || byte == 0x7F ||
           std::string_view("%\"#<>?\\^`{|}").find(static_cast<char>(byte)) !=
               std::string_view::npos;
}

/// `a/b/index.html` → `/a/b/`, `index.html` → `/`, `a/page.html` → `/a/page.html`.
std::string served_path(std::string_view path) {
    if (path == "index.html" || path == "index.htm") {
        return "/";
    }
    if (path.ends_with("/index.html") || path.ends_with("/index.htm")) {
        path = path.substr(0, path.rfind('/') + 1);
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    const bool utf8 = is_valid_utf8(path);
    std::string url = "/";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (must_escape(byte) || (!utf8 && byte >= 0x80)) {
            url += '%';
            url += kHex[byte >> 4];
            url += kHex[byte & 0xF];
        } else {
            url += c;
        }
    }
    return url;
}

/// The site's page for addresses it does not have: `404.html` in any folder, `404/index.html`
/// at the root or in a language's folder (`fr/404/index.html`).
bool is_not_found_page(std::string_view path) {
    if (path == "404.html" || path.ends_with("/404.html") || path == "404/index.html") {
        return true;
    }
    const auto slash = path.find('/');
    return slash != std::string_view::npos && path.substr(slash + 1) == "404/index.html" &&
           is_language_code(path.substr(0, slash));
}

std::string read_whole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class BuiltSiteRules final : public SiteRules {
public:
    explicit BuiltSiteRules(SiteSummary summary, bool mtime)
        : SiteRules(std::move(summary)) {
        mtime_fallback = mtime;
    }

    std::optional<LeftOut>
    place(const PageFacts& page,
          Document& document,
          std::chrono::sys_seconds /*now*/,
          std::optional<std::chrono::sys_seconds>& /*changes_at*/) const override {
        if (is_not_found_page(page.file.path)) {
            return LeftOut{IssueKind::not_content,
                           "left out: the site's page for addresses it does not have (404)"};
        }
        const auto written = page_date(page, false);
        document.date = written ? std::optional(written->local) : std::nullopt;
        // The page is where the server serves its file; a URL written in the page (its
        // canonical link, og:url) may name another host or an old address.
        document.url = with_base(served_path(page.file.path));
        return std::nullopt;
    }

    std::string describe() const override {
        std::string text = SiteRules::describe();
        text += "\nbuilt";
        text += summary().marked_bodies ? "\nmarked bodies" : "\nwhole pages";
        for (const auto& facet : summary().declared_facets) {
            text += "\nfacet " + facet;
        }
        return text;
    }
};

} // namespace

std::unique_ptr<SiteRules> open_built_site(const SiteSource& source, bool read_pages) {
    SiteSummary summary;
    summary.built = true;
    summary.root = source.root;
    summary.content_root = source.root;
    summary.time_zone = source.config.site.time_zone;
    summary.base_url = source.config.site.base_url;
    // Which pages mark their text, and which filters they declare, is a property of the
    // whole site: one look at every page first. Only pages that mention such markup are
    // parsed, so a site without any costs one read of each file (from the page cache, for
    // the load that follows).
    const ScanResult scan = read_pages ? scan_content(source.config.content) : ScanResult{};
    std::unordered_set<std::string> named;
    for (const SourceFile& file : scan.files) {
        if (file.size > source.config.content.max_file_bytes || is_not_found_page(file.path)) {
            continue;
        }
        const std::string html = read_whole(file.absolute);
        // The guards of the load itself: a page it would skip declares nothing.
        if (!mentions_search_markup(html) || html.find('\0') != std::string::npos ||
            estimate_html_depth(html) > kMaxHtmlDepth) {
            continue;
        }
        try {
            const BuiltPage page = read_built_page(html, BuiltPageParts::markup);
            if (page.not_a_page) {
                continue;
            }
            summary.marked_bodies = summary.marked_bodies || page.marked_body;
            for (const auto& name : page.filter_names) {
                if (named.insert(name).second) {
                    summary.declared_facets.push_back(name);
                }
            }
        } catch (const std::exception&) {
            continue; // the load reports what is wrong with this file
        }
    }
    // What cannot be a facet is said once, with a few of the names.
    std::vector<std::string> unusable;
    std::vector<std::string> beyond;
    const auto& configured = source.config.facets;
    std::size_t room = kMaxFacets > configured.size() ? kMaxFacets - configured.size() : 0;
    std::erase_if(summary.declared_facets, [&](const std::string& name) {
        if (!is_usable_facet_name(name)) {
            unusable.push_back(name);
            return true;
        }
        if (std::any_of(configured.begin(), configured.end(),
                        [&](const FacetConfig& facet) { return facet.name == name; })) {
            return false; // feeds the configured facet of its name
        }
        if (room > 0) {
            --room;
            return false;
        }
        beyond.push_back(name);
        return true;
    });
    const auto some = [](const std::vector<std::string>& names) {
        std::string text;
        for (std::size_t i = 0; i < names.size() && i < 5; ++i) {
            text += (i > 0 ? ", '" : "'") + names[i] + "'";
        }
        return text + (names.size() > 5 ? " ..." : "");
    };
    if (!unusable.empty()) {
        summary.notes.push_back(std::to_string(unusable.size()) + " filters cannot be facets (" +
                                some(unusable) +
                                "): a facet name is 1 to 32 of a-z, 0-9 and _, and not a search "
                                "parameter (q, page, sort ...); rename them");
    }
    if (!beyond.empty()) {
        summary.notes.push_back(std::to_string(beyond.size()) + " filters are not facets (" +
                                some(beyond) + "): an index has at most " +
                                std::to_string(kMaxFacets) + " facets");
    }
    return std::make_unique<BuiltSiteRules>(std::move(summary),
                                            source.config.fields.date_fallback == "mtime");
}

} // namespace libsearch::detail
