#!/usr/bin/env python3
"""Turns the raw wrk outputs of bench.sh into a Markdown table.

    bench_report.py RAW_DIR "label=jar ..." "ping post ..." ["pettype ..."]

For each jar and endpoint: the median requests/s over rounds, the median over rounds of
(endpoint requests/s / ping requests/s of the same round and jar), median p50 and p99, and
errors (non-2xx answers and socket errors over all rounds; anything but 0 spoils the row).
With the fourth argument (the peer's endpoints, label "peer"): the peer's rows (it has no
ping), and every jar's endpoints as the median over rounds of their requests/s divided by
the peer's first endpoint's in the same round. With pgbench.<round>.txt files (PGBENCH=1):
the same for PostgreSQL's own primary-key selects (pgbench -S).
"""
import pathlib
import re
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
    "pettype": "GET /petclinic/api/pettypes/1 (spring-petclinic-rest)",
}


def parse(path):
    return parse_wrk(path.read_text())


def main():
    raw = pathlib.Path(sys.argv[1])
    labels = [entry.split("=", 1)[0] for entry in sys.argv[2].split()]
    endpoints = sys.argv[3].split()
    peer_endpoints = sys.argv[4].split() if len(sys.argv) > 4 else []
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
    peer = {}
    if peer_endpoints:
        rounds = sorted(int(p.name.split(".")[2]) for p in raw.glob(f"peer.{peer_endpoints[0]}.*.txt"))
        for endpoint in peer_endpoints:
            runs = {r: parse(raw / f"peer.{endpoint}.{r}.txt") for r in rounds}
            peer[endpoint] = {r: run["rps"] for r, run in runs.items()}
            print(f"| peer | {NAMES.get(endpoint, endpoint)} | "
                  f"{statistics.median(run['rps'] for run in runs.values()):,.0f} | - | "
                  f"{statistics.median(run['p50'] for run in runs.values()):.1f} | "
                  f"{statistics.median(run['p99'] for run in runs.values()):.1f} | "
                  f"{sum(run['errors'] for run in runs.values())} |")
        reference = peer_endpoints[0]
        print(f"\nAgainst the peer: median over rounds of requests/s divided by the peer's "
              f"{NAMES.get(reference, reference)} in the same round.\n")
        print("| jar | " + " | ".join(NAMES.get(e, e) for e in endpoints) + " |")
        print("| --- |" + " ---: |" * len(endpoints))
        for label in labels:
            cells = []
            for endpoint in endpoints:
                ratios = [parse(raw / f"{label}.{endpoint}.{r}.txt")["rps"] / rps
                          for r, rps in peer[reference].items()]
                cells.append(f"{statistics.median(ratios):.2f}")
            print(f"| {label} | " + " | ".join(cells) + " |")
    pgbench = {}
    for path in raw.glob("pgbench.[0-9]*.txt"):
        found = re.search(r"tps = ([\d.]+)", path.read_text())
        if found:  # a failed run (e.g. no connection left on a shared server) leaves its round out
            pgbench[int(path.name.split(".")[1])] = float(found.group(1))
    if pgbench:
        print(f"\nPostgreSQL alone, `pgbench -S` (primary-key select, as many clients as a jar's pool, "
              f"{len(pgbench)} rounds): "
              f"{statistics.median(pgbench.values()):,.0f} transactions/s (median over rounds). Each endpoint's "
              f"requests/s divided by it, same round:\n")
        print("| jar | " + " | ".join(NAMES.get(e, e) for e in endpoints) + " |")
        print("| --- |" + " ---: |" * len(endpoints))
        for label in labels:
            cells = [f"{statistics.median(parse(raw / f'{label}.{e}.{r}.txt')['rps'] / tps for r, tps in pgbench.items()):.2f}"
                     for e in endpoints]
            print(f"| {label} | " + " | ".join(cells) + " |")
        for endpoint in peer_endpoints:
            ratio = statistics.median(parse(raw / f"peer.{endpoint}.{r}.txt")["rps"] / tps for r, tps in pgbench.items())
            print(f"\nThe peer's {NAMES.get(endpoint, endpoint)}: {ratio:.2f} of `pgbench -S`, same round.")
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
