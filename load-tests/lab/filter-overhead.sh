#!/usr/bin/env bash
# The filter overhead experiment (see load-tests/lab/README.md): one command, about 12 minutes on 2 cores.
#
#   load-tests/lab/filter-overhead.sh              # full run: 11 cases x 2 endpoints x 3 runs (~12 min)
#   QUICK=1 load-tests/lab/filter-overhead.sh      # smoke test: 3 cases, ping only, 1 run of 2 s (~1.5 min)
#   ENDPOINTS=ping load-tests/lab/filter-overhead.sh
#
# Settings (environment): RUNS (3), DURATION seconds per measurement (5), WARMUP seconds per case and
# endpoint (10; at most 3 for the sleep and file-io cases, which are not JIT-bound), CONNECTIONS (64), THREADS wrk threads (1), ENDPOINTS (ping,post), CASES (all, by name),
# BASE_PORT (18080), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres), BENCH_DB (filter_bench).
# Results: load-tests/lab/results/filter-overhead.{md,svg}; raw wrk output and logs in load-tests/lab/results/raw/.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
source load-tests/lab/lib/app.sh

QUICK=${QUICK:-0}
if [[ "$QUICK" == 1 ]]; then
  RUNS=${RUNS:-1}; DURATION=${DURATION:-2}; WARMUP=${WARMUP:-2}; ENDPOINTS=${ENDPOINTS:-ping}
  CASES=${CASES:-"baseline high-5 low-5"}
fi
RUNS=${RUNS:-3}
DURATION=${DURATION:-5}
# The JIT needs about 10 s of full load before a case reaches its steady state on 2 cores.
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-1}
ENDPOINTS=${ENDPOINTS:-ping,post}
BASE_PORT=${BASE_PORT:-18080}
BENCH_DB=${BENCH_DB:-filter_bench}

# name | app.filter-experiment.* settings. The order is the order of every run (cases alternate).
ALL_CASES=(
  "baseline|count=0"
  "high-1|kind=high count=1"
  "low-1|kind=low count=1"
  "high-5|kind=high count=5"
  "low-5|kind=low count=5"
  "high-5-file-io|kind=high count=5 work=file-io"
  "low-5-file-io|kind=low count=5 work=file-io"
  "high-5-sleep-10ms|kind=high count=5 work=sleep sleep=10ms"
  "low-5-sleep-10ms|kind=low count=5 work=sleep sleep=10ms"
  "high-5-sleep-100ms|kind=high count=5 work=sleep sleep=100ms"
  "low-5-sleep-100ms|kind=low count=5 work=sleep sleep=100ms"
)

SELECTED=()
for entry in "${ALL_CASES[@]}"; do
  name=${entry%%|*}
  if [[ -z "${CASES:-}" || " $CASES " == *" $name "* ]]; then SELECTED+=("$entry"); fi
done
[[ "${SELECTED[0]%%|*}" == baseline ]] || { echo "CASES must include baseline (ratios need it)" >&2; exit 1; }

if [[ "$QUICK" == 1 ]]; then OUT=load-tests/lab/results/raw/quick; else OUT=load-tests/lab/results; fi
RAW=load-tests/lab/results/raw/$( [[ "$QUICK" == 1 ]] && echo quick-runs || echo runs )
rm -rf "$RAW"
mkdir -p "$RAW" "$OUT"

IFS=, read -r -a ENDPOINT_LIST <<< "$ENDPOINTS"
measurements=$(( RUNS * ${#SELECTED[@]} * ${#ENDPOINT_LIST[@]} ))
# Start-up of all JVMs at once takes about 2-3 minutes on 2 cores (about 15 s of CPU each).
estimate=$(( measurements * (DURATION + 1) + ${#SELECTED[@]} * ${#ENDPOINT_LIST[@]} * (WARMUP + 1) + 200 ))
echo "== ${#SELECTED[@]} cases x ${#ENDPOINT_LIST[@]} endpoint(s) x $RUNS run(s), ${DURATION}s each; about $(( estimate / 60 )) min"

require_tools wrk jq curl psql

echo "== building the experiment jar (the filters live in src/experiment/java, never in the production jar)"
./mvnw -B -q -Pexperiment package
JAR=$(ls target/experiment/*-experiment.jar | head -1)

ensure_db "$BENCH_DB"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
}
trap cleanup EXIT INT TERM

start_case() { # index, entry
  local index=$1 name=${2%%|*} settings=${2#*|} args=()
  for setting in $settings; do args+=("--app.filter-experiment.$setting"); done
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" DB_POOL_SIZE=4 DB_POOL_MIN_IDLE=1 \
    "$JAVA" -Xms512m -Xmx512m -jar "$JAR" --server.port=$(( BASE_PORT + index )) \
    --spring.profiles.active=filter-experiment "${args[@]}" > "$RAW/$name.log" 2>&1 &
  PIDS+=($!)
}

echo "== starting ${#SELECTED[@]} application(s)"
# The first one alone: it migrates the schema and creates the bootstrap admin, which the others then find.
start_case 0 "${SELECTED[0]}"
await_health 0 baseline
for i in "${!SELECTED[@]}"; do (( i == 0 )) || start_case "$i" "${SELECTED[$i]}"; done
for i in "${!SELECTED[@]}"; do await_health "$i" "${SELECTED[$i]%%|*}"; done

declare -A PATHS=([ping]=/api/v1/ping)
if [[ ",$ENDPOINTS," == *,post,* ]]; then
  echo "== seeding one published post"
  base="http://127.0.0.1:$BASE_PORT/api/v1"
  email="bench-$(date +%s)-$$@example.com"
  json() { jq -r ".$1"; }
  curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"bench-password-1\",\"displayName\":\"Bench\"}" \
    "$base/auth/register" > /dev/null
  token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"bench-password-1\"}" \
    "$base/auth/login" | json accessToken)
  post=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d '{"title":"Filter benchmark","body":"A post read by the filter overhead experiment.","status":"PUBLISHED"}' \
    "$base/posts" | json id) || { echo "cannot create a post: no posts API here? Use ENDPOINTS=ping" >&2; exit 1; }
  curl -fs "$base/posts/$post" > /dev/null
  PATHS[post]=/api/v1/posts/$post
fi

measure() { # index, endpoint, seconds, output file
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${3}s" --latency "http://127.0.0.1:$(( BASE_PORT + $1 ))${PATHS[$2]}" > "$4"
}

echo "== warming up"
for i in "${!SELECTED[@]}"; do
  seconds=$WARMUP
  # Sleeping or file-writing filters bound throughput far below what the JIT could deliver.
  if [[ "${SELECTED[$i]%%|*}" == *-sleep-* || "${SELECTED[$i]%%|*}" == *-file-io ]] && (( seconds > 3 )); then
    seconds=3
  fi
  for endpoint in "${ENDPOINT_LIST[@]}"; do measure "$i" "$endpoint" "$seconds" /dev/null; done
done

for run in $(seq 1 "$RUNS"); do
  echo "== run $run of $RUNS"
  for i in "${!SELECTED[@]}"; do
    name=${SELECTED[$i]%%|*}
    for endpoint in "${ENDPOINT_LIST[@]}"; do
      measure "$i" "$endpoint" "$DURATION" "$RAW/run$run--$name--$endpoint.txt"
      printf '   %-20s %-5s %s\n' "$name" "$endpoint" "$(grep Requests/sec "$RAW/run$run--$name--$endpoint.txt")"
    done
  done
done

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpus=$(nproc)"
  echo "cpu_model=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory=$(free -h | awk '/^Mem:/ {print $2}')"
  echo "kernel=$(uname -sr)"
  echo "java=$("$JAVA" -version 2>&1 | head -1)"
  echo "wrk=$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "runs=$RUNS"
  echo "duration=$DURATION"
  echo "warmup=$WARMUP"
  echo "connections=$CONNECTIONS"
  echo "threads=$THREADS"
  echo "endpoints=$ENDPOINTS"
  for endpoint in "${ENDPOINT_LIST[@]}"; do echo "path_$endpoint=${PATHS[$endpoint]}"; done
  echo "cases=$(for e in "${SELECTED[@]}"; do printf '%s ' "${e%%|*}"; done)"
  echo "git=$(git rev-parse --short HEAD)"
} > "$RAW/meta.env"

lab report filter-overhead "$RAW" "$OUT"
