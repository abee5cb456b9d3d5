/**
 * The worker process: {@link dev.agenthub.worker.WorkerMain} loads {@link
 * dev.agenthub.worker.WorkerConfiguration} as Dropwizard loads the API's, starts telemetry, the
 * Temporal worker ({@link dev.agenthub.worker.PipelineWorker}) and the admin port. No servlet
 * container: the admin port is the JDK's HTTP server.
 */
package dev.agenthub.worker;
