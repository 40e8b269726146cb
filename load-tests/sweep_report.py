"""Writes the sweep's summary.md, results.csv, samples.csv and SVG charts (standard library only)."""
import csv
from html import escape

FASTAPI = [
    ("alone (one user)", "14 ms", "mixed-1-user"),
    ("500 users, one worker", "1.6 s (and rising)", "mixed-500-users-1-thread"),
    ("500 users, 16 workers", "90 ms", "mixed-500-users"),
]

COLUMNS = ["id", "group", "config", "simulation", "users", "note", "requests", "ok", "ko", "gatling_rps",
           "server_rps", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "p999_ms", "busy_threads_mean",
           "busy_threads_max", "connection_hold_ms", "active_connections_mean", "active_connections_max", "pending_mean", "pending_max",
           "process_cpu_mean", "machine_cpu", "live_threads_max", "load_before", "load_after", "assertions"]


def fmt(value, digits=0):
    if value is None or value == "":
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:,.{digits}f}"


def percent(value):
    return "-" if value is None else f"{100 * value:.0f}%"


def write(out, results, samples, checks, info):
    with open(out / "results.csv", "w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(results)
    keys = sorted({key for sample in samples for key in sample})
    with open(out / "samples.csv", "w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["case"] + [k for k in keys if k != "case"])
        writer.writeheader()
        writer.writerows(samples)
    by_id = {r["id"]: r for r in results}
    charts(out, by_id, info)
    (out / "summary.md").write_text(summary(results, by_id, checks, info))


def summary(results, by_id, checks, info):
    minutes = f"{info.get('minutes', 0):.1f} minutes"
    if info.get("minutes_extra"):
        minutes += f", plus {info['minutes_extra']:.1f} minutes for cases run again on their own (`CASES=...`)"
    lines = [f"# Load-test sweep, {info['date']}", "", f"One run of `load-tests/sweep.sh`: {minutes}. "
             f"{info.get('machine', '')}", ""]
    lines += ["## Checks", "",
              "Little's law (L = X R) with N requests in service at once, each waiting W: throughput X <= N / W. "
              "Each request also needs CPU; on a small or shared machine that cost is not always "
              "negligible, so the sweep measures it in the same run: c = 1 / (throughput of the same endpoint "
              f"with W = 0, case `cpu-capacity`: {info['capacity']:,.1f} requests/s, i.e. c = "
              f"{1000 / info['capacity'] if info['capacity'] else 0:.1f} ms). The bound is then "
              "X <= min(N / (W + c), 1 / c) (Little's law plus the utilization law; the textbook asymptotic "
              f"bounds). A configuration is checked when its wait bound N / (W + c) is below "
              f"{info['wait_bound']:.0%} of the CPU bound 1 / c, i.e. when the wait, not the CPU, is the limit; "
              f"then the measured throughput must be within {info['little_low']:.2f}-{info['little_high']:.2f} of "
              "the bound (the tolerance covers the machine's load moving during the run). Rows where the CPU is "
              "the limit are reported, not checked. For the pool the same law reads X = P / U with U the time a "
              "connection is really held (HikariCP's usage timer: W plus the round trip plus whatever the busy "
              "CPU adds) and X the queries served (answers that timed out waiting for a connection, 503, never "
              "held one), checked when the pool is saturated (at least 80% of its connections in use on average). "
              "Virtual threads must serve at least "
              f"{info['virtual_factor']:.0f}x what 8 platform threads serve on the blocking scenario with "
              f"W = {info['factor_wait_ms']} ms (a long wait, so that even a busy CPU allows the factor: "
              "checked when the bounds allow it). Throughput here is the server's own count "
              "(`http_server_requests_seconds_count`) over the steady part of each run.", "",
              "| check | N / W | bound min(N / (W + c), 1 / c) | measured | measured / bound | verdict |",
              "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {name} | {ideal} | {predicted} | {measured} | {ratio} | {verdict} |"
              for name, ideal, predicted, measured, ratio, verdict in checks]
    lines += ["", "## Next to the published FastAPI figures", "",
              "The write-up (Locust, 75% reads / 20% writes / 5% deletes, one table, up to 500 users) against our "
              "mixed CRUD simulation (same mix on posts, authenticated, users thinking 1-5 s between requests "
              "like Locust's usual `between(1, 5)`; the write-up does not state its wait time):", "",
              "| situation | FastAPI (published) | ours: mean | p50 | p95 | p99 | errors | case |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for situation, theirs, case_id in FASTAPI:
        r = by_id.get(case_id, {})
        lines.append(f"| {situation} | {theirs} | {fmt(r.get('mean_ms'))} ms | {fmt(r.get('p50_ms'))} ms | "
                     f"{fmt(r.get('p95_ms'))} ms | {fmt(r.get('p99_ms'))} ms | {fmt(r.get('ko'))} | `{case_id}` |")
    lines += ["", "Our row for 16 workers is the default configuration (one JVM, 200 request threads, 10 database "
              "connections); the one-worker row is the same JVM setting with `server.tomcat.threads.max=1`.", ""]
    lines += ["## Every case", "",
              "Requests/s: Gatling's mean over the whole run (ramp-up included) and the server's count over the "
              "steady part. Latencies from Gatling (client side, queueing included). Busy threads: Tomcat's "
              "gauge (meaningless with virtual threads); pending: requests waiting for a pooled connection; "
              "CPU: the application JVM(s) and the whole machine (load generator and databases included), as fractions "
              "of both cores. Load: `uptime` load averages before and after the case.", "",
              "| case | configuration | users | req/s (Gatling) | req/s (server) | p50 ms | p95 ms | p99 ms | "
              "errors | busy threads mean/max | connections active mean/max | pending mean/max | app CPU | "
              "machine CPU | load before / after | assertions |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        lines.append(
            f"| `{r['id']}` | {r.get('config')}: {r.get('note', '')} | {r.get('users', '-')} | "
            f"{fmt(r.get('gatling_rps'), 1)} | {fmt(r.get('server_rps'), 1)} | {fmt(r.get('p50_ms'))} | "
            f"{fmt(r.get('p95_ms'))} | {fmt(r.get('p99_ms'))} | {fmt(r.get('ko'))} | "
            f"{fmt(r.get('busy_threads_mean'), 1)} / {fmt(r.get('busy_threads_max'))} | "
            f"{fmt(r.get('active_connections_mean'), 1)} / {fmt(r.get('active_connections_max'))} | "
            f"{fmt(r.get('pending_mean'), 1)} / {fmt(r.get('pending_max'))} | {percent(r.get('process_cpu_mean'))} | "
            f"{percent(r.get('machine_cpu'))} | {r.get('load_before', '-')} / {r.get('load_after', '-')} | "
            f"{r.get('assertions', '-')} |")
    lines += ["", "## Charts", "", "![throughput against threads](threads-throughput.svg)", "",
              "![p99 against threads](threads-p99.svg)", "", "![throughput against pool size](pool-throughput.svg)",
              "", "![other cases](other-cases.svg)", "",
              "## Method", "",
              f"- One JVM per configuration (the experiment jar, `./mvnw -Pexperiment package`, which is the "
              f"application plus two experiment endpoints behind the profile `slow-endpoints`), all started at "
              f"the beginning and idle while others are measured; the pool configurations start once the thread "
              f"sweep has chosen the best thread setting (here: `{info['best']}`). A private PostgreSQL 15 with "
              f"default settings (except `max_connections=300`), so that 50-connection pools never take "
              f"connections from the shared server's other users.",
              f"- Each case: {info['warmup']} s of the same load to warm the JIT (Gatling, no report), then "
              f"{info['duration']} s measured (the 500-user cases 30 s) with users starting within 1 s (5 s for "
              f"500 users). Closed loop: every virtual user sends its next request when the previous answer "
              f"arrives (plus think time where stated), one connection per user.",
              f"- Blocking scenario: `GET /api/v1/experiment/wait?ms={info['wait_ms']}` ({info['blocking_users']} "
              f"users). Slow query: `GET /api/v1/experiment/slow-query?ms={info['query_ms']}` "
              f"({info['slow_users']} users), `SELECT pg_sleep` on a pooled connection.",
              "- The instances cases go through nginx (`load-tests/nginx.conf.template`, keep-alive upstreams) in "
              "both cases, so that the proxy's cost is on both sides.",
              f"- The hot-key scenario compares `app.cache.enabled=true` and `false` ({info.get('cache_landed', 'unknown')}).",
              "- The application logs at WARN for the `access` logger during the sweep (one log line per "
              "request would be measured too); the throttles are lifted (one client address logs in hundreds of "
              "users) and the API rate limit is off.", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# SVG bar charts.

COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948"]


def bar_chart(path, title, labels, series, unit, reference=None, log_scale=False):
    """series: [(name, [values])]; reference: [(value or None)] per label, drawn as a black tick."""
    width, height, left, bottom, top = 760, 360, 80, 60, 50
    plot_w, plot_h = width - left - 20, height - top - bottom
    values = [v for _, vs in series for v in vs if v] + [v for v in (reference or []) if v]
    high = max(values) if values else 1
    import math

    def y(value):
        if not value:
            return top + plot_h
        if log_scale:
            low = min(v for v in values if v > 0) / 2
            return top + plot_h - plot_h * (math.log10(value / low) / math.log10(high * 1.1 / low))
        return top + plot_h - plot_h * value / (high * 1.1)

    group_w = plot_w / max(len(labels), 1)
    bar_w = group_w * 0.7 / max(len(series), 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{escape(title)}</text>',
           f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333"/>',
           f'<text x="16" y="{top + plot_h / 2}" transform="rotate(-90 16 {top + plot_h / 2})" '
           f'text-anchor="middle">{escape(unit)}{" (log scale)" if log_scale else ""}</text>']
    for i, label in enumerate(labels):
        x0 = left + i * group_w + group_w * 0.15
        for j, (_, vs) in enumerate(series):
            value = vs[i]
            if value is None:
                continue
            top_y = y(value)
            out.append(f'<rect x="{x0 + j * bar_w:.1f}" y="{top_y:.1f}" width="{bar_w - 2:.1f}" '
                       f'height="{top + plot_h - top_y:.1f}" fill="{COLORS[j % len(COLORS)]}"/>')
            out.append(f'<text x="{x0 + j * bar_w + bar_w / 2:.1f}" y="{top_y - 4:.1f}" text-anchor="middle" '
                       f'font-size="10">{value:,.0f}</text>')
        if reference and reference[i]:
            ry = y(reference[i])
            out.append(f'<line x1="{x0 - 4:.1f}" y1="{ry:.1f}" x2="{x0 + group_w * 0.7 + 4:.1f}" y2="{ry:.1f}" '
                       f'stroke="black" stroke-width="2" stroke-dasharray="4 2"/>')
        out.append(f'<text x="{left + i * group_w + group_w / 2:.1f}" y="{top + plot_h + 18}" '
                   f'text-anchor="middle">{escape(label)}</text>')
    legend_x = left + 10
    for j, (name, _) in enumerate(series):
        out.append(f'<rect x="{legend_x}" y="{height - 22}" width="12" height="12" fill="{COLORS[j % len(COLORS)]}"/>')
        out.append(f'<text x="{legend_x + 16}" y="{height - 12}">{escape(name)}</text>')
        legend_x += 30 + 7 * len(name)
    if reference:
        out.append(f'<line x1="{legend_x}" y1="{height - 16}" x2="{legend_x + 20}" y2="{height - 16}" '
                   f'stroke="black" stroke-width="2" stroke-dasharray="4 2"/>')
        out.append(f'<text x="{legend_x + 26}" y="{height - 12}">Little\'s law: N / W</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n")


def charts(out, by_id, info):
    configs = [("platform-1", "1 thread", 1), ("platform-8", "8 threads", 8), ("platform-50", "50 threads", 50),
               ("platform-200", "200 threads", 200), ("virtual", "virtual", None)]
    present = [(c, label, n) for c, label, n in configs if f"threads-{c}" in by_id]
    labels = [label for _, label, _ in present]
    results = [by_id[f"threads-{c}"] for c, _, _ in present]
    wait = info["wait_ms"] / 1000
    bar_chart(out / "threads-throughput.svg",
              f"Blocking dependency (W = {info['wait_ms']} ms, {info['blocking_users']} users): throughput",
              labels, [("requests/s (server)", [r.get("server_rps") for r in results])], "requests/s",
              reference=[(n / wait if n else None) for _, _, n in present], log_scale=True)
    bar_chart(out / "threads-p99.svg",
              f"Blocking dependency (W = {info['wait_ms']} ms, {info['blocking_users']} users): latency",
              labels, [("p50 ms", [r.get("p50_ms") for r in results]), ("p99 ms", [r.get("p99_ms") for r in results])],
              "milliseconds", log_scale=True)
    pools = [s for s in (2, 10, 50) if f"pool-{s}" in by_id]
    bar_chart(out / "pool-throughput.svg",
              f"Slow query (W = {info['query_ms']} ms, {info['slow_users']} users, {info['best']}): throughput",
              [f"pool {s}" for s in pools], [("requests/s (server)", [by_id[f"pool-{s}"].get("server_rps")
                                                                     for s in pools])],
              "requests/s", reference=[s / (info["query_ms"] / 1000) for s in pools])
    others = [c for c in ("instances-1", "instances-2", "hot-key-cache-on", "hot-key-cache-off", "checkout")
              if c in by_id]
    bar_chart(out / "other-cases.svg", "Instances, cache, checkout: throughput", others,
              [("requests/s (Gatling)", [by_id[c].get("gatling_rps") for c in others])], "requests/s")
