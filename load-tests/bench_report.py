#!/usr/bin/env python3
"""Turns the raw wrk outputs of bench.sh into a Markdown table.

    bench_report.py RAW_DIR "label=jar ..." "ping post ..."

For each jar and endpoint: the median requests/s over rounds, the median over rounds of
(endpoint requests/s / ping requests/s of the same round and jar), median p50 and p99, and
errors (non-2xx answers and socket errors over all rounds; anything but 0 spoils the row).
"""
import pathlib
import re
import statistics
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
NAMES = {
    "ping": "GET /api/v1/ping",
    "post": "GET /api/v1/posts/{id}",
    "posts": "GET /api/v1/posts?size=20",
    "me": "GET /api/v1/users/me (bearer)",
    "order": "POST /api/v1/orders (2 lines, Idempotency-Key)",
}


def parse(path):
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    latency = {}
    for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M):
        latency[pct] = float(value) * UNITS[unit]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", text))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return rps, latency.get("50"), latency.get("99"), errors


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
        ping = {r: parse(raw / f"{label}.ping.{r}.txt")[0] for r in rounds}
        for endpoint in endpoints:
            runs = {r: parse(raw / f"{label}.{endpoint}.{r}.txt") for r in rounds}
            rps = statistics.median(run[0] for run in runs.values())
            ratio = statistics.median(runs[r][0] / ping[r] for r in rounds)
            p50 = statistics.median(run[1] for run in runs.values())
            p99 = statistics.median(run[2] for run in runs.values())
            errors = sum(run[3] for run in runs.values())
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
