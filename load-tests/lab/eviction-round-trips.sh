#!/usr/bin/env bash
# Redis round trips of one write: the commands a private redis-server sees (MONITOR) while one rename
# (PATCH /users/{id}) is served, three times per jar, cache on, profile prod. A rename evicts the user, its token
# subject and the first page of posts; Lua scripts show as one EVAL/EVALSHA (the commands they run inside follow).
#
#   JARS="before=/tmp/old.jar after=target/reference-backend-0.1.0-SNAPSHOT.jar" load-tests/lab/eviction-round-trips.sh
#
# Settings: JARS ("label=path ...", default the jar in target/), REDIS_PORT (16391), ports 20390-20399.
set -euo pipefail
cd "$(dirname "$0")/../.."
source load-tests/lab/lib/app.sh
require_tools jq curl psql createdb
JARS=${JARS:-current=$(built_jar)}
RP=${REDIS_PORT:-16391}
redis-server --port $RP --bind 127.0.0.1 --save "" --appendonly no > /tmp/eviction-redis.log 2>&1 &
RPID=$!
trap 'kill $RPID 2> /dev/null; stop_apps' EXIT
sleep 0.5
n=0
for entry in $JARS; do
  label=${entry%%=*} jar=${entry#*=} port=$((20390 + 2 * n)); n=$((n + 1))
  ensure_db "evict_$label"
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/evict_$label" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=trust-auth-ignores-this \
  APP_JWT_SECRET="$BENCH_JWT_SECRET" APP_BOOTSTRAP_ADMIN_EMAIL="$BENCH_ADMIN_EMAIL" APP_BOOTSTRAP_ADMIN_PASSWORD="$BENCH_ADMIN_PASSWORD" \
  SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$RP APP_REDIS_KEY_PREFIX="evict-$label:" MANAGEMENT_PORT=$((port + 1)) \
    java -jar "$jar" --spring.profiles.active=prod --server.port=$port > /tmp/eviction-$label.log 2>&1 &
  APP_PIDS+=($!)
  APP_LOGS[$!]=/tmp/eviction-$label.log
  wait_ready $port
  base=http://127.0.0.1:$port/api/v1
  token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$BENCH_ADMIN_EMAIL\",\"password\":\"$BENCH_ADMIN_PASSWORD\"}" $base/auth/login | jq -r .accessToken)
  for i in 1 2 3; do
    me=$(curl -fs -H "Authorization: Bearer $token" $base/users/me)
    id=$(jq -r .id <<< "$me"); version=$(jq -r .version <<< "$me")
    curl -fs -o /dev/null -H "Authorization: Bearer $token" $base/users/me   # warm: token subject and user cached
    redis-cli -p $RP monitor > /tmp/eviction-monitor-$label-$i.txt & MPID=$!
    sleep 0.3
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PATCH -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"displayName\":\"Renamed $i\",\"version\":$version}" $base/users/$id)
    sleep 0.3; kill $MPID
    total=$(grep -c '"' /tmp/eviction-monitor-$label-$i.txt || true)
    evicts=$(grep -ci 'eval' /tmp/eviction-monitor-$label-$i.txt || true)
    echo "$label rename $i: HTTP $code, Redis commands seen $total, of them scripts (EVAL/EVALSHA) $evicts"
  done
done
