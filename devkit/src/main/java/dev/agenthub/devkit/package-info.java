/**
 * The {@code agenthub} program of a checkout ({@link dev.agenthub.devkit.AgentHubMain}): {@code
 * dev} runs a Temporal server (the SDK's embedded test server, or the Temporal CLI's dev server), a
 * worker and the API in one JVM; {@code run} runs one pipeline and prints it. The only module that
 * depends on both the API and the worker, and the only one carrying the Temporal test server.
 */
package dev.agenthub.devkit;
