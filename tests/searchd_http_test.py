#!/usr/bin/env python3
"""searchd over real sockets, on a free loopback port: the contract, the limits and errors
that only a socket shows, 16 concurrent clients with answers identical to the in-process
searcher, pickup of a new generation under load with zero failed requests, and a graceful
stop with requests in flight.

    searchd_http_test.py SEARCHD SEARCH_QUERY CONTENT_DIR
"""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SEARCHD, SEARCH_QUERY, CONTENT = sys.argv[1:4]
failures = []


def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""), flush=True)
    if not ok:
        failures.append(name)


class Daemon:
    """searchd serve on 127.0.0.1:0 (the kernel picks the port); stopped at the end."""

    def __init__(self, work, index, extra_config="", index_keys=""):
        self.config = os.path.join(work, "searchd.yaml")
        with open(self.config, "w") as f:
            f.write(f"content: {{root: {CONTENT}}}\nindex: {{path: {index}{index_keys}}}\n"
                    f"server:\n  listen: '127.0.0.1:0'\n  threads: 2\n  read_timeout_ms: 1500\n{extra_config}")
        self.log = open(os.path.join(work, "serve.log"), "w+")
        self.reported = False
        self.process = subprocess.Popen([SEARCHD, "serve", "--config", self.config],
                                        stderr=subprocess.PIPE, text=True)
        line = self.process.stderr.readline()
        match = re.search(r"on http://127\.0\.0\.1:(\d+)/", line)
        while not match and line:
            line = self.process.stderr.readline()
            match = re.search(r"on http://127\.0\.0\.1:(\d+)/", line)
        assert match, "searchd did not say where it listens"
        self.port = int(match.group(1))
        self.drainer = threading.Thread(target=self._drain, daemon=True)
        self.drainer.start()

    def _drain(self):
        for line in self.process.stderr:
            self.log.write(line)

    def get(self, target, headers=None, method="GET", body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), data

    def raw(self, payload, timeout=5):
        """Sends bytes as they are; returns what comes back before the server closes."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(payload)
            received = b""
            try:
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    received += chunk
            except socket.timeout:
                pass
            return received

    def stop(self):
        code = self.process.returncode
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                code = self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                code = -9
        # A sanitizer build (ci: ASan + UBSan; tsan) reports on stderr: any report fails.
        self.drainer.join(timeout=5)  # the whole of stderr is in the log
        self.log.flush()
        self.log.seek(0)
        reports = [line.strip() for line in self.log if "Sanitizer" in line or "runtime error:" in line]
        if reports and not self.reported:
            self.reported = True
            check("no-sanitizer-reports", False, "; ".join(reports[:3]))
        return code


def reindex(index, *extra):
    subprocess.run([SEARCHD, "reindex", "--content", CONTENT, "--index", index, *extra], check=True,
                   stdout=subprocess.DEVNULL)


def status_of(raw):
    match = re.match(rb"HTTP/1\.1 (\d+)", raw)
    return int(match.group(1)) if match else None


def main():
    work = tempfile.mkdtemp(prefix="searchd-http-")
    index = os.path.join(work, "index")
    reindex(index)
    # The time limit is lifted: a loaded CI box can push a query past 200 ms, and the
    # partial ("degraded") answer that follows is correct behaviour, not a concurrency bug.
    daemon = Daemon(work, index, "  query_time_limit_ms: 60000\n")
    try:
        # --- contract over a socket
        status, headers, body = daemon.get("/search?q=telehealth&per_page=5")
        result = json.loads(body)
        check("search-200", status == 200 and headers.get("Content-Type") == "application/json; charset=utf-8")
        check("search-fields", set(result) >= {"query", "total", "page", "per_page", "took_ms", "hits", "facets"})
        check("generation-header", headers.get("X-Index-Generation") == "gen-000001")
        status, _, body = daemon.get("/health")
        check("health", status == 200 and json.loads(body)["status"] == "ok")

        # --- limits and malformed requests
        big_header = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n"
        check("headers-over-8k-431", status_of(daemon.raw(big_header)) == 431)
        body = b"x" * (1024 * 1024 + 10)
        request = b"POST /admin/reindex HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body)
        check("body-over-1m-413", status_of(daemon.raw(request + body)) == 413)
        check("garbage-400", status_of(daemon.raw(b"GARBAGE\r\n\r\n")) == 400)
        check("get-with-body-413", status_of(daemon.raw(
            b"GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")) == 413)
        # Unfinished uploads share one budget (8 bodies of body_limit_bytes): the 9th waits
        # for none of them, it is told to come back; once they go, uploads are read again.
        holders = []
        for _ in range(8):
            holder = socket.create_connection(("127.0.0.1", daemon.port), timeout=5)
            holder.sendall(b"POST /admin/reindex HTTP/1.1\r\nHost: x\r\n"
                           b"Content-Length: 1048576\r\n\r\nx")
            holders.append(holder)
        time.sleep(0.3)
        newcomer = daemon.raw(b"POST /admin/reindex HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
        check("body-budget-503", status_of(newcomer) == 503 and b"Retry-After: 1" in newcomer,
              repr(newcomer[:200]))
        for holder in holders:
            holder.close()
        time.sleep(0.3)
        later = daemon.raw(b"POST /admin/reindex HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
        check("body-budget-released", status_of(later) == 403, repr(later[:200]))
        # HEAD: GET's headers and no body, so the next response on the connection is intact
        for target in (b"/health", b"/search?q=telehealth", b"/widget.js", b"/nowhere"):
            both = daemon.raw(b"HEAD " + target + b" HTTP/1.1\r\nHost: x\r\n\r\n"
                              b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            head, _, rest = both.partition(b"\r\n\r\n")
            length = re.search(rb"(?i)content-length: (\d+)", head)
            check("head-" + target.decode().split("?")[0].strip("/"),
                  status_of(head) in (200, 404) and rest.startswith(b"HTTP/1.1 200") and
                  length is not None and (int(length.group(1)) > 0),
                  repr(both[:300]))
        check("bad-version-400", status_of(daemon.raw(b"GET / HTTP/9.9\r\nHost: x\r\n\r\n")) == 400)
        check("no-host-400", status_of(daemon.raw(b"GET /health HTTP/1.1\r\n\r\n")) == 400)
        smuggle = b"POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        check("cl-and-te-400", status_of(daemon.raw(smuggle)) == 400)
        started = time.monotonic()
        slow = daemon.raw(b"GET /health HTTP/1.1\r\nHost: x\r\n", timeout=10)  # never finishes its headers
        waited = time.monotonic() - started
        check("slow-client-cut-at-read-timeout", slow == b"" and 1.0 < waited < 4.0, f"{waited:.1f}s {slow[:40]!r}")
        pipelined = b"".join(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n" for _ in range(20))
        check("pipelined-20-answered-in-order", daemon.raw(pipelined + b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").count(b"HTTP/1.1 200") == 21)
        status, _, _ = daemon.get("/health")
        check("alive-after-abuse", status == 200)

        # --- 16 clients x 500 requests, identical to the in-process searcher
        queries = ["telehealth", "remote monitoring", "ai", "diabetes", "security", "nurse", "data", "fhir"]
        expected = {}
        for q in queries:
            out = subprocess.run([SEARCH_QUERY, index, q, "--json"], check=True, capture_output=True, text=True).stdout
            answer = json.loads(out)
            answer.pop("took_ms")
            expected[q] = answer
        errors = []
        mismatches = []

        def client(n):
            connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=10)
            for i in range(500):
                q = queries[(n + i) % len(queries)]
                try:
                    connection.request("GET", "/search?q=" + q.replace(" ", "+"))
                    response = connection.getresponse()
                    data = response.read()
                    if response.status != 200:
                        errors.append(response.status)
                        continue
                    answer = json.loads(data)
                    answer.pop("took_ms")
                    if answer != expected[q]:
                        mismatches.append((q, answer.get("degraded"), answer.get("total")))
                except Exception as error:  # noqa: BLE001 - any failure counts
                    errors.append(repr(error))
                    connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=10)
            connection.close()

        threads = [threading.Thread(target=client, args=(n,)) for n in range(16)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check("16x500-no-errors", not errors, str(errors[:5]))
        check("16x500-identical-to-in-process", not mismatches, str(mismatches[:5]))
        print(f"     8000 requests in {time.monotonic() - started:.1f} s", flush=True)

        # --- a new generation is picked up under load, with zero failed requests
        stop = threading.Event()
        seen = set()
        load_errors = []

        def load():
            connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=10)
            while not stop.is_set():
                try:
                    connection.request("GET", "/search?q=telehealth")
                    response = connection.getresponse()
                    response.read()
                    if response.status != 200:
                        load_errors.append(response.status)
                    seen.add(response.getheader("X-Index-Generation"))
                except Exception as error:  # noqa: BLE001
                    load_errors.append(repr(error))
                    connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=10)

        loaders = [threading.Thread(target=load) for _ in range(4)]
        for t in loaders:
            t.start()
        reindex(index, "--full")  # a new generation (an unchanged incremental run changes nothing)
        deadline = time.monotonic() + 5
        while "gen-000002" not in seen and time.monotonic() < deadline:
            time.sleep(0.05)
        picked = "gen-000002" in seen
        time.sleep(0.5)
        stop.set()
        for t in loaders:
            t.join()
        check("pickup-new-generation", picked, str(seen))
        check("pickup-no-failed-requests", not load_errors, str(load_errors[:5]))

        # --- graceful stop: a request in flight still gets its answer
        in_flight = {}

        def slow_request():
            in_flight["status"] = daemon.get("/search?q=" + "+".join(["w%d" % i for i in range(30)]))[0]

        requester = threading.Thread(target=slow_request)
        requester.start()
        time.sleep(0.01)
        code = daemon.stop()
        requester.join()
        check("sigterm-exit-0", code == 0, f"exit {code}")
        check("sigterm-in-flight-answered", in_flight.get("status") == 200, str(in_flight))
    finally:
        daemon.stop()

    # --- /health says "degraded" for an index with no pages, and for one not updated for
    # index.stale_after_hours (its write time set back with Xapian's own xapian-metadata)
    empty_content = os.path.join(work, "empty-content")
    os.mkdir(empty_content)
    empty_index = os.path.join(work, "empty-index")
    subprocess.run([SEARCHD, "reindex", "--content", empty_content, "--index", empty_index],
                   check=True, stdout=subprocess.DEVNULL)
    stale_index = os.path.join(work, "stale-index")
    reindex(stale_index)
    subprocess.run(["xapian-metadata", "set", os.path.join(stale_index, "current"),
                    "libsearch:created", "2020-01-01T00:00:00Z"], check=True)
    for name, folder, keys in (("health-no-pages-degraded", empty_index, ""),
                               ("health-stale-degraded", stale_index, ", stale_after_hours: 24"),
                               ("health-fresh-ok", index, ", stale_after_hours: 24")):
        sub = os.path.join(work, name)
        os.mkdir(sub)
        probe = Daemon(sub, folder, index_keys=keys)
        try:
            status, _, data = probe.get("/health")
            body = json.loads(data)
            want = "ok" if name.endswith("-ok") else "degraded"
            check(name, status == 200 and body.get("status") == want and
                  bool(body.get("problems")) == (want == "degraded"), f"{status} {body}")
        finally:
            probe.stop()
    # --- POST /admin/reindex is incremental, as `searchd reindex`; {"full": true} rebuilds
    admin_work = os.path.join(work, "admin")
    os.mkdir(admin_work)
    token = "0123456789abcdef0123456789abcdef"
    with open(os.path.join(admin_work, "token"), "w") as f:
        f.write(token + "\n")
    admin_index = os.path.join(work, "admin-index")
    reindex(admin_index)
    admin = Daemon(admin_work, admin_index, f"  admin_token_file: {os.path.join(admin_work, 'token')}\n")
    try:
        bearer = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        for body, want_full in (("", False), ('{"full": true}', True)):
            status, _, data = admin.get("/admin/reindex", bearer, "POST", body)
            outcome = {}
            for _ in range(300):
                outcome = json.loads(admin.get("/admin/reindex", bearer)[2])
                if outcome.get("state") not in ("running", "idle"):
                    break
                time.sleep(0.1)
            summary = outcome.get("last", {}).get("summary", {})
            check(f"admin-reindex-full-{want_full}".lower(),
                  status == 202 and outcome.get("state") == "published" and
                  summary.get("full") is want_full, f"{status} {outcome}")
    finally:
        admin.stop()
    print(f"searchd_http: {len(failures)} failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
