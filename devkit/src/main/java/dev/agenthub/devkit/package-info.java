/**
 * The {@code agenthub} program of a checkout ({@link dev.agenthub.devkit.AgentHubMain}, its command
 * line {@link dev.agenthub.devkit.AgentHubCli}): {@code dev} runs a Temporal server (the SDK's
 * embedded test server, or the Temporal CLI's dev server), a worker and the API in one JVM; {@code
 * run} runs one pipeline and prints it; {@code runs ...} and {@code pipelines list|show} are the
 * operator's commands over a running API ({@code ApiClient}, tables by {@code Table}); {@code
 * pipelines validate|graph} author pipelines without a server. The only module that depends on both
 * the API and the worker, and the only one carrying the Temporal test server.
 */
package dev.agenthub.devkit;
