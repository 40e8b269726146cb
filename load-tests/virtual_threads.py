#!/usr/bin/env python3
"""Platform against virtual threads, side by side on one Java 21+ runtime (issue 21): the cases a default has to
be right for, each run against both JVMs in alternating order, round after round. Called by
load-tests/virtual-threads.sh, which builds the experiment jar and the simulations first. Standard library only;
the JVM, sampling and Gatling plumbing is the sweep's (sweep.py).

Cases (environment: ROUNDS 2, DURATION 20 s, and the users of each case):
  crud        MixedCrudSimulation, CRUD_USERS (100) closed loop, no think time: CPU-bound reads and writes
  checkout    CheckoutSimulation, CHECKOUT_USERS (50) closed loop: transactions, row locks, idempotency keys
  pool        SlowQuerySimulation, SLOW_USERS (100), QUERY_MS (20): the 10 pooled connections are the limit
  pool-over   SlowQuerySimulation, OVER_USERS (400), OVER_QUERY_MS (100): more waiting requests than threads,
              and a wait for a connection (N / P x W = 4 s) beyond Hikari's 3 s connection timeout

Both JVMs run the same jar on the same runtime (JAVA_VIRTUAL) with the same flags (JVM_OPTIONS, default the image's
-XX:+UseSerialGC); the only difference is
spring.threads.virtual.enabled. Each records JFR (profile "default": jdk.VirtualThreadPinned above 20 ms), so
that pinning shows if there is any. Writes OUT (load-tests/results/virtual-threads.md) and raw files under
load-tests/results/raw/virtual-threads-<time>/.
"""
import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

STAMP = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("RESULTS_DIR", str(ROOT / "load-tests" / "results" / "raw" / f"virtual-threads-{STAMP}"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import sweep  # noqa: E402  (reads RESULTS_DIR when imported)

ROUNDS = sweep.env_int("ROUNDS", 2)
DURATION = sweep.env_int("DURATION", 20)
QUERY_MS = sweep.env_int("QUERY_MS", 20)
OVER_QUERY_MS = sweep.env_int("OVER_QUERY_MS", 100)
OUT = Path(os.environ.get("OUT", ROOT / "load-tests" / "results" / "virtual-threads.md"))
RUNTIME = sweep.JAVA_VIRTUAL
# The image's collector (ADR 0003); the sweep's heap flags (-Xms512m -Xmx768m) come after these.
JVM_OPTIONS = os.environ.get("JVM_OPTIONS", "-XX:+UseSerialGC")

CASES = {
    "crud": ("MixedCrudSimulation", {"users": sweep.env_int("CRUD_USERS", 100), "thinkMinMs": 0, "thinkMaxMs": 0},
             "mixed CRUD on posts, closed loop"),
    "checkout": ("CheckoutSimulation", {"users": sweep.env_int("CHECKOUT_USERS", 50)},
                 "list, read, order 1-3 products, read the order; closed loop"),
    "pool": ("SlowQuerySimulation", {"users": sweep.env_int("SLOW_USERS", 100), "queryMs": QUERY_MS},
             f"each request holds a pooled connection {QUERY_MS} ms; pool of 10"),
    "pool-over": ("SlowQuerySimulation", {"users": sweep.env_int("OVER_USERS", 400), "queryMs": OVER_QUERY_MS,
                                          "p99Ms": 10 ** 6, "maxErrorPercent": 100},
                  f"holds a connection {OVER_QUERY_MS} ms; pool of 10; waits beyond Hikari's 3 s timeout"),
}
# Both explicit: on Java 24+ the service turns virtual threads on by default (config/VirtualThreadsDefault).
CONFIGS = {"platform": {"spring.threads.virtual.enabled": "false"},
           "virtual": {"spring.threads.virtual.enabled": "true"}}


class App(sweep.App):
    """The sweep's JVM, but both configurations on the Java 21+ runtime, with a flight recording."""

    @property
    def java(self):
        return RUNTIME


def start(name):
    recording = sweep.RAW / f"{name}.jfr"
    os.environ["JDK_JAVA_OPTIONS"] = (f"{JVM_OPTIONS} -XX:StartFlightRecording=filename={recording},"
                                      "settings=default,dumponexit=true")
    try:
        app = App(name, len(sweep.APPS), CONFIGS[name])
        sweep.APPS[name] = app
        app.start()
    finally:
        del os.environ["JDK_JAVA_OPTIONS"]
    deadline = time.time() + 600
    while not app.healthy():
        if time.time() > deadline:
            raise SystemExit(f"{name} not healthy after 10 minutes")
        time.sleep(1)


def pinned(name):
    """Counts the pinning events of a recording (written when the JVM exits)."""
    recording = sweep.RAW / f"{name}.jfr"
    if not recording.exists():
        return "no recording"
    jfr = str(Path(RUNTIME).parent / "jfr")
    printed = subprocess.run([jfr, "print", "--events", "jdk.VirtualThreadPinned", str(recording)],
                             capture_output=True, text=True).stdout
    (sweep.RAW / f"{name}.pinned.txt").write_text(printed)
    return str(printed.count("jdk.VirtualThreadPinned"))


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def cell(value, pattern="{:,.0f}"):
    # Tomcat's busy-thread gauge reads -1 when requests run on virtual threads: there is no pool to be busy.
    return "-" if value is None or value < 0 else pattern.format(value)


def main():
    started = time.time()
    sweep.RAW.mkdir(parents=True, exist_ok=True)
    print(f"== starting platform and virtual on {RUNTIME}", flush=True)
    start("platform")  # migrates the schema and creates the admin; the second finds them
    start("virtual")
    results = []
    loads = []
    total = ROUNDS * len(CASES) * len(CONFIGS)
    index = 0
    for round_number in range(1, ROUNDS + 1):
        order = list(CONFIGS) if round_number % 2 else list(reversed(CONFIGS))
        loads.append(f"round {round_number} {os.getloadavg()}")
        for case_name, (simulation, properties, note) in CASES.items():
            for config in order:
                index += 1
                case = sweep.Case(f"{case_name}-{config}-{round_number}", case_name, config, simulation,
                                  dict(properties, duration=DURATION), note)
                left = (total - index + 1) * (DURATION + 30)
                try:
                    result = sweep.run_case(case, index, total, started, left)
                except RuntimeError as ex:
                    print(f"   {ex}", flush=True)
                    result = {"id": case.id, "assertions": f"run failed: {ex}"}
                results.append(dict(result, case=case_name, config=config, round=round_number))
    loads.append(f"end {os.getloadavg()}")
    sweep.stop_all()
    pinning = {name: pinned(name) for name in CONFIGS}
    write(results, loads, pinning, time.time() - started)


def write(results, loads, pinning, seconds):
    lines = [f"# Platform against virtual threads ({STAMP})", "",
             f"Runtime: {subprocess.run([RUNTIME, '-version'], capture_output=True, text=True).stderr.splitlines()[0]}"
             f" for both JVMs, `{JVM_OPTIONS} -Xms512m -Xmx768m`, the experiment jar with profile "
             f"`slow-endpoints`, throttles lifted, access log at WARN, Redis on; the only difference is "
             f"`spring.threads.virtual.enabled`. {ROUNDS} rounds, configurations alternating (platform first in odd "
             f"rounds), {DURATION} s measured per case after a warm-up; Gatling on the same {os.cpu_count()} "
             f"cores. {seconds / 60:.1f} minutes.", "",
             "Medians over the rounds. Requests/s is the server's own count over the steady window; p50/p99 and "
             "failed requests are Gatling's; pending is the mean number of requests waiting for a pooled "
             "connection (Hikari), busy the mean of Tomcat's busy platform threads (none on virtual threads).", "",
             "| case | threads | requests/s | virtual / platform | p50 ms | p99 ms | failed | pending | busy |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for case_name, (_, properties, note) in CASES.items():
        by_config = {config: [r for r in results if r["case"] == case_name and r["config"] == config]
                     for config in CONFIGS}
        rps = {config: median(r.get("server_rps") for r in rows) for config, rows in by_config.items()}
        for config, rows in by_config.items():
            ratio = (rps["virtual"] / rps["platform"]) if config == "virtual" and rps["virtual"] and rps[
                "platform"] else None
            failed = sum(r.get("ko") or 0 for r in rows)
            total = sum(r.get("requests") or 0 for r in rows)
            lines.append(
                f"| {case_name} ({properties['users']} users; {note}) | {config} | {cell(rps[config])} | "
                f"{cell(ratio, '{:.2f}')} | {cell(median(r.get('p50_ms') for r in rows))} | "
                f"{cell(median(r.get('p99_ms') for r in rows))} | {failed:,.0f} of {total:,.0f} | "
                f"{cell(median(r.get('pending_mean') for r in rows), '{:.0f}')} | "
                f"{cell(median(r.get('busy_threads_mean') for r in rows), '{:.0f}')} |")
    lines += ["", "Every run:", "", "| run | requests/s | p50 ms | p99 ms | failed | machine CPU | assertions |",
              "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results:
        lines.append(f"| {r['id']} | {cell(r.get('server_rps'))} | {cell(r.get('p50_ms'))} | "
                     f"{cell(r.get('p99_ms'))} | {cell(r.get('ko'))} | {cell(r.get('machine_cpu'), '{:.0%}')} | "
                     f"{r.get('assertions')} |")
    lines += ["", "Pinned virtual threads (JFR `jdk.VirtualThreadPinned`, threshold 20 ms, whole run): "
              + ", ".join(f"{name} {count}" for name, count in pinning.items()) + ".", "",
              "Load averages (1, 5, 15 min):", "", "```", *loads, "```", "",
              f"Raw: Gatling logs and reports, application logs, recordings: `{os.path.relpath(sweep.RAW, ROOT)}`."]
    OUT.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"written: {OUT}")


if __name__ == "__main__":
    try:
        main()
    finally:
        sweep.stop_all()
