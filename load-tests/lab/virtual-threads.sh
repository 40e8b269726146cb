#!/usr/bin/env bash
# Platform against virtual threads on one runtime, side by side (the evidence of
# docs/adr/0007-virtual-threads-on-java-24.md): the sweep's case group `virtual-threads`. Two JVMs of the same JDK
# 21+ (the newest found, or JAVA_VIRTUAL) that differ only in spring.threads.virtual.enabled run mixed CRUD,
# checkout and two cases where the connection pool is the limit, alternating round after round, with a flight
# recording each (pinned virtual threads). About 14 minutes with ROUNDS=2 DURATION=20 on 2 cores (13.6 on 2026-12-05).
#
#   ROUNDS=2 DURATION=20 load-tests/lab/virtual-threads.sh   # a new section at the top of results/virtual-threads.md
#   QUICK=1 load-tests/lab/virtual-threads.sh                 # dry run: one round, a few users, 4 s per case
#
# Settings (environment, as for sweep.sh): ROUNDS (2), DURATION (15 s), WARMUP (5 s), CRUD_USERS (100),
# CHECKOUT_USERS (50), SLOW_USERS (100), QUERY_MS (20), OVER_USERS (400), OVER_QUERY_MS (100), BASE_PORT (21000:
# apps on +1/+2, management on +101/+102, PostgreSQL on +432, Redis on +379), JAVA_VIRTUAL, BENCH_JDBC_URL,
# REDIS_HOST/REDIS_PORT, APP_JAR, SKIP_BUILD=1, EXTRA_PROPERTIES, RESULTS_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
CASES=virtual-threads exec ./mvnw -B -q -f load-tests/pom.xml test-compile exec:exec@sweep
