/**
 * {@code /api/v1/schedules}: the {@code schedules:} of pipeline definitions as Temporal Schedules.
 * {@link dev.agenthub.api.schedules.ScheduleReconciler} makes the server's owned schedules match
 * the loaded definitions (owned: id prefix {@code agenthub.} and a memo naming the pipeline; any
 * other schedule is left alone); {@link dev.agenthub.api.schedules.SchedulesResource} lists them
 * and pauses, unpauses and triggers them. A server without schedules (the embedded test server)
 * gets a 501 naming {@code --server=temporal-cli}.
 */
package dev.agenthub.api.schedules;
