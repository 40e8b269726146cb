#!/usr/bin/env bash
# The Dockerfile's build and run stages, performed outside Docker (no engine here), with Temurin 25 as in the
# image: build the jar, extract its layers, assemble them in the Dockerfile's order, train the AOT cache with
# docker/aot-train.sh, then start the image's ENTRYPOINT with its JAVA_TOOL_OPTIONS from that layout as the
# non-root uid 10001, with the environment docker-compose gives the app (hosts pointed at local services).
# Checks: the prod profile refuses the unedited .env.example, the AOT cache is used, no generated password,
# JSON logs with request and trace ids, the k8s probe paths and ports answer 200, memory fits the pod limit,
# and SIGTERM drains requests in flight. Only ports 22080-22099 are used.
set -euo pipefail
cd "$(dirname "$0")/.."

JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JDK25/bin/java"
API_PORT=22080
MANAGEMENT_PORT=22090
REDIS_PORT=22091
APP_UID=10001
[[ -x "$JAVA" ]] || { echo "FAIL: Temurin 25 not found at $JDK25" >&2; exit 1; }

work=$(mktemp -d /tmp/image-layout.XXXXXX)
chmod 755 "$work"
database="layout_$(date +%s)_$$"
app_pid=""
redis_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill -9 "$app_pid" 2>/dev/null || true
  [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "$database" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  [[ -f "$work/app.log" ]] && tail -n 40 "$work/app.log" >&2
  exit 1
}
as_app() { setpriv --reuid="$APP_UID" --regid="$APP_UID" --clear-groups "$@"; }

echo "== build stage (JDK 25): package, extract layers"
JAVA_HOME="$JDK25" ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package
jars=(target/reference-backend-*.jar)
[[ ${#jars[@]} -eq 1 ]] || fail "expected one jar in target/, found ${jars[*]}"
cp "${jars[0]}" "$work/app.jar"
(cd "$work" && "$JAVA" -Djarmode=tools -jar app.jar extract --layers --destination extracted)

echo "== runtime stage: layers in the Dockerfile's order, root-owned"
layers=$(grep -oP '^COPY --from=build /workspace/extracted/\K[a-z-]+(?=/ \./)' Dockerfile | tr '\n' ' ')
[[ "$layers" == "dependencies spring-boot-loader snapshot-dependencies application " ]] \
  || fail "unexpected layer order in the Dockerfile: $layers"
mkdir "$work/app"
for layer in $layers; do
  cp -a "$work/extracted/$layer/." "$work/app/"
done
application_kb=$(du -sk "$work/extracted/application" | cut -f1)
dependencies_kb=$(du -sk "$work/extracted/dependencies" | cut -f1)
echo "   layers: dependencies ${dependencies_kb} KiB, application ${application_kb} KiB"
(( application_kb < 2048 )) || fail "the application layer should be small, is ${application_kb} KiB"
[[ -f "$work/app/app.jar" && -d "$work/app/lib" ]] || fail "extracted layout has no app.jar + lib/"

image_tool_options=$(grep -oP '^ENV JAVA_TOOL_OPTIONS="\K[^"]+' Dockerfile)
echo "== AOT cache training (docker/aot-train.sh) with JAVA_TOOL_OPTIONS=$image_tool_options"
(cd "$work/app" && JAVA="$JAVA" JAVA_TOOL_OPTIONS="$image_tool_options" sh "$OLDPWD/docker/aot-train.sh") \
  > "$work/train.log" 2>&1 || { tail -n 30 "$work/train.log" >&2; fail "AOT training failed"; }
grep -v 'warning\]\[aot' "$work/train.log" | tail -n 1
chmod -R a+rX,go-w "$work/app"

id -u "$APP_UID" >/dev/null 2>&1 || useradd --uid "$APP_UID" --no-create-home --home-dir /nonexistent \
  --shell /usr/sbin/nologin image-layout-app
if as_app touch "$work/app/written" 2>/dev/null; then fail "uid $APP_UID can write to the application directory"; fi

echo "== environment: docker-compose's app service, rendered with a filled-in .env.example"
command -v docker-compose >/dev/null || bash .ci/check-compose.sh >/dev/null
sed -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$(openssl rand -hex 16)|" \
    -e "s|^APP_JWT_SECRET=.*|APP_JWT_SECRET=$(openssl rand -base64 48 | tr -d '\n')|" \
    -e "s|^APP_BOOTSTRAP_ADMIN_PASSWORD=.*|APP_BOOTSTRAP_ADMIN_PASSWORD=$(openssl rand -hex 12)|" \
    -e "s|^GRAFANA_ADMIN_PASSWORD=.*|GRAFANA_ADMIN_PASSWORD=$(openssl rand -hex 12)|" .env.example > "$work/filled.env"
render_env() { # $1: env file -> KEY=VALUE lines of the app service, local hosts and ports
  docker-compose --env-file "$1" config | python3 -c '
import sys, yaml
env = yaml.safe_load(sys.stdin)["services"]["app"]["environment"]
database, api, management, redis = sys.argv[1:5]
env["SPRING_DATASOURCE_URL"] = env["SPRING_DATASOURCE_URL"].replace("//postgres:5432/app", "//127.0.0.1:5432/" + database)
env["SPRING_DATASOURCE_USERNAME"] = "postgres"  # the local server trusts its superuser; the password stays the .env one
if "SPRING_DATA_REDIS_HOST" in env:
    env["SPRING_DATA_REDIS_HOST"], env["SPRING_DATA_REDIS_PORT"] = "127.0.0.1", redis
env["PORT"], env["MANAGEMENT_PORT"] = api, management
for key, value in sorted(env.items()):
    print(f"{key}={value}")
' "$database" "$API_PORT" "$MANAGEMENT_PORT" "$REDIS_PORT"
}
render_env "$work/filled.env" > "$work/app.env"
render_env .env.example > "$work/example.env"

mapfile -t entrypoint < <(grep -oP '^ENTRYPOINT \K\[.*\]' Dockerfile | python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)))')
[[ "${entrypoint[0]}" == "java" ]] || fail "ENTRYPOINT does not start java"
entrypoint[0]="$JAVA"
app_container() { # the app container of the Deployment in the YAML on stdin, as JSON
  python3 -c '
import json, sys, yaml
for doc in yaml.safe_load_all(sys.stdin):
    if doc and doc["kind"] == "Deployment" and doc["metadata"]["name"] == "reference-backend":
        print(json.dumps(next(c for c in doc["spec"]["template"]["spec"]["containers"] if c["name"] == "app")))
'
}
limit=$(app_container < k8s/base/deployment.yaml | jq -r '.resources.limits.memory')
limit_mib=$(( ${limit%Gi} * 1024 ))
# As in the container: the JVM sees the pod's memory limit (MaxRAM stands in for the cgroup limit), /tmp is its
# only writable directory, and the AOT cache must load (AOTMode=on fails the start otherwise).
extra_options="-XX:MaxRAM=${limit_mib}m -XX:AOTMode=on -XX:NativeMemoryTracking=summary -Djava.io.tmpdir=$work/tmp"
mkdir -m 1777 "$work/tmp"
start_app() { # $1: env file
  (cd "$work/app" && exec env -i PATH=/usr/bin:/bin HOME=/nonexistent LANG=C.UTF-8 $(cat "$1") \
    JAVA_TOOL_OPTIONS="$image_tool_options" JDK_JAVA_OPTIONS="$extra_options" \
    setpriv --reuid="$APP_UID" --regid="$APP_UID" --clear-groups "${entrypoint[@]}") > "$work/app.log" 2>&1 &
  app_pid=$!
}

echo "== the prod profile refuses the unedited .env.example"
start_app "$work/example.env"
wait "$app_pid" && fail "started with the template values of .env.example" || true
app_pid=""
grep -q "APPLICATION FAILED TO START" "$work/app.log" && grep -q "APP_JWT_SECRET" "$work/app.log" \
  || fail "no clear message for the template values"
grep -E '^\s+- ' "$work/app.log" | sed 's/^/   /'

echo "== start as uid $APP_UID from the extracted layout: ${entrypoint[*]}"
createdb -h 127.0.0.1 -U postgres "$database"
if grep -q '^SPRING_DATA_REDIS_HOST=' "$work/app.env"; then
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > "$work/redis.log" 2>&1 &
  redis_pid=$!
fi
started=$(date +%s%N)
start_app "$work/app.env"
for _ in $(seq 1 240); do
  curl -fs -o /dev/null "http://127.0.0.1:$API_PORT/livez" && break
  kill -0 "$app_pid" 2>/dev/null || fail "the application exited during start-up"
  sleep 0.5
done
echo "   up after $(( ($(date +%s%N) - started) / 1000000 )) ms; $(grep -o 'Started BackendApplication in [0-9.]* seconds[^"]*' "$work/app.log" | head -n 1)"

echo "== probes of the rendered Deployment (k8s/overlays/prod) on a running instance"
container=$(kubectl kustomize k8s/overlays/prod | app_container)
declare -A local_port=(["8080"]=$API_PORT ["9090"]=$MANAGEMENT_PORT)
for probe in startupProbe livenessProbe readinessProbe; do
  path=$(echo "$container" | jq -r ".$probe.httpGet.path")
  port_name=$(echo "$container" | jq -r ".$probe.httpGet.port")
  port=$(echo "$container" | jq -r ".ports[] | select(.name == \"$port_name\") | .containerPort")
  status=$(curl -s -o "$work/probe.json" -w '%{http_code}' "http://127.0.0.1:${local_port[$port]}$path")
  [[ "$status" == 200 ]] || fail "$probe $path on $port_name ($port) answered $status"
  echo "   $probe: $path on $port_name ($port) -> $status $(cat "$work/probe.json")"
done
for path in /actuator/health/liveness /actuator/health/readiness /actuator/prometheus; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT_PORT$path")
  [[ "$status" == 200 ]] || fail "management port $path answered $status"
done
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$API_PORT/actuator/prometheus")
[[ "$status" == 401 ]] || fail "/actuator/prometheus on the API port answered $status, not 401"
echo "   management port: liveness, readiness, prometheus -> 200; prometheus on the API port -> 401"

echo "== logs"
grep -q "Using generated security password" "$work/app.log" && fail "Spring Boot generated a default user"
curl -s -o /dev/null -H 'X-Request-Id: layout-check' "http://127.0.0.1:$API_PORT/api/v1/ping"
sleep 1
python3 - "$work/app.log" <<'PY' || fail "log lines are not ECS JSON with request and trace ids"
import json, sys
lines = [l for l in open(sys.argv[1]) if l.startswith("{")]
records = [json.loads(l) for l in lines]
access = [r for r in records if r.get("requestId") == "layout-check"]
assert records and access, "no JSON access log line for the request"
assert len(access[0].get("traceId", "")) == 32, access[0]
print(f"   {len(records)} JSON lines; access line: requestId={access[0]['requestId']} traceId={access[0]['traceId']}")
PY

echo "== memory (NMT) against the ${limit} limit"
as_app "$JDK25/bin/jcmd" "$app_pid" VM.native_memory summary scale=MB > "$work/nmt.txt" \
  || fail "jcmd could not read native memory tracking"
committed=$(grep -oP '^Total: reserved=\d+MB, committed=\K\d+' "$work/nmt.txt")
heap_max=$(grep -oP '^-\s+Java Heap \(reserved=\K\d+' "$work/nmt.txt")
grep -E '^-\s+(Java Heap|Class|Thread|Code|GC|Metaspace|Other)\b' "$work/nmt.txt" | sed 's/^/   /'
echo "   committed ${committed} MiB of ${limit_mib} MiB (heap reserved ${heap_max} MiB)"
(( committed < limit_mib )) || fail "the JVM commits ${committed} MiB, above the ${limit_mib} MiB limit"

echo "== SIGTERM drains requests in flight"
# 8 logins with unknown emails: each costs a password hash, so they are still running when SIGTERM comes, and they
# stay under the login throttles (10 per second per instance, 30 per client address).
in_flight=8
clients=()
for i in $(seq 1 "$in_flight"); do
  (code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
     -d "{\"email\":\"drain-$i@layout.invalid\",\"password\":\"wrong-password-$i\"}" \
     "http://127.0.0.1:$API_PORT/api/v1/auth/login"); echo "$code $(date +%s%N)" > "$work/drain.$i") &
  clients+=($!)
done
sleep 0.2
term_at=$(date +%s%N)
kill -TERM "$app_pid"
wait "$app_pid" && exit_code=0 || exit_code=$?
stopped_ms=$(( ($(date +%s%N) - term_at) / 1000000 ))
app_pid=""
# Only the clients: a bare `wait` would also wait for the Redis server started above, forever.
wait "${clients[@]}"
answered_after=0
for i in $(seq 1 "$in_flight"); do
  read -r code finished < "$work/drain.$i"
  [[ "$code" == 401 ]] || fail "request $i in flight at SIGTERM got $code instead of its 401"
  (( finished > term_at )) && answered_after=$((answered_after + 1))
done
grep -q "Graceful shutdown complete" "$work/app.log" || fail "no graceful shutdown in the log"
(( answered_after > 0 )) || fail "every request finished before SIGTERM: nothing was drained"
[[ "$exit_code" == 143 ]] || fail "exit code $exit_code after SIGTERM"
echo "   ${in_flight}/${in_flight} answered (401), ${answered_after} of them after SIGTERM; stopped in ${stopped_ms} ms, exit code 143"
echo "image layout check passed"
