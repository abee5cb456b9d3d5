/**
 * Every error the API answers, in one shape: {@code {"error": {"code", "message", "details"}}}.
 * Exception mappers for our exceptions, Jersey's, Jackson's, validation's and gRPC's; {@link
 * dev.agenthub.api.errors.RunServiceErrors}, the one table of HTTP statuses and codes for the run
 * service's failures ({@code dev.agenthub.api.runs.RunServiceException}); and {@link
 * dev.agenthub.api.errors.ContainerErrorHandler} for what Jetty refuses before Jersey sees it. 4xx
 * logged at WARN, 5xx at ERROR, never a stack trace to the client.
 */
package dev.agenthub.api.errors;
