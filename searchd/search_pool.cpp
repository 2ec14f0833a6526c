#include "search_pool.hpp"

#include <algorithm>

namespace searchd {

SearchPool::SearchPool(unsigned threads, std::size_t queue_limit)
    : queue_limit_(std::max<std::size_t>(queue_limit, 1)) {
    threads = std::max(threads, 1u);
    running_per_client_ = std::max(threads - 1, 1u);
    threads_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) {
        threads_.emplace_back([this] { work(); });
    }
}

SearchPool::~SearchPool() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& thread : threads_) {
        thread.join();
    }
}

bool SearchPool::submit(const ClientAddress& client, Job job) {
    Job pushed_out;
    {
        const std::lock_guard lock(mutex_);
        if (stopping_) {
            return false;
        }
        if (waiting_ >= queue_limit_) {
            // Longest queue drop: the client with the most searches waiting loses its newest,
            // unless that is this client (then this search is the one refused).
            auto longest =
                std::max_element(queues_.begin(), queues_.end(), [](const auto& a, const auto& b) {
                    return a.second.waiting.size() < b.second.waiting.size();
                });
            const auto own = queues_.find(client);
            const std::size_t own_waiting = own == queues_.end() ? 0 : own->second.waiting.size();
            if (longest == queues_.end() || longest->second.waiting.size() <= own_waiting + 1) {
                return false;
            }
            // It keeps at least one search waiting (it had two more than this client), so
            // its turn stays.
            pushed_out = std::move(longest->second.waiting.back());
            longest->second.waiting.pop_back();
            --waiting_;
        }
        ClientQueue& queue = queues_[client];
        if (queue.waiting.empty()) {
            turns_.push_back(client);
        }
        queue.waiting.push_back(std::move(job));
        ++waiting_;
    }
    ready_.notify_one();
    if (pushed_out.refuse) {
        pushed_out.refuse();
    }
    return true;
}

std::size_t SearchPool::waiting() const {
    const std::lock_guard lock(mutex_);
    return waiting_;
}

std::function<void()> SearchPool::next_job(ClientAddress& client) {
    for (auto turn = turns_.begin(); turn != turns_.end(); ++turn) {
        ClientQueue& queue = queues_[*turn];
        if (queue.running >= running_per_client_) {
            continue; // this client has its share of the threads already
        }
        client = *turn;
        std::function<void()> run = std::move(queue.waiting.front().run);
        queue.waiting.pop_front();
        ++queue.running;
        --waiting_;
        turns_.erase(turn);
        if (!queue.waiting.empty()) {
            turns_.push_back(client); // its next search waits for everyone else's turn
        }
        return run;
    }
    return {};
}

void SearchPool::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ClientAddress client{};
        std::function<void()> run;
        ready_.wait(lock, [&] {
            run = next_job(client);
            return run || (stopping_ && waiting_ == 0);
        });
        if (!run) {
            return;
        }
        lock.unlock();
        run();
        run = nullptr; // its captures (the connection) are released off the lock
        lock.lock();
        ClientQueue& queue = queues_[client];
        --queue.running;
        if (queue.running == 0 && queue.waiting.empty()) {
            queues_.erase(client);
        }
        // A client under its share again may have a search waiting: wake a thread for it.
        ready_.notify_one();
    }
}

} // namespace searchd
