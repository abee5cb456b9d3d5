/**
 * The alert-notification workflow's implementation: formats Alertmanager groups and sends them
 * through the {@code notify} agent. Workflow code: deterministic, no I/O.
 */
package dev.agenthub.alerts;
