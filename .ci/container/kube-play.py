#!/usr/bin/env python3
"""Splits `kubectl kustomize k8s/overlays/dev` into what `podman kube play` (Podman 4.3) can run, for
.ci/check-container.sh, and prints the kinds it leaves to the schema and policy checks (.ci/check-k8s.sh).

  kube-play.py split RENDERED.yml OUT_DIR PREFIX   writes OUT_DIR/backing.yml (PostgreSQL, Redis) and OUT_DIR/app.yml
  kube-play.py probes RENDERED.yml                 prints each container's probes as JSON lines

Changes, each because Podman needs it, none to a pod spec's containers or securityContext:
- Deployments and the StatefulSet get the PREFIX in their names (so the check can find and remove its pods); the
  StatefulSet is played as a Deployment with its volumeClaimTemplates as PersistentVolumeClaims (Podman has no
  StatefulSet; a claim becomes a named volume, owned by the pod's fsGroup, which Podman does not apply).
- The app pod gets hostAliases for "postgres" and "redis", filled in by the caller with the pods' addresses:
  Podman plays no Services, so this stands in for their DNS names.
- containerPorts are left out (Podman 4.3 would publish them on the host; see below).
- emptyDir volumes are played as new empty 0777 directories (see below).
- The Secret is not in the rendered output (it is created out of band, as in a cluster); the caller creates it as
  a Podman secret.
"""
import copy
import json
import os
import sys

import yaml

PLAYABLE = {"ConfigMap", "Deployment", "StatefulSet"}


def load(path):
    return [doc for doc in yaml.safe_load_all(open(path)) if doc]


def split(rendered, out_dir, prefix):
    docs = load(rendered)
    config_maps = [d for d in docs if d["kind"] == "ConfigMap"]
    backing, app = list(config_maps), list(config_maps)
    for doc in docs:
        if doc["kind"] == "StatefulSet":
            for claim in doc["spec"].pop("volumeClaimTemplates", []):
                claim = copy.deepcopy(claim)
                claim_name = f"{prefix}-{claim['metadata']['name']}"
                # fsGroup: the kubelet gives the volume to that group; Podman takes an owner for the volume it
                # makes from these annotations instead.
                fs_group = doc["spec"]["template"]["spec"].get("securityContext", {}).get("fsGroup")
                annotations = {"volume.podman.io/uid": str(fs_group), "volume.podman.io/gid": str(fs_group)} \
                    if fs_group is not None else {}
                backing.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                                "metadata": {"name": claim_name, "annotations": annotations}, "spec": claim["spec"]})
                doc["spec"]["template"]["spec"].setdefault("volumes", []).append(
                    {"name": claim["metadata"]["name"], "persistentVolumeClaim": {"claimName": claim_name}})
            doc = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": doc["metadata"],
                   "spec": {"replicas": 1, "selector": doc["spec"]["selector"], "template": doc["spec"]["template"]}}
        if doc["kind"] != "Deployment":
            continue
        doc["metadata"]["name"] = f"{prefix}-{doc['metadata']['name']}"
        # Podman 4.3 publishes every containerPort on the host (5432 and 6379 there belong to the machine's
        # services). In Kubernetes containerPort only documents the port: pods answer on their own address
        # either way, and the probes are run from the rendered manifests (below), which keep the ports.
        for container in doc["spec"]["template"]["spec"]["containers"]:
            container.pop("ports", None)
        # An emptyDir is a new, empty, world-writable (0777) directory in Kubernetes. Podman 4.3 fills the volume
        # it makes for one from the mount path's owner and mode, resolving /var/run on the host instead of in the
        # image (PostgreSQL's /var/run/postgresql came out owned by the host's postgres user). Played as a new
        # empty 0777 directory of this run (a hostPath), which is what the pod gets in a cluster.
        for volume in doc["spec"]["template"]["spec"].get("volumes", []):
            if "emptyDir" in volume:
                path = os.path.join(out_dir, "emptydir", f"{doc['metadata']['name']}-{volume['name']}")
                os.makedirs(path)
                os.chmod(path, 0o777)
                volume.pop("emptyDir")
                volume["hostPath"] = {"path": path, "type": "Directory"}
        doc["spec"]["replicas"] = 1
        if doc["metadata"]["name"] == f"{prefix}-reference-backend":
            doc["spec"]["template"]["spec"]["hostAliases"] = [
                {"ip": "POSTGRES_IP", "hostnames": ["postgres"]}, {"ip": "REDIS_IP", "hostnames": ["redis"]}]
            app.append(doc)
        else:
            backing.append(doc)
    for name, content in (("backing.yml", backing), ("app.yml", app)):
        with open(os.path.join(out_dir, name), "w") as out:
            yaml.safe_dump_all(content, out, sort_keys=False)
    skipped = sorted({d["kind"] for d in docs if d["kind"] not in PLAYABLE})
    print(", ".join(skipped))


def probes(rendered):
    for doc in load(rendered):
        if doc["kind"] not in ("Deployment", "StatefulSet"):
            continue
        for container in doc["spec"]["template"]["spec"]["containers"]:
            ports = {p["name"]: p["containerPort"] for p in container.get("ports", []) if "name" in p}
            for kind in ("startupProbe", "livenessProbe", "readinessProbe"):
                probe = container.get(kind)
                if not probe:
                    continue
                entry = {"workload": doc["metadata"]["name"], "container": container["name"], "probe": kind,
                         "timeout": probe.get("timeoutSeconds", 1)}
                if "httpGet" in probe:
                    port = probe["httpGet"]["port"]
                    entry["http"] = {"path": probe["httpGet"]["path"], "port": ports.get(port, port)}
                elif "exec" in probe:
                    entry["exec"] = probe["exec"]["command"]
                else:
                    sys.exit(f"FAIL: {kind} of {container['name']} is neither httpGet nor exec")
                print(json.dumps(entry))


if __name__ == "__main__":
    if sys.argv[1] == "split":
        split(*sys.argv[2:5])
    else:
        probes(sys.argv[2])
