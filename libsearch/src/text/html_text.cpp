// HTML → plain text with gumbo. The tree is walked with an explicit stack, so a deeply
// nested page cannot overflow ours.
#include "text/html_dom.hpp"
#include "text/plain_text.hpp"
#include "text/text_util.hpp"
#include "text/utf8.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <vector>

namespace libsearch::detail {

void GumboOutputDeleter::operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
}

GumboOutputPtr parse_html(std::string_view html) {
    // gumbo copies the stack of open elements into every parse error it records, which
    // costs gigabytes on a deeply nested page (20,000 <div>s: 3 GB). We never read the
    // errors, so record none.
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    return GumboOutputPtr(gumbo_parse_with_options(&options, html.data(), html.size()));
}

const char* attribute_of(const GumboNode* node, const char* name) {
    if (node->type != GUMBO_NODE_ELEMENT) {
        return nullptr;
    }
    const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, name);
    return attribute != nullptr ? attribute->value : nullptr;
}

const char* attribute_of(const GumboNode* node, SearchAttribute attribute) {
    const char* value = attribute_of(node, attribute.ours);
    return value != nullptr ? value : attribute_of(node, attribute.pagefind);
}

std::string subtree_text(const GumboNode* root) {
    std::string text;
    bool pending_space = false;
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
            node->type == GUMBO_NODE_CDATA) {
            append_collapsed(text, node->v.text.text, pending_space);
        } else if (node->type == GUMBO_NODE_ELEMENT) {
            const GumboVector& children = node->v.element.children;
            for (unsigned i = children.length; i-- > 0;) {
                stack.push_back(static_cast<const GumboNode*>(children.data[i]));
            }
        }
    }
    return text;
}

namespace {

bool is_void_or_self_closing(std::string_view name) {
    // Void elements, and elements HTML closes implicitly, which sloppy pages leave open.
    static constexpr std::string_view kNames[] = {
        "area",  "base",   "br",       "col",   "embed", "hr",    "img", "input", "link", "meta",
        "param", "source", "track",    "wbr",   "p",     "li",    "dt",  "dd",    "tr",   "td",
        "th",    "option", "colgroup", "tbody", "thead", "tfoot", "rb",  "rt",    "rp"};
    for (const auto known : kNames) {
        if (name.size() == known.size() &&
            std::equal(name.begin(), name.end(), known.begin(),
                       [](char a, char b) { return (a | 0x20) == b; })) {
            return true;
        }
    }
    return false;
}

enum class Role { dropped, chrome, block, line, cell, heading, preformatted, title, inline_ };

Role role_of(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
        return Role::dropped;
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
        return Role::chrome;
    case GUMBO_TAG_TITLE:
        return Role::title;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
        return Role::heading;
    case GUMBO_TAG_PRE:
        return Role::preformatted;
    case GUMBO_TAG_BR:
    case GUMBO_TAG_TR:
        return Role::line;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
        return Role::cell;
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_BODY:
        return Role::block;
    default:
        return Role::inline_;
    }
}

/// A built page's weight for an element's text, on Pagefind's scale: 0 to 10, 1 as normal.
/// Xapian weighs a word by whole occurrences, so a weight above 1 is rounded, one between
/// 0 and 1 cannot demote the text below the body's and counts as 1, and 0 leaves the text
/// out of the index.
unsigned whole_weight(const char* written) {
    char* end = nullptr;
    const double weight = std::strtod(written, &end);
    if (end == written || !std::isfinite(weight)) {
        return 1;
    }
    if (weight <= 0) {
        return 0;
    }
    return static_cast<unsigned>(std::lround(std::clamp(weight, 1.0, 10.0)));
}

class HtmlWalker {
public:
    explicit HtmlWalker(HtmlTextOptions options = {})
        : options_(options) {}

    ExtractedText walk(std::span<const GumboNode* const> roots) {
        for (const GumboNode* root : roots) {
            walk_one(root);
            out_.paragraph_break();
        }
        auto result = std::move(out_).finish();
        result.html_title = std::move(title_);
        for (auto& [weight, text] : weighted_) {
            result.weighted.push_back(WeightedText{weight, std::move(text)});
        }
        return result;
    }

    ExtractedText walk(const GumboNode* root) { return walk(std::span(&root, 1)); }

private:
    void walk_one(const GumboNode* root) {
        // Each frame is a node and the index of its next child; leaving a frame closes the
        // element (paragraph break after a block, heading end, ...).
        open(root);
        while (!stack_.empty()) {
            Frame& frame = stack_.back();
            if (frame.node->type != GUMBO_NODE_ELEMENT && frame.node->type != GUMBO_NODE_DOCUMENT) {
                stack_.pop_back();
                continue;
            }
            const GumboVector& children = frame.node->type == GUMBO_NODE_DOCUMENT
                                              ? frame.node->v.document.children
                                              : frame.node->v.element.children;
            if (frame.next_child >= children.length) {
                leave(frame.node);
                if (frame.weighs) {
                    weights_.pop_back();
                    if (!weights_.empty() && weights_.back() > 1) {
                        weighted_[weights_.back()] += ' '; // the outer text resumes apart
                    }
                }
                stack_.pop_back();
                continue;
            }
            const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
            open(child);
        }
    }

    /// Enters a node, and descends into it unless it is left out.
    void open(const GumboNode* node) {
        pushed_weight_ = false;
        if (enter(node)) {
            stack_.push_back({node, 0, pushed_weight_});
        } else if (pushed_weight_) {
            weights_.pop_back();
        }
    }

    struct Frame {
        const GumboNode* node;
        unsigned next_child;
        bool weighs; ///< the element set a weight, taken off when it closes
    };

    void text(const char* run) {
        const std::size_t before = out_.written().size();
        out_.text(run, preformatted_depth_ > 0);
        if (!weights_.empty() && weights_.back() > 1) {
            // What the body gained, separators included: `<b>Kuber</b>netes` stays one word.
            weighted_[weights_.back()] += out_.written().substr(before);
        }
    }

    /// data-search-ignore and data-search-weight (or Pagefind's): false when the element
    /// is left out of the text.
    bool enter_search_attributes(const GumboNode* node) {
        if (attribute_of(node, kIgnoreAttribute) != nullptr) {
            return false;
        }
        if (const char* weight = attribute_of(node, kWeightAttribute)) {
            const unsigned whole = whole_weight(weight);
            if (whole == 0) {
                return false;
            }
            weights_.push_back(whole);
            pushed_weight_ = true;
            if (whole > 1) {
                weighted_[whole] += ' '; // text of separate elements does not run together
            }
        }
        return true;
    }

    bool inside(GumboTag tag) const {
        for (const auto& frame : stack_) {
            if (frame.node->type == GUMBO_NODE_ELEMENT && frame.node->v.element.tag == tag) {
                return true;
            }
        }
        return false;
    }

    /// Returns whether to descend into the node.
    bool enter(const GumboNode* node) {
        switch (node->type) {
        case GUMBO_NODE_DOCUMENT:
            return true;
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
            text(node->v.text.text);
            return false;
        case GUMBO_NODE_COMMENT:
            return false;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
            break;
        }
        const GumboTag tag = node->v.element.tag;
        if (options_.search_attributes && !enter_search_attributes(node)) {
            return false;
        }
        if (tag == GUMBO_TAG_HEAD) {
            // Only the <title> of the head is kept, apart from the text.
            for (unsigned i = 0; i < node->v.element.children.length; ++i) {
                const auto* child = static_cast<const GumboNode*>(node->v.element.children.data[i]);
                if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_TITLE &&
                    title_.empty()) {
                    title_ = subtree_text(child);
                }
            }
            return false;
        }
        switch (role_of(tag)) {
        case Role::dropped:
            return false;
        case Role::title:
            if (title_.empty()) {
                title_ = subtree_text(node);
            }
            return false;
        case Role::chrome:
            // A page header/footer is site chrome; an article's own header holds its title.
            if (options_.chrome_everywhere ||
                (!inside(GUMBO_TAG_ARTICLE) && !inside(GUMBO_TAG_MAIN))) {
                return false;
            }
            out_.paragraph_break();
            return true;
        case Role::heading:
            out_.begin_heading(static_cast<int>(tag - GUMBO_TAG_H1) + 1);
            return true;
        case Role::preformatted:
            out_.paragraph_break();
            ++preformatted_depth_;
            return true;
        case Role::line:
            out_.line_break();
            return true;
        case Role::cell:
            out_.word_break();
            return true;
        case Role::block:
            out_.paragraph_break();
            return true;
        case Role::inline_:
            return true;
        }
        return true;
    }

    void leave(const GumboNode* node) {
        if (node->type != GUMBO_NODE_ELEMENT) {
            return;
        }
        switch (role_of(node->v.element.tag)) {
        case Role::heading:
            out_.end_heading();
            break;
        case Role::preformatted:
            --preformatted_depth_;
            out_.paragraph_break();
            break;
        case Role::block:
        case Role::chrome:
            out_.paragraph_break();
            break;
        case Role::cell:
            out_.word_break();
            break;
        default:
            break;
        }
    }

    HtmlTextOptions options_;
    TextBuilder out_;
    std::string title_;
    std::vector<Frame> stack_;
    int preformatted_depth_ = 0;
    std::vector<unsigned> weights_; ///< of the weighed elements open, innermost last
    bool pushed_weight_ = false;    ///< the element just entered set a weight
    std::map<unsigned, std::string> weighted_;
};

} // namespace

std::size_t estimate_html_depth(std::string_view html) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    for (std::size_t pos = html.find('<'); pos != std::string_view::npos;
         pos = html.find('<', pos + 1)) {
        if (pos + 1 >= html.size()) {
            break;
        }
        if (html[pos + 1] == '/') {
            // `</p>` closes nothing counted (`<p>` is not counted: HTML closes it itself).
            std::size_t end = pos + 2;
            while (end < html.size() &&
                   (std::isalnum(static_cast<unsigned char>(html[end])) != 0)) {
                ++end;
            }
            if (!is_void_or_self_closing(html.substr(pos + 2, end - pos - 2))) {
                depth -= depth > 0 ? 1 : 0;
            }
            continue;
        }
        if (html.substr(pos, 4) == "<!--") {
            pos = html.find("-->", pos + 4);
            if (pos == std::string_view::npos) {
                break;
            }
            continue;
        }
        std::size_t end = pos + 1;
        while (end < html.size() && (std::isalnum(static_cast<unsigned char>(html[end])) != 0)) {
            ++end;
        }
        if (end == pos + 1) {
            continue; // "<!--", "<!DOCTYPE", "a < b": not an element
        }
        const std::size_t close = html.find('>', end);
        const bool self_closing =
            close != std::string_view::npos && close > 0 && html[close - 1] == '/';
        if (!self_closing && !is_void_or_self_closing(html.substr(pos + 1, end - pos - 1))) {
            deepest = std::max(deepest, ++depth);
        }
    }
    return deepest;
}

ExtractedText extract_text(std::span<const GumboNode* const> roots,
                           const HtmlTextOptions& options) {
    return HtmlWalker{options}.walk(roots);
}

ExtractedText html_to_text(std::string_view html) {
    const auto output = parse_html(html);
    if (!output) {
        return {};
    }
    return HtmlWalker{}.walk(output->document);
}

std::string decode_entity(std::string_view entity) {
    if (entity.size() > 3 && entity.front() == '&' && entity[1] == '#' && entity.back() == ';') {
        std::string_view digits = entity.substr(2, entity.size() - 3);
        int base = 10;
        if (!digits.empty() && (digits.front() == 'x' || digits.front() == 'X')) {
            base = 16;
            digits.remove_prefix(1);
        }
        std::uint32_t code_point = 0;
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), code_point, base);
        std::string out;
        append_utf8(out, error == std::errc() && end == digits.data() + digits.size()
                             ? static_cast<char32_t>(code_point)
                             : U'\uFFFD');
        return out;
    }
    // Named references: the HTML5 table has 2,231 names; gumbo knows them all.
    const auto output = parse_html(entity);
    auto decoded = output ? HtmlWalker{}.walk(output->document).text : std::string();
    return decoded.empty() ? std::string(entity) : decoded;
}

} // namespace libsearch::detail
