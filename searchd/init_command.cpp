#include "init_command.hpp"

#include <libsearch/config.hpp>
#include <libsearch/error.hpp>
#include <libsearch/loader.hpp>
#include <libsearch/site.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace searchd {

namespace {

/// How many pages give each top-level front-matter key a value, and of which shape.
struct KeyUse {
    std::size_t pages = 0;
    std::size_t lists = 0; ///< pages where the value is a list of texts
};

using KeyUses = std::map<std::string, KeyUse>;

/// A facet is worth suggesting when a share of the pages use the key.
constexpr double kFacetShare = 0.02;

void count_keys(const libsearch::FieldValue& front_matter, KeyUses& uses) {
    if (!front_matter.is_map()) {
        return;
    }
    for (const auto& [key, value] : front_matter.as_map()) {
        const bool has_value = (value.is_text() && !value.as_text().empty()) ||
                               (value.is_list() && !value.as_list().empty()) ||
                               value.kind() == libsearch::FieldValue::Kind::boolean;
        if (!has_value) {
            continue;
        }
        auto& use = uses[key];
        ++use.pages;
        use.lists += value.is_list() ? 1 : 0;
    }
}

/// The candidates the pages use, most used first, as a YAML list and a comment.
std::pair<std::string, std::string> keys_in_use(const KeyUses& uses,
                                                std::initializer_list<const char*> candidates) {
    std::vector<std::pair<std::size_t, std::string>> found;
    for (const char* key : candidates) {
        if (const auto it = uses.find(key); it != uses.end()) {
            found.emplace_back(it->second.pages, key);
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string list;
    std::string comment;
    for (const auto& [pages, key] : found) {
        list += (list.empty() ? "" : ", ") + key;
        comment += (comment.empty() ? "" : ", ") + key + " on " + std::to_string(pages);
    }
    return {"[" + list + "]", comment.empty() ? "no page has one" : comment + " pages"};
}

/// A facet name from a key: lower case, [a-z0-9_]; empty when no name can be made.
std::string facet_name(const std::string& key) {
    std::string name;
    for (const char c : key) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
            name += c;
        } else if (c >= 'A' && c <= 'Z') {
            name += static_cast<char>(c - 'A' + 'a');
        } else {
            name += '_';
        }
    }
    return libsearch::is_usable_facet_name(name) ? name : std::string();
}

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

} // namespace

int run_init(const std::filesystem::path& site_root) {
    const auto root = std::filesystem::absolute(site_root).lexically_normal();
    const auto target = root / "searchd.yaml";
    std::error_code error;
    if (std::filesystem::exists(target, error)) {
        std::cerr << "searchd init: " << target.string()
                  << " exists; it is left as it is (move it away to write a new one)\n";
        return 2;
    }
    libsearch::Config config;
    config.content.root = root;
    const libsearch::Loader loader(config);
    const auto& site = loader.site().summary();
    KeyUses uses;
    const auto summary =
        loader.load([&](const libsearch::SourceFile&,
                        libsearch::Document&& page) { count_keys(page.front_matter, uses); },
                    [](const libsearch::LoadIssue&) {});

    const auto title = keys_in_use(uses, {"title", "Title", "linkTitle", "display_name", "name"});
    const auto description = keys_in_use(
        uses, {"description", "summary", "deck", "excerpt", "lead", "subtitle", "Description"});
    const auto date = keys_in_use(
        uses, {"date", "publishDate", "publishdate", "pubDate", "published", "lastmod", "lastMod"});
    const auto language = keys_in_use(uses, {"lang", "language"});
    // Facets: the taxonomy keys generators use, and any key most of whose values are lists.
    std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> facets; // name → keys
    const auto pages = std::max<std::size_t>(summary.loaded, 1);
    for (const auto& [key, use] : uses) {
        static const std::vector<std::string> taxonomies = {
            "tags",   "categories", "topics",   "authors",   "author",          "category",
            "series", "section",    "audience", "community", "communityTopics", "host",
            "source", "linkBrand",  "groups"};
        const bool taxonomy =
            std::find(taxonomies.begin(), taxonomies.end(), key) != taxonomies.end();
        const bool listy = use.lists * 2 > use.pages;
        const double share = static_cast<double>(use.pages) / static_cast<double>(pages);
        const std::string name = facet_name(key);
        if ((taxonomy || listy) && share >= kFacetShare && !name.empty() &&
            (facets.size() < 8 || facets.count(name) > 0) && key != "aliases" && key != "images" &&
            key != "weight") {
            facets[name].emplace_back(key, use.pages); // `tags` and `Tags` make one facet
        }
    }

    std::ostringstream yaml;
    yaml << "# searchd.yaml for " << root.string() << ", written by `searchd init`.\n"
         << "# Every key is optional; config.example.yaml in searchd's sources lists them all.\n"
         << "# Found: " << libsearch::to_string(site.generator) << " site";
    for (const auto& file : site.config_files) {
        yaml << ", " << file.lexically_relative(root).string();
    }
    yaml << "; " << summary.loaded << " pages, " << summary.drafts << " drafts, "
         << summary.unpublished << " not published, " << summary.skipped << " skipped.\n\n"
         << "content:\n  root: .                      # the site's root: its generator config is "
            "read\n\n"
         << "index:\n  path: .searchd/index         # the index (a folder of generations)\n\n"
         << "site:\n  generator: " << libsearch::to_string(site.generator)
         << "            # found from its files; auto would find it again\n";
    yaml << "  # base_url: " << quoted(site.base_url)
         << "   # set to a full URL (https://...) for absolute links in results\n";
    if (!site.permalinks.empty()) {
        yaml << "  # The site's own permalinks, read from its config (nothing to set):\n";
        for (const auto& [key, pattern] : site.permalinks) {
            yaml << "  #   " << key << ": " << pattern << "\n";
        }
    }
    yaml << "  # permalinks: {}            # section or glob -> pattern, where a rule lives in "
            "code\n";
    if (!site.time_zone.empty()) {
        yaml << "  # time_zone: " << site.time_zone << "   (read from the site's config)\n";
    }
    for (const auto& note : site.notes) {
        yaml << "  # note: " << note << "\n";
    }
    yaml << "\n# Front-matter keys, counted over the pages:\nfields:\n"
         << "  title: " << title.first << "        # " << title.second << "\n"
         << "  description: " << description.first << "  # " << description.second << "\n"
         << (site.generator == libsearch::Generator::hugo ||
                     site.generator == libsearch::Generator::jekyll
                 ? "  # date: the generator's own rules decide it (" + date.second + ")\n"
                 : "  date: " + date.first + "         # " + date.second + "\n");
    if (language.first != "[]") {
        yaml << "  language: " << language.first << "     # " << language.second << "\n";
    }
    yaml << "\n# Facets: the keys pages use as categories (name: [keys]); edit freely.\nfacets:";
    if (facets.empty()) {
        yaml << " {}\n";
    } else {
        yaml << "\n";
        for (const auto& [name, keys] : facets) {
            std::string list;
            std::string counts;
            for (const auto& [key, count] : keys) {
                list += (list.empty() ? "" : ", ") + key;
                counts += (counts.empty() ? "" : ", ") + std::to_string(count);
            }
            yaml << "  " << name << ": [" << list << "]  # on " << counts << " pages\n";
        }
    }
    const std::string text = yaml.str();
    // What is written must be a valid config: read it back before writing it.
    libsearch::parse_config(text, root, target.string());
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
        throw libsearch::Error(libsearch::ErrorCode::io_error, "cannot write " + target.string());
    }
    std::cout << "wrote " << target.string() << " (" << libsearch::to_string(site.generator)
              << " site, " << summary.loaded << " pages)\n\n"
              << "index it:  searchd reindex --config " << target.string() << "\n"
              << "serve it:  searchd serve --config " << target.string() << "\n";
    return 0;
}

} // namespace searchd
