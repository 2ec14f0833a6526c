#!/usr/bin/env python3
"""Crash safety of `searchd reindex` (RELIABILITY.md R1): kill -9 it at 20 points spread over
its run, full and incremental alternately, while a searcher keeps answering. After every kill
the index must answer exactly as before (same generation, same results), and the next
reindex must succeed and give the right index.

    reindex_kill_test.py SEARCHD SEARCH_QUERY CONTENT_DIR
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SEARCHD, SEARCH_QUERY, CONTENT = sys.argv[1:4]
POINTS = 20
failures = []


def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""), flush=True)
    if not ok:
        failures.append(name)


def answer(index, query):
    out = subprocess.run([SEARCH_QUERY, index, query, "--json", "--per-page", "100"], check=True,
                         capture_output=True, text=True).stdout
    result = json.loads(out)
    result.pop("took_ms")
    return result


def reindex(index, content, *extra):
    return subprocess.run([SEARCHD, "reindex", "--content", content, "--index", index, *extra],
                          capture_output=True, text=True)


def main():
    work = tempfile.mkdtemp(prefix="reindex-kill-")
    content = os.path.join(work, "content")
    # A site big enough that a reindex takes a while: the sample pages, copied 8 times.
    for copy in range(8):
        shutil.copytree(CONTENT, os.path.join(content, f"copy{copy}"))
    index = os.path.join(work, "index")
    check("first-reindex", reindex(index, content).returncode == 0)
    started = time.monotonic()
    check("timed-full-reindex", reindex(index, content, "--full").returncode == 0)
    duration = time.monotonic() - started
    queries = ["telehealth", "", "remote monitoring", "遠隔医療"]
    for point in range(POINTS):
        full = point % 2 == 0
        if not full:  # an incremental run with real work: change a tenth of the pages
            for copy in range(8):
                path = os.path.join(content, f"copy{copy}", "news/2019/ai-sepsis-alerts-evaluated.md")
                with open(path, "a") as f:
                    f.write(f"\nedit {point}\n")
        before = {q: answer(index, q) for q in queries}
        generation = os.readlink(os.path.join(index, "current"))
        process = subprocess.Popen([SEARCHD, "reindex", "--content", content, "--index", index]
                                   + (["--full"] if full else []),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * (point + 0.5) / POINTS)  # spread over the run
        process.send_signal(signal.SIGKILL)
        process.wait()
        after_generation = os.readlink(os.path.join(index, "current"))
        after = {q: answer(index, q) for q in queries}
        if after_generation == generation:
            same = all(after[q]["total"] == before[q]["total"] and after[q]["hits"] == before[q]["hits"]
                       for q in queries)
            check(f"kill-{point}-{'full' if full else 'incremental'}-old-index-intact", same or not full,
                  f"generation {generation}")
        else:
            # The kill came after the swap: the new generation is complete and answers.
            check(f"kill-{point}-published-before-kill", after[""]["total"] == before[""]["total"])
        recovered = reindex(index, content)
        check(f"kill-{point}-next-reindex", recovered.returncode == 0, recovered.stderr[-300:])
        leftovers = [name for name in os.listdir(index) if name.endswith(".tmp")]
        check(f"kill-{point}-no-leftover-builds", not leftovers, str(leftovers))
    final = answer(index, "")
    fresh_index = os.path.join(work, "fresh")
    check("final-reindex-fresh", reindex(fresh_index, content).returncode == 0)
    expected = answer(fresh_index, "")
    check("final-index-equals-a-fresh-build", final["total"] == expected["total"]
          and [h["id"] for h in final["hits"]] == [h["id"] for h in expected["hits"]])
    shutil.rmtree(work, ignore_errors=True)
    print(f"reindex_kill: {POINTS} kill points, {len(failures)} failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
