package dev.agenthub.devkit;

/**
 * A command's failure to report as one message (no stack trace) with the exit code scripts rely on:
 * {@value #FAILED} for a failed run or request, {@value #USAGE} for a bad command line, {@value
 * #NOT_FOUND} for an unknown run, step or pipeline, {@value #AUTH} for a missing, wrong or
 * insufficient API key.
 */
final class CommandFailure extends RuntimeException {

  /** The run failed (or did not succeed), or the request failed for another reason. */
  static final int FAILED = 1;

  /** The command line (or a request built from it) is invalid. */
  static final int USAGE = 2;

  /** The API knows no such run, step or pipeline. */
  static final int NOT_FOUND = 3;

  /** The API refused the key (401) or its role (403). */
  static final int AUTH = 4;

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
