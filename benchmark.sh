#!/usr/bin/env bash
# Measures the floor (raw Kafka, raw store) and the whole pipeline on this machine; prints a table and
# writes results/<time>/{results.json,results.md,latency-vs-throughput.png}. Not part of the tests.
#   ./benchmark.sh                          full ramp (about 10 minutes)
#   ./benchmark.sh -Drates=100,400 -DstageSeconds=10 -Dquick=true
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests install
fi
exec java -Xmx1g -Djava.awt.headless=true -Dlogback.configurationFile=local-stack-logback.xml "$@" \
  -jar benchmark/target/benchmark.jar "$PWD"
