package dev.agenthub.devkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.worker.WorkerSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The configuration of {@code dev} and {@code run}: the API's, plus the blocks of the worker they
 * embed ({@code worker:} and {@code agents:}, as in the worker's own configuration).
 */
public class DevConfiguration extends ApiConfiguration {

  @Valid @NotNull private WorkerSettings worker = WorkerSettings.defaults();

  @Valid @NotNull private AgentsConfiguration agents = new AgentsConfiguration();

  private boolean embeddedWorker = true;

  /**
   * Whether this process runs its own worker ({@code embeddedWorker:}, default true); false leaves
   * the work to standalone workers ({@code ./agenthub worker}) on the same Temporal and task queue.
   */
  @JsonProperty
  public boolean isEmbeddedWorker() {
    return embeddedWorker;
  }

  @JsonProperty
  public void setEmbeddedWorker(boolean embeddedWorker) {
    this.embeddedWorker = embeddedWorker;
  }

  /** Tuning of the embedded worker ({@code worker:} block). */
  @JsonProperty
  public WorkerSettings getWorker() {
    return worker;
  }

  @JsonProperty
  public void setWorker(WorkerSettings worker) {
    this.worker = worker;
  }

  /**
   * LLM providers, the http agent's egress policy (loopback allowed unless set) and notify channels
   * of the embedded worker ({@code agents:} block).
   */
  @JsonProperty
  public AgentsConfiguration getAgents() {
    return agents;
  }

  @JsonProperty
  public void setAgents(AgentsConfiguration agents) {
    this.agents = agents;
  }
}
