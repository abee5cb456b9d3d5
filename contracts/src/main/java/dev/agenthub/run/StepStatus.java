package dev.agenthub.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A step's lifecycle. Its JSON form is lower snake case ({@code waiting_approval}), as run statuses
 * and CEL's {@code steps.<id>.status} are. Reading accepts the upper case form too, which workflow
 * results, failure details and retry inputs recorded before held: the value travels in payloads
 * only (no workflow decision reads its JSON), so writing the new form changes no command on replay.
 */
public enum StepStatus {
  PENDING,
  RUNNING,
  WAITING_APPROVAL,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  CANCELLED;

  /** Whether the step will not change again. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == CANCELLED;
  }

  /** The wire and display form: {@code succeeded}, {@code waiting_approval}, ... */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code waiting_approval} and the older {@code WAITING_APPROVAL} alike. */
  @JsonCreator
  public static StepStatus fromWireName(String name) {
    for (StepStatus status : values()) {
      if (status.name().equalsIgnoreCase(name)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown step status: " + name);
  }
}
