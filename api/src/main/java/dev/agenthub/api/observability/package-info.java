/**
 * The HTTP server's own telemetry: server spans with route templates, request metrics, the admin
 * port's {@code /metrics}, and a request log that starts without logback-access's status dump.
 */
package dev.agenthub.api.observability;
