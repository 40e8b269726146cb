#!/usr/bin/env bash
# The request-path benchmark: GET /posts/{id}, GET /posts?size=20, authenticated GET /users/me
# and POST /orders, each as a ratio to GET /api/v1/ping measured in the same round, cache off, warm JVM.
#
#   load-tests/lab/bench.sh                                        # the jar in target/ (built if missing)
#   JARS="before=/tmp/old.jar after=target/app.jar" load-tests/lab/bench.sh   # two builds in one run, alternating
#   JARS="traced=target/app.jar untraced=target/app.jar" OPTS_untraced="-Dmanagement.tracing.enabled=false" \
#     load-tests/lab/bench.sh                                       # one build, two settings (OPTS_<label>: JVM options)
#   PEER_DIR=/tmp/petclinic-rest JAVA_OPTS=-Xmx512m load-tests/lab/bench.sh  # and spring-petclinic-rest in the same rounds
#
# Settings (environment): JARS ("label=path ..."), ROUNDS (5), DURATION (5 s per wrk run), WARMUP (10 s per
# endpoint), CONNECTIONS (50), THREADS (2), ENDPOINTS ("ping post posts me order"), BASE_PORT (20080; a jar
# takes two ports), JAVA / JAVA_HOME, JAVA_OPTS, OUT (results/bench.md). Each jar gets its own database
# perf_bench_<label>, seeded through the API by the Java seeder (lab seed).
#
# Peer (optional): PEER_DIR names a checkout of https://github.com/spring-petclinic/spring-petclinic-rest built
# with `./mvnw -B -DskipTests package` (kept outside this repository; the script says so when the jar is missing).
# Its jar runs as the label "peer" with the same JAVA / JAVA_OPTS (plus OPTS_peer), profiles postgres and
# spring-data-jpa on its own database perf_bench_peer (its schema and data scripts run at start), security off (its
# default), and serves PEER_ENDPOINTS ("pettype": the single-row GET /petclinic/api/pettypes/1) in every round
# right after the jars, warmed as long as a jar's endpoints together. The report then adds each endpoint's
# requests/s as a ratio to the peer's in the same round.
#
# PGBENCH=1 adds what PostgreSQL itself serves for a primary-key select on the same machine: `pgbench -S` (built-in
# select-only script, scale 1, database perf_bench_pgbench) with PGBENCH_CLIENTS clients (10: the jars' pool size,
# so PostgreSQL sees the same concurrency), THREADS threads and DURATION seconds in every round after the JVMs,
# reported as transactions/s and as each endpoint's ratio to it. A failed pgbench run is recorded, not fatal.
#
# Method: on a shared 2-core machine absolute requests/s drift with everybody else's load, so every figure that
# matters is a ratio to ping measured minutes apart at most, in the same round, on the same JVM; jars and
# endpoints alternate so that a slow minute hits all of them, and the JVMs' order flips every round. Load
# averages are recorded with every round.
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
PEER_ENDPOINTS=${PEER_ENDPOINTS:-pettype}
PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-10}
if [[ -n ${PEER_DIR:-} ]]; then
  peer_jar=$(ls "$PEER_DIR"/target/spring-petclinic-rest-*.jar 2> /dev/null | grep -v -- '-plain' | head -1 || true)
  if [[ -z $peer_jar ]]; then
    echo "PEER_DIR=$PEER_DIR has no target/spring-petclinic-rest-*.jar; build it first:" >&2
    echo "  git clone https://github.com/spring-petclinic/spring-petclinic-rest $PEER_DIR" \
      "&& (cd $PEER_DIR && ./mvnw -B -DskipTests package)" >&2
    exit 2
  fi
  PORT[peer]=$((BASE_PORT + 2 * index))
  ensure_db perf_bench_peer
  # shellcheck disable=SC2086
  "$JAVA" ${JAVA_OPTS:-} ${OPTS_peer:-} -jar "$peer_jar" --spring.profiles.active=postgres,spring-data-jpa \
    --server.port="${PORT[peer]}" --management.server.port=$((PORT[peer] + 1)) \
    --management.endpoint.health.probes.enabled=true \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/perf_bench_peer" \
    --spring.datasource.username="$PGUSER" --spring.datasource.password="${PGPASSWORD:-trust-auth-ignores-this}" \
    > "$RAW/peer.log" 2>&1 &
  PID[peer]=$!
  APP_PIDS+=("${PID[peer]}")
  APP_LOGS[${PID[peer]}]=$RAW/peer.log
fi
for label in "${!PORT[@]}"; do
  wait_ready "${PORT[$label]}"
  sleep 5
  echo "$label rss_after_start_mb $(rss_mb "${PID[$label]}")" | tee -a "$RAW/memory.txt"
  [[ $label == peer ]] && continue
  STATE[$label]=$(seed "${PORT[$label]}")
  echo "${STATE[$label]}" > "$RAW/$label.state.json"
done

# run LABEL ENDPOINT SECONDS OUTFILE: one wrk run.
run() {
  local label=$1 endpoint=$2 seconds=$3 out=$4 state=${STATE[$1]:-} base="http://127.0.0.1:${PORT[$1]}"
  local post='' token='' products='' script=() path
  if [[ -n $state ]]; then
    post=$(jq -r .postId <<< "$state")
    token=$(jq -r .readerToken <<< "$state")
    products=$(jq -r '.productIds | join(",")' <<< "$state")
  fi
  case $endpoint in
    ping) path=/api/v1/ping ;;
    post) path=/api/v1/posts/$post ;;
    posts) path='/api/v1/posts?size=20' ;;
    me) path=/api/v1/users/me script=(-s load-tests/lab/wrk/bearer.lua) ;;
    order) path=/api/v1/orders script=(-s load-tests/lab/wrk/order.lua) ;;
    pettype) path=/petclinic/api/pettypes/1 ;;
    *) echo "unknown endpoint $endpoint" >&2; exit 2 ;;
  esac
  TOKEN=$token PRODUCTS=$products wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --latency \
    "${script[@]}" "$base$path" > "$out"
}

# endpoints LABEL: what the label serves in every round.
endpoints() {
  if [[ $1 == peer ]]; then echo "$PEER_ENDPOINTS"; else echo "$ENDPOINTS"; fi
}

if [[ ${PGBENCH:-0} == 1 ]]; then
  require_tools pgbench
  ensure_db perf_bench_pgbench
  pgbench -i -q -s 1 perf_bench_pgbench > "$RAW/pgbench.init.txt" 2>&1
  pgbench -n -S -c "$PGBENCH_CLIENTS" -j "$THREADS" -T "$WARMUP" perf_bench_pgbench > /dev/null 2>&1 || true
fi

echo "== warming up (${WARMUP}s per endpoint and jar)"
for label in "${!PORT[@]}"; do
  # The peer serves fewer endpoints: each of its endpoints is warmed longer, so that every JVM gets the same
  # warm-up time for what the endpoints share (Tomcat, Spring MVC, Hibernate).
  seconds=$((WARMUP * $(wc -w <<< "$ENDPOINTS") / $(wc -w <<< "$(endpoints "$label")")))
  for endpoint in $(endpoints "$label"); do run "$label" "$endpoint" "$seconds" /dev/null; done
done
LABELS=$(for entry in $JARS; do echo "${entry%%=*}"; done)
[[ -z ${PORT[peer]:-} ]] || LABELS="$LABELS peer"

for round in $(seq 1 "$ROUNDS"); do
  # Odd rounds run the JVMs in the listed order, even rounds in reverse: whatever the JVM before leaves behind
  # (PostgreSQL still writing out its inserts, a warmer page cache) then falls on each of them in turn.
  order=$LABELS
  ((round % 2 == 1)) || order=$(tr ' ' '\n' <<< "$LABELS" | grep -v '^$' | tac | tr '\n' ' ')
  echo "round $round ($(echo $order)) $(uptime)" | tee -a "$RAW/uptime.txt"
  for label in $order; do
    for endpoint in $(endpoints "$label"); do
      run "$label" "$endpoint" "$DURATION" "$RAW/$label.$endpoint.$round.txt"
    done
  done
  if [[ ${PGBENCH:-0} == 1 ]]; then
    pgbench -n -S -c "$PGBENCH_CLIENTS" -j "$THREADS" -T "$DURATION" perf_bench_pgbench > "$RAW/pgbench.$round.txt" 2>&1 \
      || echo "pgbench failed in round $round: $(tail -1 "$RAW/pgbench.$round.txt")" | tee -a "$RAW/uptime.txt"
  fi
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
  if [[ -n ${PORT[peer]:-} ]]; then
    echo "peer: $peer_jar (commit $(git -C "$PEER_DIR" rev-parse --short HEAD 2> /dev/null || echo unknown))" \
      "${OPTS_peer:+OPTS_peer: $OPTS_peer}"
  fi
} > "$RAW/meta.txt"
lab report bench "$RAW" "$JARS" "$ENDPOINTS" ${PORT[peer]:+"$PEER_ENDPOINTS"} | tee "$OUT"
echo "written: $OUT (raw: $RAW)"
