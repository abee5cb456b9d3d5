/**
 * The HTTP server's own telemetry: server spans with route templates, request metrics, and the
 * admin port's {@code /metrics}.
 */
package dev.agenthub.api.observability;
