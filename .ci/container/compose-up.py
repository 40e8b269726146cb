#!/usr/bin/env python3
"""`docker compose up -d --wait` for a rendered compose file, with Podman, for .ci/check-container.sh.

Debian's podman-compose (1.0.3) cannot run docker-compose.yml as written: it has no profiles (it would start the
observability services too), ignores `condition: service_healthy` (the app would race PostgreSQL), and turns an
exec-form health check ["CMD", "bash", "-c", ...] into `/bin/sh -c 'bash' '-c' ...`, which runs a bare bash and
always passes. `podman kube play` of a hand-written equivalent would test a copy, not the file. So the file is
rendered by a compose implementation (`docker-compose config`: interpolation, .env, anchors) and this script
starts what it says with plain `podman run`: one network (its subnet, fixed addresses) with the service names as
DNS aliases, named volumes,
ports, environment, command, memory limit, read-only root, tmpfs, stop grace period, restart policy and the
health check, starting each service once the services it depends on are healthy (Podman runs health checks
from systemd timers, absent here, so this script runs them itself with `podman healthcheck run`).

Usage: compose-up.py RENDERED.yml PROJECT PROFILE,... [SERVICE ...]   (no services: all of the profiles')
"""
import json
import re
import subprocess
import sys
import time

import yaml


def seconds(value, default):
    if value is None:
        return default
    total = 0.0
    for number, unit in re.findall(r"([0-9.]+)(ms|s|m|h)", str(value)):
        total += float(number) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return total


def podman(*args, check=True):
    result = subprocess.run(["podman", *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"FAIL: podman {' '.join(args[:3])} ...: {result.stderr.strip()}")
    return result


def run_args(project, name, service):
    container = f"{project}-{name}"
    args = ["run", "-d", "--name", container, "--network", f"{project}_default", "--network-alias", name,
            "--hostname", name]
    networks = service.get("networks") or {}
    if set(networks) - {"default"}:
        sys.exit(f"FAIL: {name}: only the default network is supported here, not {sorted(networks)}")
    address = (networks.get("default") or {}).get("ipv4_address")
    if address:
        args += ["--ip", address]
    for key, value in (service.get("environment") or {}).items():
        args += ["-e", f"{key}={'' if value is None else value}"]
    for port in service.get("ports", []):
        if isinstance(port, dict):
            port = f"{port.get('host_ip', '')}:{port['published']}:{port['target']}"
        args += ["-p", str(port).removesuffix("/tcp")]
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            volume = f"{volume['source']}:{volume['target']}" + (":ro" if volume.get("read_only") else "")
        source, rest = volume.split(":", 1)
        if not source.startswith("/"):
            source = f"{project}_{source}"
        args += ["-v", f"{source}:{rest}"]
    if "mem_limit" in service:
        args += ["--memory", str(service["mem_limit"]), "--memory-swap", str(service["mem_limit"])]
    if service.get("read_only"):
        args.append("--read-only")
    for path in service.get("tmpfs", []):
        args += ["--tmpfs", path]
    if "stop_grace_period" in service:
        args += ["--stop-timeout", str(int(seconds(service["stop_grace_period"], 10)))]
    if "restart" in service:
        args += ["--restart", service["restart"]]
    check = service.get("healthcheck")
    if check:
        test = check["test"]
        command = json.dumps(test[1:]) if test[0] == "CMD" else test[1] if test[0] == "CMD-SHELL" else test
        args += ["--health-cmd", command, "--health-interval", "disable"]
    if "entrypoint" in service:
        args += ["--entrypoint", json.dumps(service["entrypoint"])]
    args.append(service["image"])
    command = service.get("command")
    if command:
        args += command if isinstance(command, list) else ["sh", "-c", command]
    return container, args


def wait_healthy(project, name, service):
    container = f"{project}-{name}"
    check = service.get("healthcheck")
    if not check:
        return
    interval = seconds(check.get("interval"), 30)
    deadline = time.monotonic() + seconds(check.get("start_period"), 0) + interval * (check.get("retries", 3) + 1)
    while True:
        state = podman("inspect", "-f", "{{.State.Running}}", container).stdout.strip()
        if state != "true":
            logs = podman("logs", "--tail", "30", container, check=False)
            sys.exit(f"FAIL: {container} exited before it was healthy\n{logs.stdout}{logs.stderr}")
        if podman("healthcheck", "run", container, check=False).returncode == 0:
            return
        if time.monotonic() > deadline:
            logs = podman("logs", "--tail", "30", container, check=False)
            sys.exit(f"FAIL: {container} not healthy in time\n{logs.stdout}{logs.stderr}")
        time.sleep(min(interval, 2))


def main():
    rendered, project, profiles = sys.argv[1], sys.argv[2], set(filter(None, sys.argv[3].split(",")))
    config = yaml.safe_load(open(rendered))
    services = {name: service for name, service in config["services"].items()
                if not service.get("profiles") or profiles & set(service["profiles"])}
    wanted = sys.argv[4:] or list(services)
    if podman("network", "exists", f"{project}_default", check=False).returncode != 0:
        default = (config.get("networks") or {}).get("default") or {}
        ranges = []
        for entry in (default.get("ipam") or {}).get("config", []):
            ranges += ["--subnet", entry["subnet"]] + (["--ip-range", entry["ip_range"]] if "ip_range" in entry else [])
        podman("network", "create", *ranges, f"{project}_default")
    for volume in config.get("volumes") or {}:
        if podman("volume", "exists", f"{project}_{volume}", check=False).returncode != 0:
            podman("volume", "create", f"{project}_{volume}")
    started, healthy = set(), set()

    def up(name):
        if name in started:
            return
        service = services[name]
        for dependency, condition in (service.get("depends_on") or {}).items():
            up(dependency)
            if condition.get("condition") == "service_healthy" and dependency not in healthy:
                wait_healthy(project, dependency, services[dependency])
                healthy.add(dependency)
                print(f"   {project}-{dependency} healthy ({time.strftime('%H:%M:%S')})", flush=True)
        container, args = run_args(project, name, service)
        if podman("container", "exists", container, check=False).returncode != 0:
            podman(*args)
            print(f"   {container} started ({time.strftime('%H:%M:%S')})", flush=True)
        started.add(name)

    for name in wanted:
        up(name)
    for name in wanted:
        if name not in healthy:
            wait_healthy(project, name, services[name])
            healthy.add(name)
            print(f"   {project}-{name} healthy ({time.strftime('%H:%M:%S')})", flush=True)


if __name__ == "__main__":
    main()
