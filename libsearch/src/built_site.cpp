// The rules of a built site (content.source: built): the root is a generator's HTML
// output, and a page is published at its file's path there, as any web server serves it.
#include "built_page.hpp"
#include "site_rules.hpp"

#include <libsearch/config.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace libsearch::detail {

namespace {

/// Characters a file name may hold that a URL path must escape: '%' itself (a file named
/// `%c2%a1hola` is served at `%25c2%25a1hola`), space, controls and the delimiters.
/// Letters beyond ASCII stay as they are, as generators write them into links.
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
    std::string url = "/";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (must_escape(byte)) {
            url += '%';
            url += kHex[byte >> 4];
            url += kHex[byte & 0xF];
        } else {
            url += c;
        }
    }
    return url;
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
    for (const SourceFile& file : scan.files) {
        if (file.size > source.config.content.max_file_bytes) {
            continue;
        }
        const std::string html = read_whole(file.absolute);
        if (!mentions_search_markup(html)) {
            continue;
        }
        const BuiltPage page = read_built_page(html);
        summary.marked_bodies = summary.marked_bodies || page.marked_body;
        for (const auto& name : page.filter_names) {
            auto& facets = summary.declared_facets;
            if (std::find(facets.begin(), facets.end(), name) == facets.end()) {
                facets.push_back(name);
            }
        }
    }
    std::erase_if(summary.declared_facets, [&](const std::string& name) {
        if (is_usable_facet_name(name)) {
            return false;
        }
        summary.notes.push_back("the filter '" + name +
                                "' cannot be a facet: a facet name is 1 to 32 of a-z, 0-9 and _, "
                                "and not a search parameter (q, page, sort ...); rename it");
        return true;
    });
    const auto& configured = source.config.facets;
    std::size_t room = kMaxFacets > configured.size() ? kMaxFacets - configured.size() : 0;
    std::erase_if(summary.declared_facets, [&](const std::string& name) {
        if (std::any_of(configured.begin(), configured.end(),
                        [&](const FacetConfig& facet) { return facet.name == name; })) {
            return false; // feeds the configured facet of its name
        }
        if (room > 0) {
            --room;
            return false;
        }
        summary.notes.push_back("the filter '" + name + "' is not a facet: an index has at most " +
                                std::to_string(kMaxFacets) + " facets");
        return true;
    });
    return std::make_unique<BuiltSiteRules>(std::move(summary),
                                            source.config.fields.date_fallback == "mtime");
}

} // namespace libsearch::detail
