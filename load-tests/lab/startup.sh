#!/usr/bin/env bash
# Start-to-ready and resident memory of `java -jar`, on several JVMs and with or without a JVM cache of
# pre-parsed classes (Java 25's AOT cache, JEP 483/514; Java 17's CDS archive), against a real PostgreSQL.
#
#   load-tests/lab/startup.sh
#   CASES="25-aot 25" RUNS=7 load-tests/lab/startup.sh
#   CASES="17-jar 17-peer" JAVA_OPTS=-Xmx512m RUNS=5 load-tests/lab/startup.sh     # side by side with the peer
#
# A case is JAVA-MODE: JAVA is 17 or 25 (JAVA17 / JAVA25 point at the JDKs), MODE is
#   jar    the fat jar as built: java -jar target/app.jar
#   base   another build of this project, BASE_JAR (e.g. main's, for before/after in one run), as jar
#   ext    the jar extracted by Spring Boot's jar mode (java -Djarmode=tools -jar app.jar extract): plain
#          class-path jars, faster to read than nested ones, and what a JVM cache needs
#   aot    ext + Java 25's AOT cache, trained once with -XX:AOTCacheOutput and -Dspring.context.exit=onRefresh
#          (the training run starts the context, so it needs the database, and exits)
#   cds    ext + Java 17's dynamic CDS archive (-XX:ArchiveClassesAtExit), trained the same way
#   peer   the peer: spring-petclinic-rest (Spring Boot, Spring Data JPA) as its README runs it on PostgreSQL
#          (profiles postgres,spring-data-jpa; its schema and data scripts run at every start), with the same
#          JAVA_OPTS and the same PostgreSQL (database DB_peer); readiness probes switched on
#          (management.endpoint.health.probes.enabled), served on its API port under /petclinic
# Every case runs RUNS times (cases alternate, so that the machine's load hits them alike); each run
# measures the seconds from launching java until /actuator/health/readiness answers UP (polled every 50 ms),
# the CPU seconds the JVM has used by then (user + system: less sensitive than wall time to a busy machine), and
# the resident set 5 s later; then a fixed load (LOAD_REQUESTS requests of a single-row GET from 16 clients
# with hey: GET /api/v1/posts/{id} uncached here, GET /petclinic/api/pettypes/1 on the peer; any answer but a
# 2xx stops the script, since a throttled or failing server would pass for a fast one), the resident set
# 5 s after it, and stops the JVM. Medians, min and max go to OUT.
#
# The peer is never committed nor kept: PEER_JAR names a jar built already; otherwise PEER_SRC (a checkout) or
# PEER_GIT (a clone URL, default its GitHub repository; needs git and network access to it) is built with its
# Maven wrapper in a temporary folder (needs JDK 17 and Maven Central), which is deleted at exit.
# Settings: JAR (default: the one in target/, built if missing), CASES, RUNS (5), JAVA_OPTS (applied to every case;
# e.g. the heap settings under test; MALLOC_ARENA_MAX is passed on and recorded too), LOAD_REQUESTS (20000; 0: no
# load), BASE_JAR, PEER_JAR / PEER_SRC / PEER_GIT, DB (perf_bench_startup), PORT (20280), OUT (results/startup.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
source load-tests/lab/lib/app.sh
require_tools curl psql createdb jq hey

# The JDKs: JAVA17 / JAVA25 (homes) when set, else found where installers put them (lab jdk).
JAVA17=${JAVA17:-$(jdk_home 17)}
JAVA25=${JAVA25:-$(jdk_home 25)}
CASES=${CASES:-17-jar 17-ext 17-cds 25-jar 25-ext 25-aot}
RUNS=${RUNS:-5}
DB=${DB:-perf_bench_startup}
LOAD_REQUESTS=${LOAD_REQUESTS:-20000}
PEER_GIT=${PEER_GIT:-https://github.com/spring-petclinic/spring-petclinic-rest.git}
PORT=${PORT:-20280}
OUT=${OUT:-load-tests/lab/results/startup.md}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW=load-tests/lab/results/raw/startup-$STAMP
mkdir -p "$RAW"
JAR=${JAR:-$(built_jar)}
JAR=$(readlink -f "$JAR")
PEER_TMP=""
trap 'stop_apps; [[ -z $PEER_TMP ]] || rm -rf "$PEER_TMP"' EXIT

home() { if [[ $1 == 17 ]]; then echo "$JAVA17"; else echo "$JAVA25"; fi; }

# The extracted layout (one per JDK: an archive is tied to the JVM that wrote it and to the jars it read).
EXTRACTED=$RAW/extracted
"$JAVA17/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$EXTRACTED" > /dev/null
APP_JAR=$EXTRACTED/$(basename "$JAR")

# train VERSION MODE: writes the JVM cache of that case (once per script run).
train() {
  local java version=$1 mode=$2 flag
  java=$(home "$version")/bin/java
  if [[ $mode == aot ]]; then
    flag="-XX:AOTCacheOutput=$(pwd)/$RAW/app-$version.aot"
  else
    flag="-XX:ArchiveClassesAtExit=$(pwd)/$RAW/app-$version.jsa"
  fi
  echo "-- training $version-$mode"
  JAVA=$java JAVA_OPTS="${JAVA_OPTS:-} $flag -Dspring.context.exit=onRefresh" \
    start_app "$RAW/train-$version-$mode.log" "$APP_JAR" "$PORT" "$DB"
  wait "$APP_PID" || true
  APP_PIDS=()
}

# peer_jar: sets PEER to the peer's jar, built in a temporary folder (PEER_TMP) when PEER_JAR is not set.
peer_jar() {
  if [[ -n ${PEER_JAR:-} ]]; then
    PEER=$(readlink -f "$PEER_JAR")
    return
  fi
  PEER_TMP=$(mktemp -d)
  if [[ -n ${PEER_SRC:-} ]]; then
    cp -r "$PEER_SRC/." "$PEER_TMP/"
  elif ! git clone -q --depth 1 "$PEER_GIT" "$PEER_TMP" >&2; then
    echo "the peer could not be cloned from $PEER_GIT: set PEER_JAR (a built spring-petclinic-rest jar)," \
      "PEER_SRC (a checkout of it) or PEER_GIT (a reachable clone URL)" >&2
    return 1
  fi
  echo "-- building the peer in $PEER_TMP ($(git -C "$PEER_TMP" rev-parse --short HEAD 2> /dev/null || echo copy))" >&2
  (cd "$PEER_TMP" && JAVA_HOME=$JAVA17 ./mvnw -B -q -DskipTests package >&2)
  PEER=$(ls "$PEER_TMP"/target/spring-petclinic-rest-*.jar | head -1)
}

# start_peer LOG JAR PORT: starts the peer as its README runs it on PostgreSQL, with JAVA_OPTS; APP_PID is its pid.
start_peer() {
  local log=$1 jar=$2 port=$3 db=${DB}_peer
  ensure_db "$db"
  # shellcheck disable=SC2086
  "$JAVA" ${JAVA_OPTS:-} -jar "$jar" --spring.profiles.active=postgres,spring-data-jpa --server.port="$port" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" --spring.datasource.username="$PGUSER" \
    --spring.datasource.password="${PGPASSWORD:-trust-auth-ignores-this}" \
    --management.endpoint.health.probes.enabled=true > "$log" 2>&1 &
  APP_PID=$!
  APP_PIDS+=("$APP_PID")
  APP_LOGS[$APP_PID]=$log
}

# cpu_seconds PID: user + system CPU time of the process so far.
cpu_seconds() {
  awk -v tck="$(getconf CLK_TCK)" '{ printf "%.1f\n", ($14 + $15) / tck }' "/proc/$1/stat"
}

# fixed_load URL: LOAD_REQUESTS requests of one GET from 16 concurrent clients (hey counts requests, where wrk
# runs for a time: a slower server gets the same work, not less); prints requests/s.
fixed_load() {
  ((LOAD_REQUESTS > 0)) || return 0
  local out
  out=$(hey -n "$LOAD_REQUESTS" -c 16 "$1")
  # Only 2xx answers count: a throttled or failing server would otherwise pass for a fast one.
  if grep -q '^Error distribution' <<< "$out" || sed -n '/^Status code distribution/,/^$/p' <<< "$out" \
    | grep -q '^ *\[[^2]'; then
    echo "the fixed load on $1 was not answered with 2xx alone:" >&2
    sed -n '/^Status code distribution/,$p' <<< "$out" >&2
    return 1
  fi
  awk '/Requests\/sec/ { printf "%d\n", $2 }' <<< "$out"
}

for case in $CASES; do
  case ${case#*-} in
    aot | cds) train "${case%%-*}" "${case#*-}" ;;
    peer) [[ -n ${PEER:-} ]] || peer_jar ;;
  esac
done

for run in $(seq 1 "$RUNS"); do
  for case in $CASES; do
    version=${case%%-*} mode=${case#*-} jar=$APP_JAR extra=""
    case $mode in
      jar | peer) jar=$JAR ;;
      base) jar=$(readlink -f "${BASE_JAR:?the base case needs BASE_JAR}") ;;
      aot) extra="-XX:AOTCache=$(pwd)/$RAW/app-$version.aot" ;;
      cds) extra="-XX:SharedArchiveFile=$(pwd)/$RAW/app-$version.jsa" ;;
    esac
    load=$(cut -d' ' -f1 /proc/loadavg)
    START_NS=$(date +%s%N)
    if [[ $mode == peer ]]; then
      JAVA=$(home "$version")/bin/java start_peer "$RAW/$case.$run.log" "$PEER" "$PORT"
      seconds=$(START_NS=$START_NS READY_URL="http://127.0.0.1:$PORT/petclinic/actuator/health/readiness" \
        wait_ready "$PORT")
      url="http://127.0.0.1:$PORT/petclinic/api/pettypes/1"
    else
      JAVA=$(home "$version")/bin/java JAVA_OPTS="${JAVA_OPTS:-} $extra" \
        start_app "$RAW/$case.$run.log" "$jar" "$PORT" "$DB"
      seconds=$(START_NS=$START_NS wait_ready "$PORT")
    fi
    cpu=$(cpu_seconds "$APP_PID")
    sleep 5
    rss=$(rss_mb "$APP_PID")
    if [[ $mode != peer ]] && ((LOAD_REQUESTS > 0)); then
      # Seeded once per script run (the database outlives the JVMs): each seeding logs in, and the per-address
      # login limits live in Redis across restarts.
      [[ -n ${POST_ID:-} ]] || POST_ID=$(seed "$PORT" | jq -r .postId)
      url="http://127.0.0.1:$PORT/api/v1/posts/$POST_ID"
    fi
    rps=$(fixed_load "$url")
    sleep 5
    rss_load=$(rss_mb "$APP_PID")
    echo "$case $run $seconds $rss $load $cpu ${rps:--} ${rss_load}" | tee -a "$RAW/runs.txt"
    stop_apps
  done
done

lab startup "$RAW/runs.txt" "$CASES" "${JAVA_OPTS:-none}${MALLOC_ARENA_MAX:+; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX}" \
  "$STAMP" "$JAR" "$LOAD_REQUESTS" "${PEER:-}" "$("$JAVA17/bin/java" -version 2>&1 | sed -n 2p)" "${BASE_JAR:-}" \
  > "$OUT"
cat "$OUT"
