package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.Usage;

/** How one step ended, as the executor reports it to the interpreter. */
record StepOutcome(Kind kind, JsonNode output, int attempts, Usage usage, StepError error) {

  enum Kind {
    SUCCEEDED,
    FAILED,
    SKIPPED,
    CANCELLED
  }

  static StepOutcome succeeded(JsonNode output, int attempts, Usage usage) {
    return new StepOutcome(Kind.SUCCEEDED, output, attempts, usage, null);
  }

  static StepOutcome failed(int attempts, StepError error) {
    return new StepOutcome(Kind.FAILED, null, attempts, null, error);
  }

  static StepOutcome cancelled(String reason) {
    return new StepOutcome(
        Kind.CANCELLED, null, 0, null, new StepError(FailureTypes.CANCELLED, reason));
  }

  static StepOutcome skipped(int attempts, String reason) {
    return new StepOutcome(Kind.SKIPPED, null, attempts, null, new StepError("Skipped", reason));
  }
}
