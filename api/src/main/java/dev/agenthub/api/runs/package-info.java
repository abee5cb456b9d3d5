/**
 * {@code /api/v1/runs}: the run service ({@link dev.agenthub.api.runs.RunService}, on Temporal in
 * {@link dev.agenthub.api.runs.TemporalRunService}) and its JSON representations: start with
 * idempotency and a price snapshot, list (visibility queries or a scan), describe from history and
 * the {@code progress} query (with the pending activities of running steps), approve, reject,
 * cancel, terminate, retry and rerun.
 */
package dev.agenthub.api.runs;
