/**
 * The API process: {@link dev.agenthub.api.ApiApplication} (Dropwizard) wires the REST resources,
 * auth, error mappers, telemetry and health checks on one Temporal connection. It runs no worker;
 * the dev kit extends it. Depends on contracts and telemetry, never on the worker.
 */
package dev.agenthub.api;
