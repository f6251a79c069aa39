# familyhub runtime image. Not built in this repository's CI sandbox (no Docker engine there):
#   ./mvnw -B -DskipTests package && docker build -t familyhub/familyhub:0.1.0 .
# Runs as the non-root user 10001 and works with a read-only root filesystem: the Helm chart mounts
# emptyDirs at /tmp and /var/lib/familyhub (FAMILYHUB_WORK_DIR) and may mount routes/, connectors/
# and consent/ from ConfigMaps over the copies baked in here.
FROM eclipse-temurin:17-jre

ARG UID=10001
RUN groupadd --system --gid ${UID} familyhub \
 && useradd --system --uid ${UID} --gid ${UID} --home-dir /opt/familyhub --no-create-home --shell /usr/sbin/nologin familyhub \
 && mkdir -p /opt/familyhub/home /var/lib/familyhub \
 && chown ${UID}:${UID} /var/lib/familyhub

# The packaged Spring Boot jar (one match: target/familyhub-<version>.jar)
COPY target/familyhub-*.jar /opt/familyhub/familyhub.jar
# The hub's home: Camel routes, connectors, consent (read-only at run time)
COPY routes/ /opt/familyhub/home/routes/
COPY connectors/ /opt/familyhub/home/connectors/
COPY consent/ /opt/familyhub/home/consent/

ENV SPRING_PROFILES_ACTIVE=production \
    FAMILYHUB_HOME=/opt/familyhub/home \
    FAMILYHUB_WORK_DIR=/var/lib/familyhub \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
WORKDIR /opt/familyhub/home
EXPOSE 8080
ENTRYPOINT ["java","-jar","/opt/familyhub/familyhub.jar"]
