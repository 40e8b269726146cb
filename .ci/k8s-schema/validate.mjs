// Validates a stream of rendered Kubernetes manifests (stdin, multi-document YAML) against the JSON schemas of
// the Kubernetes API (kubernetes-models) and of the Prometheus Operator CRDs. Unknown kinds fail: nothing is
// waved through unchecked. Exit code 1 on the first invalid document set, with every error listed.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const customResources = {
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

const input = readFileSync(0, "utf8");
const documents = parseAllDocuments(input).map((doc) => doc.toJS()).filter((doc) => doc);
let failures = 0;
for (const manifest of documents) {
  const { apiVersion, kind } = manifest;
  const name = `${kind}/${manifest.metadata?.name} (${apiVersion})`;
  const module = customResources[apiVersion] ?? `kubernetes-models/${apiVersion}`;
  let Model;
  try {
    Model = (await import(module))[kind];
  } catch (error) {
    Model = undefined;
  }
  if (!Model) {
    console.error(`FAIL ${name}: no schema for this apiVersion and kind`);
    failures++;
    continue;
  }
  try {
    new Model(manifest).validate();
    console.log(`ok   ${name}`);
  } catch (error) {
    console.error(`FAIL ${name}: ${error.message}`);
    failures++;
  }
}
if (documents.length === 0) {
  console.error("FAIL: no manifests on stdin");
  process.exit(1);
}
console.log(`${documents.length - failures} valid, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
