package dev.agenthub.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where to look at a run.
 *
 * @param self this run in the API
 * @param temporalUi this run's history in the Temporal UI, or {@code null} when there is no UI
 * @param trace this run's trace (when tracing is configured), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Links(String self, String temporalUi, String trace) {}
