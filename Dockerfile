# syntax=docker/dockerfile:1
# Multi-stage build: the JDK and Maven stay in the build stage; the runtime image has only a JRE, the app in
# Spring Boot's layers and an AOT cache trained on it. CI builds this file with Podman on every run, with only
# JDK_IMAGE and JRE_IMAGE swapped for local stand-ins (no registry is reachable there), and runs the image as
# production does (.ci/check-container.sh, docs/deployment-containers.md). `.ci/check-image-layout.sh` performs
# the same steps outside any container engine (with Native Memory Tracking).
#
# Base images pinned by tag AND digest: the tag says what it is, the digest makes it immutable (a re-pushed tag
# cannot change the build). Digests of the multi-arch indexes as published by the Docker official images
# (docker-library/repo-info, repos/eclipse-temurin/remote/25.0.4_7-{jdk,jre}-noble.md). To bump: change both
# tag and digest together (`docker buildx imagetools inspect eclipse-temurin:<tag>` prints the digest).
ARG JDK_IMAGE=eclipse-temurin:25.0.4_7-jdk-noble@sha256:264fafc3390db78c93dc51da0109a0d66ad1fb59f7a893f12b7e3df1f15e52da
ARG JRE_IMAGE=eclipse-temurin:25.0.4_7-jre-noble@sha256:d120abd9d8d7dec94520ce974ece62d0e4eed8576eb00bbc84e6128307ab48ef

# ---- Build -------------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /workspace

# Build files first: the dependency layer below is rebuilt only when pom.xml or the wrapper changes,
# not on every source edit.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline

COPY src/ src/
# Tests run in CI (on Java 17 and on this Java 25), not in the image build.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package \
 && cp target/reference-backend-*.jar app.jar

# Split the jar into layers (dependencies, loader, snapshots, application) so that a code change ships a small
# application layer instead of ~90 MB of libraries. Without --launcher the result starts with `java -jar app.jar`,
# the form the AOT cache needs.
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# ---- Runtime -----------------------------------------------------------------------------------------------
FROM ${JRE_IMAGE}

# Fixed non-root uid so Kubernetes can enforce runAsNonRoot/runAsUser (10001 matches k8s/base/deployment.yaml).
RUN groupadd --gid 10001 app \
 && useradd --uid 10001 --gid app --no-log-init --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin app

WORKDIR /app
# Least to most frequently changed, so unchanged layers are reused from cache and registries.
# Files stay root-owned: the app user can read but not modify its own code.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

ENV SPRING_PROFILES_ACTIVE=prod
# Container JVM flags, each on purpose (read by the JVM itself, no shell needed; override per deployment):
# - MaxRAMPercentage=60: heap = 60% of the container limit (at most 616 MiB of the 1 GiB in k8s/), leaving the rest
#   for what is not heap: code cache, GC structures, thread stacks, class metadata, direct buffers. The measured
#   figures and the margin the checks require: docs/deployment.md, section "Memory".
# - UseSerialGC, chosen, not left to ergonomics (which picks by the CPUs the JVM sees, i.e. the node's when the pod
#   has no CPU limit): on 2 cores with a 512 MB heap it served 14-54% more requests/s than G1 at the same or a lower
#   p99 and less memory (load-tests/lab/results/bench-gc.md); young pauses of a heap this small take milliseconds.
#   Pods with 4+ cores and heaps of several GB: measure G1 with load-tests/lab/bench.sh (OPTS_<label>).
# - ExitOnOutOfMemoryError: a JVM that ran out of memory is not trustworthy; exit and let the orchestrator
#   restart a clean one instead of limping on.
# - java.io.tmpdir stays /tmp, the only writable path under a read-only root file system (an emptyDir in k8s).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"

# AOT cache training run with the flags above, on this runtime image's JVM and classpath (the cache fits only the
# JVM that wrote it). The script is mounted for this step only, not copied into the image; it is the same one
# that .ci/check-image-layout.sh runs outside Docker.
RUN --mount=type=bind,source=docker/aot-train.sh,target=/tmp/aot-train.sh sh /tmp/aot-train.sh

USER 10001:10001

# 8080: the API (and the /livez, /readyz probes); 9090: actuator (probes, Prometheus), for the cluster only.
EXPOSE 8080 9090

# The probes answer on the API port; compose uses a bash /dev/tcp check (the image has no curl).
# Exec form so the JVM is PID 1 and receives SIGTERM directly for graceful shutdown.
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
