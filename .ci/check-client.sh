#!/usr/bin/env bash
# Checks what API clients rely on, against the jar that `./mvnw verify` just built, on a database of its own:
#   1. Spectral (OpenAPI + OWASP rules, clients/.spectral.yaml) over the served document: no errors allowed;
#   2. the committed TypeScript client (clients/typescript) matches the served document;
#   3. the TypeScript sources type-check;
#   4. Playwright in Debian's chromium: the example frontend (clients/web) on http://localhost:5173, a CORS
#      rejection from http://127.0.0.1:5173, and Swagger UI. Step screenshots of failed tests: target/playwright/.
# Everything it starts (service, Vite, database) is stopped and removed on exit, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."

API_PORT="${CLIENT_CHECK_PORT:-23081}"
API="http://localhost:${API_PORT}"
WORK="target/client-check"
DATABASE="client_check_$(date +%s)_$$"
ACCESS_TOKEN_TTL_SECONDS=10
# A token is refused once its lifetime plus the 30 s clock skew that AccessTokens tolerates has passed.
ACCESS_TOKEN_REFUSED_AFTER_SECONDS=$((ACCESS_TOKEN_TTL_SECONDS + 30))
ADMIN_EMAIL="ci-admin@example.com"
ADMIN_PASSWORD="ci-admin-password-$RANDOM$RANDOM"
mkdir -p "$WORK"

pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DATABASE" 2>/dev/null || true
  if [ "$status" -ne 0 ]; then
    echo "check-client FAILED (service log: $WORK/service.log, Vite log: $WORK/vite.log, screenshots: target/playwright/)" >&2
  fi
  exit "$status"
}
trap cleanup EXIT

wait_for() { # url, what
  for _ in $(seq 1 300); do # startup takes minutes on a loaded machine
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  echo "$2 did not come up at $1" >&2
  return 1
}

if ! command -v chromium >/dev/null; then
  echo "Installing Debian's chromium for the browser tests"
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
npm ci --prefix clients --no-audit --no-fund --loglevel=error

createdb -h 127.0.0.1 -U postgres "$DATABASE"
JAR=$(ls target/reference-backend-*.jar | grep -v plain | head -1)
# Short-lived access tokens, so that the browser test sees one expire and the client refresh it.
java -jar "$JAR" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DATABASE" \
  --spring.datasource.username=postgres --server.port="$API_PORT" \
  --app.jwt.access-token-ttl="${ACCESS_TOKEN_TTL_SECONDS}s" \
  --app.bootstrap-admin.email="$ADMIN_EMAIL" --app.bootstrap-admin.password="$ADMIN_PASSWORD" \
  > "$WORK/service.log" 2>&1 &
pids+=($!)
wait_for "$API/actuator/health/readiness" "The service"

echo "== Spectral (OpenAPI + OWASP) over $API/v3/api-docs"
curl -fsS "$API/v3/api-docs" -o "$WORK/openapi.json"
(cd clients && npx spectral lint "../$WORK/openapi.json" --ruleset .spectral.yaml --fail-severity=error \
  --display-only-failures --format=stylish)
echo "Spectral: no errors"

echo "== Generated client is up to date"
node clients/typescript/generate.mjs --check --url "$API/v3/api-docs"

echo "== Type check"
npm run --prefix clients --silent typecheck

echo "== Browser tests (Playwright, $(chromium --version 2>/dev/null || echo chromium))"
(cd clients && VITE_API_URL="$API" exec node node_modules/vite/bin/vite.js --config web/vite.config.ts) \
  > "$WORK/vite.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:5173/" "Vite"
API_URL="$API" API_LOG="$PWD/$WORK/service.log" ADMIN_EMAIL="$ADMIN_EMAIL" ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  ACCESS_TOKEN_REFUSED_AFTER_SECONDS="$ACCESS_TOKEN_REFUSED_AFTER_SECONDS" npm run --prefix clients --silent test:browser
