package dev.agenthub.api.runs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.UsageTotals;
import dev.agenthub.run.AgentLoopStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run in detail.
 *
 * @param workflowId the run's id
 * @param runId Temporal's run id
 * @param pipeline pipeline name
 * @param pipelineVersion pipeline version
 * @param status running, succeeded, failed, cancelled, terminated, timed_out
 * @param startedAt start time
 * @param closedAt close time, or {@code null}
 * @param steps every step's progress (from the {@code progress} query or the run's result); a
 *     running step's activity from Temporal's description of the run
 * @param usage tokens and cost so far
 * @param output the pipeline's output when it succeeded
 * @param failure why it did not succeed, or {@code null}
 * @param retryOf the run this one retries, or {@code null}
 * @param retriedBy the run that retried this one, or {@code null}
 * @param links where to look at it
 * @param traceId the trace the run was started in (memo {@code traceId}), or {@code null}
 * @param waiting the running steps whose activity no worker has picked up yet ("waiting for a
 *     worker on queue X"); left out of the JSON when none
 * @param parent the run whose {@code pipeline:} step started this one as a child, or {@code null}
 *     (left out of the JSON)
 * @param children the runs this one's {@code pipeline:} steps started, in the order they started;
 *     left out of the JSON when none
 * @param agentLoops where each running agent loop is (turn, pending tool calls, waiting approvals),
 *     by step id; left out of the JSON when none
 */
public record RunView(
    String workflowId,
    String runId,
    String pipeline,
    String pipelineVersion,
    String status,
    Instant startedAt,
    Instant closedAt,
    List<StepView> steps,
    UsageTotals usage,
    JsonNode output,
    RunFailure failure,
    String retryOf,
    String retriedBy,
    Links links,
    @JsonIgnore String traceId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WaitingStep> waiting,
    @JsonInclude(JsonInclude.Include.NON_NULL) String parent,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> children,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, AgentLoopStatus> agentLoops) {

  public RunView {
    waiting = waiting == null ? List.of() : List.copyOf(waiting);
    children = children == null ? List.of() : List.copyOf(children);
    agentLoops = agentLoops == null ? Map.of() : Map.copyOf(agentLoops);
  }

  /** A run that is neither a child nor a parent, without running agent loops. */
  public RunView(
      String workflowId,
      String runId,
      String pipeline,
      String pipelineVersion,
      String status,
      Instant startedAt,
      Instant closedAt,
      List<StepView> steps,
      UsageTotals usage,
      JsonNode output,
      RunFailure failure,
      String retryOf,
      String retriedBy,
      Links links,
      String traceId,
      List<WaitingStep> waiting) {
    this(
        workflowId,
        runId,
        pipeline,
        pipelineVersion,
        status,
        startedAt,
        closedAt,
        steps,
        usage,
        output,
        failure,
        retryOf,
        retriedBy,
        links,
        traceId,
        waiting,
        null,
        List.of(),
        Map.of());
  }

  public RunView withLinks(Links newLinks) {
    return new RunView(
        workflowId,
        runId,
        pipeline,
        pipelineVersion,
        status,
        startedAt,
        closedAt,
        steps,
        usage,
        output,
        failure,
        retryOf,
        retriedBy,
        newLinks,
        traceId,
        waiting,
        parent,
        children,
        agentLoops);
  }
}
