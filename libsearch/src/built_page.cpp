// read_built_page: one HTML file of a site's output → its text and what it says about itself.
// Pagefind's attribute names are read as well as ours, with the same meaning, so a site
// marked up for Pagefind switches by changing one command.
#include "built_page.hpp"
#include "html_dom.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <utility>

namespace libsearch::detail {

namespace {

bool has_tag(const GumboNode* node, GumboTag tag) {
    return node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

const GumboVector* children_of(const GumboNode* node) {
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
        return &node->v.element.children;
    }
    if (node->type == GUMBO_NODE_DOCUMENT) {
        return &node->v.document.children;
    }
    return nullptr;
}

std::string lower_attribute(const GumboNode* node, const char* name) {
    const char* value = attribute_of(node, name);
    return value != nullptr ? ascii_lower(trim(value)) : std::string();
}

/// Calls `visit(node)` on `root` and its descendants in document order; `visit` returns
/// whether to descend. Iterative: a deeply nested page cannot overflow the stack.
template <typename Visit>
void walk(const GumboNode* root, Visit&& visit) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (!visit(node)) {
            continue;
        }
        if (const GumboVector* children = children_of(node)) {
            for (unsigned i = children->length; i-- > 0;) {
                stack.push_back(static_cast<const GumboNode*>(children->data[i]));
            }
        }
    }
}

/// One `name`, `name:value` or `name[attribute]` of a data-search-filter/-meta value.
struct Declared {
    std::string name;
    std::string value;
};

/// Splits a data-search-filter / data-search-meta value at its unescaped commas (a comma
/// in a written value is `\,`) and reads each part against the element it is on.
std::vector<Declared> read_declarations(const GumboNode* node, std::string_view spec) {
    std::vector<Declared> out;
    std::string part;
    const auto finish = [&] {
        const std::string_view text = trim(part);
        if (text.empty()) {
            part.clear();
            return;
        }
        Declared declared;
        const auto colon = text.find(':');
        const auto bracket = text.find('[');
        if (colon != std::string_view::npos &&
            (bracket == std::string_view::npos || colon < bracket)) {
            declared.name = std::string(trim(text.substr(0, colon)));
            declared.value = std::string(trim(text.substr(colon + 1)));
        } else if (bracket != std::string_view::npos && text.back() == ']') {
            declared.name = std::string(trim(text.substr(0, bracket)));
            const std::string attribute(trim(text.substr(bracket + 1, text.size() - bracket - 2)));
            const char* value = attribute_of(node, attribute.c_str());
            declared.value = value != nullptr ? std::string(trim(value)) : std::string();
        } else {
            declared.name = std::string(text);
            const char* content =
                has_tag(node, GUMBO_TAG_META) ? attribute_of(node, "content") : nullptr;
            declared.value = content != nullptr ? std::string(trim(content)) : subtree_text(node);
        }
        if (!declared.name.empty() && !declared.value.empty()) {
            out.push_back(std::move(declared));
        }
        part.clear();
    };
    for (std::size_t i = 0; i < spec.size(); ++i) {
        if (spec[i] == '\\' && i + 1 < spec.size() && spec[i + 1] == ',') {
            part += ',';
            ++i;
        } else if (spec[i] == ',') {
            finish();
        } else {
            part += spec[i];
        }
    }
    finish();
    return out;
}

/// A filter's name as a facet name: "Post Type" → "post_type".
std::string facet_name_of(std::string_view name) {
    std::string out;
    for (const char c : trim(name)) {
        const auto byte = static_cast<unsigned char>(c);
        out += c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(byte));
    }
    return out;
}

/// What one walk over the document collects; assembled into a BuiltPage at the end.
struct Collected {
    std::string html_lang;
    std::string title_element;
    std::string first_h1;
    std::vector<std::pair<std::string, std::string>> head; ///< meta name/property → content
    std::vector<Declared> metas;                           ///< data-search-meta, in order
    std::vector<Declared> filters;                         ///< data-search-filter and search:
    std::vector<const GumboNode*> marked;                  ///< data-search-body
    const GumboNode* main = nullptr;
    std::vector<const GumboNode*> articles; ///< outermost ones
    const GumboNode* body = nullptr;
    std::string item_date; ///< itemprop="datePublished"
    std::optional<std::string> not_a_page;
};

void read_meta_element(const GumboNode* node, Collected& found) {
    const char* content = attribute_of(node, "content");
    if (content == nullptr) {
        return;
    }
    const std::string http_equiv = lower_attribute(node, "http-equiv");
    if (http_equiv == "refresh" && !found.not_a_page) {
        const std::string_view value = content;
        const auto url = ascii_lower(value).find("url=");
        found.not_a_page = "a redirect" + (url == std::string::npos
                                               ? std::string(" (meta refresh)")
                                               : " to " + std::string(trim(value.substr(url + 4))));
        return;
    }
    std::string name = lower_attribute(node, "name");
    if (name.empty()) {
        name = lower_attribute(node, "property");
    }
    if (name.empty()) {
        name = lower_attribute(node, "itemprop");
    }
    if (name == "robots" && ascii_lower(content).find("noindex") != std::string::npos &&
        !found.not_a_page) {
        found.not_a_page = "the page asks robots not to index it (noindex)";
    } else if (name.starts_with("search:") && name.size() > 7) {
        const std::string value(trim(content));
        if (!value.empty()) {
            found.filters.push_back({facet_name_of(name.substr(7)), value});
        }
    } else if (!name.empty()) {
        found.head.emplace_back(std::move(name), std::string(trim(content)));
    }
}

bool inside_marked(const GumboNode* node) {
    for (const GumboNode* up = node->parent; up != nullptr; up = up->parent) {
        if (attribute_of(up, kBodyAttribute) != nullptr) {
            return true;
        }
    }
    return false;
}

Collected collect(const GumboOutput& output) {
    Collected found;
    found.html_lang = std::string(trim(
        attribute_of(output.root, "lang") != nullptr ? attribute_of(output.root, "lang") : ""));
    walk(output.document, [&](const GumboNode* node) {
        if (node->type != GUMBO_NODE_ELEMENT) {
            return node->type == GUMBO_NODE_DOCUMENT;
        }
        if (const char* ignore = attribute_of(node, kIgnoreAttribute);
            ignore != nullptr && ascii_lower(trim(ignore)) == "all") {
            return false; // not its text, nor its filters and metadata
        }
        if (const char* spec = attribute_of(node, kFilterAttribute)) {
            for (auto& declared : read_declarations(node, spec)) {
                declared.name = facet_name_of(declared.name);
                found.filters.push_back(std::move(declared));
            }
        }
        if (const char* spec = attribute_of(node, kMetaAttribute)) {
            for (auto& declared : read_declarations(node, spec)) {
                found.metas.push_back(std::move(declared));
            }
        }
        if (attribute_of(node, kBodyAttribute) != nullptr && !inside_marked(node)) {
            found.marked.push_back(node); // a mark inside a marked element adds nothing
        }
        if (const char* item = attribute_of(node, "itemprop");
            item != nullptr && found.item_date.empty() &&
            std::string_view(item) == "datePublished") {
            const char* value =
                attribute_of(node, has_tag(node, GUMBO_TAG_TIME) ? "datetime" : "content");
            found.item_date = value != nullptr ? std::string(trim(value)) : std::string();
        }
        switch (node->v.element.tag) {
        case GUMBO_TAG_META:
            read_meta_element(node, found);
            return false;
        case GUMBO_TAG_TITLE:
            if (found.title_element.empty()) {
                found.title_element = subtree_text(node);
            }
            return false;
        case GUMBO_TAG_H1:
            if (found.first_h1.empty()) {
                found.first_h1 = subtree_text(node);
            }
            return false;
        case GUMBO_TAG_BODY:
            found.body = node;
            return true;
        case GUMBO_TAG_MAIN:
            found.main = found.main != nullptr ? found.main : node;
            return true;
        case GUMBO_TAG_ARTICLE:
            found.articles.push_back(node);
            return true; // its filters still count; an inner <article> is not a root
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_TEMPLATE:
            return false;
        default:
            if (found.main == nullptr && lower_attribute(node, "role") == "main") {
                found.main = node;
            }
            return true;
        }
    });
    // Only the outermost articles are roots.
    std::erase_if(found.articles, [&](const GumboNode* article) {
        for (const GumboNode* up = article->parent; up != nullptr; up = up->parent) {
            if (has_tag(up, GUMBO_TAG_ARTICLE)) {
                return true;
            }
        }
        return false;
    });
    return found;
}

/// The first <time datetime> of the content region, outside nav, footer and ignored parts.
std::string first_time_in(std::span<const GumboNode* const> roots) {
    std::string date;
    for (const GumboNode* root : roots) {
        walk(root, [&](const GumboNode* node) {
            if (!date.empty() || node->type != GUMBO_NODE_ELEMENT) {
                return false;
            }
            const GumboTag tag = node->v.element.tag;
            if (tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_FOOTER ||
                attribute_of(node, kIgnoreAttribute) != nullptr) {
                return false;
            }
            if (tag == GUMBO_TAG_TIME) {
                if (const char* datetime = attribute_of(node, "datetime")) {
                    date = std::string(trim(datetime));
                }
                return false;
            }
            return true;
        });
        if (!date.empty()) {
            break;
        }
    }
    return date;
}

std::string head_value(const Collected& found, std::initializer_list<std::string_view> names) {
    for (const std::string_view name : names) {
        for (const auto& [key, value] : found.head) {
            if (key == name && !value.empty()) {
                return value;
            }
        }
    }
    return {};
}

std::string declared_meta(const Collected& found, std::string_view name) {
    for (const auto& declared : found.metas) {
        if (declared.name == name) {
            return declared.value;
        }
    }
    return {};
}

void set_text(FieldValue::Map& map, std::string key, std::string value) {
    if (value.empty()) {
        return;
    }
    for (const auto& member : map) {
        if (member.first == key) {
            return; // the first source wins
        }
    }
    map.emplace_back(std::move(key), FieldValue(std::move(value)));
}

void add_listed(FieldValue::Map& map, const std::string& key, std::string value) {
    for (auto& [name, existing] : map) {
        if (name != key) {
            continue;
        }
        if (!existing.is_list()) {
            FieldValue::List items;
            if (existing.is_text()) {
                items.push_back(existing);
            }
            existing = FieldValue(std::move(items));
        }
        auto items = existing.as_list();
        items.emplace_back(std::move(value));
        existing = FieldValue(std::move(items));
        return;
    }
    map.emplace_back(key, FieldValue(FieldValue::List{FieldValue(std::move(value))}));
}

} // namespace

BuiltPage read_built_page(std::string_view html) {
    BuiltPage page;
    const GumboOutputPtr output = parse_html(html);
    if (!output) {
        return page;
    }
    Collected found = collect(*output);
    page.not_a_page = std::move(found.not_a_page);
    page.marked_body = !found.marked.empty();

    std::vector<const GumboNode*> roots;
    if (!found.marked.empty()) {
        roots = found.marked;
    } else if (found.main != nullptr) {
        roots.push_back(found.main);
    } else if (!found.articles.empty()) {
        roots = found.articles;
    } else if (found.body != nullptr) {
        roots.push_back(found.body);
    }
    page.body =
        extract_text(roots, HtmlTextOptions{.chrome_everywhere = true, .search_attributes = true});

    FieldValue::Map& meta = page.meta.as_map();
    const auto first_of = [](std::initializer_list<std::string> values) {
        for (const auto& value : values) {
            if (!value.empty()) {
                return value;
            }
        }
        return std::string();
    };
    set_text(meta, "title",
             first_of({declared_meta(found, "title"), head_value(found, {"og:title"}),
                       found.title_element, found.first_h1}));
    set_text(meta, "description",
             first_of({declared_meta(found, "description"),
                       head_value(found, {"description", "og:description"})}));
    set_text(meta, "date",
             first_of({declared_meta(found, "date"),
                       head_value(found, {"article:published_time", "datepublished"}),
                       found.item_date, first_time_in(roots)}));
    set_text(meta, "image",
             first_of({declared_meta(found, "image"),
                       head_value(found, {"og:image", "twitter:image"})}));
    set_text(meta, "lang", found.html_lang);
    for (auto& declared : found.metas) {
        set_text(meta, std::move(declared.name), std::move(declared.value));
    }
    for (auto& declared : found.filters) {
        if (std::find(page.filter_names.begin(), page.filter_names.end(), declared.name) ==
            page.filter_names.end()) {
            page.filter_names.push_back(declared.name);
        }
        add_listed(meta, declared.name, std::move(declared.value));
    }
    return page;
}

bool mentions_search_markup(std::string_view html) {
    for (const std::string_view marker :
         {"data-search-", "data-pagefind-", "\"search:", "'search:", "=search:"}) {
        if (html.find(marker) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

} // namespace libsearch::detail
