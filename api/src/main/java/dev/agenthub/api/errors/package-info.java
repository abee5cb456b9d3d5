/**
 * Every error the API answers, in one shape: {@code {"error": {"code", "message", "details"}}}.
 * Exception mappers for our exceptions, Jersey's, Jackson's, validation's and gRPC's; 4xx logged at
 * WARN, 5xx at ERROR, never a stack trace to the client.
 */
package dev.agenthub.api.errors;
