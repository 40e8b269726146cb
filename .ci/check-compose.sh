#!/usr/bin/env bash
# docker-compose.yml with the example environment: it renders for every profile, publishes ports on 127.0.0.1
# only, gives every long-running service a health check, mounts files that exist, and keeps .env out of git.
# Needs no Docker engine (docker-compose v1 `config` only parses).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "Installing docker-compose (Debian package; used for 'config' only)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi

rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
docker-compose --env-file .env.example --profile observability --profile scale config > "$rendered"

python3 - "$rendered" <<'PY'
import os, sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
services = config["services"]
problems = []
expected = {"app", "app-2", "postgres", "redis", "nginx", "prometheus", "grafana", "jaeger"}
if set(services) != expected:
    problems.append(f"services {sorted(services)} != {sorted(expected)}")
# Jaeger's image has no shell or HTTP client to run a check with; nothing depends on it being healthy.
without_check = {"jaeger"}
for name, service in services.items():
    for port in service.get("ports", []):
        host_ip = port.get("host_ip") if isinstance(port, dict) else str(port).split(":")[0]
        if host_ip != "127.0.0.1":
            problems.append(f"{name}: port {port} is not bound to 127.0.0.1")
    if name not in without_check and "healthcheck" not in service:
        problems.append(f"{name}: no healthcheck")
    if "restart" not in service:
        problems.append(f"{name}: no restart policy")
    for dep, condition in (service.get("depends_on") or {}).items():
        if condition.get("condition") != "service_healthy":
            problems.append(f"{name}: depends on {dep} without condition service_healthy")
    for volume in service.get("volumes", []):
        source = volume.get("source") if isinstance(volume, dict) else str(volume).split(":")[0]
        if source.startswith("/") and not os.path.exists(source):
            problems.append(f"{name}: mounted file {source} does not exist")
# Without a profile only the core stack starts.
profiles = {name: set(service.get("profiles", [])) for name, service in services.items()}
if profiles != {"app": set(), "postgres": set(), "redis": set(), "app-2": {"scale"}, "nginx": {"scale"},
                "prometheus": {"observability"}, "grafana": {"observability"}, "jaeger": {"observability"}}:
    problems.append(f"profiles are {profiles}")
for name in ("app", "app-2"):
    environment = services[name]["environment"]
    if environment.get("SPRING_PROFILES_ACTIVE") != "prod":
        problems.append(f"{name}: not the prod profile")
    for secret in ("APP_JWT_SECRET", "SPRING_DATASOURCE_PASSWORD", "APP_BOOTSTRAP_ADMIN_PASSWORD"):
        if not str(environment.get(secret, "")).startswith("REPLACE_ME"):
            problems.append(f"{name}: {secret} does not come from .env")
if problems:
    print("FAIL docker-compose.yml:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"docker-compose.yml: {len(services)} services render with .env.example; ports on 127.0.0.1, health checks, "
      "depends_on service_healthy, secrets from .env")
PY

# The provisioned dashboard and the Prometheus configuration parse.
jq -e '.panels | length > 0' compose/grafana/dashboards/*.json >/dev/null
python3 -c 'import sys, yaml; [yaml.safe_load(open(f)) for f in sys.argv[1:]]' compose/prometheus/prometheus.yml \
  compose/grafana/provisioning/*/*.yml

# The app's 503 (database down, Retry-After) must reach the client: as an upstream failure it took every replica
# out of the rotation and nginx answered 502 "no live upstreams" until 10 s after recovery (the chaos soak).
if grep -E '^\s*proxy_next_upstream\b.*\bhttp_503\b' compose/nginx/nginx.conf >/dev/null; then
  echo "FAIL: compose/nginx/nginx.conf retries or fails over on http_503; pass the app's 503 on" >&2
  exit 1
fi

git check-ignore -q .env || { echo "FAIL: .env is not ignored by git" >&2; exit 1; }
echo "compose check passed"
