#!/usr/bin/env bash
# Platform against virtual threads on one Java 21+ runtime, side by side (issue 21; the decision it informs is
# docs/adr/0007-virtual-threads-on-java-24.md): mixed CRUD, checkout, and two cases where the connection pool is
# the limit, alternating the two JVMs round after round. About 15 minutes with the defaults.
#
#   load-tests/virtual-threads.sh                     # results in load-tests/results/virtual-threads.md
#   SKIP_BUILD=1 ROUNDS=3 load-tests/virtual-threads.sh
#
# Settings (environment): JAVA_VIRTUAL (the runtime of both JVMs, default Temurin 25 at
# /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), ROUNDS (2), DURATION (20 s), CRUD_USERS (100), CHECKOUT_USERS (50),
# SLOW_USERS (100), QUERY_MS (20), OVER_USERS (400), OVER_QUERY_MS (100), BASE_PORT (21500: apps on +1, +2,
# management on +101, +102), BENCH_JDBC_URL (default: database perf_virtual_threads on PGHOST:PGPORT, created when
# missing; two pools of 10 connections), REDIS_HOST / REDIS_PORT (127.0.0.1:6379, keys under a prefix of the run's
# own), OUT. Needs a JDK 17 for the build and Gatling, psql/createdb, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_VIRTUAL=${JAVA_VIRTUAL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[[ -x "$JAVA_VIRTUAL" ]] || { echo "virtual threads need Java 21+: set JAVA_VIRTUAL (not found: $JAVA_VIRTUAL)" >&2; exit 2; }
export BASE_PORT=${BASE_PORT:-21500}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building the experiment jar and the simulations"
  ./mvnw -B -q -Pexperiment package
  ./mvnw -B -q -f load-tests/pom.xml test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
APP_JAR=$(ls "$(pwd)"/target/experiment/*-experiment.jar | head -1)
GATLING_CLASSPATH="$(pwd)/load-tests/target/test-classes:$(cat load-tests/target/classpath.txt)"
export APP_JAR GATLING_CLASSPATH

if [[ -z "${BENCH_JDBC_URL:-}" ]]; then
  psql -d postgres -Atc "select 1 from pg_database where datname = 'perf_virtual_threads'" | grep -q 1 \
    || createdb perf_virtual_threads
  export BENCH_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/perf_virtual_threads"
fi
exec python3 load-tests/virtual_threads.py
