#!/usr/bin/env bash
# The load-test sweep (see load-tests/lab/README.md): one command, 14 minutes on 2 quiet cores (the run of 2026-12-01).
#
#   load-tests/lab/sweep.sh             # full sweep; results in load-tests/lab/results/<date>/
#   QUICK=1 load-tests/lab/sweep.sh     # dry run of every case with a few users for a few seconds (JVM start-ups dominate)
#   CASES="threads-virtual pool-2" load-tests/lab/sweep.sh   # only these cases (and their JVMs), added to the results
#
# Settings (environment): DURATION (15 s measured per case), WARMUP (5 s), WAIT_MS (50), QUERY_MS (20),
# BLOCKING_USERS (300), SLOW_USERS (100), MIXED_USERS (500), CRUD_USERS (100), CHECKOUT_USERS (50),
# HOTKEY_USERS (100), BASE_PORT (21000: apps on +1.., management on +101.., nginx on +80/+81, PostgreSQL on +432),
# JAVA_VIRTUAL (a Java 21+ for the virtual-thread JVM), BENCH_JDBC_URL (default: a private PostgreSQL started
# here), SKIP_BUILD=1 (reuse the jars), EXTRA_PROPERTIES ("key=value ..." for every JVM).
# Exits 1 when a Little's-law or virtual-thread check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
STARTED=$(date +%s)

export BASE_PORT=${BASE_PORT:-21000}
export JAVA_VIRTUAL=${JAVA_VIRTUAL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PG_PORT=$(( BASE_PORT + 432 ))

[[ -x "$JAVA_VIRTUAL" ]] || { echo "virtual threads need Java 21+: set JAVA_VIRTUAL (not found: $JAVA_VIRTUAL)" >&2; exit 2; }
if ! command -v nginx > /dev/null; then
  echo "== installing nginx (Debian package) for the 1 vs 2 instances cases"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 nginx > /dev/null
  # The package starts the system's nginx on port 80; the sweep runs its own on its own ports.
  if [[ -f /run/nginx.pid ]]; then nginx -s quit || true; fi
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building the experiment jar and the simulations"
  ./mvnw -B -q -Pexperiment package
  ./mvnw -B -q -f load-tests/pom.xml test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
export APP_JAR=$(ls "$ROOT"/target/experiment/*-experiment.jar | head -1)
export GATLING_CLASSPATH="$ROOT/load-tests/target/test-classes:$(cat load-tests/target/classpath.txt)"

PG_DIR=""
cleanup() {
  if [[ -n "$PG_DIR" ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop > /dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
trap cleanup EXIT INT TERM

if [[ -z "${BENCH_JDBC_URL:-}" ]]; then
  # A private PostgreSQL: the pool cases open 50 connections, which the shared server's other users need.
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DIR=$(mktemp -d /var/tmp/load-sweep-pg.XXXXXX)
  chown postgres "$PG_DIR"
  echo "== private PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT ($PG_DIR)"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres > "$PG_DIR/initdb.log"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300" start > /dev/null
  export BENCH_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
fi

if grep -rqs "app.cache.enabled\|prefix = \"app.cache\"\|\"app.cache\"" src/main; then
  export CACHE_LANDED="the cache is part of this build"
else
  export CACHE_LANDED="the cache had not landed when this ran: both cases run without a cache, the property is ignored"
fi
export MACHINE_DESCRIPTION="Machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), \
$(free -g | awk '/^Mem:/ {print $2}') GiB, $(uname -sr); application on $(java -version 2>&1 | head -1) \
(virtual threads on $("$JAVA_VIRTUAL" -version 2>&1 | head -1)); Gatling 3.14 on the same machine. Load average \
when the sweep began: $(cut -d' ' -f1-3 /proc/loadavg) (every case's own load averages are in results.csv). \
Redis: ${REDIS_HOST-127.0.0.1}:${REDIS_PORT:-6379}$( [[ -n ${REDIS_HOST-127.0.0.1} ]] || echo ' none, in-process cache'). \
Commit $(git rev-parse --short HEAD)."

status=0
python3 load-tests/sweep.py || status=$?
echo "== sweep.sh took $(( ($(date +%s) - STARTED) / 60 )) min"
exit $status
