#!/usr/bin/env python3
"""Summarises the recordings of profile.sh as Markdown.

    profile_summary.py RAW_DIR JFR_TOOL ENDPOINT...

Per endpoint:
- throughput while recording (wrk);
- CPU: the share of Java execution samples per layer (JSON, logging, metrics, JDBC driver,
  Hibernate, transactions, Spring Security, our code...), each sample charged to the
  innermost layer on its stack, which says where a fix pays; and the methods on top of the
  most samples (self time);
- allocation: JFR's allocation samples are weighted by the bytes they stand for; their sum
  over the recording gives MB/s and, divided by the requests served, KB per request; the
  classes allocated most;
- GC: collections and total pause;
- statements, transactions and round trips per request, from the counting phase.
Standard library only; needs a `jfr` tool of JDK 21 or newer for `jfr print --json`.
"""
import collections
import json
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from report import parse_wrk  # noqa: E402

# Each CPU sample is charged to one layer, so the shares add up to 100% and say where the time goes.
# Whole-call layers first: a sample anywhere inside them is theirs, whatever they called (the JSON that
# structured logging writes is logging; the Jackson 2 that jjwt parses with is JWT).
WHOLE_CALL_LAYERS = [
    ("logging (Logback, structured ECS)", ("ch.qos.logback.", "org.springframework.boot.logging.",
                                           "org.springframework.boot.json.")),
    ("JWT (jjwt)", ("io.jsonwebtoken.",)),
    ("metrics and observations (Micrometer)", ("io.micrometer.",)),
]
# Then the innermost of these, walking from the running method outwards (a sample in Hibernate called
# from a service counts as Hibernate). Samples that match nothing are "other".
LAYERS = [
    ("JSON (Jackson)", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("JDBC driver (pgjdbc)", ("org.postgresql.",)),
    ("connection pool (Hikari)", ("com.zaxxer.hikari.",)),
    ("Hibernate", ("org.hibernate.orm", "org.hibernate.engine", "org.hibernate.internal", "org.hibernate.query",
                   "org.hibernate.sql", "org.hibernate.resource", "org.hibernate.event", "org.hibernate.persister",
                   "org.hibernate.metamodel", "org.hibernate.type", "org.hibernate.loader", "org.hibernate.")),
    ("Spring Data JPA", ("org.springframework.data.",)),
    ("transactions (Spring)", ("org.springframework.transaction.", "org.springframework.orm.")),
    ("Argon2 / crypto", ("org.bouncycastle.", "sun.security.", "javax.crypto.", "com.sun.crypto.")),
    ("Spring Security", ("org.springframework.security.",)),
    ("our code", ("com.example.",)),
    ("Spring MVC", ("org.springframework.web.", "org.springframework.http.")),
    ("Spring AOP / core", ("org.springframework.aop.", "org.springframework.core.", "org.springframework.beans.")),
    ("Tomcat (HTTP, servlet)", ("org.apache.coyote.", "org.apache.tomcat.", "org.apache.catalina.")),
]


def events(jfr_tool, path, names, stack_depth):
    text = subprocess.run([jfr_tool, "print", "--json", "--stack-depth", str(stack_depth), "--events", names,
                           str(path)], check=True, capture_output=True, text=True).stdout
    return json.loads(text)["recording"]["events"]


def frame_name(frame):
    method = frame["method"]
    return f"{method['type']['name'].replace('/', '.')}.{method['name']}"


def seconds(duration):
    # JFR's JSON durations look like "PT20.0153S"
    match = re.match(r"PT(?:(\d+)M)?([\d.]+)S", duration)
    return int(match.group(1) or 0) * 60 + float(match.group(2)) if match else 0.0


def cpu(jfr_tool, recording):
    samples = [e["values"]["stackTrace"]["frames"] for e in events(jfr_tool, recording, "jdk.ExecutionSample", 96)
               if e["values"].get("stackTrace")]
    total = len(samples) or 1
    self_counts = collections.Counter(frame_name(frames[0]) for frames in samples if frames)
    layers = collections.Counter()
    for frames in samples:
        layers[innermost_layer([frame_name(f) for f in frames])] += 1
    return total, self_counts, layers


def innermost_layer(names):
    for layer, prefixes in WHOLE_CALL_LAYERS:
        if any(name.startswith(prefixes) for name in names):
            return layer
    for name in names:
        for layer, prefixes in LAYERS:
            if name.startswith(prefixes):
                return layer
    return "other (JDK, threads)"


def allocation(jfr_tool, recording):
    by_class = collections.Counter()
    for event in events(jfr_tool, recording, "jdk.ObjectAllocationSample", 1):
        values = event["values"]
        by_class[values["objectClass"]["name"].replace("/", ".")] += values["weight"]
    return by_class


def gc(jfr_tool, recording):
    collections_ = events(jfr_tool, recording, "jdk.GarbageCollection", 1)
    pause = sum(seconds(e["values"].get("sumOfPauses", "PT0S")) for e in collections_)
    return len(collections_), pause


def counts(jfr_tool, raw, endpoint):
    if not (raw / f"{endpoint}.count.jfr").exists():
        return 0, 0, 0, 0, 0, []
    requests = int((raw / f"{endpoint}.count.requests.txt").read_text().split()[0])
    log = (raw / f"{endpoint}.count.log").read_text().splitlines()
    statements = sum(1 for line in log if "org.hibernate.SQL" in line)
    transactions = sum(1 for line in log if "Creating new transaction" in line)
    db_writes = db_reads = 0
    for event in events(jfr_tool, raw / f"{endpoint}.count.jfr", "jdk.SocketWrite,jdk.SocketRead", 1):
        if event["values"].get("port") == 5432:
            if event["type"] == "jdk.SocketWrite":
                db_writes += 1
            else:
                db_reads += 1
    examples = [re.sub(r'^.*"message":"(.*?)".*$', r"\1", line) for line in log if "org.hibernate.SQL" in line]
    return requests, statements, transactions, db_writes, db_reads, examples


def main():
    raw = pathlib.Path(sys.argv[1])
    jfr_tool = sys.argv[2]
    endpoints = sys.argv[3:]
    print(f"# Profile ({raw.name.removeprefix('profile-')})\n")
    print((raw / "meta.txt").read_text().strip().replace("\n", "  \n") + "\n")
    print("| endpoint | requests/s while recorded | CPU samples | allocated MB/s | KB per request | GCs (pause ms) "
          "| statements / req | transactions / req | DB round trips / req |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    details = []
    for endpoint in endpoints:
        recording = raw / f"{endpoint}.jfr"
        if not recording.exists():
            c_requests, statements, transactions, db_writes, db_reads, examples = counts(jfr_tool, raw, endpoint)
            per = max(c_requests, 1)
            print(f"| {endpoint} | | | | | | {statements / per:.2f} | {transactions / per:.2f} | "
                  f"{db_writes / per:.2f} |")
            details.append(f"## {endpoint}\n\nCounting phase: {c_requests} requests one after the other, {statements} "
                           f"SQL statements, {transactions} transactions, {db_writes} writes to and {db_reads} reads "
                           "from PostgreSQL.\n\n```\n" + "\n".join(s[:200] for s in examples[-round(statements / per):])
                           + "\n```\n")
            continue
        wrk = parse_wrk((raw / f"{endpoint}.wrk.txt").read_text())
        requests, rps, non2xx = wrk["requests"], wrk["rps"], wrk["non_2xx"]
        elapsed = requests / rps
        total, self_counts, layers = cpu(jfr_tool, recording)
        by_class = allocation(jfr_tool, recording)
        allocated = sum(by_class.values())
        gcs, pause = gc(jfr_tool, recording)
        c_requests, statements, transactions, db_writes, db_reads, examples = counts(jfr_tool, raw, endpoint)
        per = max(c_requests, 1)
        print(f"| {endpoint} | {rps:,.0f} | {total} | {allocated / elapsed / 1e6:,.0f} | "
              f"{allocated / requests / 1e3:,.1f} | {gcs} ({pause * 1000:.0f}) | {statements / per:.2f} | "
              f"{transactions / per:.2f} | {db_writes / per:.2f} |")
        lines = [f"## {endpoint}\n", f"Uptime when recorded: `{(raw / f'{endpoint}.uptime.txt').read_text().strip()}`"
                 + (f"; **{non2xx} non-2xx answers**" if non2xx else "") + "\n",
                 f"Counting phase: {c_requests} requests one after the other, {statements} SQL statements, "
                 f"{transactions} transactions, {db_writes} writes to and {db_reads} reads from PostgreSQL.\n",
                 "Statements of one request (the last ones logged):\n", "```"]
        per_request = round(statements / per) if statements else 0
        lines += [s[:200] for s in examples[-per_request:]] if per_request else ["(none)"]
        lines += ["```\n", "CPU samples by layer (each charged to the innermost layer on its stack):\n",
                  "| layer | samples |", "| --- | ---: |"]
        lines += [f"| {layer} | {count * 100 / total:.1f}% |" for layer, count in layers.most_common()]
        lines += ["", "Top methods by self samples:\n", "| method | samples |", "| --- | ---: |"]
        lines += [f"| `{name}` | {count * 100 / total:.1f}% |" for name, count in self_counts.most_common(15)]
        lines += ["", "Top allocated classes (sampled bytes):\n", "| class | share |", "| --- | ---: |"]
        lines += [f"| `{name}` | {weight * 100 / max(allocated, 1):.1f}% |" for name, weight in
                  by_class.most_common(10)]
        details.append("\n".join(lines) + "\n")
    print("\nAllocated: JFR allocation samples weighted by the bytes they represent, over the recorded wrk run. "
          "DB round trips: the driver's writes to PostgreSQL (it flushes once per round trip), counted with "
          "every socket event recorded, over requests sent one after the other. Statements: those Hibernate "
          "sends (org.hibernate.SQL); the idempotency records of POST /orders are written with JDBC and show in "
          "the round trips only.\n")
    print("\n".join(details))


if __name__ == "__main__":
    main()
