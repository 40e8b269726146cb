#!/usr/bin/env bash
# The whole test suite again on Java 25, the runtime of the container image (the bytecode stays Java 17, which
# the first ./mvnw -B verify runs on). Formatting was already checked by that run.
set -euo pipefail
cd "$(dirname "$0")/.."
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -x "$JDK25/bin/java" ]] || { echo "FAIL: Temurin 25 not found at $JDK25" >&2; exit 1; }
"$JDK25/bin/java" -version 2>&1 | head -n 1
JAVA_HOME="$JDK25" ./mvnw -B verify -Dspring-javaformat.skip=true
