package dev.agenthub.dsl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline definition that failed to load; carries every problem found, not just the first. */
public final class PipelineValidationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final transient List<ValidationError> errors;

  /**
   * @param source where the definition came from: a file name, or a pipeline name for API input
   * @param errors the problems, at least one
   */
  public PipelineValidationException(String source, List<ValidationError> errors) {
    super(message(requireNonNull(source, "source"), errors));
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  private static String message(String source, List<ValidationError> errors) {
    return source
        + ":\n"
        + errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n"));
  }

  /** The file name or pipeline name the definition came from. */
  public String source() {
    return source;
  }

  /** Every problem found, in document order as far as possible. */
  public List<ValidationError> errors() {
    return errors;
  }
}
