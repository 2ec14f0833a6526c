#!/usr/bin/env python3
"""Soak test (RELIABILITY.md; issue 15, item 6): searchd serving mixed queries for an hour
while the content changes and is reindexed every minute, alternately by `searchd reindex`
(another process publishing a generation) and by POST /admin/reindex (inside the daemon).
Passes when no request fails and the daemon's RSS and open file descriptors stay flat.

    bench/soak.py [--set digitalgov] [--minutes 60] [--searchd build/release/searchd/searchd]

Samples RSS and fds every 30 s; writes bench/results/<date>-soak.md with the samples, the
request and reindex counts, and the verdict.
"""
import argparse
import datetime
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from searchd_run import DEFAULT_SEARCHD, REPO, known_queries, serve, set_config, set_folder

TOKEN = "soak-token-0123456789abcdef0123456789"


def status_of_process(pid):
    with open(f"/proc/{pid}/status") as f:
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1)) // 1024
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="digitalgov")
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--searchd", default=DEFAULT_SEARCHD)
    args = parser.parse_args()
    source = set_folder(args.set)
    if source is None:
        return 0
    queries = known_queries(args.set)

    work = tempfile.mkdtemp(prefix="soak-")
    content = os.path.join(work, "content")
    shutil.copytree(source, content)
    pages = sorted(os.path.join(root, name) for root, _, names in os.walk(content)
                   for name in names if name.endswith((".md", ".html")))
    with open(os.path.join(work, "token"), "w") as f:
        f.write(TOKEN + "\n")
    config = set_config(args.set, work, content,
                        f"{{listen: '127.0.0.1:0', admin_token_file: {work}/token}}")
    subprocess.run([args.searchd, "reindex", "--config", config], check=True, stdout=subprocess.DEVNULL)
    daemon, port = serve(args.searchd, config)

    stop = threading.Event()
    counts = {"requests": 0, "errors": 0, "reindexes": 0, "reindex_failures": 0}
    errors = []
    lock = threading.Lock()

    def client(seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while not stop.is_set():
            q = rng.choice(queries)
            quoted = urllib.parse.quote_plus(q)
            target = rng.choice([
                "/search?q=" + quoted,
                "/search?q=" + quoted + "&page=2&per_page=20",
                "/search?q=" + urllib.parse.quote_plus(q[:3]),  # as-you-type
                "/suggest?q=" + urllib.parse.quote_plus(q.split()[0][:4]),
                "/search?q=&sort=newest",
                "/health",
            ])
            try:
                connection.request("GET", target)
                response = connection.getresponse()
                response.read()
                failed = response.status != 200
            except Exception as error:  # noqa: BLE001 - every failure is counted and shown
                failed = True
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                response = error
            with lock:
                counts["requests"] += 1
                if failed:
                    counts["errors"] += 1
                    errors.append(f"{target}: {getattr(response, 'status', response)}")
            time.sleep(0.01)

    def change_content(minute):
        """A publish: a page added, one edited, one removed (then restored next time)."""
        with open(os.path.join(content, f"soak-{minute}.md"), "w") as f:
            f.write(f"---\ntitle: Soak page {minute}\n---\nSoakword{minute} minute {minute}.\n")
        edited = pages[minute % len(pages)]
        with open(edited, "a") as f:
            f.write(f"\n\nEdited in minute {minute}.\n")
        old = os.path.join(content, f"soak-{minute - 3}.md")
        if os.path.exists(old):
            os.remove(old)

    def admin_reindex():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Authorization": "Bearer " + TOKEN}
        connection.request("POST", "/admin/reindex", body="", headers=headers)
        connection.getresponse().read()
        for _ in range(600):
            connection.request("GET", "/admin/reindex", headers=headers)
            state = json.loads(connection.getresponse().read())
            if state.get("state") not in ("running", "idle"):
                return state.get("state") == "published"
            time.sleep(0.1)
        return False

    clients = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in clients:
        thread.start()
    samples = []
    started = time.monotonic()
    end = started + args.minutes * 60
    next_sample, minute = started, 0
    tty = sys.stderr.isatty()
    try:
        while time.monotonic() < end and daemon.poll() is None:
            now = time.monotonic()
            if now >= next_sample:
                rss, fds = status_of_process(daemon.pid)
                samples.append((round((now - started) / 60, 1), rss, fds, counts["requests"]))
                next_sample += 30
            if now - started >= (minute + 1) * 60:
                minute += 1
                change_content(minute)
                if minute % 2:
                    ok = subprocess.run([args.searchd, "reindex", "--config", config],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
                else:
                    ok = admin_reindex()
                counts["reindexes"] += 1
                counts["reindex_failures"] += not ok
            if tty:
                print(f"\rsoak: {(now - started) / 60:5.1f}/{args.minutes:g} min, {counts['requests']} requests, "
                      f"{counts['errors']} errors, {counts['reindexes']} reindexes, RSS {samples[-1][1]} MB, "
                      f"{samples[-1][2]} fds", end="", file=sys.stderr, flush=True)
            time.sleep(1)
    finally:
        stop.set()
        for thread in clients:
            thread.join()
        crashed = daemon.poll() is not None
        daemon.terminate()
        daemon.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    if tty:
        print(file=sys.stderr)

    settled = [s for s in samples if s[0] >= min(10, args.minutes / 3)] or samples
    rss_growth = settled[-1][1] - settled[0][1]
    fd_growth = settled[-1][2] - settled[0][2]
    passed = (not crashed and counts["errors"] == 0 and counts["reindex_failures"] == 0
              and fd_growth <= 2 and rss_growth <= max(20, settled[0][1] // 10))
    lines = [
        f"# Soak: {args.minutes:g} min of mixed queries, a reindex every minute ({args.set})",
        "",
        f"Machine: {os.cpu_count()} cores. 4 keep-alive clients (searches, pages 2, as-you-type, "
        "suggestions, browsing, /health; 10 ms between requests each). Every minute a page is "
        "added, one edited and one removed, then reindexed: odd minutes by `searchd reindex`, even "
        "minutes by POST /admin/reindex.",
        "",
        f"Requests: {counts['requests']}, failed: {counts['errors']}. Reindexes: {counts['reindexes']}, "
        f"failed: {counts['reindex_failures']}. Daemon crashed: {crashed}.",
        f"From minute {settled[0][0]:g} to the end: RSS {settled[0][1]} -> {settled[-1][1]} MB "
        f"({rss_growth:+d}), open fds {settled[0][2]} -> {settled[-1][2]} ({fd_growth:+d}). "
        f"Verdict: {'flat, 0 errors: PASS' if passed else 'FAIL'}.",
        "",
        "| minute | RSS (MB) | open fds | requests so far |",
        "|---|---|---|---|",
    ] + [f"| {m:g} | {rss} | {fds} | {n} |" for m, rss, fds, n in samples[::2]] + [""]
    report = "\n".join(lines)
    print(report)
    if errors:
        print("first errors:", errors[:10])
    out = os.path.join(REPO, "bench", "results", f"{datetime.date.today()}-soak.md")
    with open(out, "w") as f:
        f.write(report)
    print(f"soak: {'PASS' if passed else 'FAIL'}: {counts['requests']} requests, {counts['errors']} errors, "
          f"RSS {rss_growth:+d} MB, fds {fd_growth:+d}; report {out}", file=sys.stderr)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
