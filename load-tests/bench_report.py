#!/usr/bin/env python3
"""Turns the raw wrk outputs of bench.sh into a Markdown table.

    bench_report.py RAW_DIR "label=jar ..." "ping post ..."

For each jar and endpoint: the median requests/s over rounds, the median over rounds of
(endpoint requests/s / ping requests/s of the same round and jar), median p50 and p99, and
errors (non-2xx answers and socket errors over all rounds; anything but 0 spoils the row).
"""
import pathlib
import statistics
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from report import parse_wrk  # noqa: E402

NAMES = {
    "ping": "GET /api/v1/ping",
    "post": "GET /api/v1/posts/{id}",
    "posts": "GET /api/v1/posts?size=20",
    "me": "GET /api/v1/users/me (bearer)",
    "order": "POST /api/v1/orders (2 lines, Idempotency-Key)",
}


def parse(path):
    return parse_wrk(path.read_text())


def main():
    raw = pathlib.Path(sys.argv[1])
    labels = [entry.split("=", 1)[0] for entry in sys.argv[2].split()]
    endpoints = sys.argv[3].split()
    print(f"# Request-path benchmark ({raw.name.removeprefix('bench-')})\n")
    print((raw / "meta.txt").read_text().strip().replace("\n", "  \n") + "\n")
    print("| jar | endpoint | requests/s | ratio to ping | p50 ms | p99 ms | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for label in labels:
        rounds = sorted(int(p.name.split(".")[2]) for p in raw.glob(f"{label}.ping.*.txt"))
        ping = {r: parse(raw / f"{label}.ping.{r}.txt")["rps"] for r in rounds}
        for endpoint in endpoints:
            runs = {r: parse(raw / f"{label}.{endpoint}.{r}.txt") for r in rounds}
            rps = statistics.median(run["rps"] for run in runs.values())
            ratio = statistics.median(runs[r]["rps"] / ping[r] for r in rounds)
            p50 = statistics.median(run["p50"] for run in runs.values())
            p99 = statistics.median(run["p99"] for run in runs.values())
            errors = sum(run["errors"] for run in runs.values())
            print(f"| {label} | {NAMES.get(endpoint, endpoint)} | {rps:,.0f} | {ratio:.2f} | {p50:.1f} | "
                  f"{p99:.1f} | {errors} |")
    print("\nLoad averages (1, 5, 15 min) per round:\n")
    print("```")
    print((raw / "uptime.txt").read_text().strip())
    print("```")
    print("\nResident memory (MB), 5 s after readiness and after the run:\n")
    print("```")
    print((raw / "memory.txt").read_text().strip())
    print("```")


if __name__ == "__main__":
    main()
