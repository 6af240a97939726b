# Gridwatch in a container: docker build -t gridwatch .   Run: packaging/docker/compose.yaml, or
#   docker run -d --network host --cap-add NET_RAW -v ./config:/etc/gridwatch:ro -v gridwatch-data:/var/lib/gridwatch gridwatch
# The state (auth.json, history, power state) always lives in the data volume, whatever data_dir the mounted file
# says (GRIDWATCH_DATA_DIR below wins); the config mount may be read-only. Runs as the unprivileged user gridwatch.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
# the build's plugins and libraries first, in a layer of their own (test-only artifacts are not needed)
RUN ./mvnw -q -B -Dmaven.test.skip=true -Djdeb.skip=true -Dfuzz.skip=true dependency:resolve dependency:resolve-plugins \
    || echo "prefetch incomplete: the package step fetches the rest"
COPY src src
COPY packaging packaging
COPY gridwatch README.md ./
COPY docs docs
RUN ./mvnw -q -B -Dmaven.test.skip=true -Djdeb.skip=true -Dfuzz.skip=true package

FROM eclipse-temurin:21-jre
# ping for ICMP sentinels without CAP_NET_RAW in the process; curl for the health check
RUN apt-get update && apt-get install -y --no-install-recommends iputils-ping curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /var/lib/gridwatch --shell /usr/sbin/nologin gridwatch \
    && mkdir -p /etc/gridwatch /var/lib/gridwatch /var/cache/gridwatch \
    && chown gridwatch:gridwatch /var/lib/gridwatch /var/cache/gridwatch \
    && chmod 750 /var/lib/gridwatch
COPY --from=build /src/target/gridwatch.jar /usr/share/gridwatch/gridwatch.jar
COPY --from=build /src/gridwatch /usr/share/gridwatch/gridwatch
RUN ln -s ../share/gridwatch/gridwatch /usr/bin/gridwatch
ENV GRIDWATCH_DATA_DIR=/var/lib/gridwatch
# the launcher's class-data sharing archive (faster starts), in the container, not in the data volume
ENV GRIDWATCH_CACHE_DIR=/var/cache/gridwatch
USER gridwatch
WORKDIR /var/lib/gridwatch
VOLUME ["/var/lib/gridwatch"]
EXPOSE 3493 8080
# the server writes where its /healthz answers (http.listen, wildcard as loopback) into the data folder
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD curl -fsS -k --max-time 4 "$(cat /var/lib/gridwatch/healthz.url)" > /dev/null || exit 1
ENTRYPOINT ["/usr/bin/gridwatch"]
CMD ["server", "--config", "/etc/gridwatch/gridwatch.yaml"]
