package dev.agenthub.run;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.Set;

/**
 * How the workflow refuses a {@code decideApproval} update, and how a client reads the refusal.
 *
 * <p>The refusal's message starts with its type ({@code "DecisionConflict: step review was already
 * approved by alice"}), because Temporal Java SDK 1.38.0 drops the type of an {@link
 * ApplicationFailure} thrown by an update validator (sdk-java issue 2875, fixed after 1.38.0): the
 * client sees an {@code ApplicationFailure} of type {@code WorkflowExecutionException} with the
 * original message. {@link #typeOf} reads the type either way.
 */
public final class DecisionRefusals {

  private static final Set<String> TYPES =
      Set.of(FailureTypes.STEP_NOT_WAITING, FailureTypes.DECISION_CONFLICT);

  private DecisionRefusals() {}

  /**
   * A refusal of {@code type} ({@link FailureTypes#STEP_NOT_WAITING} or {@link
   * FailureTypes#DECISION_CONFLICT}).
   */
  public static ApplicationFailure refusal(String type, String reason) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("not a decision refusal type: " + type);
    }
    return ApplicationFailure.newNonRetryableFailure(type + ": " + reason, type);
  }

  /** The refusal type of {@code failure}, empty when it is not a decision refusal. */
  public static Optional<String> typeOf(ApplicationFailure failure) {
    if (TYPES.contains(failure.getType())) {
      return Optional.of(failure.getType());
    }
    String message = failure.getOriginalMessage();
    return TYPES.stream()
        .filter(type -> message != null && message.startsWith(type + ": "))
        .findFirst();
  }

  /** Why {@code failure} refused the decision: its message without the type prefix. */
  public static String reasonOf(ApplicationFailure failure) {
    String message = failure.getOriginalMessage() == null ? "" : failure.getOriginalMessage();
    return typeOf(failure)
        .filter(type -> message.startsWith(type + ": "))
        .map(type -> message.substring(type.length() + 2))
        .orElse(message);
  }
}
