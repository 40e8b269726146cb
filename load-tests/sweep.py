#!/usr/bin/env python3
"""The load-test sweep (see load-tests/README.md): starts the service once per configuration, warms it up, runs
a Gatling simulation against it, samples /actuator/prometheus while it runs, and checks the results against
Little's law. Called by load-tests/sweep.sh, which builds the jars first. Standard library only.

Writes load-tests/results/<date>/{summary.md, results.csv, samples.csv, *.svg}; Gatling's HTML reports and the
application logs stay in load-tests/results/raw/<date>/. Exits 1 when a check fails, 2 when a case cannot run.
"""
import csv
import datetime
import json
import os
import re
import secrets
import base64
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import sweep_report as report

ROOT = Path(__file__).resolve().parent.parent
LOAD_TESTS = ROOT / "load-tests"


def env_int(name, default):
    return int(os.environ.get(name, default))


QUICK = os.environ.get("QUICK") == "1"
REPORT_ONLY = os.environ.get("REPORT_ONLY") == "1"
DURATION = env_int("DURATION", 4 if QUICK else 15)  # seconds measured per case
WARMUP = env_int("WARMUP", 2 if QUICK else 5)  # seconds of the same load before each measurement
WAIT_MS = env_int("WAIT_MS", 50)  # W of the blocking-dependency scenario
QUERY_MS = env_int("QUERY_MS", 20)  # W of the slow-query scenario
BLOCKING_USERS = env_int("BLOCKING_USERS", 20 if QUICK else 300)
SLOW_USERS = env_int("SLOW_USERS", 10 if QUICK else 100)
MIXED_USERS = env_int("MIXED_USERS", 10 if QUICK else 500)
CRUD_USERS = env_int("CRUD_USERS", 10 if QUICK else 100)  # closed loop, for 1 vs 2 instances
CHECKOUT_USERS = env_int("CHECKOUT_USERS", 5 if QUICK else 50)
HOTKEY_USERS = env_int("HOTKEY_USERS", 10 if QUICK else 100)
BASE_PORT = env_int("BASE_PORT", 21000)
JAVA = os.environ.get("JAVA", "java")
JAVA_VIRTUAL = os.environ.get("JAVA_VIRTUAL", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
JAR = Path(os.environ.get("APP_JAR", "-"))
GATLING_CP = os.environ.get("GATLING_CLASSPATH", "")
PG_URL = os.environ.get("BENCH_JDBC_URL", "")
CACHE_PROPERTY = os.environ.get("CACHE_PROPERTY", "app.cache.enabled")

# Checks: tolerances stated once, quoted in the summary.
LITTLE_LOW, LITTLE_HIGH = 0.75, 1.15  # measured / predicted throughput, on a machine shared with other builds
WAIT_BOUND = 0.8  # a configuration is checked when its wait-bound prediction is below 80% of the CPU capacity
VIRTUAL_FACTOR = 3.0  # virtual threads must beat 8 platform threads by at least this factor...
FACTOR_WAIT_MS = env_int("FACTOR_WAIT_MS", 1000)  # ...with a wait long enough that a busy CPU still allows it

ADMIN_EMAIL, ADMIN_PASSWORD = "load-admin@load.test", "load-admin-password"
JWT_SECRET = base64.b64encode(secrets.token_bytes(48)).decode()
# Redis as in production (cache, rate limits, shared by both instances behind nginx), under a key prefix of this
# run's own: a shared Redis is never flushed. REDIS_HOST= (empty) runs without it (in-process cache).
REDIS_HOST = os.environ.get("REDIS_HOST", "127.0.0.1")
REDIS_PORT = os.environ.get("REDIS_PORT", "6379")
REDIS_KEY_PREFIX = f"load-sweep-{secrets.token_hex(4)}:"

DATE = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
OUT = LOAD_TESTS / "results" / ("quick" if QUICK else DATE)
if QUICK:
    OUT = LOAD_TESTS / "results" / "raw" / "quick"
RAW = LOAD_TESTS / "results" / "raw" / ("quick-run" if QUICK else DATE)
if os.environ.get("RESULTS_DIR"):  # e.g. a second sweep on other ports at the same time
    OUT = Path(os.environ["RESULTS_DIR"]).resolve()
    RAW = OUT / "raw"


# ---------------------------------------------------------------------------------------------------------------
# Configurations: one JVM each.

def threads(count):
    return {"server.tomcat.threads.max": count, "server.tomcat.threads.min-spare": min(count, 10)}


VIRTUAL = {"spring.threads.virtual.enabled": "true"}

CONFIGS = {
    "platform-1": threads(1),
    "platform-8": threads(8),
    "platform-50": threads(50),
    "platform-200": {},  # the defaults: 200 platform threads, 10 connections
    "virtual": dict(VIRTUAL),
    "second-instance": {},  # the default configuration again, the second instance behind nginx
    "cache-off": {CACHE_PROPERTY: "false"},
}
THREAD_CONFIGS = ["platform-1", "platform-8", "platform-50", "platform-200", "virtual"]
THREAD_COUNTS = {"platform-1": 1, "platform-8": 8, "platform-50": 50, "platform-200": 200}
POOL_SIZES = [2, 10, 50]


class App:
    """One application JVM."""

    def __init__(self, name, index, settings):
        self.name, self.settings = name, settings
        self.port, self.management_port = BASE_PORT + 1 + index, BASE_PORT + 101 + index
        self.process = None
        self.log = RAW / "apps" / f"{name}.log"

    @property
    def java(self):
        return JAVA_VIRTUAL if self.settings.get("spring.threads.virtual.enabled") == "true" else JAVA

    def start(self):
        properties = {
            "server.port": self.port,
            "management.server.port": self.management_port,
            "spring.profiles.active": "slow-endpoints",
            "app.demo-data.enabled": "false",
            "app.jwt.secret": JWT_SECRET,  # the same key everywhere: tokens work on both instances
            "app.jwt.access-token-ttl": "60s",  # so that the mixed scenario refreshes during a run
            "app.bootstrap-admin.email": ADMIN_EMAIL,
            "app.bootstrap-admin.password": ADMIN_PASSWORD,
            # One client address registers and logs in hundreds of users: lift the throttles.
            "app.auth.login-throttle.max-attempts": 1000000,
            "app.auth.login-throttle.per-client.max-attempts": 1000000,
            "app.auth.login-throttle.global.max-attempts": 1000000,
            "app.auth.registration-throttle.max-attempts": 1000000,
            "app.orders.max-pending-per-user": 1000000,
            "app.rate-limit.api.enabled": "false",
            "server.tomcat.mbeanregistry.enabled": "true",  # Tomcat's busy-thread gauge
            "logging.level.access": "WARN",  # no access-log line per request: the log would be the benchmark
            # Platform threads unless a configuration says otherwise, on any runtime (on Java 24+ the service
            # defaults to virtual threads, config/VirtualThreadsDefault).
            "spring.threads.virtual.enabled": "false",
        }
        properties.update(EXTRA_PROPERTIES)
        properties.update(self.settings)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        command = [self.java, "-Xms512m", "-Xmx768m", "-jar", str(JAR)] + [f"--{k}={v}" for k, v in properties.items()]
        env = dict(os.environ, SPRING_DATASOURCE_URL=PG_URL, SPRING_DATASOURCE_USERNAME="postgres",
                   SPRING_DATASOURCE_PASSWORD="")
        if REDIS_HOST:
            env.update(SPRING_DATA_REDIS_HOST=REDIS_HOST, SPRING_DATA_REDIS_PORT=REDIS_PORT,
                       APP_REDIS_KEY_PREFIX=REDIS_KEY_PREFIX)
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                            start_new_session=True)

    def healthy(self):
        if self.process.poll() is not None:
            raise SystemExit(f"{self.name} exited while starting; see {self.log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.management_port}/actuator/health", timeout=2) as answer:
                return answer.status == 200
        except OSError:
            return False

    def prometheus(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.management_port}/actuator/prometheus",
                                    timeout=5) as answer:
            return answer.read().decode()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()


EXTRA_PROPERTIES = {}
for item in os.environ.get("EXTRA_PROPERTIES", "").split():
    key, _, value = item.partition("=")
    EXTRA_PROPERTIES[key] = value

APPS = {}


def start_apps(names, settings_of):
    for name in names:
        app = App(name, len(APPS), settings_of(name))
        APPS[name] = app
        app.start()
    deadline = time.time() + 600
    waiting = list(names)
    while waiting:
        waiting = [name for name in waiting if not APPS[name].healthy()]
        if waiting and time.time() > deadline:
            raise SystemExit(f"not healthy after 10 minutes: {waiting}")
        if waiting:
            time.sleep(1)


# ---------------------------------------------------------------------------------------------------------------
# Metrics while a case runs.

METRICS = {
    "busy_threads": re.compile(r'^tomcat_threads_busy_threads\{[^}]*\} (\S+)$', re.M),
    "pending": re.compile(r'^hikaricp_connections_pending\{[^}]*\} (\S+)$', re.M),
    "active_connections": re.compile(r'^hikaricp_connections_active\{[^}]*\} (\S+)$', re.M),
    "process_cpu": re.compile(r'^process_cpu_usage (\S+)$', re.M),
    "live_threads": re.compile(r'^jvm_threads_live_threads (\S+)$', re.M),
}
# Greedy up to the last "} " of the line: URI templates carry braces of their own (uri="/api/v1/posts/{id}").
REQUESTS = re.compile(r'^http_server_requests_seconds_count\{(?P<labels>.*)\} (?P<value>\S+)$', re.M)
# How long connections are held (HikariCP's usage timer): the W of the pool's Little's law, as it really was.
USAGE = {"usage_count": re.compile(r'^hikaricp_connections_usage_seconds_count\{[^}]*\} (\S+)$', re.M),
         "usage_sum": re.compile(r'^hikaricp_connections_usage_seconds_sum\{[^}]*\} (\S+)$', re.M)}


def parse_prometheus(text):
    values = {}
    for key, pattern in METRICS.items():
        found = pattern.findall(text)
        values[key] = sum(float(v) for v in found) if found else None
    for key, pattern in USAGE.items():
        found = pattern.findall(text)
        values[key] = sum(float(v) for v in found) if found else None
    values["requests"] = sum(float(m.group("value")) for m in REQUESTS.finditer(text)
                             if 'uri="/actuator' not in m.group("labels"))
    return values


def machine_cpu():
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields), idle


class Sampler(threading.Thread):
    """Scrapes every application of a case once a second while Gatling runs."""

    def __init__(self, apps):
        super().__init__(daemon=True)
        self.apps, self.samples, self.stopping = apps, [], threading.Event()

    def run(self):
        while not self.stopping.is_set():
            started = time.time()
            total, idle = machine_cpu()
            row = {"t": started, "cpu_total": total, "cpu_idle": idle}
            scraped = []
            for app in self.apps:
                try:
                    before = time.time()
                    values = parse_prometheus(app.prometheus())
                    scraped.append((before + time.time()) / 2)
                except OSError:
                    continue
                for key, value in values.items():
                    if value is not None:
                        row[key] = row.get(key, 0.0) + value
            # A partial row would look like a drop in the request count: keep complete rows only, stamped with
            # the time the counters were read (a scrape can take a while on a busy machine).
            if len(scraped) == len(self.apps):
                row["t"] = statistics.fmean(scraped)
                self.samples.append(row)
            self.stopping.wait(max(0.0, 1.0 - (time.time() - started)))

    def stop(self):
        self.stopping.set()
        self.join()


def summarize_samples(samples, window_start, window_end):
    """Server-side throughput over the steady window, means and maxima of the gauges."""
    inside = [s for s in samples if window_start <= s["t"] <= window_end and "requests" in s]
    result = {}
    if len(inside) >= 2:
        first, last = inside[0], inside[-1]
        result["server_rps"] = (last["requests"] - first["requests"]) / (last["t"] - first["t"])
        busy = last["cpu_total"] - first["cpu_total"]
        result["machine_cpu"] = 1 - (last["cpu_idle"] - first["cpu_idle"]) / busy if busy else None
        uses = (last.get("usage_count") or 0) - (first.get("usage_count") or 0)
        if uses > 0:
            result["connection_hold_ms"] = 1000 * ((last.get("usage_sum") or 0) - (first.get("usage_sum") or 0)) / uses
    for key in ("busy_threads", "pending", "active_connections", "process_cpu", "live_threads"):
        values = [s[key] for s in inside if key in s]
        result[f"{key}_mean"] = statistics.fmean(values) if values else None
        result[f"{key}_max"] = max(values) if values else None
    return result


# ---------------------------------------------------------------------------------------------------------------
# Gatling.

GLOBAL = {
    "requests": r"> request count\s+\|\s+([\d,]+)\s+\|\s+([\d,-]+)\s+\|\s+([\d,-]+)",
    "mean_ms": r"> mean response time \(ms\)\s+\|\s+([\d,]+)",
    "p50_ms": r"> response time 50th percentile \(ms\)\s+\|\s+([\d,]+)",
    "p95_ms": r"> response time 95th percentile \(ms\)\s+\|\s+([\d,]+)",
    "p99_ms": r"> response time 99th percentile \(ms\)\s+\|\s+([\d,]+)",
    "p999_ms": r"> response time 99.9th percentile \(ms\)\s+\|\s+([\d,]+)",
    "gatling_rps": r"> mean throughput \(rps\)\s+\|\s+([\d,.]+)",
}


def number(text):
    return 0.0 if text in ("-", "") else float(text.replace(",", ""))


def parse_gatling(output):
    summary = output[output.rfind("---- Global Information"):] if "---- Global Information" in output else ""
    result = {}
    for key, pattern in GLOBAL.items():
        match = re.search(pattern, summary)
        if not match:
            continue
        if key == "requests":
            result["requests"], result["ok"], result["ko"] = (number(g) for g in match.groups())
        else:
            result[key] = number(match.group(1))
    assertions = re.findall(r"^Global: (.+) : (true|false)", output, re.M)
    result["assertions"] = "pass" if assertions and all(ok == "true" for _, ok in assertions) else (
        "fail: " + "; ".join(text for text, ok in assertions if ok == "false") if assertions else "none")
    return result


def run_gatling(case_id, simulation, properties, base_url, report=True):
    properties = dict(properties, baseUrl=base_url, ramp=properties.get("ramp", 1))
    command = [JAVA, "-Xms512m", "-Xmx1g", "-XX:+UseParallelGC", "--add-opens=java.base/java.lang=ALL-UNNAMED",
               "-cp", GATLING_CP] + [f"-D{k}={v}" for k, v in properties.items()] + [
        "io.gatling.app.Gatling", "--simulation", f"com.example.backend.load.{simulation}",
        "--results-folder", str(RAW / "gatling" / case_id), "--run-description", case_id]
    if not report:
        command.append("--no-reports")
    log = RAW / "gatling" / f"{case_id}{'' if report else '.warmup'}.txt"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        completed = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=LOAD_TESTS)
    text = log.read_text()
    if "Run crashed" in text or "Simulation crashed" in text or (completed.returncode not in (0, 2)):
        raise RuntimeError(f"Gatling failed for {case_id} (exit {completed.returncode}); see {log}")
    return text


# ---------------------------------------------------------------------------------------------------------------
# Cases.

class Case:
    def __init__(self, case_id, group, config, simulation, properties, note="", apps=None, url=None,
                 warmup=True):
        self.id, self.group, self.config, self.simulation = case_id, group, config, simulation
        self.properties, self.note, self.warmup = properties, note, warmup
        self.app_names = apps or [config]
        self.url = url

    def seconds(self):
        """What the progress line promises: warm-up, measurement, Gatling's own start and set-up."""
        setup = 0
        users = int(self.properties.get("users", 1))
        if self.simulation in ("MixedCrudSimulation", "CheckoutSimulation"):
            setup = users * 0.1 + (5 if self.warmup else 0)  # Argon2 per login
        return (WARMUP + 12 if self.warmup else 0) + float(self.properties.get("duration", DURATION)) + 14 + setup


def blocking(users):
    return {"users": users, "waitMs": WAIT_MS, "duration": DURATION}


def plan(best_thread_config):
    cases = [Case("cpu-capacity", "threads", "platform-200", "BlockingDependencySimulation",
                  {"users": BLOCKING_USERS, "waitMs": 0, "duration": DURATION},
                  "W = 0: what the CPU allows for this endpoint, measured side by side")]
    for config in THREAD_CONFIGS:
        cases.append(Case(f"threads-{config}", "threads", config, "BlockingDependencySimulation",
                          blocking(BLOCKING_USERS), f"W = {WAIT_MS} ms, {BLOCKING_USERS} users"))
    for config in ("platform-8", "virtual"):
        cases.append(Case(f"factor-{config}", "threads", config, "BlockingDependencySimulation",
                          {"users": BLOCKING_USERS, "waitMs": FACTOR_WAIT_MS, "duration": DURATION},
                          f"W = {FACTOR_WAIT_MS} ms, {BLOCKING_USERS} users"))
    return cases


def later_cases(best):
    cases = []
    for size in POOL_SIZES:
        config = best if size == 10 else f"pool-{size}"
        cases.append(Case(f"pool-{size}", "pool", config, "SlowQuerySimulation",
                          {"users": SLOW_USERS, "queryMs": QUERY_MS, "duration": DURATION},
                          f"W = {QUERY_MS} ms, {SLOW_USERS} users, threads: {best}"))
    mixed = {"thinkMinMs": 1000, "thinkMaxMs": 5000, "duration": max(DURATION, 30 if not QUICK else 4), "ramp": 5}
    cases += [
        Case("mixed-1-user", "500 users", "platform-200", "MixedCrudSimulation",
             dict(mixed, users=1, thinkMinMs=0, thinkMaxMs=0, ramp=1, maxErrorPercent=0),
             "one user, no think time: the 'alone' latency"),
        Case("mixed-500-users", "500 users", "platform-200", "MixedCrudSimulation",
             dict(mixed, users=MIXED_USERS), f"{MIXED_USERS} users, think 1-5 s, default configuration"),
        Case("mixed-500-users-1-thread", "500 users", "platform-1", "MixedCrudSimulation",
             dict(mixed, users=MIXED_USERS), f"{MIXED_USERS} users, think 1-5 s, one request thread "
                                             "(FastAPI's one worker)"),
        Case("checkout", "500 users", "platform-200", "CheckoutSimulation",
             {"users": CHECKOUT_USERS, "duration": DURATION}, f"{CHECKOUT_USERS} users, closed loop"),
        Case("instances-1", "instances", "platform-200", "MixedCrudSimulation",
             {"users": CRUD_USERS, "thinkMinMs": 0, "thinkMaxMs": 0, "duration": DURATION},
             f"{CRUD_USERS} users, closed loop, through nginx", url=f"http://127.0.0.1:{BASE_PORT + 80}"),
        Case("instances-2", "instances", "platform-200", "MixedCrudSimulation",
             {"users": CRUD_USERS, "thinkMinMs": 0, "thinkMaxMs": 0, "duration": DURATION},
             f"{CRUD_USERS} users, closed loop, through nginx", apps=["platform-200", "second-instance"],
             url=f"http://127.0.0.1:{BASE_PORT + 81}"),
        Case("hot-key-cache-on", "cache", "platform-200", "HotKeySimulation",
             {"users": HOTKEY_USERS, "posts": 500, "duration": DURATION}, "Zipf 1.1 over 500 posts"),
        Case("hot-key-cache-off", "cache", "cache-off", "HotKeySimulation",
             {"users": HOTKEY_USERS, "posts": 500, "duration": DURATION}, "Zipf 1.1 over 500 posts"),
    ]
    return cases


def run_case(case, index, total, started, remaining_seconds):
    apps = [APPS[name] for name in case.app_names]
    url = case.url or f"http://127.0.0.1:{apps[0].port}"
    elapsed = time.time() - started
    print(f"== case {index} of {total}: {case.id} ({case.note}); {elapsed / 60:.1f} min elapsed, "
          f"about {remaining_seconds / 60:.1f} min left", flush=True)
    if case.warmup:
        # Several instances: the others join cold (the first one is warm from earlier cases), so warm them longer.
        warm = dict(case.properties, duration=WARMUP * (3 if len(apps) > 1 else 1))
        if "users" in warm and case.simulation in ("MixedCrudSimulation", "CheckoutSimulation"):
            warm["users"] = min(int(warm["users"]), 50)  # logins cost Argon2 CPU; 50 users warm the JIT as well
        if case.simulation == "HotKeySimulation":
            warm["posts"] = 50
        warm.update(thinkMinMs=0, thinkMaxMs=0, p99Ms=10 ** 9, maxErrorPercent=100, smoke="true")
        run_gatling(case.id, case.simulation, warm, url, report=False)
    load_before = os.getloadavg()
    sampler = Sampler(apps)
    sampler.start()
    t0 = time.time()
    output = run_gatling(case.id, case.simulation, case.properties, url)
    sampler.stop()
    result = parse_gatling(output)
    # The steady window: the last `duration` seconds with traffic, less the ramp-up and the last second (the
    # one in which traffic stops). Set-up requests (logins, seeded posts) come before it; a closed loop that
    # drains its queue after the users stop (one thread, 300 users) stays at full rate while it drains.
    duration = float(case.properties.get("duration", DURATION))
    moving = [b["t"] for a, b in zip(sampler.samples, sampler.samples[1:])
              if b.get("requests", 0) - a.get("requests", 0) > 0]
    last = moving[-2] if len(moving) > 1 else t0
    window = (max(last - duration + float(case.properties.get("ramp", 1)) + 1, moving[0] if moving else t0), last)
    result.update(summarize_samples(sampler.samples, *window))
    result.update(id=case.id, group=case.group, config=case.config, simulation=case.simulation,
                  note=case.note, users=case.properties.get("users"), load_before=" ".join(f"{v:.1f}" for v in
                                                                                    load_before),
                  load_after=" ".join(f"{v:.1f}" for v in os.getloadavg()))
    for sample in sampler.samples:
        SAMPLES.append(dict(sample, case=case.id))
    print(f"   {result.get('gatling_rps', 0):8.1f} req/s (server {result.get('server_rps') or 0:.1f}), "
          f"p50 {result.get('p50_ms', 0):.0f} ms, p99 {result.get('p99_ms', 0):.0f} ms, "
          f"errors {result.get('ko', 0):.0f}, assertions {result.get('assertions')}", flush=True)
    return result


SAMPLES = []


# ---------------------------------------------------------------------------------------------------------------
# Checks.

def little(name, concurrency, wait_ms, capacity, result):
    """Asymptotic bounds (Little's law and the utilization law): with N requests in service at once, each
    waiting W and costing c of CPU, throughput X <= min(N / (W + c), 1 / c). c is measured in the same run:
    1 / (throughput of the same endpoint with W = 0), i.e. what one request costs of the CPU the service got."""
    wait, cost = wait_ms / 1000, 1 / capacity
    ideal, bound = concurrency / wait, concurrency / (wait + cost)
    measured = result.get("server_rps") or 0
    ratio = measured / min(bound, capacity)
    if bound <= WAIT_BOUND * capacity:
        verdict = "PASS" if LITTLE_LOW <= ratio <= LITTLE_HIGH else "FAIL"
    else:
        verdict = "CPU-bound (reported, not checked)"
    return (name, f"{ideal:,.0f}/s", f"{min(bound, capacity):,.1f}/s", f"{measured:,.1f}/s", f"{ratio:.2f}", verdict)


def pool_law(size, result):
    """Little's law on the pool: L = X U, with L the connections in use, X the queries served per second and U
    the time a connection is held (HikariCP's usage timer: W plus the round trip plus whatever the busy CPU adds).
    When the pool is saturated (L close to P), X = P / U; with an idle CPU, U is W and X = P / W."""
    name = f"Little's law, pool of {size}, W = {QUERY_MS} ms"
    hold = result.get("connection_hold_ms")
    # Requests that timed out waiting for a connection (503) never used one: count the served ones only.
    served = (result.get("server_rps") or 0) * ((result.get("ok") or 0) / (result.get("requests") or 1))
    if not hold:
        return (name, f"{size / (QUERY_MS / 1000):,.0f}/s", "-", f"{served:,.1f}/s", "", "no usage data")
    bound = size / (hold / 1000)
    ratio = served / bound
    in_use = result.get("active_connections_mean") or 0
    if in_use >= 0.8 * size:
        verdict = "PASS" if LITTLE_LOW <= ratio <= LITTLE_HIGH else "FAIL"
    else:
        verdict = f"pool not saturated ({in_use:.0f} of {size} in use; reported, not checked)"
    return (name, f"{size / (QUERY_MS / 1000):,.0f}/s", f"{bound:,.1f}/s (P / U, U = {hold:.0f} ms)",
            f"{served:,.1f}/s served", f"{ratio:.2f}", verdict)


def checks(results):
    by_id = {r["id"]: r for r in results}
    rows = []
    capacity = by_id.get("cpu-capacity", {}).get("server_rps") or 0
    if not capacity:
        return rows, capacity
    for config, count in THREAD_COUNTS.items():
        if f"threads-{config}" in by_id:
            rows.append(little(f"Little's law, {count} platform thread(s), W = {WAIT_MS} ms", count, WAIT_MS,
                               capacity, by_id[f"threads-{config}"]))
    for size in POOL_SIZES:
        if f"pool-{size}" in by_id:
            rows.append(pool_law(size, by_id[f"pool-{size}"]))
    virtual, eight = by_id.get("factor-virtual"), by_id.get("factor-platform-8")
    if virtual and eight:
        wait, cost = FACTOR_WAIT_MS / 1000, 1 / capacity
        factor = (virtual.get("server_rps") or 0) / max(eight.get("server_rps") or 0, 1e-9)
        possible = min(BLOCKING_USERS / (wait + cost), capacity) / (8 / (wait + cost))
        if possible >= VIRTUAL_FACTOR / WAIT_BOUND:
            verdict = "PASS" if factor >= VIRTUAL_FACTOR else "FAIL"
        else:
            verdict = "CPU too busy (not checked)"
        rows.append((f"virtual threads vs 8 platform threads, W = {FACTOR_WAIT_MS} ms, {BLOCKING_USERS} users",
                     f"{BLOCKING_USERS / 8:.0f}x", f"{possible:.1f}x (need >= {VIRTUAL_FACTOR:.0f}x)",
                     f"{factor:.1f}x", "", verdict))
    return rows, capacity


# ---------------------------------------------------------------------------------------------------------------

def load_previous():
    """Results and samples already in OUT (CASES runs add to them; REPORT_ONLY recomputes the report)."""
    def typed(row):
        out = {}
        for key, value in row.items():
            try:
                out[key] = float(value) if value not in ("", None) else None
            except ValueError:
                out[key] = value
        return out

    results, samples, info = [], [], {}
    if (OUT / "results.csv").exists():
        with open(OUT / "results.csv") as file:
            results = [typed(row) for row in csv.DictReader(file)]
        with open(OUT / "samples.csv") as file:
            samples = [typed(row) for row in csv.DictReader(file)]
        info = json.loads((OUT / "run.json").read_text())
    return results, samples, info


def finish(results, info):
    rows, capacity = checks(results)
    info.update(capacity=capacity, wait_ms=WAIT_MS, query_ms=QUERY_MS, blocking_users=BLOCKING_USERS,
                slow_users=SLOW_USERS, duration=DURATION, warmup=WARMUP, little_low=LITTLE_LOW,
                little_high=LITTLE_HIGH, wait_bound=WAIT_BOUND, factor_wait_ms=FACTOR_WAIT_MS,
                virtual_factor=VIRTUAL_FACTOR, date=DATE)
    (OUT / "run.json").write_text(json.dumps(info, indent=2) + "\n")
    report.write(OUT, results, SAMPLES, rows, info)
    print(f"== checks (sweep took {info.get('minutes', 0) + info.get('minutes_extra', 0):.1f} min)")
    failed = False
    for name, ideal, predicted, measured, ratio, verdict in rows:
        print(f"   {verdict:34} {name}: N / W {ideal}, bound {predicted}, measured {measured} ({ratio})")
        failed |= verdict == "FAIL"
    print(f"== results: {OUT / 'summary.md'}; Gatling reports and logs: {RAW}")
    return 1 if failed else 0


def main():
    started = time.time()
    RAW.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    only = os.environ.get("CASES", "").split()
    previous, previous_samples, info = load_previous() if only or REPORT_ONLY else ([], [], {})
    if REPORT_ONLY:
        SAMPLES.extend(previous_samples)
        return finish(previous, info)

    cases = plan(None)
    guessed_best = os.environ.get("BEST", info.get("best", "virtual"))
    expected_later = later_cases(guessed_best)
    total = len(cases) + len(expected_later)
    selected = [c for c in cases + expected_later if not only or c.id in only]
    needed = [name for name in CONFIGS if not only or any(name in c.app_names for c in selected)]
    print(f"== starting {len(needed)} application(s) on ports {BASE_PORT + 1}-{BASE_PORT + len(CONFIGS)}",
          flush=True)
    if needed:
        start_apps(needed[:1], CONFIGS.get)  # migrates the schema and creates the admin; the others find them
        start_apps(needed[1:], CONFIGS.get)
    print(f"   all up after {time.time() - started:.0f} s", flush=True)
    if "platform-200" in APPS and "second-instance" in APPS:
        start_nginx()

    results = []
    for i, case in enumerate(cases):
        if case in selected:
            left = sum(c.seconds() for c in selected if c not in cases[:i]) + 120
            results.append(run_case(case, i + 1, total, started, left))

    thread_results = [r for r in results if r["id"].startswith("threads-")]
    best = max(thread_results, key=lambda r: r.get("server_rps") or 0)["config"] if thread_results else guessed_best
    later = later_cases(best)
    pool_configs = {f"pool-{size}": dict(CONFIGS[best], **{"spring.datasource.hikari.maximum-pool-size": size})
                    for size in POOL_SIZES if size != 10 and (not only or f"pool-{size}" in only)}
    if best not in APPS and any(c.config == best for c in later if not only or c.id in only):
        pool_configs[best] = CONFIGS[best]
    print(f"== best thread setting: {best}; starting {', '.join(pool_configs) or 'nothing more'}", flush=True)
    start_apps(list(pool_configs), pool_configs.get)
    for j, case in enumerate(later):
        if only and case.id not in only:
            continue
        left = sum(c.seconds() for c in later[j:] if not only or c.id in only)
        try:
            results.append(run_case(case, len(cases) + j + 1, total, started, left))
        except RuntimeError as ex:
            print(f"   {ex}", flush=True)
            results.append({"id": case.id, "group": case.group, "config": case.config, "note": case.note,
                            "simulation": case.simulation, "users": case.properties.get("users"),
                            "assertions": f"run failed: {ex}"})

    if only and not previous:  # the first results in this folder
        info = {"minutes": 0, "machine": os.environ.get("MACHINE_DESCRIPTION", ""),
                "cache_landed": os.environ.get("CACHE_LANDED", "unknown")}
    if only:  # add to (or replace in) the results already there
        ids = {r["id"] for r in results}
        results = [r for r in previous if r["id"] not in ids] + results
        SAMPLES[:0] = [s for s in previous_samples if s.get("case") not in ids]
        info["minutes_extra"] = info.get("minutes_extra", 0) + (time.time() - started) / 60
    else:
        info = {"best": best, "minutes": (time.time() - started) / 60,
                "machine": os.environ.get("MACHINE_DESCRIPTION", ""),
                "cache_landed": os.environ.get("CACHE_LANDED", "unknown")}
    info.setdefault("best", best)
    return finish(results, info)


NGINX = {}


def start_nginx():
    """Two listeners: BASE_PORT + 80 in front of one instance, BASE_PORT + 81 in front of two."""
    directory = RAW / "nginx"
    directory.mkdir(parents=True, exist_ok=True)
    config = (LOAD_TESTS / "nginx.conf.template").read_text()
    for key, value in {"@DIR@": str(directory), "@PORT_ONE@": BASE_PORT + 80, "@PORT_TWO@": BASE_PORT + 81,
                       "@FIRST@": APPS["platform-200"].port, "@SECOND@": APPS["second-instance"].port}.items():
        config = config.replace(key, str(value))
    (directory / "nginx.conf").write_text(config)
    subprocess.run([os.environ.get("NGINX", "nginx"), "-p", str(directory), "-c", str(directory / "nginx.conf")],
                   check=True)
    NGINX["pid_file"] = directory / "nginx.pid"


def stop_all(*_):
    pid_file = NGINX.get("pid_file")
    if pid_file and pid_file.exists():
        try:
            os.kill(int(pid_file.read_text().strip()), signal.SIGQUIT)
        except (ProcessLookupError, ValueError):
            pass
    for app in APPS.values():
        app.stop()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        code = main()
    finally:
        stop_all()
    sys.exit(code)
