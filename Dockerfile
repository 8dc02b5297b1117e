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
# Sane defaults for a small container (the local stack's sizing, see README "JVM sizing"): the serial
# collector (no GC threads competing for one or two cores), the heap as a share of the container's
# memory, a smaller code cache and thread stacks; 64 request threads. Override with JAVA_TOOL_OPTIONS
# and SERVER_TOMCAT_THREADS_MAX.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:ReservedCodeCacheSize=64m -Xss512k" \
    SERVER_TOMCAT_THREADS_MAX=64
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
