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
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
