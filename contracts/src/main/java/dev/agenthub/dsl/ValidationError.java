package dev.agenthub.dsl;

import static java.util.Objects.requireNonNull;

/**
 * One problem found in a pipeline definition or in a run's input.
 *
 * <p>For definitions, {@code path} locates the offending value in the document: keys joined with
 * dots and list indexes in brackets ({@code steps[0].with.messages[1].content}). Problems with the
 * document as a whole (YAML syntax, an empty file) have the empty path. For run input, {@code path}
 * is a JSON Pointer (see {@link InputValidator}).
 *
 * @param path where the problem is
 * @param message what is wrong, in words
 */
public record ValidationError(String path, String message) {

  public ValidationError {
    requireNonNull(path, "path");
    requireNonNull(message, "message");
  }

  /** {@code path: message}, or just the message when the path is empty. */
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
