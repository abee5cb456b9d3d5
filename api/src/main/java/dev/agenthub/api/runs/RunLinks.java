package dev.agenthub.api.runs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the {@code links} of runs: the API itself, the Temporal UI (from its configured base URL;
 * none when that is empty, as in {@code dev}'s embedded mode, which has no UI) and, once tracing is
 * configured, the trace (from a URL template with {@code {traceId}}).
 */
public final class RunLinks {

  private final String temporalUiBaseUrl;
  private final String namespace;
  private final String traceUrlTemplate;

  public RunLinks(String temporalUiBaseUrl, String namespace) {
    this(temporalUiBaseUrl, namespace, "");
  }

  /**
   * @param temporalUiBaseUrl the Temporal UI; empty or {@code null} for no Temporal UI links
   * @param traceUrlTemplate a URL with {@code {traceId}} (e.g. Grafana Explore on Tempo); empty or
   *     {@code null} for no trace links
   */
  public RunLinks(String temporalUiBaseUrl, String namespace, String traceUrlTemplate) {
    this.temporalUiBaseUrl =
        temporalUiBaseUrl == null ? "" : stripTrailingSlash(temporalUiBaseUrl.strip());
    this.namespace = namespace;
    this.traceUrlTemplate = traceUrlTemplate == null ? "" : traceUrlTemplate.strip();
  }

  /** Links of run {@code workflowId} started in trace {@code traceId}; both ids may be null. */
  public Links of(String workflowId, String runId, String traceId) {
    Links links = of(workflowId, runId);
    if (traceId == null || traceUrlTemplate.isEmpty()) {
      return links;
    }
    // Trace ids are 32 lowercase hex digits: nothing to escape.
    return new Links(
        links.self(), links.temporalUi(), traceUrlTemplate.replace("{traceId}", traceId));
  }

  /** Links of run {@code workflowId}; {@code runId} may be null. */
  public Links of(String workflowId, String runId) {
    String self = "/api/v1/runs/" + encode(workflowId);
    if (temporalUiBaseUrl.isEmpty()) {
      return new Links(self, null, null);
    }
    String ui =
        temporalUiBaseUrl + "/namespaces/" + encode(namespace) + "/workflows/" + encode(workflowId);
    if (runId != null) {
      ui += "/" + encode(runId) + "/history";
    }
    return new Links(self, ui, null);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
