#include "thread_searcher.hpp"

#include <libsearch/error.hpp>

#include <memory>
#include <optional>
#include <unordered_map>

namespace searchd {

namespace {

struct ThreadState {
    std::weak_ptr<const int> owner; ///< expired: the ThreadSearchers is gone
    std::optional<libsearch::Searcher> searcher;
    std::chrono::steady_clock::time_point checked{};
    std::uint64_t epoch = 0;
};

} // namespace

libsearch::Searcher* ThreadSearchers::for_this_thread(std::string& error) {
    // One per owner, so that several servers in one process (tests) never share one; an
    // owner that is gone leaves its searcher (open files, caches) to the next call here.
    thread_local std::unordered_map<const int*, ThreadState> states;
    std::erase_if(states, [](const auto& entry) { return entry.second.owner.expired(); });
    ThreadState& state = states[alive_.get()];
    state.owner = alive_;
    const auto now = std::chrono::steady_clock::now();
    const std::uint64_t epoch = epoch_.load();
    try {
        if (!state.searcher || state.epoch != epoch) {
            state.searcher.emplace(config_);
            state.epoch = epoch;
            state.checked = now;
        } else if (now - state.checked >= kRefreshInterval) {
            state.checked = now;
            state.searcher->refresh();
        }
    } catch (const libsearch::Error& failure) {
        // Keep answering from the generation this thread has, if it has one.
        error = failure.what();
        if (!state.searcher) {
            return nullptr;
        }
    }
    return &*state.searcher;
}

} // namespace searchd
