# Gridwatch in a container. Not built on the development machines (they have no Docker engine): kept minimal and
# conventional. Build: docker build -t gridwatch .   Run: see packaging/docker/compose.yaml.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src src
COPY packaging packaging
COPY gridwatch README.md ./
COPY docs docs
RUN ./mvnw -q -B -DskipTests -Djdeb.skip=true package

FROM eclipse-temurin:21-jre
# ping for ICMP sentinels without CAP_NET_RAW; curl for the health check
RUN apt-get update && apt-get install -y --no-install-recommends iputils-ping curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /var/lib/gridwatch --shell /usr/sbin/nologin gridwatch \
    && mkdir -p /etc/gridwatch /var/lib/gridwatch && chown gridwatch:gridwatch /etc/gridwatch /var/lib/gridwatch
COPY --from=build /src/target/gridwatch.jar /usr/share/gridwatch/gridwatch.jar
COPY --from=build /src/gridwatch /usr/share/gridwatch/gridwatch
RUN ln -s ../share/gridwatch/gridwatch /usr/bin/gridwatch
USER gridwatch
WORKDIR /var/lib/gridwatch
VOLUME ["/etc/gridwatch", "/var/lib/gridwatch"]
EXPOSE 3493 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/usr/bin/gridwatch"]
CMD ["server", "--config", "/etc/gridwatch/gridwatch.yaml"]
