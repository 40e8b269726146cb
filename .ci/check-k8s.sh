#!/usr/bin/env bash
# Kubernetes manifests, without a cluster: both overlays render with kustomize, every object validates against
# the Kubernetes (and Prometheus Operator) JSON schemas, and the manifests keep the rules the README promises
# (Pod Security "restricted", probes on the API port, memory that fits the JVM, shutdown timing, NetworkPolicy,
# image name). That they bind to the application's real properties and that the probe paths answer 200 is tested
# by DeploymentManifestsIT in ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v kubectl >/dev/null 2>&1; then
  echo "Installing kubectl (Debian package; kustomize works offline)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl >/dev/null
fi
if [[ ! -d .ci/k8s-schema/node_modules ]]; then
  (cd .ci/k8s-schema && npm ci --no-audit --no-fund --loglevel=error)
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for overlay in dev prod; do
  kubectl kustomize "k8s/overlays/$overlay" > "$out/$overlay.yaml"
  echo "== schema: k8s/overlays/$overlay"
  node .ci/k8s-schema/validate.mjs < "$out/$overlay.yaml"
done

python3 - "$out" <<'PY'
import re, sys, yaml
from pathlib import Path

out = Path(sys.argv[1])
props = {}
for line in Path("src/main/resources/application.properties").read_text().splitlines():
    if "=" in line and not line.startswith("#"):
        key, value = line.split("=", 1)
        props[key.strip()] = value.strip()
dockerfile = Path("Dockerfile").read_text()
compose = yaml.safe_load(Path("docker-compose.yml").read_text())

def seconds(value):
    match = re.fullmatch(r"(\d+)(ms|s)", value)
    return int(match.group(1)) / (1000 if match.group(2) == "ms" else 1)

def mebibytes(quantity):
    units = {"Mi": 1, "Gi": 1024}
    return int(quantity[:-2]) * units[quantity[-2:]]

shutdown_phase = seconds(props["spring.lifecycle.timeout-per-shutdown-phase"])
db_check_timeout = int(props["spring.datasource.hikari.connection-timeout"]) / 1000
ram_percentage = float(re.search(r"-XX:MaxRAMPercentage=(\d+)", dockerfile).group(1))
image_repository = compose["x-app"]["image"].split(":")[0]
problems = []

for overlay in ("dev", "prod"):
    docs = [d for d in yaml.safe_load_all((out / f"{overlay}.yaml").read_text()) if d]
    by_kind = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], []).append(doc)
    where = f"overlays/{overlay}"

    namespaces = by_kind.get("Namespace", [])
    if len(namespaces) != 1 or namespaces[0]["metadata"]["labels"].get("pod-security.kubernetes.io/enforce") != "restricted":
        problems.append(f"{where}: the namespace must enforce Pod Security 'restricted'")
    if by_kind.get("Secret"):
        problems.append(f"{where}: a Secret is rendered; secrets are created out of band")

    # Pod Security "restricted" for every workload, since the namespace enforces it.
    for workload in by_kind.get("Deployment", []) + by_kind.get("StatefulSet", []):
        name = f"{where} {workload['kind']}/{workload['metadata']['name']}"
        pod = workload["spec"]["template"]["spec"]
        pod_sc = pod.get("securityContext", {})
        if not pod_sc.get("runAsNonRoot") or pod_sc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            problems.append(f"{name}: pod must set runAsNonRoot and seccomp RuntimeDefault")
        if pod.get("automountServiceAccountToken") is not False:
            problems.append(f"{name}: must not mount a service account token")
        for container in pod["containers"]:
            sc = container.get("securityContext", {})
            if sc.get("allowPrivilegeEscalation") is not False or sc.get("capabilities", {}).get("drop") != ["ALL"] \
                    or not sc.get("readOnlyRootFilesystem"):
                problems.append(f"{name}/{container['name']}: needs allowPrivilegeEscalation false, drop ALL, read-only root")
            resources = container.get("resources", {})
            if "memory" not in resources.get("limits", {}):
                problems.append(f"{name}/{container['name']}: no memory limit")
            if ":" not in container["image"] or container["image"].endswith(":latest"):
                problems.append(f"{name}/{container['name']}: image {container['image']} is not pinned to a tag")

    app = next(d for d in by_kind["Deployment"] if d["metadata"]["name"] == "reference-backend")
    pod = app["spec"]["template"]["spec"]
    container = next(c for c in pod["containers"] if c["name"] == "app")
    if container["image"].rsplit(":", 1)[0] != image_repository:
        problems.append(f"{where}: image {container['image']} is not the one docker-compose builds ({image_repository})")
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        get = container[probe]["httpGet"]
        if get["port"] != "http" or get["path"] not in ("/livez", "/readyz"):
            problems.append(f"{where}: {probe} must use /livez or /readyz on the API port")
    if container["readinessProbe"].get("timeoutSeconds", 1) <= db_check_timeout:
        problems.append(f"{where}: readiness timeout must exceed the database check's {db_check_timeout}s")
    limit = mebibytes(container["resources"]["limits"]["memory"])
    if mebibytes(container["resources"]["requests"]["memory"]) != limit:
        problems.append(f"{where}: app memory request must equal its limit")
    heap = limit * ram_percentage / 100
    if limit - heap < 300:
        problems.append(f"{where}: {limit}Mi leaves {limit - heap:.0f}Mi beside a {heap:.0f}Mi heap; the JVM needs ~300Mi")
    pre_stop = int(container["lifecycle"]["preStop"]["exec"]["command"][-1])
    if pod["terminationGracePeriodSeconds"] < pre_stop + shutdown_phase + 5:
        problems.append(f"{where}: terminationGracePeriodSeconds < preStop {pre_stop}s + shutdown {shutdown_phase}s + 5s")
    if not pod.get("topologySpreadConstraints"):
        problems.append(f"{where}: no topology spread")
    config_maps = [c["configMapRef"]["name"] for c in container["envFrom"] if "configMapRef" in c]
    generated = [c["metadata"]["name"] for c in by_kind["ConfigMap"]]
    if config_maps != generated or not re.fullmatch(r"reference-backend-[a-z0-9]{10}", generated[0]):
        problems.append(f"{where}: the Deployment must use the generated (hashed) ConfigMap")

    services = [s for s in by_kind["Service"] if s["metadata"]["name"] == "reference-backend"]
    if [p["targetPort"] for p in services[0]["spec"]["ports"]] != ["http"]:
        problems.append(f"{where}: the Service must expose the API port only")

    policy = next(p for p in by_kind["NetworkPolicy"] if p["metadata"]["name"] == "reference-backend")
    ingress_ports = sorted(p["port"] for rule in policy["spec"]["ingress"] for p in rule["ports"])
    if ingress_ports != ["http", "management"]:
        problems.append(f"{where}: NetworkPolicy ingress must admit http and management only")
    for rule in policy["spec"]["egress"]:
        if not rule.get("to"):
            problems.append(f"{where}: NetworkPolicy egress rule {rule['ports']} allows any destination")
    for kind in ("HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceAccount", "Ingress"):
        if not by_kind.get(kind):
            problems.append(f"{where}: no {kind}")
    if overlay == "prod" and not by_kind.get("PodMonitor"):
        problems.append(f"{where}: no PodMonitor")
    if overlay == "dev" and {s["metadata"]["name"] for s in by_kind["Service"]} < {"postgres", "redis"}:
        problems.append(f"{where}: PostgreSQL and Redis Services missing")

if problems:
    print("FAIL k8s policy:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print("k8s policy: restricted pods, probes on the API port, memory fits the JVM, shutdown timing, "
      "NetworkPolicy, hashed ConfigMap, image name: ok for dev and prod")
PY
echo "k8s check passed"
