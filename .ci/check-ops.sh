#!/usr/bin/env bash
# Operations checks after the main build: the tests on the image's Java 25, the Kubernetes manifests, the compose
# file and the Dockerfile's stages performed outside Docker. Each fails loudly; see the scripts for what they check.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the checks use (kubectl: kustomize offline; docker-compose v1: `config` only, no engine).
missing=()
for tool in jq:jq kubectl:kubectl docker-compose:docker-compose setpriv:util-linux; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if (( ${#missing[@]} > 0 )); then
  echo "Installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The checks parse YAML with PyYAML; fall back to Debian's python3 with python3-yaml.
if ! python3 -c 'import yaml' 2>/dev/null; then
  apt-get install -y -qq python3-yaml >/dev/null
  export PATH="/usr/bin:$PATH"
fi
for check in test-jdk25 check-k8s check-compose check-image-layout; do
  echo "=== .ci/$check.sh"
  bash ".ci/$check.sh"
done
