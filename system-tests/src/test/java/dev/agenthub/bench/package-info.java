/**
 * The throughput benchmark ({@code scripts/bench-throughput.sh}, not a test): the same three no-op
 * steps as a hand-written Temporal workflow on its own worker and as a pipeline started through the
 * HTTP API, on the same server, alternating, with warm-up. It may use everything the system tests
 * use; nothing in the product depends on it.
 */
package dev.agenthub.bench;
