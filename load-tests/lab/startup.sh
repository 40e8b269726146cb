#!/usr/bin/env bash
# Start-to-ready and resident memory of `java -jar`, on several JVMs and with or without a JVM cache of
# pre-parsed classes (Java 25's AOT cache, JEP 483/514; Java 17's CDS archive), against a real PostgreSQL.
#
#   load-tests/lab/startup.sh
#   CASES="25-aot 25" RUNS=7 load-tests/lab/startup.sh
#
# A case is JAVA-MODE: JAVA is 17 or 25 (JAVA17 / JAVA25 point at the JDKs), MODE is
#   jar    the fat jar as built: java -jar target/app.jar
#   ext    the jar extracted by Spring Boot's jar mode (java -Djarmode=tools -jar app.jar extract): plain
#          class-path jars, faster to read than nested ones, and what a JVM cache needs
#   aot    ext + Java 25's AOT cache, trained once with -XX:AOTCacheOutput and -Dspring.context.exit=onRefresh
#          (the training run starts the context, so it needs the database, and exits)
#   cds    ext + Java 17's dynamic CDS archive (-XX:ArchiveClassesAtExit), trained the same way
# Every case runs RUNS times (cases alternate, so that the machine's load hits them alike); each run
# measures the seconds from launching java until /actuator/health/readiness answers UP (polled every 50 ms)
# and the resident set 5 s later, then stops the JVM. Medians, min and max go to OUT.
# Settings: JAR (default: the one in target/, built if missing), CASES, RUNS (5), JAVA_OPTS (applied to every case;
# e.g. the heap settings under test; MALLOC_ARENA_MAX is passed on and recorded too),
# PORT (20280), OUT (results/startup.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
source load-tests/lab/lib/app.sh
require_tools curl psql createdb

# The JDKs: JAVA17 / JAVA25 (homes) when set, else found where installers put them (lab jdk).
JAVA17=${JAVA17:-$(jdk_home 17)}
JAVA25=${JAVA25:-$(jdk_home 25)}
CASES=${CASES:-17-jar 17-ext 17-cds 25-jar 25-ext 25-aot}
RUNS=${RUNS:-5}
PORT=${PORT:-20280}
OUT=${OUT:-load-tests/lab/results/startup.md}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW=load-tests/lab/results/raw/startup-$STAMP
mkdir -p "$RAW"
JAR=${JAR:-$(built_jar)}
JAR=$(readlink -f "$JAR")
trap stop_apps EXIT

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
    start_app "$RAW/train-$version-$mode.log" "$APP_JAR" "$PORT" perf_bench_startup
  wait "$APP_PID" || true
  APP_PIDS=()
}

for case in $CASES; do
  case ${case#*-} in aot | cds) train "${case%%-*}" "${case#*-}" ;; esac
done

for run in $(seq 1 "$RUNS"); do
  for case in $CASES; do
    version=${case%%-*} mode=${case#*-} jar=$APP_JAR extra=""
    case $mode in
      jar) jar=$JAR ;;
      aot) extra="-XX:AOTCache=$(pwd)/$RAW/app-$version.aot" ;;
      cds) extra="-XX:SharedArchiveFile=$(pwd)/$RAW/app-$version.jsa" ;;
    esac
    load=$(cut -d' ' -f1 /proc/loadavg)
    START_NS=$(date +%s%N)
    JAVA=$(home "$version")/bin/java JAVA_OPTS="${JAVA_OPTS:-} $extra" \
      start_app "$RAW/$case.$run.log" "$jar" "$PORT" perf_bench_startup
    seconds=$(START_NS=$START_NS wait_ready "$PORT")
    sleep 5
    rss=$(rss_mb "$APP_PID")
    echo "$case $run $seconds $rss $load" | tee -a "$RAW/runs.txt"
    stop_apps
  done
done

lab startup "$RAW/runs.txt" "$CASES" "${JAVA_OPTS:-none}${MALLOC_ARENA_MAX:+; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX}" \
  "$STAMP" "$JAR" > "$OUT"
cat "$OUT"
