/**
 * {@code POST /api/v1/alerts}: Alertmanager's webhook, authenticated by its own token, starting one
 * alert-notification workflow per group.
 */
package dev.agenthub.api.alerts;
