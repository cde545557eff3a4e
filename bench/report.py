#!/usr/bin/env python3
"""Print the per-peer medians of one peer_bench.sh run, Mimic's ratios to its
peers in that run, and a verdict per benchmark target.

Usage: report.py RESULTS_TSV [STARTUP_JSON]

RESULTS_TSV is the results.tsv that peer_bench.sh writes, with Mimic as the
peer "custom". STARTUP_JSON is the startup.json of bench/startup.py; without
it the start-up and memory targets use the harness figures only.
"""

import csv
import json
import math
import os
import statistics
import sys

# Targets, as ratios to peers measured in the same run or as limits.
NGINX_RPS_RATIO = 1.0
NGINX_CPU_RATIO = 1.0
WIREMOCK_RPS_RATIO = 5.0
FIRST_200_MS = 20.0
RSS_START_MIB = 20.0
# RSS counts as flat when it grows less than this after load, against the
# value 1 s after start.
FLAT_GROWTH_PERCENT = 10.0

LABELS = {"custom": "mimic"}


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def median_of(rows, key):
    values = [number(row[key]) for row in rows]
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else math.nan


def total_of(rows, key):
    return sum(int(number(row[key]) or 0) for row in rows)


def load_rows(path):
    with open(path) as results:
        rows = list(csv.DictReader(results, delimiter="\t"))
    by_peer = {}
    for row in rows:
        by_peer.setdefault(row["peer"], []).append(row)
    return by_peer


def print_table(by_peer):
    print("| peer | runs (failed) | startup ms | RSS after start MiB | req/s | p50 ms | p99 ms "
          "| CPU-s in load | req per CPU-s | RSS after load MiB | non-2xx | socket errors |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for peer, rows in by_peer.items():
        ok = [r for r in rows if number(r["rps"]) is not None]
        failed = len(rows) - len(ok)
        print("| %s | %d (%d) | %.0f | %.1f | %.0f | %.2f | %.2f | %.1f | %.0f | %.1f | %d | %d |" % (
            LABELS.get(peer, peer), len(rows), failed, median_of(ok, "startup_ms"),
            median_of(ok, "rss_start_kb") / 1024, median_of(ok, "rps"), median_of(ok, "p50_ms"),
            median_of(ok, "p99_ms"), median_of(ok, "cpu_s_under_load"), median_of(ok, "req_per_cpu_s"),
            median_of(ok, "rss_after_kb") / 1024, total_of(ok, "non2xx"), total_of(ok, "sock_err")))


def ratio(by_peer, peer, key):
    """Return (ratio of medians, min and max of the run-by-run ratios), or None."""
    mine = [r for r in by_peer.get("custom", []) if number(r[key])]
    theirs = [r for r in by_peer.get(peer, []) if number(r[key])]
    if not mine or not theirs:
        return None
    of_medians = median_of(mine, key) / median_of(theirs, key)
    pairs = [number(a[key]) / number(b[key]) for a, b in zip(mine, theirs)]
    return of_medians, min(pairs), max(pairs)


def verdict(met):
    return "met" if met else "NOT MET"


def print_ratio_targets(by_peer):
    checks = [
        ("GET one example, req/s vs nginx", "nginx", "rps", NGINX_RPS_RATIO),
        ("GET one example, req per CPU-s vs nginx", "nginx", "req_per_cpu_s", NGINX_CPU_RATIO),
        ("GET one example, req/s vs wiremock-tuned", "wiremock-tuned", "rps", WIREMOCK_RPS_RATIO),
    ]
    for title, peer, key, target in checks:
        measured = ratio(by_peer, peer, key)
        if measured is None:
            print(f"| {title} | >= {target:.1f}x | not measured ({peer} or mimic missing) | - | not measured |")
            continue
        of_medians, low, high = measured
        print(f"| {title} | >= {target:.1f}x | {of_medians:.2f}x | {low:.2f}x to {high:.2f}x "
              f"| {verdict(of_medians >= target)} |")


def print_startup_targets(by_peer, startup):
    harness = [r for r in by_peer.get("custom", []) if number(r["rps"]) is not None]
    if startup:
        first = startup["first_200_ms"]
        print(f"| first mock answered after exec | < {FIRST_200_MS:.0f} ms | median {first['median']:.1f} ms "
              f"(p90 {first['p90']:.1f}) | {startup['runs']} starts, startup.py | "
              f"{verdict(first['median'] < FIRST_200_MS)} |")
        rss = startup["rss_kb_after_1s"]
        print(f"| RSS 1 s after start | < {RSS_START_MIB:.0f} MiB | median {rss['median'] / 1024:.1f} MiB "
              f"(max {rss['max'] / 1024:.1f}) | {startup['runs']} starts, startup.py | "
              f"{verdict(rss['max'] / 1024 < RSS_START_MIB)} |")
        memory = startup.get("memory_under_load")
        if memory:
            samples = memory["samples"]
            start_kb = samples[0]["rss_kb"]
            last_kb = samples[-1]["rss_kb"]
            growth = 100.0 * (last_kb - start_kb) / start_kb
            trail = " / ".join(f"{s['rss_kb'] / 1024:.1f}" for s in samples)
            print(f"| RSS flat after load | < {FLAT_GROWTH_PERCENT:.0f} % growth | {growth:+.1f} % "
                  f"({trail} MiB) | start, then after each wrk run | "
                  f"{verdict(growth < FLAT_GROWTH_PERCENT)} |")
    elif harness:
        print(f"| first mock answered after exec | < {FIRST_200_MS:.0f} ms | harness median "
              f"{median_of(harness, 'startup_ms'):.0f} ms (20 ms curl polling) | peer_bench.sh | see startup.sh |")
    if harness:
        start = median_of(harness, "rss_start_kb")
        after = median_of(harness, "rss_after_kb")
        print(f"| RSS after start, after load (harness) | < {RSS_START_MIB:.0f} MiB, flat | "
              f"{start / 1024:.1f} -> {after / 1024:.1f} MiB ({100.0 * (after - start) / start:+.1f} %) "
              f"| peer_bench.sh medians | {verdict(start / 1024 < RSS_START_MIB and after < start * (1 + FLAT_GROWTH_PERCENT / 100))} |")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    by_peer = load_rows(sys.argv[1])
    startup = None
    if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
        with open(sys.argv[2]) as startup_file:
            startup = json.load(startup_file)

    print("Medians per peer (Mimic is `mimic`):\n")
    print_table(by_peer)
    print("\nTargets (ratios are Mimic / peer in this run; the range pairs run i with run i):\n")
    print("| target | goal | measured | basis | verdict |")
    print("|---|---|---|---|---|")
    print_ratio_targets(by_peer)
    print_startup_targets(by_peer, startup)


if __name__ == "__main__":
    main()
