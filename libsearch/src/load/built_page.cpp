// read_built_page: one HTML file of a site's output → its text and what it says about itself.
// Pagefind's attribute names are read as well as ours, with the same meaning, so a site
// marked up for Pagefind switches by changing one command.
#include "load/built_page.hpp"
#include "text/html_dom.hpp"
#include "text/text_util.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>
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

/// Calls `visit(node, context)` on `root` and its descendants in document order; `visit`
/// returns whether to descend, and what it sets in `context` its descendants see (so that
/// "inside a marked element" costs nothing per node, however deep the page). Iterative: a
/// deeply nested page cannot overflow the stack.
template <typename Context, typename Visit>
void walk(const GumboNode* root, Visit&& visit) {
    std::vector<std::pair<const GumboNode*, Context>> stack{{root, Context{}}};
    while (!stack.empty()) {
        auto [node, context] = stack.back();
        stack.pop_back();
        if (!visit(node, context)) {
            continue;
        }
        if (const GumboVector* children = children_of(node)) {
            for (unsigned i = children->length; i-- > 0;) {
                stack.emplace_back(static_cast<const GumboNode*>(children->data[i]), context);
            }
        }
    }
}

struct NoContext {};

/// One `name`, `name:value` or `name[attribute]` of a data-search-filter/-meta value.
struct Declared {
    std::string name;
    std::string value;
};

/// Reads a data-search-filter / data-search-meta value as Pagefind does: comma-separated
/// `name` (the element's text, or a <meta>'s content) and `name[attribute]` parts, and a
/// `name:value` part whose value runs to the end, commas and all ("date:June 1, 2022").
std::vector<Declared> read_declarations(const GumboNode* node, std::string_view spec) {
    std::vector<Declared> out;
    while (!spec.empty()) {
        const auto comma = spec.find(',');
        std::string_view part = trim(spec.substr(0, comma));
        const auto colon = part.find(':');
        const auto bracket = part.find('[');
        Declared declared;
        if (colon != std::string_view::npos &&
            (bracket == std::string_view::npos || colon < bracket)) {
            const std::string_view rest = spec.substr(spec.find(':') + 1);
            declared.name = std::string(trim(part.substr(0, colon)));
            declared.value = std::string(trim(rest));
            spec = {};
        } else {
            if (bracket != std::string_view::npos && part.back() == ']') {
                declared.name = std::string(trim(part.substr(0, bracket)));
                const std::string attribute(
                    trim(part.substr(bracket + 1, part.size() - bracket - 2)));
                const char* value = attribute_of(node, attribute.c_str());
                declared.value = value != nullptr ? std::string(trim(value)) : std::string();
            } else if (!part.empty()) {
                declared.name = std::string(part);
                const char* content =
                    has_tag(node, GUMBO_TAG_META) ? attribute_of(node, "content") : nullptr;
                declared.value =
                    content != nullptr ? std::string(trim(content)) : subtree_text(node);
            }
            spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
        }
        if (!declared.name.empty() && !declared.value.empty()) {
            out.push_back(std::move(declared));
        }
    }
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
    if (http_equiv == "refresh") {
        // "0; url=/new/" sends the reader elsewhere; "300" only reloads the page itself.
        const std::string_view value = content;
        const auto url = ascii_lower(value).find("url=");
        if (url != std::string::npos && !found.not_a_page) {
            found.not_a_page = "a redirect to " + std::string(trim(value.substr(url + 4)));
        }
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

/// data-search-ignore="all" (Pagefind: any value but "index"): not the element's text, nor
/// its filters and metadata. Bare, or "index": only its text.
bool ignores_all(const GumboNode* node) {
    const char* ignore = attribute_of(node, kIgnoreAttribute);
    if (ignore == nullptr) {
        return false;
    }
    const std::string value = ascii_lower(trim(ignore));
    return !value.empty() && value != "index";
}

/// Where a node is, for what the walk collects.
struct Place {
    bool in_marked = false;  ///< inside an element marked data-search-body
    bool in_article = false; ///< inside an <article>
};

Collected collect(const GumboOutput& output) {
    Collected found;
    found.html_lang = std::string(trim(
        attribute_of(output.root, "lang") != nullptr ? attribute_of(output.root, "lang") : ""));
    walk<Place>(output.document, [&](const GumboNode* node, Place& place) {
        if (node->type != GUMBO_NODE_ELEMENT) {
            return node->type == GUMBO_NODE_DOCUMENT;
        }
        if (ignores_all(node)) {
            return false;
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
        if (attribute_of(node, kBodyAttribute) != nullptr && !place.in_marked) {
            found.marked.push_back(node); // a mark inside a marked element adds nothing
            place.in_marked = true;
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
            if (!place.in_article) { // an inner <article> is not a root
                found.articles.push_back(node);
                place.in_article = true;
            }
            return true; // its filters still count
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
    return found;
}

/// The first <time datetime> of the content region, outside nav, footer and ignored parts.
std::string first_time_in(std::span<const GumboNode* const> roots) {
    std::string date;
    for (const GumboNode* root : roots) {
        walk<NoContext>(root, [&](const GumboNode* node, NoContext&) {
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

/// The page's meta map, keys in the order first seen: a text value is the first given, a
/// filter's values are listed after it. Linear in the number of values, however many a
/// page declares.
class MetaBuilder {
public:
    void set_text(const std::string& key, std::string value) {
        if (!value.empty() && texts_.emplace(key, std::move(value)).second) {
            note(key);
        }
    }

    void add_listed(const std::string& key, std::string value) {
        lists_[key].push_back(std::move(value));
        note(key);
    }

    FieldValue finish() && {
        FieldValue::Map map;
        map.reserve(order_.size());
        for (auto& key : order_) {
            const auto text = texts_.find(key);
            const auto list = lists_.find(key);
            if (list == lists_.end()) {
                map.emplace_back(std::move(key), FieldValue(std::move(text->second)));
                continue;
            }
            FieldValue::List items;
            items.reserve(list->second.size() + 1);
            if (text != texts_.end()) {
                items.emplace_back(std::move(text->second));
            }
            for (auto& value : list->second) {
                items.emplace_back(std::move(value));
            }
            map.emplace_back(std::move(key), FieldValue(std::move(items)));
        }
        return FieldValue(std::move(map));
    }

private:
    void note(const std::string& key) {
        if (seen_.insert(key).second) {
            order_.push_back(key);
        }
    }

    std::vector<std::string> order_;
    std::unordered_set<std::string> seen_;
    std::unordered_map<std::string, std::string> texts_;
    std::unordered_map<std::string, std::vector<std::string>> lists_;
};

} // namespace

BuiltPage read_built_page(std::string_view html, BuiltPageParts parts) {
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
    if (parts == BuiltPageParts::everything) {
        page.body = extract_text(
            roots, HtmlTextOptions{.chrome_everywhere = true, .search_attributes = true});
    }

    MetaBuilder meta;
    const auto first_of = [](std::initializer_list<std::string> values) {
        for (const auto& value : values) {
            if (!value.empty()) {
                return value;
            }
        }
        return std::string();
    };
    meta.set_text("title", first_of({declared_meta(found, "title"), head_value(found, {"og:title"}),
                                     found.title_element, found.first_h1}));
    meta.set_text("description", first_of({declared_meta(found, "description"),
                                           head_value(found, {"description", "og:description"})}));
    meta.set_text("date", first_of({declared_meta(found, "date"),
                                    head_value(found, {"article:published_time", "datepublished"}),
                                    found.item_date, first_time_in(roots)}));
    meta.set_text("image", first_of({declared_meta(found, "image"),
                                     head_value(found, {"og:image", "twitter:image"})}));
    meta.set_text("lang", found.html_lang);
    for (auto& declared : found.metas) {
        meta.set_text(declared.name, std::move(declared.value));
    }
    std::unordered_set<std::string> named;
    for (auto& declared : found.filters) {
        if (named.insert(declared.name).second) {
            page.filter_names.push_back(declared.name);
        }
        meta.add_listed(declared.name, std::move(declared.value));
    }
    page.meta = std::move(meta).finish();
    return page;
}

bool mentions_search_markup(std::string_view html) {
    // HTML attribute and meta names are case-insensitive, and so is this test.
    const auto same = [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    };
    for (const std::string_view marker :
         {"data-search-", "data-pagefind-", "\"search:", "'search:", "=search:"}) {
        if (std::search(html.begin(), html.end(), marker.begin(), marker.end(), same) !=
            html.end()) {
            return true;
        }
    }
    return false;
}

} // namespace libsearch::detail
