#!/usr/bin/env python3
"""Turns the raw wrk outputs of filter-overhead.sh into a Markdown table and an SVG bar chart.

Usage: report.py RAW_DIR OUT_DIR. Standard library only. For every case and endpoint: the median over
runs of requests/s, p50 and p99 latency, and the median of the per-run ratios to the baseline measured
in the same run (so slow drift of the machine cancels out).
"""
import re
import statistics
import sys
from html import escape
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(text):
    def latency(percent):
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else None

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    requests = re.search(r"(\d+) requests in", text)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": latency(50),
        "p99": latency(99),
        "requests": int(requests.group(1)) if requests else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "errors": (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0),
    }


def load(raw):
    results = {}  # (endpoint, case) -> {run: measurement}
    for file in sorted(raw.glob("run*--*--*.txt")):
        run, case, endpoint = file.stem.split("--")
        results.setdefault((endpoint, case), {})[int(run[3:])] = parse_wrk(file.read_text())
    return results


def read_meta(raw):
    meta = {}
    for line in (raw / "meta.env").read_text().splitlines():
        key, _, value = line.partition("=")
        meta[key] = value
    return meta


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(results, cases, endpoints, baseline_case="baseline"):
    rows = []
    for endpoint in endpoints:
        baseline = results.get((endpoint, baseline_case), {})
        for case in cases:
            runs = results.get((endpoint, case))
            if not runs:
                continue
            ratios = [m["rps"] / baseline[r]["rps"] for r, m in runs.items()
                      if r in baseline and baseline[r]["rps"] > 0]
            rows.append({
                "endpoint": endpoint,
                "case": case,
                "rps": median(m["rps"] for m in runs.values()),
                "ratio": median(ratios),
                "p50": median(m["p50"] for m in runs.values()),
                "p99": median(m["p99"] for m in runs.values()),
                "runs": len(runs),
                "errors": sum(m["errors"] for m in runs.values()),
            })
    return rows


def fmt(value, digits=1):
    return "n/a" if value is None else f"{value:,.{digits}f}"


def markdown(rows, meta):
    lines = [
        "# Filter overhead: results",
        "",
        "Produced by `load-tests/filter-overhead.sh`; how to read it: `load-tests/README.md`.",
        "",
        "## Machine and settings",
        "",
        f"- Date: {meta.get('date')}, commit {meta.get('git')}",
        f"- CPU: {meta.get('cpus')} x {meta.get('cpu_model')}; memory {meta.get('memory')}; {meta.get('kernel')}",
        f"- JDK: {meta.get('java')}; load generator: {meta.get('wrk')} on the same machine",
        f"- wrk: {meta.get('threads')} thread(s), {meta.get('connections')} connections, "
        f"{meta.get('duration')} s per measurement after {meta.get('warmup')} s warm-up per case and endpoint; "
        f"{meta.get('runs')} run(s), cases alternating within each run",
        "- Every case is its own JVM (512 MB heap) of the same jar, all running at once, profile "
        "`filter-experiment`; the database is the local PostgreSQL",
    ]
    for key, value in meta.items():
        if key.startswith("path_"):
            lines.append(f"- Endpoint `{key[5:]}`: `GET {value}`")
    lines += [
        "",
        "## Results (medians over runs)",
        "",
        "| endpoint | case | requests/s | vs baseline | p50 ms | p99 ms | runs | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = "n/a" if row["ratio"] is None else f"{(row['ratio'] - 1) * 100:+.1f}%"
        if row["case"] == "baseline":
            ratio = "="
        lines.append(f"| {row['endpoint']} | {row['case']} | {fmt(row['rps'], 0)} | {ratio} | "
                     f"{fmt(row['p50'], 2)} | {fmt(row['p99'], 2)} | {row['runs']} | {row['errors']} |")
    lines += ["", "Chart: `filter-overhead.svg` (requests/s relative to the baseline of the same run).", ""]
    return "\n".join(lines)


def svg(rows, endpoints):
    """Horizontal bars of requests/s relative to the baseline, one group per endpoint."""
    bar, gap, label_width, width, scale_width = 18, 4, 190, 860, 480
    colors = {"baseline": "#7f7f7f", "high": "#d62728", "low": "#1f77b4"}
    max_ratio = max([row["ratio"] or 0 for row in rows] + [1.0])
    y = 40
    parts = []
    for endpoint in endpoints:
        group = [row for row in rows if row["endpoint"] == endpoint]
        if not group:
            continue
        parts.append(f'<text x="10" y="{y}" font-weight="bold">GET {escape(endpoint)}</text>')
        y += 10
        for row in group:
            ratio = row["ratio"] or 0
            length = scale_width * ratio / max_ratio
            color = colors.get(row["case"].split("-")[0], "#2ca02c")
            parts.append(f'<text x="{label_width - 8}" y="{y + bar - 5}" text-anchor="end">'
                         f'{escape(row["case"])}</text>')
            parts.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" fill="{color}"/>')
            parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + bar - 5}">'
                         f'{ratio * 100:.0f}% ({fmt(row["rps"], 0)} req/s)</text>')
            y += bar + gap
        y += 24
    baseline_x = label_width + scale_width / max_ratio
    height = y + 10
    header = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        '<text x="10" y="20" font-size="14" font-weight="bold">Filter overhead: requests/s relative to '
        'baseline (100% = no filters)</text>',
        f'<line x1="{baseline_x:.1f}" y1="28" x2="{baseline_x:.1f}" y2="{height - 10}" stroke="#333" '
        'stroke-dasharray="4 3"/>',
    ]
    return "\n".join(header + parts + ["</svg>", ""])


def main():
    raw, out = Path(sys.argv[1]), Path(sys.argv[2])
    meta = read_meta(raw)
    cases = meta["cases"].split()
    endpoints = meta["endpoints"].split(",")
    rows = summarise(load(raw), cases, endpoints)
    out.mkdir(parents=True, exist_ok=True)
    (out / "filter-overhead.md").write_text(markdown(rows, meta))
    (out / "filter-overhead.svg").write_text(svg(rows, endpoints))
    print((out / "filter-overhead.md").read_text())
    print(f"Wrote {out / 'filter-overhead.md'} and {out / 'filter-overhead.svg'}")


if __name__ == "__main__":
    main()
