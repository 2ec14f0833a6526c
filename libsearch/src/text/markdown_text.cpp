// Markdown → plain text with md4c's SAX-style parser: blocks become paragraph breaks,
// text runs are appended, raw HTML blocks are handed to the HTML extractor.
#include "text/plain_text.hpp"

#include <md4c.h>

namespace libsearch::detail {

namespace {

struct MarkdownState {
    TextBuilder out;
    std::string html_block; // raw HTML of the current MD_BLOCK_HTML
    bool in_html_block = false;
    bool in_code_block = false;
};

MarkdownState& state_of(void* userdata) {
    return *static_cast<MarkdownState*>(userdata);
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* userdata) {
    auto& state = state_of(userdata);
    switch (type) {
    case MD_BLOCK_H:
        state.out.begin_heading(static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level));
        break;
    case MD_BLOCK_HTML:
        state.in_html_block = true;
        state.html_block.clear();
        break;
    case MD_BLOCK_CODE:
        state.in_code_block = true;
        state.out.paragraph_break();
        break;
    case MD_BLOCK_TR:
        state.out.line_break();
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        state.out.word_break();
        break;
    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
        break;
    default:
        state.out.paragraph_break();
        break;
    }
    return 0;
}

int leave_block(MD_BLOCKTYPE type, void* /*detail*/, void* userdata) {
    auto& state = state_of(userdata);
    switch (type) {
    case MD_BLOCK_H:
        state.out.end_heading();
        break;
    case MD_BLOCK_HTML: {
        state.in_html_block = false;
        state.out.block(html_to_text(state.html_block));
        break;
    }
    case MD_BLOCK_CODE:
        state.in_code_block = false;
        state.out.paragraph_break();
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        state.out.word_break();
        break;
    case MD_BLOCK_DOC:
    case MD_BLOCK_TR:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
        break;
    default:
        state.out.paragraph_break();
        break;
    }
    return 0;
}

int enter_span(MD_SPANTYPE /*type*/, void* /*detail*/, void* /*userdata*/) {
    return 0;
}

int leave_span(MD_SPANTYPE /*type*/, void* /*detail*/, void* /*userdata*/) {
    return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
    auto& state = state_of(userdata);
    const std::string_view run(text, size);
    switch (type) {
    case MD_TEXT_NORMAL:
        // An emphasis mark left unmatched (often once a shortcode inside it is gone) comes
        // alone: the site shows it, but it is no word, and snippets are better without it.
        if (run.find_first_not_of("_*") != std::string_view::npos) {
            state.out.text(run);
        }
        break;
    case MD_TEXT_LATEXMATH:
        state.out.text(run);
        break;
    case MD_TEXT_CODE:
        state.out.text(run, state.in_code_block);
        break;
    case MD_TEXT_NULLCHAR:
        state.out.text("\xEF\xBF\xBD");
        break;
    case MD_TEXT_BR:
        state.out.line_break();
        break;
    case MD_TEXT_SOFTBR:
        state.out.word_break();
        break;
    case MD_TEXT_ENTITY:
        state.out.text(decode_entity(run));
        break;
    case MD_TEXT_HTML:
        if (state.in_html_block) {
            state.html_block.append(run);
        }
        // Inline tags (<b>, <br>, <span>) are dropped; the text between them comes as
        // MD_TEXT_NORMAL.
        break;
    }
    return 0;
}

} // namespace

ExtractedText markdown_to_text(std::string_view markdown) {
    MarkdownState state;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = on_text;
    // md4c only fails on out-of-memory; the text so far is still the best we have.
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &state);
    return std::move(state.out).finish();
}

} // namespace libsearch::detail
