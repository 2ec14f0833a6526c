#!/usr/bin/env python3
"""searchd against hostile clients, over real sockets from several loopback addresses
(127.0.0.2, .3, ... are all this machine): nobody is locked out by idle connections, one
address cannot hold every connection or send without limit, X-Forwarded-For is believed
only from a trusted proxy, searches never hold up /health, searches whose clients left are
not run, and SIGTERM with busy keep-alive connections stops at once.

    searchd_hostile_test.py SEARCHD CONTENT_DIR
"""
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SEARCHD, CONTENT = sys.argv[1:3]
failures = []

# 42 two-letter prefixes OR-ed, 100 hits a page: the most expensive query the grammar allows.
PREFIXES = ("co pr re de in st ca ma pa he se di ex tr me pe ch fo ac an ap ar be bu ce cl cr da "
            "el en fi ge gr ha im la li lo mo ne no op").split()
EXPENSIVE = "/search?per_page=100&q=" + "+OR+".join(p + "*" for p in PREFIXES)


def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""), flush=True)
    if not ok:
        failures.append(name)


def connect(port, source="127.0.0.1", timeout=5):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


def exchange(port, request, source="127.0.0.1", timeout=5):
    """Sends one request; returns everything until the server closes (or the timeout)."""
    with connect(port, source, timeout) as sock:
        try:
            sock.sendall(request)
            received = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
        except (socket.timeout, ConnectionResetError):
            pass
        return received


def get(path, headers=b""):
    return b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\n" + headers + b"Connection: close\r\n\r\n"


def status_of(raw):
    match = re.match(rb"HTTP/1\.1 (\d+)", raw)
    return int(match.group(1)) if match else None


class Daemon:
    def __init__(self, work, index, server_config):
        os.makedirs(work, exist_ok=True)
        config = os.path.join(work, "searchd.yaml")
        with open(config, "w") as f:
            f.write(f"content: {{root: {CONTENT}}}\nindex: {{path: {index}}}\n"
                    f"server:\n  listen: '127.0.0.1:0'\n  threads: 2\n{server_config}")
        self.process = subprocess.Popen([SEARCHD, "serve", "--config", config],
                                        stderr=subprocess.PIPE, text=True)
        match = None
        while not match:
            line = self.process.stderr.readline()
            assert line, "searchd did not start"
            match = re.search(r"on http://127\.0\.0\.1:(\d+)/", line)
        self.port = int(match.group(1))
        self.sanitizer_reports = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        # A sanitizer build (ci: ASan + UBSan; tsan) reports on stderr: any report fails.
        for line in self.process.stderr:
            if "Sanitizer" in line or "runtime error:" in line:
                self.sanitizer_reports.append(line.strip())

    def stop(self, timeout=15):
        code = self.process.returncode
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                code = self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                code = -9
        time.sleep(0.1)
        if self.sanitizer_reports:
            check("no-sanitizer-reports", False, "; ".join(self.sanitizer_reports[:3]))
            self.sanitizer_reports = []
        return code

    def metric(self, name):
        text = exchange(self.port, get("/metrics")).decode(errors="replace")
        match = re.search(re.escape(name) + r" (\d+)", text)
        return int(match.group(1)) if match else None


def lockout(work, index):
    """Idle connections fill max_connections: a newcomer still gets answered."""
    daemon = Daemon(work, index, "  max_connections: 32\n  max_connections_per_client: 16\n"
                                 "  first_byte_timeout_ms: 1500\n  read_timeout_ms: 10000\n")
    try:
        # 32 idle connections from two addresses (16 each, within the per-client limit).
        idle = [connect(daemon.port, f"127.0.0.{3 + i % 2}") for i in range(32)]
        time.sleep(0.3)
        started = time.monotonic()
        answer = exchange(daemon.port, get("/health"), "127.0.0.2")
        check("full-of-idle-newcomer-served", status_of(answer) == 200 and
              time.monotonic() - started < 1.0, repr(answer[:80]))
        check("full-of-idle-longest-idle-closed",
              daemon.metric('searchd_protections_total{reason="idle_connection_closed"}') >= 1)

        # A connection that sends nothing is closed after first_byte_timeout_ms, well before
        # read_timeout_ms (10 s).
        started = time.monotonic()
        with connect(daemon.port, "127.0.0.5", timeout=12) as quiet:
            closed = quiet.recv(1) == b""
        waited = time.monotonic() - started
        check("first-byte-timeout", closed and 1.0 < waited < 4.0, f"{waited:.1f}s")
        for sock in idle:
            sock.close()

        # One address holds at most max_connections_per_client; the next is told why.
        held = [connect(daemon.port, "127.0.0.6") for _ in range(16)]
        for sock in held:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # busy: mid-request
        time.sleep(0.3)
        over = exchange(daemon.port, get("/health"), "127.0.0.6")
        check("per-client-connections-429", status_of(over) == 429 and b"Retry-After:" in over,
              repr(over[:120]))
        other = exchange(daemon.port, get("/health"), "127.0.0.7")
        check("per-client-others-served", status_of(other) == 200, repr(other[:80]))

        # Full of busy connections (none idle to close): 503 with Retry-After, not a reset.
        more = [connect(daemon.port, "127.0.0.8") for _ in range(16)]
        for sock in more:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        time.sleep(0.3)
        full = exchange(daemon.port, get("/health"), "127.0.0.9")
        check("full-of-busy-503", status_of(full) == 503 and b"Retry-After:" in full, repr(full[:120]))
        for sock in held + more:
            sock.close()
    finally:
        daemon.stop()


def rate_limits(work, index):
    """A token bucket per client; behind a trusted proxy, the client X-Forwarded-For names."""
    daemon = Daemon(work, index, "  client_requests_per_second: 2\n  client_request_burst: 5\n"
                                 "  trusted_proxies: ['127.0.0.20']\n")
    try:
        def statuses(source, headers=b"", count=8):
            return [status_of(exchange(daemon.port, get("/health", headers), source)) for _ in range(count)]

        burst = statuses("127.0.0.10")
        check("rate-limit-429-after-burst", burst[:5] == [200] * 5 and 429 in burst[5:], str(burst))
        limited = exchange(daemon.port, get("/health"), "127.0.0.10")
        check("rate-limit-retry-after", re.search(rb"Retry-After: [1-9]", limited) is not None,
              repr(limited[:160]))
        check("rate-limit-others-unaffected", statuses("127.0.0.11", count=3) == [200] * 3)
        # Through the trusted proxy: each forwarded client has its own bucket.
        proxied = [status_of(exchange(daemon.port, get("/health", b"X-Forwarded-For: 198.51.100.%d\r\n" % i),
                                      "127.0.0.20")) for i in range(10)]
        check("trusted-proxy-clients-apart", proxied == [200] * 10, str(proxied))
        same = statuses("127.0.0.20", b"X-Forwarded-For: 203.0.113.9, 198.51.100.77\r\n")
        check("trusted-proxy-rightmost-client-limited", 429 in same, str(same))
        # From anyone else, X-Forwarded-For is a forgery: the peer is the client.
        forged = [status_of(exchange(daemon.port, get("/health", b"X-Forwarded-For: 198.51.100.%d\r\n" % i),
                                     "127.0.0.12")) for i in range(8)]
        check("untrusted-forwarded-for-ignored", 429 in forged, str(forged))
    finally:
        daemon.stop()


def starvation(work, index):
    """Expensive searches run on their own threads: /health and a light client's searches
    are answered while eight connections loop the most expensive query."""
    daemon = Daemon(work, index, "  search_threads: 2\n  query_time_limit_ms: 60000\n")
    stop = threading.Event()
    hostile_answers = []

    def hostile():
        connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=30)
        while not stop.is_set():
            try:
                connection.request("GET", EXPENSIVE)
                response = connection.getresponse()
                response.read()
                hostile_answers.append(response.status)
            except Exception:  # noqa: BLE001 - a refused search may close the connection
                connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=30)

    try:
        loops = [threading.Thread(target=hostile) for _ in range(8)]
        for loop in loops:
            loop.start()
        time.sleep(0.5)
        worst = 0.0
        light = []
        for _ in range(20):
            started = time.monotonic()
            health = exchange(daemon.port, get("/health"), "127.0.0.30")
            worst = max(worst, time.monotonic() - started)
            light.append(status_of(exchange(daemon.port, get("/search?q=telehealth"), "127.0.0.31")))
        check("health-not-queued-behind-searches", worst < 0.5, f"worst {worst * 1000:.0f} ms")
        check("light-client-served-under-load", light == [200] * 20, str(light))
        stop.set()
        for loop in loops:
            loop.join()
        check("hostile-loops-answered", hostile_answers.count(200) > 0, str(hostile_answers[:10]))

        # 200 expensive searches sent and dropped at once: none of them holds up /health, and
        # those whose client was gone before they started are not run (the rest of the
        # connections were turned away by the per-client limit).
        answered = 'searchd_requests_total{route="/search",status="200"}'
        before = daemon.metric(answered)
        for _ in range(200):
            with connect(daemon.port, "127.0.0.32") as sock:
                sock.sendall(get(EXPENSIVE))
        started = time.monotonic()
        health = exchange(daemon.port, get("/health"), "127.0.0.33")
        waited = time.monotonic() - started
        check("health-after-200-dropped", status_of(health) == 200 and waited < 0.5, f"{waited:.2f}s")
        time.sleep(1.5)
        ran = daemon.metric(answered) - before
        cancelled = daemon.metric('searchd_protections_total{reason="search_cancelled"}')
        check("dropped-searches-not-run", ran <= 10 and cancelled > 0, f"ran {ran}, cancelled {cancelled}")
    finally:
        stop.set()
        daemon.stop()


def sigterm_with_busy_keep_alive(work, index):
    """Busy keep-alive connections do not hold the stop for the drain deadline (10 s)."""
    daemon = Daemon(work, index, "  search_threads: 2\n")
    stop = threading.Event()

    def loop():
        connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=20)
        while not stop.is_set():
            try:
                connection.request("GET", EXPENSIVE)
                connection.getresponse().read()
            except Exception:  # noqa: BLE001 - the server closes as it stops
                return

    loops = [threading.Thread(target=loop) for _ in range(6)]
    for thread in loops:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    code = daemon.stop()
    took = time.monotonic() - started
    stop.set()
    for thread in loops:
        thread.join()
    check("sigterm-busy-keep-alive-prompt", code == 0 and took < 3.0, f"exit {code} after {took:.1f}s")


def main():
    work = tempfile.mkdtemp(prefix="searchd-hostile-")
    index = os.path.join(work, "index")
    subprocess.run([SEARCHD, "reindex", "--content", CONTENT, "--index", index], check=True,
                   stdout=subprocess.DEVNULL)
    lockout(os.path.join(work, "lockout"), index)
    rate_limits(os.path.join(work, "rate"), index)
    starvation(os.path.join(work, "starvation"), index)
    sigterm_with_busy_keep_alive(os.path.join(work, "sigterm"), index)
    print(f"searchd_hostile: {len(failures)} failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
