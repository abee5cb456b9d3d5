package dev.agenthub.api.runs;

import java.util.Locale;

/**
 * How runs are listed (config key {@code temporal.listing}, default {@code auto}).
 *
 * <ul>
 *   <li>{@code visibility}: Temporal visibility queries ({@code ListWorkflowExecutions}), as a
 *       cluster or the CLI dev server answers them; runs carry the {@code AgentHubPipeline} search
 *       attribute, which must be registered.
 *   <li>{@code scan}: open and closed listings filtered and paged here, for the embedded test
 *       server, which lacks visibility queries. Reads every run on each page: dev scale only.
 *   <li>{@code auto}: visibility, unless the server answers it with UNIMPLEMENTED once; then scan.
 * </ul>
 */
public enum Listing {
  AUTO,
  VISIBILITY,
  SCAN;

  /** The mode named {@code value} (any case); {@code null} or blank means {@link #AUTO}. */
  public static Listing parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "temporal.listing must be auto, visibility or scan, got " + value, e);
    }
  }
}
