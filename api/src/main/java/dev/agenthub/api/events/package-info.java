/**
 * {@code POST /api/v1/events/{type}}: events that start the pipelines whose {@code on:} triggers
 * match, with the event as input, once per event id. Authenticated by an operator API key or by a
 * source's HMAC-SHA256 signature ({@code X-Hub-Signature-256}, as GitHub signs its webhooks).
 */
package dev.agenthub.api.events;
