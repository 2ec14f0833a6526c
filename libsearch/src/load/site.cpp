// Site::open: which generator built the site at the content root, and its rules.
#include "load/site_config.hpp"
#include "load/site_rules.hpp"
#include "text/text_util.hpp"

#include <libsearch/error.hpp>
#include <libsearch/site.hpp>

#include <algorithm>

namespace libsearch {

namespace {

struct GeneratorName {
    Generator generator;
    std::string_view name;
};

constexpr GeneratorName kGenerators[] = {
    {Generator::none, "none"},
    {Generator::hugo, "hugo"},
    {Generator::jekyll, "jekyll"},
    {Generator::eleventy, "eleventy"},
    {Generator::zola, "zola"},
    {Generator::mkdocs, "mkdocs"},
    {Generator::docusaurus, "docusaurus"},
};

std::optional<Generator> generator_named(std::string_view name) {
    for (const auto& entry : kGenerators) {
        if (entry.name == name) {
            return entry.generator;
        }
    }
    return std::nullopt;
}

bool path_exists(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::exists(path, error);
}

/// Zola and Hugo both may use config.toml: Zola's says `base_url`, Hugo's `baseURL`.
bool is_zola_config(const std::filesystem::path& file) {
    const FieldValue config = detail::read_config_file(file);
    const FieldValue* base = config.find("base_url");
    return base != nullptr && config.find("baseURL") == nullptr &&
           config.find("baseurl") == nullptr;
}

/// The generator whose files are in `root`, from the files each one requires.
std::optional<Generator> recognise(const std::filesystem::path& root) {
    if (auto toml = detail::first_existing(root, {"config.toml"}); toml && is_zola_config(*toml)) {
        return Generator::zola;
    }
    if (detail::first_existing(root, {"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                                      "config.toml", "config.yaml", "config.yml", "config.json"}) ||
        path_exists(root / "config" / "_default")) {
        return Generator::hugo;
    }
    if (detail::first_existing(root, {"_config.yml", "_config.yaml", "_config.toml"})) {
        return Generator::jekyll;
    }
    if (detail::first_existing(root, {"mkdocs.yml", "mkdocs.yaml"})) {
        return Generator::mkdocs;
    }
    if (detail::first_existing(root, {"docusaurus.config.js", "docusaurus.config.ts",
                                      "docusaurus.config.mjs", "docusaurus.config.cjs"})) {
        return Generator::docusaurus;
    }
    if (detail::first_existing(root, {".eleventy.js", "eleventy.config.js", "eleventy.config.mjs",
                                      "eleventy.config.cjs", ".eleventy.cjs"})) {
        return Generator::eleventy;
    }
    return std::nullopt;
}

std::unique_ptr<detail::SiteRules> open_rules(const detail::SiteSource& source) {
    switch (source.generator) {
    case Generator::hugo:
        return detail::open_hugo_site(source);
    case Generator::jekyll:
        return detail::open_jekyll_site(source);
    default:
        return detail::open_path_site(source);
    }
}

} // namespace

std::string_view to_string(Generator generator) noexcept {
    for (const auto& entry : kGenerators) {
        if (entry.generator == generator) {
            return entry.name;
        }
    }
    return "none";
}

Site::Site(std::shared_ptr<const detail::SiteRules> rules)
    : rules_(std::move(rules)) {}

Site Site::open(const Config& config) {
    const std::string& wanted = config.site.generator;
    const auto root = std::filesystem::absolute(config.content.root).lexically_normal();
    detail::SiteSource source{config, root, Generator::none, false};
    if (config.content.source == "built") {
        return Site(detail::open_built_site(source, true));
    }
    if (wanted == "auto") {
        if (const auto found = recognise(root)) {
            source.generator = *found;
            source.detected = true;
        }
    } else if (const auto named = generator_named(wanted)) {
        source.generator = *named;
    } else {
        throw Error(ErrorCode::invalid_config,
                    "site.generator: '" + wanted +
                        "' is not one of auto, hugo, jekyll, eleventy, zola, mkdocs, "
                        "docusaurus, none");
    }
    return Site(open_rules(source));
}

Site Site::from_config(const Config& config) {
    const auto root = std::filesystem::absolute(config.content.root).lexically_normal();
    const detail::SiteSource source{config, root, Generator::none, false};
    if (config.content.source == "built") {
        return Site(detail::open_built_site(source, false));
    }
    return Site(detail::open_path_site(source));
}

Config Site::with_declared_facets(Config config) const {
    for (const auto& name : summary().declared_facets) {
        const auto same =
            std::find_if(config.facets.begin(), config.facets.end(),
                         [&](const FacetConfig& facet) { return facet.name == name; });
        if (same != config.facets.end()) {
            // A filter named like a configured facet feeds it, after the keys configured.
            if (std::find(same->keys.begin(), same->keys.end(), name) == same->keys.end()) {
                same->keys.push_back(name);
            }
        } else if (config.facets.size() < kMaxFacets) {
            config.facets.push_back(FacetConfig{name, {name}});
        }
    }
    return config;
}

const SiteSummary& Site::summary() const noexcept {
    return rules_->summary();
}

const detail::SiteRules& Site::rules() const noexcept {
    return *rules_;
}

std::string Site::fingerprint() const {
    return std::to_string(detail::fnv1a(rules_->describe()));
}

} // namespace libsearch
