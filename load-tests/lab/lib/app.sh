# The shell library of the lab's wrk and JFR scripts (bench.sh, profile.sh, startup.sh, cache-benchmark.sh,
# filter-overhead.sh, eviction-round-trips.sh): tools, the jar, start the jar as production starts it (profile
# prod, real PostgreSQL), wait for readiness, seed, stop, and `lab`, the Java side (seeder, request driver, the
# reports of wrk and JFR output, JDK discovery). Source it from the repository root; it defines functions only.
#
# Every run passes app.cache.enabled=false and app.rate-limit.api.enabled=false: the benchmark measures the
# uncached request path, and one client hammering the API must not be throttled. Profile prod requires Redis
# (the login limits live there): REDIS_HOST/REDIS_PORT (default the local 127.0.0.1:6379), under a key prefix
# of its own per database, so that nothing else's keys are touched.

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
BENCH_ADMIN_EMAIL=bench-admin@example.com
BENCH_ADMIN_PASSWORD=bench-admin-password
# One random key per run of a script: tokens survive the restarts within it, and no key is ever published.
BENCH_JWT_SECRET=${BENCH_JWT_SECRET:-$(openssl rand -base64 48 | tr -d '\n')}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
APP_PIDS=()
declare -A APP_LOGS

# require_tools TOOL...: installs the missing ones from Debian packages (wrk, jq, curl share their package's
# name; psql and createdb come with postgresql-client), or stops with what is missing.
require_tools() {
  local tool packages=()
  for tool in "$@"; do
    command -v "$tool" > /dev/null && continue
    case $tool in psql | createdb) packages+=(postgresql-client) ;; *) packages+=("$tool") ;; esac
  done
  ((${#packages[@]} == 0)) && return
  echo "== installing ${packages[*]} (Debian packages)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
    "${packages[@]}" > /dev/null; }; then
    echo "missing: ${packages[*]}; install them (apt-get install ${packages[*]}) and run again" >&2
    exit 1
  fi
}

# built_jar: prints the application jar in target/, built first (tests skipped) when there is none.
built_jar() {
  ls target/reference-backend-*.jar > /dev/null 2>&1 || ./mvnw -B -q -DskipTests package >&2
  ls target/reference-backend-*.jar | head -1
}

# ensure_db NAME: create the database if missing.
ensure_db() {
  psql -d postgres -Atc "select 1 from pg_database where datname = '$1'" | grep -q 1 \
    || createdb "$1"
}

# start_app LOG JAR PORT DB [extra args...]: starts the jar in the background; APP_PID is its pid.
# The management port (readiness, metrics) is PORT + 1. JAVA_OPTS goes before -jar.
start_app() {
  local log=$1 jar=$2 port=$3 db=$4
  shift 4
  ensure_db "$db"
  # shellcheck disable=SC2086
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-trust-auth-ignores-this}" APP_JWT_SECRET="$BENCH_JWT_SECRET" \
  APP_BOOTSTRAP_ADMIN_EMAIL="$BENCH_ADMIN_EMAIL" APP_BOOTSTRAP_ADMIN_PASSWORD="$BENCH_ADMIN_PASSWORD" \
  SPRING_DATA_REDIS_HOST="$REDIS_HOST" SPRING_DATA_REDIS_PORT="$REDIS_PORT" APP_REDIS_KEY_PREFIX="bench-$db:" \
  MANAGEMENT_PORT=$((port + 1)) \
    "$JAVA" ${JAVA_OPTS:-} -jar "$jar" --spring.profiles.active=prod --server.port="$port" \
    --app.cache.enabled=false --app.rate-limit.api.enabled=false \
    --app.jwt.access-token-ttl=4h --app.auth.registration-throttle.max-attempts=10000 \
    --app.auth.login-throttle.max-attempts=10000 --app.auth.login-throttle.per-account.max-attempts=10000 \
    --app.orders.max-pending-per-user=1000000 "$@" > "$log" 2>&1 &
  APP_PID=$!
  APP_PIDS+=("$APP_PID")
  APP_LOGS[$APP_PID]=$log
}

# wait_ready PORT [TIMEOUT_S]: polls readiness every 50 ms (on the management port PORT + 1, or READY_URL when
# set); prints the seconds since START_NS (if set).
# Fails at once when a JVM started by start_app has exited, with the end of its log.
wait_ready() {
  local port=$1 timeout=${2:-600} started pid
  local url=${READY_URL:-http://127.0.0.1:$((port + 1))/actuator/health/readiness}
  started=$(date +%s%N)
  while ! curl -fs -o /dev/null "$url"; do
    for pid in "${APP_PIDS[@]}"; do
      if ! kill -0 "$pid" 2> /dev/null; then
        echo "JVM $pid exited before port $port was ready; its log: ${APP_LOGS[$pid]}" >&2
        tail -25 "${APP_LOGS[$pid]}" >&2
        return 1
      fi
    done
    if (($(date +%s%N) - started > timeout * 1000000000)); then
      echo "not ready after ${timeout}s on port $port" >&2
      return 1
    fi
    sleep 0.05
  done
  if [[ -n ${START_NS:-} ]]; then
    awk -v ns=$(($(date +%s%N) - START_NS)) 'BEGIN { printf "%.2f\n", ns / 1e9 }'
  fi
}

# await_health INDEX NAME [SECONDS]: waits until the case's JVM on BASE_PORT + INDEX answers /actuator/health
# (default 300 s); exits naming the case's log under RAW when it does not.
await_health() {
  local port=$(( BASE_PORT + $1 )) seconds=${3:-300}
  for _ in $(seq 1 "$seconds"); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" > /dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "case $2 (port $port) did not become healthy; see $RAW/$2.log" >&2
  exit 1
}

# rss_mb PID: resident set size in MB.
rss_mb() {
  awk '/^VmRSS/ { printf "%d\n", $2 / 1024 }' "/proc/$1/status"
}

# lab TOOL ARGS...: one of the lab's Java tools (com.example.backend.load.lab.tools.Lab: seed, drive, report,
# profile, startup, jdk) on the load-test module's test class path, which Maven compiles and lists once per
# script run (the list is kept per script process, so that calls in subshells reuse it). Runs on JAVA (17+).
lab() {
  local classpath=load-tests/target/lab-classpath-$$.txt
  if [[ ! -s $classpath ]]; then
    ./mvnw -B -q -f load-tests/pom.xml test-compile dependency:build-classpath \
      -Dmdep.outputFile="target/lab-classpath-$$.txt" >&2
  fi
  "$JAVA" -cp "load-tests/target/test-classes:$(cat "$classpath")" com.example.backend.load.lab.tools.Lab "$@"
}

# jdk_home FEATURE: the home of an installed JDK of that version (17, 25), found where installers put them;
# fails with what is missing. Scripts take JAVA17 / JAVA25 from the environment first.
jdk_home() {
  lab jdk "$1"
}

# seed PORT: seeds through the API with the Java seeder (idempotent) and prints the state JSON.
seed() {
  lab seed "http://127.0.0.1:$1" "$BENCH_ADMIN_EMAIL" "$BENCH_ADMIN_PASSWORD"
}

stop_apps() {
  local pid
  for pid in "${APP_PIDS[@]}"; do
    kill "$pid" 2> /dev/null || true
  done
  for pid in "${APP_PIDS[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
  APP_PIDS=()
}
