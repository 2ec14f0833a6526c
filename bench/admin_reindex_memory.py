#!/usr/bin/env python3
"""What an in-process reindex (POST /admin/reindex) leaves in the daemon's memory: RSS of
`searchd serve` before, at the peak of, and after a full reindex run inside it (issue 15,
item 5: it used to stay at 91-300 MB afterwards). Runs this build and, if given, a baseline
build in the same run on the same index.

    bench/admin_reindex_memory.py [--set mdn-archived] [--baseline OTHER_SEARCHD]
"""
import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from searchd_run import DEFAULT_SEARCHD, REPO, serve, set_config, set_folder

TOKEN = "bench-token-0123456789abcdef0123456789"


def memory(pid):
    with open(f"/proc/{pid}/status") as f:
        text = f.read()
    def field(name):
        return int(re.search(name + r":\s+(\d+) kB", text).group(1)) // 1024
    return field("VmRSS"), field("VmHWM")


def measure(binary, config):
    daemon, port = serve(binary, config)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}
    try:
        for q in ("health", "care", "data", "search"):
            connection.request("GET", "/search?q=" + q)
            connection.getresponse().read()
        before, _ = memory(daemon.pid)
        started = time.monotonic()
        connection.request("POST", "/admin/reindex", body='{"full": true}', headers=headers)
        connection.getresponse().read()
        while True:
            connection.request("GET", "/admin/reindex", headers=headers)
            state = json.loads(connection.getresponse().read())
            if state.get("state") not in ("running", "idle"):
                break
            time.sleep(0.1)
        seconds = time.monotonic() - started
        time.sleep(1)
        after, peak = memory(daemon.pid)
        return {"state": state.get("state"), "seconds": seconds, "before": before, "peak": peak,
                "after": after}
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="mdn-archived")
    parser.add_argument("--searchd", default=DEFAULT_SEARCHD)
    parser.add_argument("--baseline")
    args = parser.parse_args()
    if set_folder(args.set) is None:
        return 0
    work = tempfile.mkdtemp(prefix="admin-reindex-")
    rows = []
    try:
        with open(os.path.join(work, "token"), "w") as f:
            f.write(TOKEN + "\n")
        config = set_config(args.set, work,
                            server=f"{{listen: '127.0.0.1:0', admin_token_file: {work}/token}}")
        subprocess.run([args.searchd, "reindex", "--config", config], check=True, stdout=subprocess.DEVNULL)
        for name, binary in [("this build", args.searchd)] + ([("baseline", args.baseline)] if args.baseline else []):
            print(f"admin_reindex_memory: {name}", file=sys.stderr)
            rows.append((name, measure(binary, config)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [f"# RSS of searchd around a full POST /admin/reindex ({args.set})", "",
             "| build | outcome | reindex s | RSS before MB | peak RSS MB | RSS 1 s after MB |",
             "|---|---|---|---|---|---|"]
    for name, r in rows:
        lines.append(f"| {name} | {r['state']} | {r['seconds']:.1f} | {r['before']} | {r['peak']} | {r['after']} |")
    report = "\n".join(lines) + "\n"
    print(report)
    out = os.path.join(REPO, "bench", "results", f"{datetime.date.today()}-admin-reindex-memory.md")
    with open(out, "w") as f:
        f.write(report)
    r = rows[0][1]
    print(f"admin_reindex_memory: RSS {r['before']} -> peak {r['peak']} -> {r['after']} MB after; report {out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
