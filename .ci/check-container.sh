#!/usr/bin/env bash
# The real Dockerfile, compose stack and Kubernetes pods, run with Podman (no Docker engine on CI machines, and no
# registry image can be pulled): installs Podman, runc, debootstrap and podman-compose from Debian, makes local
# stand-ins for the base images once per machine (.ci/container/, rebuilt when their recipe changes), builds the
# Dockerfile with only JDK_IMAGE/JRE_IMAGE swapped, then
#   1. reports the image's size and layers,
#   2. runs it as production does (read-only root, uid 10001, 1 GiB limit, prod profile, real PostgreSQL and Redis),
#   3. brings docker-compose.yml up with podman-compose, scales it behind nginx and injects Redis/PostgreSQL faults,
#   4. plays the dev overlay of k8s/ with `podman kube play` under its own securityContext and probes.
# Fails loudly on the first failed check; leaves no container, pod, volume or network of its own behind.
# Host ports used: 22180-22199 only (PostgreSQL/Redis stand-ins are never published on the host).
set -euo pipefail
cd "$(dirname "$0")/.."

started_at=$SECONDS
step_at=$SECONDS
step() { # $1: name of the next step; prints the duration of the previous one
  local now=$SECONDS
  [[ -n "${current_step:-}" ]] && echo "   (${current_step}: $(( now - step_at )) s)"
  current_step="$1"
  step_at=$now
  [[ -n "$1" ]] && echo "== $1"
  return 0
}
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# ---- Tools -------------------------------------------------------------------------------------------------
missing=()
for tool in podman:podman runc:runc debootstrap:debootstrap podman-compose:podman-compose \
            aardvark-dns:aardvark-dns jq:jq kubectl:kubectl curl:curl; do
  name="${tool%%:*}"
  if [[ "$name" == aardvark-dns ]]; then
    [[ -x /usr/lib/podman/aardvark-dns ]] || missing+=("${tool#*:}")
  else
    command -v "$name" >/dev/null 2>&1 || missing+=("${tool#*:}")
  fi
done
if (( ${#missing[@]} > 0 )); then
  echo "Installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/check-container.XXXXXX)
# Podman settings of this machine: runc (crun fails with "cgroups in hybrid mode not supported") and rlimits at
# or below the current ones (no CAP_SYS_RESOURCE here, so Podman's defaults fail with EPERM). A file of this run,
# so that the machine's own containers.conf stays as it is.
cat > "$work/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$work/containers.conf"

# Everything this run starts is named rbci-* (podman-compose: project rbci, pods of kube play: rbci-*).
cleanup() {
  local status=$?
  set +e
  for pod in $(podman pod ps -q --filter name='^rbci' 2>/dev/null); do podman pod rm -f -t 0 "$pod" >/dev/null 2>&1; done
  for container in $(podman ps -aq --filter name='^rbci' 2>/dev/null); do podman rm -f -t 0 "$container" >/dev/null 2>&1; done
  for volume in $(podman volume ls -q --filter name='^rbci' 2>/dev/null); do podman volume rm -f "$volume" >/dev/null 2>&1; done
  for network in $(podman network ls -q --filter name='^rbci' 2>/dev/null); do podman network rm -f "$network" >/dev/null 2>&1; done
  [[ -n "${redis_pid:-}" ]] && kill "$redis_pid" 2>/dev/null
  [[ -n "${database:-}" ]] && dropdb -h 127.0.0.1 -U postgres --if-exists "$database" 2>/dev/null
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- Base images (cached per machine) ----------------------------------------------------------------------
# Each image is tagged with a hash of its recipe (and of what it is built on), so a changed recipe, JDK or parent
# makes a new image while an unchanged one is reused. Older tags of the same image are removed.
JDK_HOME="${JDK_HOME_FOR_IMAGE:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -x "$JDK_HOME/bin/java" ]] || fail "Temurin 25 JDK not found at $JDK_HOME"
DEBIAN_SUITE=bookworm
DEBIAN_MIRROR=http://deb.debian.org/debian
debootstrap_recipe="debootstrap --variant=minbase --include=ca-certificates $DEBIAN_SUITE $DEBIAN_MIRROR"

hash_of() { cat "$@" | sha256sum | cut -c1-12; }
cached_image() { # $1: repository, $2: tag (hash); true when it exists; removes other tags of that repository
  local old
  for old in $(podman images --format '{{.Repository}}:{{.Tag}}' "$1" 2>/dev/null); do
    [[ "$old" == "$1:$2" ]] || podman rmi "$old" >/dev/null 2>&1 || true
  done
  podman image exists "$1:$2"
}

step "base images (cached per machine)"
debian_tag=$(echo "$debootstrap_recipe" | sha256sum | cut -c1-12)
DEBIAN_IMAGE="localhost/rbci/debian:$debian_tag"
if ! cached_image localhost/rbci/debian "$debian_tag"; then
  echo "   $debootstrap_recipe"
  rootfs="$work/rootfs"
  debootstrap --variant=minbase --include=ca-certificates "$DEBIAN_SUITE" "$rootfs" "$DEBIAN_MIRROR" \
    > "$work/debootstrap.log" 2>&1 || { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
  tar --numeric-owner -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$rootfs"
fi
echo "   $DEBIAN_IMAGE ($(podman image inspect -f '{{.Size}}' "$DEBIAN_IMAGE" | numfmt --to=iec))"

build_base() { # $1: repository, $2: tag, then podman build arguments
  local repository=$1 tag=$2
  shift 2
  if ! cached_image "$repository" "$tag"; then
    podman build -q --layers=false -t "$repository:$tag" "$@" > "$work/build-base.log" 2>&1 \
      || { tail -n 30 "$work/build-base.log" >&2; fail "building $repository failed"; }
  fi
  echo "   $repository:$tag ($(podman image inspect -f '{{.Size}}' "$repository:$tag" | numfmt --to=iec))"
}
# The JDK's cacerts is a link to the machine's Java trust store (Debian's ca-certificates-java): the image gets a
# copy of the file, which the build stage needs for Maven Central over HTTPS.
cacerts=$(readlink -f "$JDK_HOME/lib/security/cacerts")
jdk_tag=$(echo "$debian_tag" | cat - .ci/container/jdk.Containerfile "$JDK_HOME/release" "$cacerts" \
  | sha256sum | cut -c1-12)
JDK_IMAGE="localhost/rbci/temurin-jdk:$jdk_tag"
if ! podman image exists "$JDK_IMAGE"; then
  cp -a "$JDK_HOME" "$work/jdk"
  cp --remove-destination "$cacerts" "$work/jdk/lib/security/cacerts"
fi
build_base localhost/rbci/temurin-jdk "$jdk_tag" --build-arg BASE_IMAGE="$DEBIAN_IMAGE" \
  -f "$PWD/.ci/container/jdk.Containerfile" "$work/jdk"
rm -rf "$work/jdk"
jre_tag=$(echo "$jdk_tag" | cat - .ci/container/jre.Containerfile | sha256sum | cut -c1-12)
JRE_IMAGE="localhost/rbci/temurin-jre:$jre_tag"
build_base localhost/rbci/temurin-jre "$jre_tag" --build-arg BASE_IMAGE="$DEBIAN_IMAGE" \
  --build-arg JDK_IMAGE="$JDK_IMAGE" -f .ci/container/jre.Containerfile .ci/container
# Stand-ins for the images compose and the dev overlay name, tagged with those names so that both files run
# unchanged (Podman then finds them locally and pulls nothing). The label tells them apart from the real ones.
for service in postgres redis nginx; do
  name=$(grep -oP "^\s+image: \K${service}:\S+" docker-compose.yml | head -n 1)
  [[ -n "$name" ]] || fail "docker-compose.yml names no $service image"
  tag=$(echo "$debian_tag" | cat - .ci/container/$service/* | sha256sum | cut -c1-12)
  reference="docker.io/library/$name"
  if [[ "$(podman image inspect -f '{{index .Labels "rbci.recipe"}}' "$reference" 2>/dev/null)" != "$tag" ]]; then
    podman build -q --layers=false --label rbci.recipe="$tag" --build-arg BASE_IMAGE="$DEBIAN_IMAGE" \
      -t "$reference" .ci/container/$service > "$work/build-base.log" 2>&1 \
      || { tail -n 30 "$work/build-base.log" >&2; fail "building the $service stand-in failed"; }
  fi
  echo "   $reference: stand-in $tag ($(podman image inspect -f '{{.Size}}' "$reference" | numfmt --to=iec))"
done
podman image prune -f >/dev/null

# ---- 1. The real Dockerfile --------------------------------------------------------------------------------
APP_IMAGE=$(grep -oP '^\s+image: \K\S*reference-backend\S*' docker-compose.yml | head -n 1)
APP_IMAGE="${APP_IMAGE//\$\{APP_VERSION:-/}"
APP_IMAGE="${APP_IMAGE%\}}"
step "podman build of the Dockerfile (only JDK_IMAGE and JRE_IMAGE swapped) -> $APP_IMAGE"
podman build --build-arg JDK_IMAGE="$JDK_IMAGE" --build-arg JRE_IMAGE="$JRE_IMAGE" -t "$APP_IMAGE" . \
  > "$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; fail "podman build of the Dockerfile failed"; }
grep -E 'AOT cache written' "$work/build.log" | sed 's/^/   /'
podman image prune -f >/dev/null
