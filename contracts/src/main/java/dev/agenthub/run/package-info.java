/**
 * The run workflow's contract: {@link dev.agenthub.run.PipelineWorkflow} (one Temporal workflow per
 * pipeline run, with its signals and queries) and its wire records (input, result, progress,
 * statuses, failure types). The interpreter that implements it lives in the worker module, same
 * package; the API starts and describes runs through this interface only.
 */
package dev.agenthub.run;
