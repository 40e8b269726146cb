#!/usr/bin/env bash
# The cache benchmark (see load-tests/lab/README.md, "Cache on vs off"): one command, about 8 minutes on 2 cores.
#
#   load-tests/lab/cache-benchmark.sh            # full run: 3 cases x 2 endpoints x 3 runs, plus latency runs
#   QUICK=1 load-tests/lab/cache-benchmark.sh    # smoke test: 1 run of 2 s (~3 min, mostly start-up)
#
# Three JVMs of the same jar against the same database and a private Redis, measured in turn (alternating):
#   on    the cache on (the default)
#   off   app.cache.enabled=false: every read goes to PostgreSQL
#   miss  the cache on, but entries live 1 ms: every read pays the whole miss path (lookup, load, store)
# Endpoints: GET /api/v1/posts/{id} (anonymous) and GET /api/v1/users/me (bearer token: token subject + profile).
# Settings (environment): RUNS (3), DURATION s per measurement (5), WARMUP s per case and endpoint (10),
# CONNECTIONS (32), LATENCY_DURATION s of the one-connection latency runs (5), BASE_PORT (19080),
# REDIS_PORT (16380, a private redis-server started and stopped here), PGHOST/PGPORT/PGUSER
# (127.0.0.1/5432/postgres), BENCH_DB (cache_bench), JAR (a jar to measure instead of building one).
# Results: load-tests/lab/results/cache-benchmark.{md,svg}; raw wrk output and logs in load-tests/lab/results/raw/cache-*.
set -euo pipefail

cd "$(dirname "$0")/../.."
source load-tests/lab/lib/app.sh

QUICK=${QUICK:-0}
if [[ "$QUICK" == 1 ]]; then
  RUNS=${RUNS:-1}; DURATION=${DURATION:-2}; WARMUP=${WARMUP:-2}; LATENCY_DURATION=${LATENCY_DURATION:-2}
fi
RUNS=${RUNS:-3}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-10}
LATENCY_DURATION=${LATENCY_DURATION:-5}
CONNECTIONS=${CONNECTIONS:-32}
BASE_PORT=${BASE_PORT:-19080}
REDIS_PORT=${REDIS_PORT:-16380}
BENCH_DB=${BENCH_DB:-cache_bench}

# name | extra application arguments. The order is the order within every run.
CASES=(
  "on|"
  "off|--app.cache.enabled=false"
  "miss|--app.cache.ttl.post=1ms --app.cache.ttl.user=1ms --app.cache.ttl.token-subject=1ms"
)
ENDPOINTS=(post me)

if [[ "$QUICK" == 1 ]]; then OUT=load-tests/lab/results/raw/cache-quick; else OUT=load-tests/lab/results; fi
RAW=load-tests/lab/results/raw/$( [[ "$QUICK" == 1 ]] && echo cache-quick-runs || echo cache-runs )
rm -rf "$RAW"
mkdir -p "$RAW" "$OUT"

require_tools wrk jq psql curl openssl
for tool in redis-server redis-cli; do
  command -v "$tool" > /dev/null || { echo "$tool is missing (apt-get install redis-server)" >&2; exit 1; }
done
JAR=${JAR:-$(built_jar)}
ensure_db "$BENCH_DB"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
}
trap cleanup EXIT INT TERM

echo "== private redis-server on port $REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > "$RAW/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping > /dev/null 2>&1 && break; sleep 0.1; done

JWT_SECRET=$(openssl rand -base64 48)
start_case() { # index, entry
  local index=$1 name=${2%%|*} extra=${2#*|}
  # shellcheck disable=SC2086
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT" \
    APP_JWT_SECRET="$JWT_SECRET" \
    "$JAVA" -Xms512m -Xmx512m -jar "$JAR" --server.port=$(( BASE_PORT + index )) \
    --app.demo-data.enabled=false --app.rate-limit.api.enabled=false --app.jwt.access-token-ttl=2h \
    --app.redis.key-prefix="bench-$name:" $extra > "$RAW/$name.log" 2>&1 &
  PIDS+=($!)
}

echo "== starting ${#CASES[@]} applications"
# The first one alone: it migrates the schema.
start_case 0 "${CASES[0]}"
await_health 0 "${CASES[0]%%|*}" 900
for i in "${!CASES[@]}"; do (( i == 0 )) || start_case "$i" "${CASES[$i]}"; done
for i in "${!CASES[@]}"; do await_health "$i" "${CASES[$i]%%|*}" 900; done

echo "== seeding a user and a published post"
base="http://127.0.0.1:$BASE_PORT/api/v1"
email="bench-$(date +%s)-$$@example.com"
json() { jq -r ".$1"; }
curl -fs -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"bench-password-1\",\"displayName\":\"Bench\"}" "$base/auth/register" > /dev/null
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"bench-password-1\"}" \
  "$base/auth/login" | json accessToken)
POST=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
  -d '{"title":"Cache benchmark","body":"A post read by the cache benchmark.","status":"PUBLISHED"}' \
  "$base/posts" | json id)
declare -A PATHS=([post]=/api/v1/posts/$POST [me]=/api/v1/users/me)

measure() { # index, endpoint, connections, seconds, output file
  local auth=()
  [[ "$2" == me ]] && auth=(-H "Authorization: Bearer $TOKEN")
  wrk -t 1 -c "$3" -d "${4}s" --latency "${auth[@]}" "http://127.0.0.1:$(( BASE_PORT + $1 ))${PATHS[$2]}" > "$5"
}

echo "== warming up"
for i in "${!CASES[@]}"; do
  for endpoint in "${ENDPOINTS[@]}"; do measure "$i" "$endpoint" "$CONNECTIONS" "$WARMUP" /dev/null; done
done

uptime > "$RAW/uptime-start.txt"
for run in $(seq 1 "$RUNS"); do
  echo "== run $run of $RUNS ($(uptime | sed 's/.*load/load/'))"
  for i in "${!CASES[@]}"; do
    name=${CASES[$i]%%|*}
    for endpoint in "${ENDPOINTS[@]}"; do
      measure "$i" "$endpoint" "$CONNECTIONS" "$DURATION" "$RAW/run$run--$name--$endpoint.txt"
      printf '   %-5s %-5s %s\n' "$name" "$endpoint" "$(grep Requests/sec "$RAW/run$run--$name--$endpoint.txt")"
    done
    # One connection: the latency of a single request (hit, miss, or database only), not throughput.
    measure "$i" post 1 "$LATENCY_DURATION" "$RAW/run$run--$name--post-latency.txt"
  done
done
uptime > "$RAW/uptime-end.txt"

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpus=$(nproc)"
  echo "cpu_model=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory=$(free -h | awk '/^Mem:/ {print $2}')"
  echo "kernel=$(uname -sr)"
  echo "java=$("$JAVA" -version 2>&1 | head -1)"
  echo "redis=$(redis-server --version | cut -d' ' -f3)"
  echo "postgres=$(psql -d postgres -Atc 'show server_version')"
  echo "wrk=$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "runs=$RUNS"
  echo "duration=$DURATION"
  echo "latency_duration=$LATENCY_DURATION"
  echo "warmup=$WARMUP"
  echo "connections=$CONNECTIONS"
  echo "path_post=${PATHS[post]}"
  echo "path_me=${PATHS[me]}"
  echo "uptime_start=$(cat "$RAW/uptime-start.txt")"
  echo "uptime_end=$(cat "$RAW/uptime-end.txt")"
  echo "git=$(git rev-parse --short HEAD)"
} > "$RAW/meta.env"

lab report cache "$RAW" "$OUT"
