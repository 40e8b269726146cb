#!/usr/bin/env bash
# The request-path benchmark: GET /posts/{id}, GET /posts?size=20, authenticated GET /users/me
# and POST /orders, each as a ratio to GET /api/v1/ping measured in the same round, cache off, warm JVM.
#
#   load-tests/lab/bench.sh                                        # the jar in target/ (built if missing)
#   JARS="before=/tmp/old.jar after=target/app.jar" load-tests/lab/bench.sh   # two builds in one run, alternating
#   JARS="traced=target/app.jar untraced=target/app.jar" OPTS_untraced="-Dmanagement.tracing.enabled=false" \
#     load-tests/lab/bench.sh                                       # one build, two settings (OPTS_<label>: JVM options)
#
# Settings (environment): JARS ("label=path ..."), ROUNDS (5), DURATION (5 s per wrk run), WARMUP (10 s per
# endpoint), CONNECTIONS (50), THREADS (2), ENDPOINTS ("ping post posts me order"), BASE_PORT (20080; a jar
# takes two ports), JAVA / JAVA_HOME, JAVA_OPTS, OUT (results/bench.md). Each jar gets its own database
# perf_bench_<label>, seeded through the API by the Java seeder (lab seed).
#
# Method: on a shared 2-core machine absolute requests/s drift with everybody else's load, so every figure that
# matters is a ratio to ping measured minutes apart at most, in the same round, on the same JVM; jars and
# endpoints alternate so that a slow minute hits all of them. Load averages are recorded with every round.
set -euo pipefail
cd "$(dirname "$0")/../.."
source load-tests/lab/lib/app.sh
require_tools wrk jq curl psql createdb

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
ENDPOINTS=${ENDPOINTS:-ping post posts me order}
BASE_PORT=${BASE_PORT:-20080}
OUT=${OUT:-load-tests/lab/results/bench.md}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW=load-tests/lab/results/raw/bench-$STAMP
mkdir -p "$RAW"

JARS=${JARS:-current=$(built_jar)}
trap stop_apps EXIT

declare -A PORT PID STATE
index=0
for entry in $JARS; do
  label=${entry%%=*}
  PORT[$label]=$((BASE_PORT + 2 * index))
  opts_variable=OPTS_$label
  JAVA_OPTS="${JAVA_OPTS:-} ${!opts_variable:-}" \
    start_app "$RAW/$label.log" "${entry#*=}" "${PORT[$label]}" "perf_bench_$label"
  PID[$label]=$APP_PID
  index=$((index + 1))
done
for label in "${!PORT[@]}"; do
  wait_ready "${PORT[$label]}"
  sleep 5
  echo "$label rss_after_start_mb $(rss_mb "${PID[$label]}")" | tee -a "$RAW/memory.txt"
  STATE[$label]=$(seed "${PORT[$label]}")
  echo "${STATE[$label]}" > "$RAW/$label.state.json"
done

# run LABEL ENDPOINT SECONDS OUTFILE: one wrk run.
run() {
  local label=$1 endpoint=$2 seconds=$3 out=$4 state=${STATE[$1]} base="http://127.0.0.1:${PORT[$1]}"
  local post token products script=() path
  post=$(jq -r .postId <<< "$state")
  token=$(jq -r .readerToken <<< "$state")
  products=$(jq -r '.productIds | join(",")' <<< "$state")
  case $endpoint in
    ping) path=/api/v1/ping ;;
    post) path=/api/v1/posts/$post ;;
    posts) path='/api/v1/posts?size=20' ;;
    me) path=/api/v1/users/me script=(-s load-tests/lab/wrk/bearer.lua) ;;
    order) path=/api/v1/orders script=(-s load-tests/lab/wrk/order.lua) ;;
    *) echo "unknown endpoint $endpoint" >&2; exit 2 ;;
  esac
  TOKEN=$token PRODUCTS=$products wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --latency \
    "${script[@]}" "$base$path" > "$out"
}

echo "== warming up (${WARMUP}s per endpoint and jar)"
for label in "${!PORT[@]}"; do
  for endpoint in $ENDPOINTS; do run "$label" "$endpoint" "$WARMUP" /dev/null; done
done

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round $(uptime)" | tee -a "$RAW/uptime.txt"
  for entry in $JARS; do
    label=${entry%%=*}
    for endpoint in $ENDPOINTS; do
      run "$label" "$endpoint" "$DURATION" "$RAW/$label.$endpoint.$round.txt"
    done
  done
done
echo "end $(uptime)" | tee -a "$RAW/uptime.txt"
for label in "${!PORT[@]}"; do
  echo "$label rss_after_load_mb $(rss_mb "${PID[$label]}")" | tee -a "$RAW/memory.txt"
done

{
  echo "java: $("$JAVA" -version 2>&1 | head -1); JAVA_OPTS: ${JAVA_OPTS:-none}; wrk -t$THREADS -c$CONNECTIONS," \
    "${DURATION}s per run, $ROUNDS rounds, warm-up ${WARMUP}s per endpoint; $(nproc) cores shared with wrk" \
    "and other work"
  echo "jars: $JARS"
  for entry in $JARS; do
    opts_variable=OPTS_${entry%%=*}
    [[ -z ${!opts_variable:-} ]] || echo "$opts_variable: ${!opts_variable}"
  done
} > "$RAW/meta.txt"
lab report bench "$RAW" "$JARS" "$ENDPOINTS" | tee "$OUT"
echo "written: $OUT (raw: $RAW)"
