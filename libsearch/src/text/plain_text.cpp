#include "text/plain_text.hpp"

#include "text/text_util.hpp"

#include <algorithm>

namespace libsearch::detail {

void TextBuilder::flush_pending() {
    if (result_.text.empty()) {
        pending_newlines_ = 0;
        pending_space_ = false;
        return;
    }
    if (pending_newlines_ > 0) {
        while (!result_.text.empty() && result_.text.back() == ' ') {
            result_.text.pop_back();
        }
        // Preformatted text may already end with a newline of its own.
        int present = 0;
        for (auto it = result_.text.rbegin(); it != result_.text.rend() && *it == '\n'; ++it) {
            ++present;
        }
        result_.text.append(static_cast<std::size_t>(std::max(0, pending_newlines_ - present)),
                            '\n');
        pending_newlines_ = 0;
        pending_space_ = false;
    }
}

void TextBuilder::text(std::string_view run, bool preformatted) {
    if (preformatted) {
        if (run.empty()) {
            return;
        }
        flush_pending();
        if (pending_space_ && !result_.text.empty() && result_.text.back() != '\n' &&
            result_.text.back() != ' ') {
            result_.text += ' ';
        }
        pending_space_ = false;
        result_.text.append(run);
        return;
    }
    if (is_blank(run)) {
        pending_space_ = pending_space_ || !run.empty();
        return;
    }
    flush_pending();
    append_collapsed(result_.text, run, pending_space_);
}

void TextBuilder::paragraph_break() {
    pending_newlines_ = 2;
}

void TextBuilder::line_break() {
    pending_newlines_ = std::max(pending_newlines_, 1);
}

void TextBuilder::word_break() {
    pending_space_ = true;
}

void TextBuilder::block(const ExtractedText& inner) {
    paragraph_break();
    text(inner.text, /*preformatted=*/true);
    paragraph_break();
    if (heading_level_ == 0) {
        result_.headings.insert(result_.headings.end(), inner.headings.begin(),
                                inner.headings.end());
    }
}

void TextBuilder::begin_heading(int level) {
    paragraph_break();
    flush_pending();
    heading_level_ = level;
    heading_start_ = result_.text.size();
}

void TextBuilder::end_heading() {
    if (heading_level_ > 0) {
        const auto text = trim(std::string_view(result_.text).substr(heading_start_));
        if (!text.empty()) {
            result_.headings.push_back(Heading{heading_level_, std::string(text)});
        }
        heading_level_ = 0;
    }
    paragraph_break();
}

ExtractedText TextBuilder::finish() && {
    while (!result_.text.empty() && is_space(result_.text.back())) {
        result_.text.pop_back();
    }
    return std::move(result_);
}

/// Longer braces are text, not an attribute list.
constexpr std::size_t kMaxAttributeListBytes = 200;

std::string strip_template_syntax(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t open = text.find('{', pos);
        if (open == std::string_view::npos || open + 1 >= text.size()) {
            out.append(text.substr(pos));
            break;
        }
        const char second = text[open + 1];
        std::string_view closer;
        if (second == '#' || second == '.' || second == ':') {
            // An attribute list: goldmark's `## Title {#id .class}`, kramdown's `{: .note}`
            // and `{:toc}`. Short, on one line, with nothing nested.
            const std::size_t close = text.find_first_of("}{\n", open + 1);
            if (close != std::string_view::npos && text[close] == '}' &&
                close - open <= kMaxAttributeListBytes) {
                out.append(text.substr(pos, open - pos));
                pos = close + 1;
                continue;
            }
            out.append(text.substr(pos, open + 1 - pos));
            pos = open + 1;
            continue;
        }
        if (second == '{') {
            closer = "}}";
        } else if (second == '%') {
            closer = "%}";
        } else {
            out.append(text.substr(pos, open + 1 - pos));
            pos = open + 1;
            continue;
        }
        const std::size_t close = text.find(closer, open + 2);
        if (close == std::string_view::npos) {
            out.append(text.substr(pos)); // not a tag after all: keep it as text
            break;
        }
        out.append(text.substr(pos, open - pos));
        const std::string_view tag = text.substr(open, close + closer.size() - open);
        const auto newlines = static_cast<std::size_t>(std::count(tag.begin(), tag.end(), '\n'));
        if (newlines > 0) {
            out.append(newlines, '\n');
        } else {
            out += ' ';
        }
        pos = close + closer.size();
    }
    return out;
}

} // namespace libsearch::detail
