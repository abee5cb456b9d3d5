package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Keeps the input of a step's activity or child workflow inside one Temporal payload. A step's
 * arguments may name several large outputs (or a {@code forEach} step's whole list of them), and
 * Temporal refuses a payload over 2 MiB by failing the whole run with a server error that names no
 * step; this refuses the step instead, before it starts, with its size and the bound.
 *
 * <p>Workflow-thread only. Deterministic: it measures JSON the workflow already holds. The version
 * marker ({@link #CHANGE}) is written only when a step is over the bound, so runs that never reach
 * it record nothing new, and a run recorded before the bound replays as it ran.
 */
final class ActivityInputBound {

  /** The {@code Workflow.getVersion} change id. */
  static final String CHANGE = "activity-input-bound";

  /** The largest step input: 1.5 MiB of JSON, leaving room under 2 MiB for the rest. */
  static final long MAX_INPUT_BYTES = 1536L * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long KIB = 1024;

  private ActivityInputBound() {}

  /** Why a step whose input holds {@code parts} (nulls skipped) may not start, if it may not. */
  static Optional<StepError> refusal(JsonNode... parts) {
    long bytes = 0;
    for (JsonNode part : parts) {
      bytes += part == null ? 0 : jsonBytes(part);
    }
    if (bytes <= MAX_INPUT_BYTES
        || Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return Optional.empty();
    }
    return Optional.of(
        new StepError(
            FailureTypes.INPUT_TOO_LARGE,
            "not started: the step's input (its arguments and the outputs it reads) is "
                + bytes / KIB
                + " KiB of JSON, over the "
                + MAX_INPUT_BYTES / KIB
                + " KiB one Temporal payload may carry here; pass the fields it needs instead of"
                + " whole outputs"));
  }

  /** The size of {@code node} as compact UTF-8 JSON, counted without keeping the bytes. */
  static long jsonBytes(JsonNode node) {
    ByteCounter counter = new ByteCounter();
    try {
      JSON.writeValue(counter, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counter.count;
  }

  private static final class ByteCounter extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
