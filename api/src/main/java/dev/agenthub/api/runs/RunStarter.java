package dev.agenthub.api.runs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.cost.PriceSnapshot;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.dsl.Durations;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineWorkflow;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Starts pipeline runs: one place that decides workflow options (id, id reuse, task queue, run
 * timeout, memo, search attributes), used by the API and the CLI alike.
 *
 * <p>Every start rejects a workflow id that was used before (within the namespace's retention), so
 * that an id names one run: an {@code Idempotency-Key} maps to one run, a repeated retry finds the
 * first one, and a caller-chosen id cannot silently start a second run.
 */
public final class RunStarter {

  /** Memo keys written on every run. */
  public static final String MEMO_PIPELINE = "pipeline";

  public static final String MEMO_VERSION = "pipelineVersion";
  public static final String MEMO_RETRY_OF = "retryOf";

  /** Memo of a rerun: the run whose input it repeats. */
  public static final String MEMO_RERUN_OF = "rerunOf";

  /**
   * Memo of a run started while a span was current (an API request): the trace id, so the run's
   * {@code links.trace} can be built later.
   */
  public static final String MEMO_TRACE_ID = "traceId";

  /** Memo of a run started with an {@code Idempotency-Key}: the hash of its request. */
  public static final String MEMO_REQUEST_HASH = "requestHash";

  /**
   * Keyword search attribute holding the pipeline name, for visibility queries. It must be
   * registered on the cluster; only set when the server supports visibility queries.
   */
  public static final SearchAttributeKey<String> PIPELINE_ATTRIBUTE =
      SearchAttributeKey.forKeyword("AgentHubPipeline");

  /** How long after a pipeline's own timeout the server kills a run that did not close itself. */
  static final Duration SERVER_TIMEOUT_MARGIN = Duration.ofMinutes(1);

  private final WorkflowClient client;
  private final String taskQueue;
  private final PriceTable prices;
  private final Clock clock;
  private final AgentCatalog agents;
  private final int maxForEachItems;
  private final Function<PipelineDefinition, Map<String, PipelineDefinition>> descendants;

  /** A starter pricing budgets with the built-in price table. */
  public RunStarter(WorkflowClient client, String taskQueue) {
    this(client, taskQueue, PriceTable.loadDefault(), Clock.systemUTC());
  }

  /**
   * A starter that gives every run with a budget a snapshot of {@code prices} on the day {@code
   * clock} gives (see {@link PriceSnapshot}).
   */
  public RunStarter(WorkflowClient client, String taskQueue, PriceTable prices, Clock clock) {
    this(client, taskQueue, prices, clock, AgentCatalog.builtIn());
  }

  /**
   * A starter as above that also gives every run a snapshot of the declarations in {@code agents}
   * of the agents its steps use.
   */
  public RunStarter(
      WorkflowClient client,
      String taskQueue,
      PriceTable prices,
      Clock clock,
      AgentCatalog agents) {
    this(
        client,
        taskQueue,
        prices,
        clock,
        agents,
        PipelineRunInput.DEFAULT_MAX_FOR_EACH_ITEMS,
        pipeline -> Map.of());
  }

  /**
   * A starter as above whose runs may run at most {@code maxForEachItems} elements in one {@code
   * forEach} step, and carry the definitions {@code descendants} gives for the pipelines their
   * {@code pipeline:} steps run (both snapshots in the run's input, so changing a setting or a file
   * never alters a run in flight).
   */
  public RunStarter(
      WorkflowClient client,
      String taskQueue,
      PriceTable prices,
      Clock clock,
      AgentCatalog agents,
      int maxForEachItems,
      Function<PipelineDefinition, Map<String, PipelineDefinition>> descendants) {
    this.maxForEachItems = maxForEachItems;
    this.descendants = requireNonNull(descendants, "descendants");
    this.client = client;
    this.taskQueue = taskQueue;
    this.prices = requireNonNull(prices, "prices");
    this.clock = requireNonNull(clock, "clock");
    this.agents = requireNonNull(agents, "agents");
  }

  /** Starts {@code input} under {@code workflowId} and returns the new execution. */
  public WorkflowExecution start(String workflowId, PipelineRunInput input) {
    return start(workflowId, input, Map.of(), false);
  }

  /**
   * Starts {@code input} under {@code workflowId}.
   *
   * @param extraMemo memo entries beside the standard ones
   * @param searchable whether to set {@link #PIPELINE_ATTRIBUTE} (the server must know it)
   * @throws io.temporal.client.WorkflowExecutionAlreadyStarted when the id was used before
   */
  public WorkflowExecution start(
      String workflowId,
      PipelineRunInput input,
      Map<String, Object> extraMemo,
      boolean searchable) {
    PipelineWorkflow workflow =
        client.newWorkflowStub(
            PipelineWorkflow.class, options(workflowId, input, extraMemo, searchable));
    return WorkflowClient.start(workflow::run, prepared(input));
  }

  /**
   * {@code input} as {@link #start} passes it to the workflow: with its snapshots of prices, agents
   * and the pipelines its {@code pipeline:} steps run, and the fan-out bound. For starts made
   * elsewhere, such as a schedule's action.
   */
  public PipelineRunInput prepared(PipelineRunInput input) {
    PipelineRunInput snapshot = withAgents(withPrices(withPipelines(input)));
    if (snapshot.maxForEachItems() == null) {
      snapshot = snapshot.withMaxForEachItems(maxForEachItems);
    }
    return snapshot;
  }

  /**
   * {@code input} with the declarations of the declared agents its steps and tools use (its own and
   * its descendant pipelines'), unless it carries them already (a retry keeps its original's).
   */
  PipelineRunInput withAgents(PipelineRunInput input) {
    if (!input.agents().isEmpty()) {
      return input;
    }
    return input.withAgents(
        agents.declarationsOf(
            Stream.concat(Stream.of(input.pipeline()), input.pipelines().values().stream())
                .flatMap(pipeline -> pipeline.agentNames().stream())
                .distinct()
                .toList()));
  }

  /**
   * {@code input} with the definitions of the pipelines its steps run, unless it carries them
   * already (a retry keeps its original's).
   */
  PipelineRunInput withPipelines(PipelineRunInput input) {
    if (!input.pipelines().isEmpty()) {
      return input;
    }
    return input.withPipelines(descendants.apply(input.pipeline()));
  }

  /** {@code input} with the price snapshot its budget checks need (none without a budget). */
  PipelineRunInput withPrices(PipelineRunInput input) {
    if (input.effectiveBudgetUsd() == null || !input.prices().isEmpty()) {
      return input;
    }
    return input.withPrices(PriceSnapshot.of(prices, input.pipeline(), LocalDate.now(clock)));
  }

  /** A stub bound to an existing run. */
  public PipelineWorkflow existing(String workflowId) {
    return client.newWorkflowStub(PipelineWorkflow.class, workflowId);
  }

  /**
   * The workflow options {@link #start} uses (id, id reuse, task queue, timeout, memo, search
   * attributes). For starts made elsewhere, such as a schedule's action, so that their runs look
   * like any other.
   */
  public WorkflowOptions options(
      String workflowId,
      PipelineRunInput input,
      Map<String, Object> extraMemo,
      boolean searchable) {
    PipelineDefinition pipeline = input.pipeline();
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put(MEMO_PIPELINE, pipeline.name());
    memo.put(MEMO_VERSION, pipeline.version());
    if (input.retryOf() != null) {
      memo.put(MEMO_RETRY_OF, input.retryOf());
    }
    String traceId = currentTraceId();
    if (traceId != null) {
      memo.put(MEMO_TRACE_ID, traceId);
    }
    memo.putAll(extraMemo);
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(taskQueue)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setMemo(memo)
            .setStaticSummary("pipeline " + pipeline.name() + " v" + pipeline.version());
    if (searchable) {
      options.setTypedSearchAttributes(
          SearchAttributes.newBuilder().set(PIPELINE_ATTRIBUTE, pipeline.name()).build());
    }
    if (pipeline.timeout() != null) {
      options.setWorkflowExecutionTimeout(serverTimeout(pipeline));
    }
    return options.build();
  }

  /**
   * The server-side execution timeout of a run of {@code pipeline}: its {@code timeout} plus {@link
   * #SERVER_TIMEOUT_MARGIN}. The workflow runs the timeout itself as a timer (cancelling its steps
   * and closing {@code timed_out}); the server's kill is only a backstop for a run whose worker
   * cannot get there.
   */
  static Duration serverTimeout(PipelineDefinition pipeline) {
    return Durations.parse(pipeline.timeout()).plus(SERVER_TIMEOUT_MARGIN);
  }

  /** The trace id of the current span, or {@code null} when none is recording. */
  public static String currentTraceId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }

  /** Convenience for callers holding JSON input. */
  public static PipelineRunInput freshRun(PipelineDefinition pipeline, JsonNode input) {
    return PipelineRunInput.of(pipeline, input);
  }
}
