/**
 * The pipeline interpreter: {@link dev.agenthub.run.PipelineWorkflowImpl} runs a definition
 * snapshot as a DAG of activities. Workflow code only: no I/O, no clocks, randoms or environment
 * but through {@code Workflow.*}; every change that could alter replay is guarded by {@code
 * Workflow.getVersion}, and replay tests over recorded histories pin the command sequence. Each
 * package-private helper states its own determinism rules.
 */
package dev.agenthub.run;
