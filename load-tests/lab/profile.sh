#!/usr/bin/env bash
# Profiling recipe of issue #9: where does a request's time go?
#
#   load-tests/lab/profile.sh                       # all four endpoints, the jar in target/ (built if missing)
#   ENDPOINTS="post me" load-tests/lab/profile.sh   # some of them
#   JAR=/tmp/old.jar OUT=load-tests/lab/results/profile-before.md load-tests/lab/profile.sh
#
# Two phases, each on a fresh JVM started as production starts it (profile prod, real PostgreSQL, cache and
# API rate limit off, database perf_profile seeded through the API by the Java seeder, `lab seed`):
#  1. CPU and allocation: per endpoint, WARMUP s of wrk to warm the JIT, then a JFR recording (settings
#     "profile": Java samples every 10-20 ms, allocation samples) while wrk drives it for DURATION s.
#  2. Counting, on a second JVM that logs every SQL statement (org.hibernate.SQL) and every transaction
#     (JpaTransactionManager) and records every socket read and write (load-tests/lab/jfr/round-trips.jfc):
#     `lab drive` sends COUNT_REQUESTS requests one after the other; statements, transactions and writes to
#     PostgreSQL (one per round trip: the driver flushes once per round trip) are divided by that number.
# `lab profile` (the JDK's JFR reader) turns both into one Markdown page (OUT), with the top frames by CPU (self and by layer),
# the allocation rate (MB/s and KB per request), GC, and the counts. The .jfr files stay in results/raw/ for
# JDK Mission Control (`jmc`) or `jfr view hot-methods FILE`.
#
# Settings: JAR, PHASES ("cpu count"; "count" alone gives the exact counts in a minute), ENDPOINTS ("post posts me order"), WARMUP (15), DURATION (20), COUNT_REQUESTS (50),
# CONNECTIONS (50), THREADS (2), PORT (20180; uses PORT..PORT+1), DB (perf_profile), JAVA / JAVA_HOME, JAVA_OPTS, OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."
source load-tests/lab/lib/app.sh
require_tools wrk jq curl psql createdb

ENDPOINTS=${ENDPOINTS:-post posts me order}
PHASES=${PHASES:-cpu count}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-20}
COUNT_REQUESTS=${COUNT_REQUESTS:-50}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
PORT=${PORT:-20180}
DB=${DB:-perf_profile}
OUT=${OUT:-load-tests/lab/results/profile.md}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW=load-tests/lab/results/raw/profile-$STAMP
mkdir -p "$RAW"
JAR=${JAR:-$(built_jar)}
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd
trap stop_apps EXIT

# drive ENDPOINT SECONDS CONNECTIONS THREADS OUTFILE
drive() {
  local endpoint=$1 seconds=$2 connections=$3 threads=$4 out=$5 state script=() path
  state=$(cat "$RAW/state.json")
  case $endpoint in
    ping) path=/api/v1/ping ;;
    post) path=/api/v1/posts/$(jq -r .postId <<< "$state") ;;
    posts) path='/api/v1/posts?size=20' ;;
    me) path=/api/v1/users/me script=(-s load-tests/lab/wrk/bearer.lua) ;;
    order) path=/api/v1/orders script=(-s load-tests/lab/wrk/order.lua) ;;
    *) echo "unknown endpoint $endpoint" >&2; exit 2 ;;
  esac
  TOKEN=$(jq -r .readerToken <<< "$state") PRODUCTS=$(jq -r '.productIds | join(",")' <<< "$state") \
    wrk -t "$threads" -c "$connections" -d "${seconds}s" "${script[@]}" "http://127.0.0.1:$PORT$path" > "$out"
}

if [[ " $PHASES " == *" cpu "* ]]; then
echo "== phase 1: CPU and allocation profile ($JAR)"
start_app "$RAW/app.log" "$JAR" "$PORT" "$DB"
wait_ready "$PORT"
seed "$PORT" > "$RAW/state.json"
for endpoint in $ENDPOINTS; do
  echo "-- $endpoint: warm-up ${WARMUP}s, then ${DURATION}s recorded ($(uptime))"
  drive "$endpoint" "$WARMUP" "$CONNECTIONS" "$THREADS" /dev/null
  uptime > "$RAW/$endpoint.uptime.txt"
  "$JCMD" "$APP_PID" JFR.start name="$endpoint" settings=profile filename="$(pwd)/$RAW/$endpoint.jfr" > /dev/null
  drive "$endpoint" "$DURATION" "$CONNECTIONS" "$THREADS" "$RAW/$endpoint.wrk.txt"
  "$JCMD" "$APP_PID" JFR.stop name="$endpoint" > /dev/null
done
stop_apps
fi

if [[ " $PHASES " == *" count "* ]]; then
echo "== phase 2: statements, transactions and round trips per request"
start_app "$RAW/count.log" "$JAR" "$PORT" "$DB" --logging.level.org.hibernate.SQL=debug \
  --logging.level.org.springframework.orm.jpa.JpaTransactionManager=debug
wait_ready "$PORT"
[[ -s $RAW/state.json ]] || seed "$PORT" > "$RAW/state.json"
for endpoint in $ENDPOINTS; do
  lab drive "http://127.0.0.1:$PORT" "$RAW/state.json" "$endpoint" 3 > /dev/null
  sleep 1
  "$JCMD" "$APP_PID" JFR.start name="count-$endpoint" settings="$(pwd)/load-tests/lab/jfr/round-trips.jfc" \
    filename="$(pwd)/$RAW/$endpoint.count.jfr" > /dev/null
  before=$(wc -l < "$RAW/count.log")
  lab drive "http://127.0.0.1:$PORT" "$RAW/state.json" "$endpoint" "$COUNT_REQUESTS" \
    > "$RAW/$endpoint.count.requests.txt"
  sleep 1
  "$JCMD" "$APP_PID" JFR.stop name="count-$endpoint" > /dev/null
  tail -n +"$((before + 1))" "$RAW/count.log" > "$RAW/$endpoint.count.log"
done
stop_apps
fi

{
  echo "java: $("$JAVA" -version 2>&1 | head -1); JAVA_OPTS: ${JAVA_OPTS:-none}; jar: $JAR"
  echo "wrk -t$THREADS -c$CONNECTIONS, warm-up ${WARMUP}s, recorded ${DURATION}s; counting: $COUNT_REQUESTS" \
    "requests one after the other; $(nproc) cores shared with wrk and other work; $(uptime)"
} > "$RAW/meta.txt"
# shellcheck disable=SC2086
lab profile "$RAW" $ENDPOINTS > "$OUT"
echo "written: $OUT (raw: $RAW)"
