package dev.agenthub.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Three activities, one after the other, as a user would write them by hand. */
public final class NoopWorkflowImpl implements NoopWorkflow {

  private final NoopActivities activities =
      Workflow.newActivityStub(
          NoopActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

  @Override
  public String run(String input) {
    String first = activities.step(input);
    String second = activities.step(first);
    return activities.step(second);
  }
}
