package dev.agenthub.temporal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.agenthub.run.PipelineWorkflow;

/**
 * Where and how to reach Temporal. Bound from the {@code temporal:} block of the API and worker
 * YAML; every key has a dev default.
 *
 * @param target frontend {@code host:port} (default {@code 127.0.0.1:7233})
 * @param namespace Temporal namespace (default {@code default})
 * @param taskQueue task queue for pipelines and agents (default {@code agenthub-pipelines})
 * @param tls mutual TLS files, or {@code null} for plaintext
 * @param apiKey Temporal Cloud API key (implies TLS), or {@code null}; never logged
 * @param uiBaseUrl base URL of the Temporal UI, used for links (default {@code
 *     http://localhost:8233})
 * @param listing how the API lists runs: {@code auto} (default; visibility queries, falling back to
 *     scanning when the server lacks them), {@code visibility} or {@code scan}
 */
public record TemporalSettings(
    String target,
    String namespace,
    String taskQueue,
    TlsSettings tls,
    String apiKey,
    String uiBaseUrl,
    String listing) {

  public TemporalSettings {
    target = blankToDefault(target, "127.0.0.1:7233");
    namespace = blankToDefault(namespace, "default");
    taskQueue = blankToDefault(taskQueue, PipelineWorkflow.DEFAULT_TASK_QUEUE);
    apiKey = blankToDefault(apiKey, null);
    uiBaseUrl = blankToDefault(uiBaseUrl, "http://localhost:8233");
    listing = blankToDefault(listing, "auto");
  }

  /** The dev defaults. */
  public static TemporalSettings defaults() {
    return new TemporalSettings(null, null, null, null, null, null, null);
  }

  /** These settings aimed at another frontend. */
  public TemporalSettings withTarget(String newTarget) {
    return new TemporalSettings(newTarget, namespace, taskQueue, tls, apiKey, uiBaseUrl, listing);
  }

  /** Whether the connection uses TLS (explicit files, or an API key, which requires it). */
  @JsonIgnore
  public boolean usesTls() {
    return tls != null || apiKey != null;
  }

  @Override
  public String toString() {
    return "TemporalSettings[target="
        + target
        + ", namespace="
        + namespace
        + ", taskQueue="
        + taskQueue
        + ", tls="
        + usesTls()
        + ", apiKey="
        + (apiKey == null ? "unset" : "***")
        + "]";
  }

  private static String blankToDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * Mutual TLS material (PEM files).
   *
   * @param clientCertFile client certificate chain
   * @param clientKeyFile PKCS#8 private key of the client certificate
   * @param caFile CA bundle that signed the server certificate, or {@code null} for the JDK's
   */
  public record TlsSettings(String clientCertFile, String clientKeyFile, String caFile) {}
}
