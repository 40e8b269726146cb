# Multi-stage build: the JDK and Maven stay in the build stage; the runtime image has only a JRE and the app.

# ---- Build -------------------------------------------------------------------------------------------------
# Pinned tag so rebuilds are reproducible; bump it deliberately for Java patch releases.
FROM eclipse-temurin:21.0.11_10-jdk AS build
WORKDIR /workspace

# Build files first: the dependency layer below is rebuilt only when pom.xml or the wrapper changes,
# not on every source edit.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B dependency:go-offline

COPY src/ src/
# Tests run in CI, not in the image build.
RUN ./mvnw -B -DskipTests package \
 && cp target/reference-backend-*.jar app.jar

# Split the fat jar into layers so a code change ships a small application layer instead of ~80 MB of jars.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# ---- Runtime -----------------------------------------------------------------------------------------------
FROM eclipse-temurin:21.0.11_10-jre

# Fixed non-root uid so Kubernetes can enforce runAsNonRoot/runAsUser (10001 matches k8s/deployment.yaml).
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

USER 10001:10001

ENV SPRING_PROFILES_ACTIVE=prod
# Size the heap from the container memory limit, and exit on OOM so the orchestrator restarts a clean JVM
# rather than leaving a half-broken one running. JAVA_TOOL_OPTIONS is read by the JVM itself (no shell needed)
# and can be overridden per deployment.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# 8080: the API; 9090: actuator (health probes, Prometheus), for the cluster only.
EXPOSE 8080 9090

# No HEALTHCHECK: Kubernetes probes /actuator/health/{liveness,readiness} on port 9090 instead.
# Exec form so the JVM is PID 1 and receives SIGTERM directly for graceful shutdown.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
