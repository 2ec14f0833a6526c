#!/usr/bin/env python3
"""Hostile-load benchmark: how much eight connections looping the most expensive query slow
down everyone else (issue 15, item 4; goal: a cheap query's p99 under attack <= 3x idle).

    bench/hostile_bench.py [--set digitalgov] [--searchd build/release/searchd/searchd]
                           [--baseline OTHER_SEARCHD] [--requests 400]

For each binary (the build, and a baseline build if given, in the same run on the same
index): index the set, start `searchd serve`, then measure a light client (127.0.0.2, one
keep-alive connection, the set's known-item queries in turn): idle, then while eight
connections from 127.0.0.1 loop 42 two-letter prefixes OR-ed with per_page=100. Also /health
under that load, and /health right after 200 such searches were sent and dropped. Prints a
Markdown table and writes it to bench/results/<date>-hostile.md.
"""
import argparse
import datetime
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from searchd_run import DEFAULT_SEARCHD, REPO, known_queries, serve, set_config, set_folder

PREFIXES = ("co pr re de in st ca ma pa he se di ex tr me pe ch fo ac an ap ar be bu ce cl cr da "
            "el en fi ge gr ha im la li lo mo ne no op").split()
EXPENSIVE = "/search?per_page=100&q=" + "+OR+".join(p + "*" for p in PREFIXES)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Server:
    def __init__(self, binary, config):
        self.process, self.port = serve(binary, config)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def timed_requests(port, source, paths, count):
    """Latencies (ms) of `count` requests on one keep-alive connection; non-200s counted."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    latencies, errors = [], 0
    for i in range(count):
        started = time.perf_counter()
        try:
            connection.request("GET", paths[i % len(paths)])
            response = connection.getresponse()
            response.read()
            errors += response.status != 200
        except (OSError, http.client.HTTPException):
            errors += 1
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                                    source_address=(source, 0))
        latencies.append((time.perf_counter() - started) * 1000)
        time.sleep(0.002)  # a visitor, not a load generator
    return latencies, errors


def hostile_loops(port, stop, answered):
    def loop():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while not stop.is_set():
            try:
                connection.request("GET", EXPENSIVE)
                response = connection.getresponse()
                response.read()
                answered.append(response.status)
            except (OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    threads = [threading.Thread(target=loop) for _ in range(8)]
    for thread in threads:
        thread.start()
    return threads


def health_ms(port, source):
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    connection.request("GET", "/health")
    connection.getresponse().read()
    connection.close()
    return (time.perf_counter() - started) * 1000


def measure(binary, config, paths, requests):
    server = Server(binary, config)
    try:
        port = server.port
        timed_requests(port, "127.0.0.2", paths, 50)  # warm the page cache and the searchers
        idle, idle_errors = timed_requests(port, "127.0.0.2", paths, requests)
        expensive_idle, _ = timed_requests(port, "127.0.0.4", [EXPENSIVE], 20)

        stop, answered = threading.Event(), []
        loops = hostile_loops(port, stop, answered)
        time.sleep(1.0)
        health = []
        health_thread = threading.Thread(
            target=lambda: [health.append(health_ms(port, "127.0.0.3")) or time.sleep(0.05)
                            for _ in range(40)])
        health_thread.start()
        attacked, attacked_errors = timed_requests(port, "127.0.0.2", paths, requests)
        health_thread.join()
        stop.set()
        for loop in loops:
            loop.join()

        for _ in range(200):  # sent and dropped at once
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.sendall(f"GET {EXPENSIVE} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        after_drop = health_ms(port, "127.0.0.3")
        return {
            "idle_p50": statistics.median(idle), "idle_p99": percentile(idle, 0.99),
            "attack_p50": statistics.median(attacked), "attack_p99": percentile(attacked, 0.99),
            "errors": idle_errors + attacked_errors,
            "expensive_p50": statistics.median(expensive_idle),
            "hostile_answered": len(answered), "hostile_ok": answered.count(200),
            "health_p99": percentile(health, 0.99), "health_after_drop": after_drop,
        }
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="digitalgov")
    parser.add_argument("--searchd", default=DEFAULT_SEARCHD)
    parser.add_argument("--baseline")
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    if set_folder(args.set) is None:
        return 0
    paths = ["/search?q=" + urllib.parse.quote_plus(q) for q in known_queries(args.set)][:200]

    work = tempfile.mkdtemp(prefix="hostile-bench-")
    try:
        config = set_config(args.set, work)
        print(f"hostile_bench: indexing {args.set}", file=sys.stderr)
        subprocess.run([args.searchd, "reindex", "--config", config], check=True,
                       stdout=subprocess.DEVNULL)
        builds = [("this build", args.searchd)] + ([("baseline", args.baseline)] if args.baseline else [])
        rows = []
        for name, binary in builds:
            print(f"hostile_bench: measuring {name}", file=sys.stderr)
            rows.append((name, measure(binary, config, paths, args.requests)))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [
        f"# Hostile load: a light client while 8 connections loop the most expensive query ({args.set})",
        "",
        f"Machine: {os.cpu_count()} cores. Light client: {args.requests} known-item queries on one "
        "keep-alive connection from 127.0.0.2. Hostile: 8 keep-alive connections from 127.0.0.1 "
        "looping 42 two-letter prefixes OR-ed, per_page=100. Times in ms.",
        "",
        "| build | light p50 idle | light p99 idle | light p50 attacked | light p99 attacked | "
        "p99 ratio | /health p99 attacked | /health after 200 dropped | expensive query p50 idle | "
        "hostile answered (200) | light errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['idle_p50']:.1f} | {r['idle_p99']:.1f} | {r['attack_p50']:.1f} | "
            f"{r['attack_p99']:.1f} | {r['attack_p99'] / r['idle_p99']:.2f}x | {r['health_p99']:.1f} | "
            f"{r['health_after_drop']:.1f} | {r['expensive_p50']:.1f} | "
            f"{r['hostile_answered']} ({r['hostile_ok']}) | {r['errors']} |")
    report = "\n".join(lines) + "\n"
    print(report)
    out = os.path.join(REPO, "bench", "results", f"{datetime.date.today()}-hostile.md")
    with open(out, "w") as f:
        f.write(report)
    name, r = rows[0]
    print(f"hostile_bench: p99 attacked/idle {r['attack_p99'] / r['idle_p99']:.2f}x "
          f"(goal <= 3x), /health p99 {r['health_p99']:.1f} ms; report {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
