#!/usr/bin/env python3
"""Turns the raw wrk outputs of cache-benchmark.sh into a Markdown table and an SVG bar chart.

Usage: cache-report.py RAW_DIR OUT_DIR. Standard library only. Per case and endpoint: the median over runs
of requests/s, p50 and p99, and the median of the per-run ratios to the cache-off case of the same run.
"""
import sys
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from report import fmt, load, read_meta, summarise  # noqa: E402

CASES = ["on", "off", "miss"]
LABELS = {"on": "cache on (hits)", "off": "cache off (PostgreSQL)", "miss": "cache on, every read a miss"}
ENDPOINTS = {"post": "GET /api/v1/posts/{id} (anonymous)", "me": "GET /api/v1/users/me (bearer token)"}


def markdown(tables, latency, meta):
    lines = [
        "# Cache on vs off: results",
        "",
        "Produced by `load-tests/cache-benchmark.sh`; how to read it: `load-tests/README.md`.",
        "",
        "## Machine and settings",
        "",
        f"- Date: {meta.get('date')}, commit {meta.get('git')}",
        f"- CPU: {meta.get('cpus')} x {meta.get('cpu_model')}; memory {meta.get('memory')}; {meta.get('kernel')}",
        "- Load generator, databases and JVMs share the machine. Load averages (1, 5, 15 min) "
        f"before the runs: `{meta.get('uptime_start', '').split('load average:')[-1].strip()}`, after: "
        f"`{meta.get('uptime_end', '').split('load average:')[-1].strip()}`. Compare ratios measured in the same "
        "run, not absolute figures.",
        f"- JDK: {meta.get('java')}; PostgreSQL {meta.get('postgres')}; Redis {meta.get('redis')} "
        f"(a private redis-server); load generator: {meta.get('wrk')} on the same machine",
        f"- wrk: 1 thread, {meta.get('connections')} connections, {meta.get('duration')} s per measurement after "
        f"{meta.get('warmup')} s warm-up per case and endpoint; {meta.get('runs')} run(s), cases alternating "
        f"within each run; latency: 1 connection for {meta.get('latency_duration')} s",
        "- Each case is its own JVM (512 MB heap) of the same jar, all running at once; the API rate limit is "
        "off (`app.rate-limit.api.enabled=false`)",
        "",
    ]
    for endpoint, rows in tables.items():
        lines += [
            f"## {ENDPOINTS[endpoint]}: throughput (medians over runs)",
            "",
            "| case | requests/s | vs cache off | p50 ms | p99 ms | runs | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in rows:
            ratio = "=" if row["case"] == "off" else ("n/a" if row["ratio"] is None else f"x{row['ratio']:.2f}")
            lines.append(f"| {LABELS[row['case']]} | {fmt(row['rps'], 0)} | {ratio} | {fmt(row['p50'], 2)} | "
                         f"{fmt(row['p99'], 2)} | {row['runs']} | {row['errors']} |")
        lines.append("")
    lines += [
        "## Latency of one request at a time: GET /api/v1/posts/{id} (medians over runs)",
        "",
        "| case | p50 ms | p99 ms | requests/s |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in latency:
        lines.append(f"| {LABELS[row['case']]} | {fmt(row['p50'], 3)} | {fmt(row['p99'], 3)} | {fmt(row['rps'], 0)} |")
    lines += ["", "Chart: `cache-benchmark.svg` (requests/s relative to cache off in the same run).", ""]
    return "\n".join(lines)


def svg(tables):
    bar, gap, label_width, width, scale_width = 18, 4, 230, 880, 460
    colors = {"on": "#2ca02c", "off": "#7f7f7f", "miss": "#ff7f0e"}
    max_ratio = max([row["ratio"] or 0 for rows in tables.values() for row in rows] + [1.0])
    y = 44
    parts = []
    for endpoint, rows in tables.items():
        parts.append(f'<text x="10" y="{y}" font-weight="bold">{escape(ENDPOINTS[endpoint])}</text>')
        y += 10
        for row in rows:
            ratio = row["ratio"] or 0
            length = scale_width * ratio / max_ratio
            parts.append(f'<text x="{label_width - 8}" y="{y + bar - 5}" text-anchor="end">'
                         f'{escape(LABELS[row["case"]])}</text>')
            parts.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" '
                         f'fill="{colors[row["case"]]}"/>')
            parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + bar - 5}">'
                         f'x{ratio:.2f} ({fmt(row["rps"], 0)} req/s)</text>')
            y += bar + gap
        y += 24
    off_x = label_width + scale_width / max_ratio
    height = y + 10
    header = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        '<text x="10" y="20" font-size="14" font-weight="bold">Cache on vs off: requests/s relative to cache off '
        '(x1 = every read from PostgreSQL)</text>',
        f'<line x1="{off_x:.1f}" y1="30" x2="{off_x:.1f}" y2="{height - 10}" stroke="#333" stroke-dasharray="4 3"/>',
    ]
    return "\n".join(header + parts + ["</svg>", ""])


def main():
    raw, out = Path(sys.argv[1]), Path(sys.argv[2])
    meta = read_meta(raw)
    results = load(raw)
    tables = {endpoint: summarise(results, CASES, [endpoint], baseline_case="off") for endpoint in ENDPOINTS}
    latency = summarise(results, CASES, ["post-latency"], baseline_case="off")
    out.mkdir(parents=True, exist_ok=True)
    (out / "cache-benchmark.md").write_text(markdown(tables, latency, meta))
    (out / "cache-benchmark.svg").write_text(svg(tables))
    print((out / "cache-benchmark.md").read_text())
    print(f"Wrote {out / 'cache-benchmark.md'} and {out / 'cache-benchmark.svg'}")


if __name__ == "__main__":
    main()
