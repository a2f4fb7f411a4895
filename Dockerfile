# syntax=docker/dockerfile:1

# Build with the project's own Maven wrapper; tests run in CI, not here.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package && cp target/statelab-*.jar /src/statelab.jar

FROM eclipse-temurin:25-jre
RUN groupadd --system statelab && useradd --system --gid statelab --home-dir /app statelab \
    && mkdir -p /app /data && chown statelab:statelab /data
WORKDIR /app
COPY --from=build /src/statelab.jar /app/statelab.jar
USER statelab
VOLUME /data
# HTTP, the FTP control port and its passive data ports, the sockets lab (TCP and UDP)
EXPOSE 8080 2121 50000-50099 9999 9999/udp
ENV STATELAB_STORAGE_ROOT=/data \
    SPRING_THREADS_VIRTUAL_ENABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# bash's /dev/tcp keeps the image free of curl
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q "\"UP\"" <&3'
ENTRYPOINT ["java", "-jar", "/app/statelab.jar"]
