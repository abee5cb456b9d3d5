package dev.agenthub.telemetry;

/** Whether a process exports traces and logs when no OTLP endpoint is configured. */
public enum ExportMode {
  /**
   * Servers (the API, the worker): export over OTLP, to {@code localhost:4317} (the OTLP default,
   * e.g. a node-local collector) unless an endpoint is configured.
   */
  ALWAYS,
  /**
   * {@code dev} and {@code run}: export only when an OTLP endpoint is configured. A developer's
   * machine usually has no collector, and an exporter retrying against a closed port only makes
   * noise and delays exit.
   */
  WHEN_CONFIGURED
}
