#!/usr/bin/env bash
# Throughput of the platform against hand-written Temporal code (README, "Throughput"):
#   scripts/bench-throughput.sh [--server=embedded|temporal-cli] [--temporal=host:port]
#       [--scenarios=closed:5,open:50] [--runs=200] [--rounds=3] [--warmup=1000|200] [--poll-runs=5]
#       [--variants=hand,observed,sdk,api] [--profile=false]
# Builds the system tests' classes offline, then runs dev.agenthub.bench.ThroughputBenchmark in one
# JVM with dev (API, worker, and the embedded server unless told otherwise). Extra JVM options (a
# flight recording, say) come from BENCH_JAVA_OPTS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -q -o -B -pl system-tests -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test \
  -Dspotless.check.skip=true -Denforcer.skip=true >&2
classes=""
for module in contracts telemetry worker api devkit examples/agents/java system-tests; do
  classes="$classes:$module/target/classes:$module/target/test-classes"
done
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} -cp "${classes#:}:$(cat system-tests/target/bench.cp)" \
  dev.agenthub.bench.ThroughputBenchmark "$@"
