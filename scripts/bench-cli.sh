#!/usr/bin/env bash
# Where ./agenthub's time goes, on this machine, warm build:
#   scripts/bench-cli.sh [runs]     (default 3 runs of each variant)
# For `run research-brief` (embedded Temporal server, simulated LLM) it prints each phase the
# program reports (AGENTHUB_TIMINGS=1) and the wall and CPU time of the whole command, in three
# variants: as the launcher ran it before (C2 compiler, no class-data archive), C1 only, and C1
# with the archive (the default), with each variant's mean. Then the time from "Run succeeded." to
# the process's exit, and `dev` started on spare ports: its time to the banner and its stop on
# SIGTERM. The load average is printed too: on a shared machine the wall times follow it, the CPU
# times much less. It uses the `java` on the PATH; put another JDK first to measure that one
# (JDK 25 and newer get an AOT cache instead of an AppCDS archive).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
export AGENTHUB_PIPELINES_DIR="$ROOT/pipelines"
cd "$ROOT"

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
mean() { printf '%s\n' "$@" | awk '{ sum += $1 } END { printf "%.2f", sum / NR }'; }

./agenthub --version >/dev/null   # builds when sources changed
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -1)"

# Variants: as the launcher ran before (C2, no archive), C1 only, C1 and the class-data archive.
for variant in before c1 c1+cds; do
  case "$variant" in
    before) cds=off; opts="-XX:TieredStopAtLevel=4" ;;
    c1) cds=off; opts="" ;;
    *) cds=on; opts="" ;;
  esac
  walls=()
  cpus=()
  for i in $(seq "$RUNS"); do
    log="$(mktemp)"
    times="$(mktemp)"
    start="$(now)"
    AGENTHUB_CDS="$cds" AGENTHUB_JAVA_OPTS="$opts" AGENTHUB_TIMINGS=1 \
      /usr/bin/time -f "%U %S" -o "$times" \
      ./agenthub run research-brief --input '{"topic": "durable execution"}' >"$log" 2>&1
    end="$(now)"
    echo "--- run research-brief, $variant, #$i"
    grep '^timing ' "$log" | sed 's/^timing /  /'
    read -r user sys <"$times"
    echo "  total: $(seconds "$start" "$end") s wall, ${user} s user + ${sys} s sys CPU"
    walls+=("$(seconds "$start" "$end")")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    rm -f "$log" "$times"
  done
  echo "=== $variant: mean $(mean "${walls[@]}") s wall, $(mean "${cpus[@]}") s CPU over $RUNS runs"
done

# Run end to process exit: the time between the line "Run succeeded." and the exit.
exit_log="$(mktemp)"
./agenthub run research-brief --input '{"topic": "exit"}' > >(while IFS= read -r line; do
  [ "$line" = "Run succeeded." ] && now >"$exit_log"
done) 2>/dev/null
done_at="$(now)"
sleep 0.2
echo "--- run end to exit: $(seconds "$(cat "$exit_log")" "$done_at") s"
rm -f "$exit_log"

# dev: ready (banner printed) and stopped (SIGTERM to exit), on spare ports.
log="$(mktemp)"
start="$(now)"
AGENTHUB_PORT=18480 AGENTHUB_ADMIN_PORT=18481 TEMPORAL_ADDRESS=127.0.0.1:17233 \
  ./agenthub dev config/api.yml >"$log" 2>&1 &
pid=$!
until grep -q "Try: curl" "$log" || ! kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
ready="$(now)"
kill -TERM "$pid"
wait "$pid" || true
stopped="$(now)"
echo "--- dev: ready in $(seconds "$start" "$ready") s, stopped $(seconds "$ready" "$stopped") s after SIGTERM"
rm -f "$log"
