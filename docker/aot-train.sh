#!/bin/sh
# AOT cache training run (JDK 25: JEP 483/514/515), as Spring Boot documents it for the extracted jar: start the
# application up to the refreshed context (-Dspring.context.exit=onRefresh) and write the classes it loaded and
# linked, and their method profiles, to app.aot. Started with -XX:AOTCache=app.aot, the JVM then skips that work.
#
# Used by the Dockerfile (in the runtime image, because the cache only fits the JVM that wrote it) and by
# .ci/check-image-layout.sh, so both train the same way. Run it in the directory that holds app.jar.
#
# The run creates every bean but connects nowhere: throw-away settings that pass the prod checks, Flyway and
# schema validation off, no JDBC metadata lookups (Hikari connects lazily; runners and schedulers never start),
# PostgreSQL and Redis pointed at port 1, where nothing listens (so a bean that connects eagerly fails here, in CI,
# not only in an image build).
set -eu
JAVA="${JAVA:-java}"

APP_JWT_SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" \
SPRING_PROFILES_ACTIVE=prod \
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:1/training \
SPRING_DATASOURCE_USERNAME=training \
SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=1 \
SPRING_DATASOURCE_PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -d '\n')" \
SPRING_FLYWAY_ENABLED=false \
SPRING_JPA_HIBERNATE_DDL_AUTO=none \
SPRING_JPA_PROPERTIES_HIBERNATE_BOOT_ALLOW_JDBC_METADATA_ACCESS=false \
SPRING_JPA_DATABASE_PLATFORM=org.hibernate.dialect.PostgreSQLDialect \
PORT=0 MANAGEMENT_PORT=0 \
  "$JAVA" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar

test -s app.aot
echo "AOT cache written: $(du -h app.aot | cut -f1)"
