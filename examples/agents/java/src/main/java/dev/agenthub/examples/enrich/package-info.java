/**
 * An example Java agent, {@code enrich-lead}: what a user's jar holds. Depends only on the worker's
 * agent SPI ({@code dev.agenthub.agents}), Jackson and the OpenTelemetry API the worker provides.
 */
package dev.agenthub.examples.enrich;
