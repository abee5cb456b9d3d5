/**
 * How every process reaches Temporal: connection settings (target, namespace, task queue, TLS or
 * API key), the connection itself, and the health check that asks the frontend with a deadline.
 */
package dev.agenthub.temporal;
