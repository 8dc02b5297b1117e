# Builds one service of this repository: docker build --build-arg SERVICE=intake-service .
# (docker-compose.yml builds the three.)
FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl ${SERVICE} -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 cdap
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*.jar /app/service.jar
USER cdap
# The heap as a share of the container's memory; override or add JVM options with JAVA_TOOL_OPTIONS.
# (Smaller heaps and the serial collector everywhere were measured on the local stack: less memory,
# half the throughput; see README "JVM sizing, measured".)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
