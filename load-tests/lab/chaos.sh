#!/usr/bin/env bash
# The chaos soak of issue 19 (load-tests/lab/README.md, "Chaos"): CHAOS_MODE=short (default) or long.
cd "$(dirname "$0")/../.." && exec ./mvnw -B -q -f load-tests/pom.xml test-compile exec:exec@chaos
