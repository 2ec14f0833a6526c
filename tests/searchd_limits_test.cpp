// searchd's protections without sockets: who a request comes from, the per-client limits,
// and the search pool's fairness.
#include "client_limits.hpp"
#include "search_pool.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <vector>

using namespace searchd;

namespace {

ClientAddress address(const char* text) {
    return client_address(net::ip::make_address(text));
}

Request forwarded(std::initializer_list<const char*> fields) {
    Request request{http::verb::get, "/search", 11};
    for (const char* field : fields) {
        request.insert("X-Forwarded-For", field);
    }
    return request;
}

} // namespace

TEST_CASE("X-Forwarded-For names the client only behind a trusted proxy", "[limits]") {
    libsearch::ServerConfig config;
    config.trusted_proxies = {"10.0.0.0/8", "::1"};
    const ClientLimits limits(config);
    CHECK(limits.is_trusted_proxy(address("10.1.2.3")));
    CHECK(limits.is_trusted_proxy(address("::1")));
    CHECK_FALSE(limits.is_trusted_proxy(address("11.0.0.1")));
    CHECK_FALSE(limits.is_trusted_proxy(address("127.0.0.1")));

    const auto proxy = address("10.0.0.2");
    // The last address the trusted proxies did not write is the client; what it claims to
    // the left of that is its own story.
    CHECK(to_string(limits.client_of(proxy, forwarded({"203.0.113.9, 198.51.100.7"}))) ==
          "198.51.100.7");
    CHECK(to_string(limits.client_of(proxy, forwarded({"198.51.100.7, 10.0.0.9"}))) ==
          "198.51.100.7");
    CHECK(to_string(limits.client_of(proxy, forwarded({"203.0.113.9", "198.51.100.7"}))) ==
          "198.51.100.7");
    CHECK(to_string(limits.client_of(proxy, forwarded({" 2001:db8::1 "}))) == "2001:db8::1");
    // Garbage stops the walk at the last address believed.
    CHECK(to_string(limits.client_of(proxy, forwarded({"198.51.100.7, bogus, 10.0.0.9"}))) ==
          "10.0.0.9");
    CHECK(to_string(limits.client_of(proxy, forwarded({}))) == "10.0.0.2");
    // Anyone else's header is ignored.
    const auto stranger = address("192.0.2.1");
    CHECK(to_string(limits.client_of(stranger, forwarded({"198.51.100.7"}))) == "192.0.2.1");
}

TEST_CASE("connections per client address, not counting trusted proxies", "[limits]") {
    libsearch::ServerConfig config;
    config.max_connections_per_client = 2;
    config.trusted_proxies = {"10.0.0.2"};
    ClientLimits limits(config);
    const auto client = address("192.0.2.1");
    CHECK(limits.open_connection(client));
    CHECK(limits.open_connection(client));
    CHECK_FALSE(limits.open_connection(client));
    CHECK(limits.open_connection(address("192.0.2.2")));
    limits.close_connection(client);
    CHECK(limits.open_connection(client));
    for (int i = 0; i < 10; ++i) {
        CHECK(limits.open_connection(address("10.0.0.2")));
    }
}

TEST_CASE("requests per client: a token bucket holding the burst", "[limits]") {
    libsearch::ServerConfig config;
    config.client_requests_per_second = 1;
    config.client_request_burst = 3;
    ClientLimits limits(config);
    const auto client = address("192.0.2.1");
    for (int i = 0; i < 3; ++i) {
        CHECK_FALSE(limits.take_request(client));
    }
    const auto wait = limits.take_request(client);
    REQUIRE(wait);
    CHECK(wait->count() == 1);
    CHECK_FALSE(limits.take_request(address("192.0.2.2"))); // a bucket of its own

    config.client_requests_per_second = 0; // no limit
    ClientLimits unlimited(config);
    for (int i = 0; i < 1000; ++i) {
        REQUIRE_FALSE(unlimited.take_request(client));
    }
}

namespace {

/// A job that holds its thread until released.
struct Blocker {
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released{release.get_future().share()};

    SearchPool::Job job() {
        return {[this] {
                    started.set_value();
                    released.wait();
                },
                [] {}};
    }
};

bool within(std::future<void>& future) {
    return future.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
}

} // namespace

TEST_CASE("search pool: one client never holds every thread", "[limits]") {
    Blocker first, second; // before the pool: its threads use them until it is gone
    std::promise<void> light_ran;
    SearchPool pool(2, 16);
    const auto busy = address("192.0.2.1");
    auto first_started = first.started.get_future();
    REQUIRE(pool.submit(busy, first.job()));
    REQUIRE(within(first_started));
    REQUIRE(pool.submit(busy, second.job())); // waits: the busy client has its share
    auto light = light_ran.get_future();
    REQUIRE(pool.submit(address("192.0.2.2"), {[&] { light_ran.set_value(); }, [] {}}));
    CHECK(within(light)); // the second thread was kept for someone else
    CHECK(pool.waiting() == 1);
    auto second_started = second.started.get_future();
    first.release.set_value();
    CHECK(within(second_started));
    second.release.set_value();
}

TEST_CASE("search pool: clients take turns", "[limits]") {
    Blocker gate;
    std::mutex mutex;
    std::vector<char> order;
    SearchPool pool(1, 64);
    auto gate_started = gate.started.get_future();
    REQUIRE(pool.submit(address("192.0.2.9"), gate.job()));
    REQUIRE(within(gate_started));
    const auto record = [&](char name) {
        return SearchPool::Job{[&, name] {
                                   const std::lock_guard lock(mutex);
                                   order.push_back(name);
                               },
                               [] {}};
    };
    for (int i = 0; i < 3; ++i) {
        REQUIRE(pool.submit(address("192.0.2.1"), record('a')));
    }
    REQUIRE(pool.submit(address("192.0.2.2"), record('b')));
    REQUIRE(pool.submit(address("192.0.2.3"), record('c')));
    gate.release.set_value();
    for (int i = 0; i < 1000 && pool.waiting() > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const std::lock_guard lock(mutex);
    CHECK(order == std::vector<char>{'a', 'b', 'c', 'a', 'a'});
}

TEST_CASE("search pool: when full, the longest queue loses its newest", "[limits]") {
    Blocker gate;
    std::atomic<int> ran{0};
    std::atomic<int> refused{0};
    SearchPool pool(1, 4);
    auto gate_started = gate.started.get_future();
    REQUIRE(pool.submit(address("192.0.2.9"), gate.job()));
    REQUIRE(within(gate_started));
    const auto counted = [&] { return SearchPool::Job{[&] { ++ran; }, [&] { ++refused; }}; };
    const auto flood = address("192.0.2.1");
    for (int i = 0; i < 4; ++i) {
        REQUIRE(pool.submit(flood, counted()));
    }
    CHECK_FALSE(pool.submit(flood, counted()));          // its own queue is the longest: refused
    CHECK(pool.submit(address("192.0.2.2"), counted())); // a newcomer takes the flood's place
    CHECK(refused == 1);
    gate.release.set_value();
    for (int i = 0; i < 1000 && ran < 4; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(ran == 4);
}
