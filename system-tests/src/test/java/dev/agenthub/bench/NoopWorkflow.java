package dev.agenthub.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The hand-written baseline: three no-op activities in sequence. */
@WorkflowInterface
public interface NoopWorkflow {

  /** Runs the three steps and returns the last one's output. */
  @WorkflowMethod
  String run(String input);
}
