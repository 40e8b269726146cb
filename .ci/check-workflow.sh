#!/usr/bin/env bash
# The CI workflow cannot run here, so check it as far as it can be checked offline, failing loudly:
#   1. every file in .github/workflows validates against the GitHub Actions workflow schema (SchemaStore's, bundled
#      in the npm package @action-validator/core; types, required keys, known keys, expression syntax);
#   2. ci.yml runs on push and on pull_request and its job runs exactly `bash .ci/run`, so CI stays what this
#      repository calls CI;
#   3. renovate.json is valid JSON (its options are validated by Renovate itself on every run; a schema-level check
#      here would need the whole Renovate package).
set -euo pipefail
cd "$(dirname "$0")/.."

# PyYAML for the structure check (Debian's python3-yaml when missing, as in check-ops.sh).
if ! python3 -c 'import yaml' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null
  export PATH="/usr/bin:$PATH"
fi

npm ci --prefix .ci/workflow-schema --no-audit --no-fund --loglevel=error
for workflow in .github/workflows/*.yml .github/workflows/*.yaml; do
  [[ -e "$workflow" ]] || continue
  echo "== schema: $workflow"
  .ci/workflow-schema/node_modules/.bin/action-validator "$workflow"
done

python3 - <<'PY'
import json
import sys

import yaml

with open(".github/workflows/ci.yml", encoding="utf-8") as source:
    workflow = yaml.safe_load(source)
# PyYAML reads the key `on` as the boolean True (YAML 1.1).
triggers = workflow.get("on", workflow.get(True))
triggers = [triggers] if isinstance(triggers, str) else list(triggers or [])
problems = [f"ci.yml does not run on {event}" for event in ("push", "pull_request") if event not in triggers]
runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
if not any(run.strip().endswith("bash .ci/run") for run in runs):
    problems.append("no step of ci.yml runs `bash .ci/run`")
try:
    with open("renovate.json", encoding="utf-8") as source:
        json.load(source)
except ValueError as error:
    problems.append(f"renovate.json is not valid JSON: {error}")
if problems:
    print("Workflow check failed:", *problems, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print("Workflow check: ci.yml runs bash .ci/run on push and pull_request; renovate.json parses")
PY
