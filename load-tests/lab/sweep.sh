#!/usr/bin/env bash
# The load-test sweep (see load-tests/lab/README.md): one command, about 15 minutes on 2 cores. Maven compiles
# the simulations and runs the Java runner (com.example.backend.load.lab.sweep.SweepRunner), which builds the
# experiment jar, starts a private PostgreSQL, Redis and nginx and one JVM per configuration, and runs every case.
#
#   load-tests/lab/sweep.sh             # full sweep; results in load-tests/lab/results/<date>/
#   QUICK=1 load-tests/lab/sweep.sh     # dry run of every case with a few users for a few seconds (JVM start-ups dominate)
#   CASES="threads-virtual pool-2" load-tests/lab/sweep.sh   # only these cases (and their JVMs), added to the results
#   REPORT_ONLY=1 load-tests/lab/sweep.sh                     # the report again from the results already there
#   CASES=virtual-threads load-tests/lab/sweep.sh             # platform vs virtual threads instead (virtual-threads.sh)
#
# Settings (environment): DURATION (15 s measured per case), WARMUP (5 s), WAIT_MS (50), QUERY_MS (20),
# FACTOR_WAIT_MS (1000), BLOCKING_USERS (300), SLOW_USERS (100), MIXED_USERS (500), CRUD_USERS (100),
# CHECKOUT_USERS (50), HOTKEY_USERS (100), BASE_PORT (21000: apps on +1.., management on +101.., nginx on
# +80/+81, PostgreSQL on +432, Redis on +379), JAVA and JAVA_VIRTUAL (a java executable or JDK home for the
# platform-thread JVMs and for the virtual-thread one; default: the JVM Maven runs on, and for virtual threads
# the newest JDK 21+ found when that one is older), BENCH_JDBC_URL (default: a private PostgreSQL started here),
# REDIS_HOST/REDIS_PORT (default: a private redis-server; REDIS_HOST= for none), APP_JAR, SKIP_BUILD=1 (reuse
# the experiment jar), EXTRA_PROPERTIES ("key=value ..." for every JVM), RESULTS_DIR.
# Exits 1 when a Little's-law or virtual-thread check fails, 2 when the sweep cannot run.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec ./mvnw -B -q -f load-tests/pom.xml test-compile exec:exec@sweep
