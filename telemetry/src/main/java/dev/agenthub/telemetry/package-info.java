/**
 * One telemetry set-up per process ({@link dev.agenthub.telemetry.Telemetry}): the OpenTelemetry
 * SDK configured from {@code OTEL_*} (traces and logs over OTLP), the OpenTracing shim that feeds
 * Temporal's interceptors, log correlation, and the filtered Micrometer/Prometheus registry with
 * the metric names and label rules ({@link dev.agenthub.telemetry.MetricNames}). Depends on
 * contracts only among our modules.
 */
package dev.agenthub.telemetry;
