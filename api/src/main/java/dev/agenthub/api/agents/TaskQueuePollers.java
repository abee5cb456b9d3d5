package dev.agenthub.api.agents;

import java.util.Optional;

/** Whether workers poll a task queue now. */
@FunctionalInterface
public interface TaskQueuePollers {

  /** Whether an activity worker polls {@code queue}; empty when that cannot be known now. */
  Optional<Boolean> polled(String queue);
}
