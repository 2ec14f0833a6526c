#!/usr/bin/env python3
"""RELIABILITY.md G16: time from `kill -9` of a serving searchd to its restart answering
/health 200 and a search, on a real set (default mdn-archived, 10,140 pages). Median of 5.

    bench/restart_after_kill.py [--set mdn-archived] [--searchd build/release/searchd/searchd]
"""
import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from searchd_run import DEFAULT_SEARCHD, set_config, set_folder


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serving_after(binary, config, port):
    """Seconds from exec to a 200 /health and a 200 /search."""
    started = time.monotonic()
    process = subprocess.Popen([binary, "serve", "--config", config, "--listen", f"127.0.0.1:{port}"],
                               stderr=subprocess.DEVNULL)
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health")
            health = connection.getresponse()
            health.read()
            connection.request("GET", "/search?q=array")
            search = connection.getresponse()
            search.read()
            if health.status == 200 and search.status == 200:
                return process, time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.005)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="mdn-archived")
    parser.add_argument("--searchd", default=DEFAULT_SEARCHD)
    args = parser.parse_args()
    if set_folder(args.set) is None:
        return 0
    work = tempfile.mkdtemp(prefix="restart-")
    try:
        config = set_config(args.set, work)
        subprocess.run([args.searchd, "reindex", "--config", config], check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        process, _ = serving_after(args.searchd, config, port)
        times = []
        for _ in range(5):
            process.send_signal(signal.SIGKILL)
            process.wait()
            process, seconds = serving_after(args.searchd, config, port)
            times.append(seconds)
        process.terminate()
        process.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"restart_after_kill: {args.set}: kill -9 to serving (health and a search) in "
          f"{statistics.median(times) * 1000:.0f} ms median, {max(times) * 1000:.0f} ms worst of 5")
    return 0


if __name__ == "__main__":
    sys.exit(main())
