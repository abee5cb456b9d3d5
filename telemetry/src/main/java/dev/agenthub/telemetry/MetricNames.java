package dev.agenthub.telemetry;

import java.util.Map;
import java.util.Set;

/**
 * Names and label keys of Agent Hub's own metrics. Meter names are given as Prometheus renders them
 * without the suffix the registry adds ({@code _total} for counters, {@code _seconds} for timers),
 * so the same name works through Temporal's metrics scope and directly on the Micrometer registry.
 * Dashboards and alerts query these names; change them only together with those.
 */
public final class MetricNames {

  /** Runs the interpreter started: {@code agenthub_pipeline_runs_started_total{pipeline}}. */
  public static final String RUNS_STARTED = "agenthub_pipeline_runs_started";

  /** Runs that closed: {@code agenthub_pipeline_runs_completed_total{pipeline,status}}. */
  public static final String RUNS_COMPLETED = "agenthub_pipeline_runs_completed";

  /** Run wall time, start to close: {@code agenthub_pipeline_run_duration_seconds}. */
  public static final String RUN_DURATION = "agenthub_pipeline_run_duration";

  /** Step wall time: {@code agenthub_step_duration_seconds{pipeline,step,agent,status}}. */
  public static final String STEP_DURATION = "agenthub_step_duration";

  /** Attempts after the first: {@code agenthub_step_retries_total{pipeline,step,agent}}. */
  public static final String STEP_RETRIES = "agenthub_step_retries";

  /** Spend in US dollars: {@code agenthub_agent_cost_usd_total{pipeline,agent,model}}. */
  public static final String AGENT_COST = "agenthub_agent_cost_usd";

  /** Tokens: {@code agenthub_agent_tokens_total{pipeline,agent,model,token_type}}. */
  public static final String AGENT_TOKENS = "agenthub_agent_tokens";

  /** Runs stopped by their budget: {@code agenthub_budget_exceeded_total{pipeline}}. */
  public static final String BUDGET_EXCEEDED = "agenthub_budget_exceeded";

  /** Calls whose model has no price: {@code agenthub_pricing_unknown_model_total{model}}. */
  public static final String PRICING_UNKNOWN_MODEL = "agenthub_pricing_unknown_model";

  /** API requests: {@code http_server_requests_seconds{method,route,status}}. */
  /** Counter: tool calls of agent loops, by pipeline, step, tool and status. */
  public static final String TOOL_CALLS = "agenthub_agent_tool_calls";

  /** Histogram: model turns an agent loop took, by pipeline and step. */
  public static final String AGENT_LOOP_TURNS = "agenthub_agent_loop_turns";

  public static final String HTTP_SERVER_REQUESTS = "http.server.requests";

  /** GenAI semantic convention: tokens per call ({@code gen_ai_client_token_usage}). */
  public static final String GEN_AI_TOKEN_USAGE = "gen_ai.client.token.usage";

  /**
   * GenAI semantic convention: call duration ({@code gen_ai_client_operation_duration_seconds}).
   */
  public static final String GEN_AI_OPERATION_DURATION = "gen_ai.client.operation.duration";

  public static final String PIPELINE = "pipeline";
  public static final String STEP = "step";
  public static final String AGENT = "agent";
  public static final String MODEL = "model";
  public static final String STATUS = "status";
  public static final String TOKEN_TYPE = "token_type";
  public static final String TOOL = "tool";

  public static final String GEN_AI_OPERATION_NAME = "gen_ai.operation.name";
  public static final String GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
  public static final String GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
  public static final String GEN_AI_TOKEN_TYPE = "gen_ai.token.type";

  /** The only label keys {@code agenthub_*} meters keep (Temporal's scope adds its own). */
  public static final Set<String> AGENTHUB_LABELS =
      Set.of(PIPELINE, STEP, AGENT, MODEL, STATUS, TOKEN_TYPE, TOOL);

  /**
   * The HELP text of each of our meters, by meter name: meters reported through Temporal's metrics
   * scope cannot carry one, so the registry adds it ({@link Metrics#newRegistry()}).
   */
  public static final Map<String, String> DESCRIPTIONS =
      Map.ofEntries(
          Map.entry(RUNS_STARTED, "Pipeline runs the interpreter started."),
          Map.entry(RUNS_COMPLETED, "Pipeline runs that closed, by status."),
          Map.entry(RUN_DURATION, "Wall time of pipeline runs, from start to close."),
          Map.entry(STEP_DURATION, "Wall time of pipeline steps, by step, agent and status."),
          Map.entry(STEP_RETRIES, "Attempts of steps after their first."),
          Map.entry(
              AGENT_COST, "Spend of agent calls in US dollars, from the run's price snapshot."),
          Map.entry(AGENT_TOKENS, "Tokens of agent calls, by token type."),
          Map.entry(
              BUDGET_EXCEEDED,
              "Pipeline runs stopped because their next step could exceed the budget."),
          Map.entry(PRICING_UNKNOWN_MODEL, "Agent calls whose model has no price in the table."),
          Map.entry(TOOL_CALLS, "Tool calls of agent loops, by tool and status."),
          Map.entry(AGENT_LOOP_TURNS, "Model turns an agent loop took until it ended."));

  /** {@code status} values of {@link #RUNS_COMPLETED}. */
  public static final String SUCCEEDED = "succeeded";

  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";
  public static final String TERMINATED = "terminated";
  public static final String TIMED_OUT = "timed_out";
  public static final String BUDGET_EXCEEDED_STATUS = "budget_exceeded";

  private MetricNames() {}
}
