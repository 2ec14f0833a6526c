#pragma once

#include "client_limits.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace searchd {

/// Runs searches on threads of their own, so that however long they take, the I/O threads
/// stay free to accept connections and answer /health and /metrics at once.
///
/// Fair between clients, as a fair-queuing router is between flows: each client's searches
/// wait in a queue of their own, the clients take turns, and one client never holds every
/// thread (at most threads − 1, so a newcomer finds one free however busy a client keeps
/// the rest). The queue is bounded: when it is full, the client with the longest queue
/// loses its newest search ("longest queue drop"), so a flood from one client never turns a
/// light client away. A search that finds no room is refused at once (the caller answers
/// 503 with Retry-After) rather than kept waiting behind work that may never be read.
class SearchPool {
public:
    struct Job {
        std::function<void()> run;    ///< on a search thread
        std::function<void()> refuse; ///< instead, when it is pushed out of a full queue
    };

    SearchPool(unsigned threads, std::size_t queue_limit);
    ~SearchPool(); ///< runs the searches already queued, then joins the threads
    SearchPool(const SearchPool&) = delete;
    SearchPool& operator=(const SearchPool&) = delete;

    /// Queues `job` behind the client's earlier searches. False when there is no room for it
    /// (nothing is called); another client's search may be refused to make room.
    bool submit(const ClientAddress& client, Job job);

    unsigned threads() const noexcept { return static_cast<unsigned>(threads_.size()); }
    std::size_t waiting() const;

private:
    struct ClientQueue {
        std::deque<Job> waiting;
        unsigned running = 0;
    };
    using Queues = std::unordered_map<ClientAddress, ClientQueue, ClientAddressHash>;

    void work();
    /// The next job a thread may take (the first client in turn under its share), moving that
    /// client to the back of the turn; empty when none may run now. Called with mutex_ held.
    std::function<void()> next_job(ClientAddress& client);

    const std::size_t queue_limit_;
    unsigned running_per_client_ = 1;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    Queues queues_;
    std::deque<ClientAddress> turns_; ///< clients with waiting jobs, each once, next first
    std::size_t waiting_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

} // namespace searchd
