package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.agents.AgentFailureDetails;
import dev.agenthub.agents.AgentRequest;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.AgentSpec;
import dev.agenthub.dsl.Durations;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.expr.ExpressionException;
import dev.agenthub.dsl.expr.StepReferences;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one step of a pipeline inside the workflow: an agent as an activity, an approval as a wait
 * for the {@code decide} signal, a sleep as a durable timer, a {@code pipeline:} step as a child
 * workflow ({@link ChildPipelines}). Never throws for a step's own failure; it returns a {@link
 * StepOutcome}.
 */
final class StepExecutor {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final RunState state;
  private final Map<String, ApprovalDecision> decisions;
  private final AgentCatalog catalog;
  private final String pipeline;
  private final String workflowId;
  private final ReportedUsage reportedUsage;
  private final ChildPipelines children;
  private final AgentLoop loops;

  StepExecutor(
      RunState state,
      Map<String, ApprovalDecision> decisions,
      AgentCatalog catalog,
      String pipeline,
      String workflowId,
      ReportedUsage reportedUsage,
      ChildPipelines children,
      AgentLoop loops) {
    this.reportedUsage = reportedUsage;
    this.children = children;
    this.loops = loops;
    this.state = state;
    this.decisions = decisions;
    this.catalog = catalog;
    this.pipeline = pipeline;
    this.workflowId = workflowId;
  }

  StepOutcome execute(StepDefinition step) {
    return execute(step, null);
  }

  /**
   * Runs {@code step} once for {@code element} of its {@code forEach} (null: a step without one):
   * its arguments are rendered with the element's {@code item} and {@code index}.
   */
  StepOutcome execute(StepDefinition step, ForEachElement element) {
    try {
      return switch (step.type()) {
        case AGENT ->
            step.loop() != null
                ? loops.run(step, element, arguments(step, element))
                : runAgent(step, element);
        case APPROVAL -> awaitApproval(step);
        case SLEEP -> sleep(step, element);
        case PIPELINE -> runChild(step, element);
      };
    } catch (CanceledFailure e) {
      return StepOutcome.cancelled("cancelled before completion");
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure) {
        return StepOutcome.cancelled("cancelled before completion");
      }
      return StepOutcome.failed(
          attemptsOf(e, step, catalog.declaration(step.agent()).orElse(null)), errorOf(e));
    } catch (ExpressionException e) {
      return StepOutcome.failed(0, StepErrors.ofExpression(e));
    } catch (RuntimeException e) {
      if (StepErrors.belongsToTemporal(e)) {
        throw e;
      }
      return StepOutcome.failed(0, StepErrors.evaluationFailed("running the step", e));
    }
  }

  private StepOutcome runAgent(StepDefinition step, ForEachElement element) {
    JsonNode arguments = arguments(step, element);
    boolean readsContext = catalog.find(step.agent()).map(AgentSpec::readsRunContext).orElse(false);
    JsonNode context = readsContext ? state.variablesObject(stepsRead(arguments), element) : null;
    Optional<StepError> tooLarge = ActivityInputBound.refusal(arguments, context);
    if (tooLarge.isPresent()) {
      return StepOutcome.failed(0, tooLarge.get());
    }
    String key = element == null ? step.id() : element.key(step.id());
    AgentRequest request =
        new AgentRequest(pipeline, step.id(), arguments, workflowId + "/" + key, context);
    AgentDeclaration declared = catalog.declaration(step.agent()).orElse(null);
    ActivityOptions options = StepActivityOptions.forStep(step, declared);
    AgentResult result =
        Workflow.newUntypedActivityStub(options).execute(step.agent(), AgentResult.class, request);
    if (declared != null) {
      result = DeclaredAgentResults.normalize(result, declared);
      // An external agent's activity ran in another worker, which fed none of our counters.
      if (declared.external() && declared.costBearing() && !Workflow.isReplaying()) {
        reportedUsage.record(pipeline, step.agent(), result.usage());
      }
    }
    if (result.skippedReason() != null) {
      return StepOutcome.skipped(result.attempt(), result.skippedReason());
    }
    return StepOutcome.succeeded(result.output(), result.attempt(), result.usage());
  }

  private StepOutcome runChild(StepDefinition step, ForEachElement element) {
    JsonNode arguments = arguments(step, element);
    return ActivityInputBound.refusal(arguments)
        .map(tooLarge -> StepOutcome.failed(0, tooLarge))
        .orElseGet(() -> children.run(step, element, arguments));
  }

  /**
   * The steps an agent that evaluates its {@code expression} itself may read: those it names, so
   * its input (and the history) holds only what it uses; empty for all of them.
   */
  private static Optional<Set<String>> stepsRead(JsonNode arguments) {
    JsonNode expression = arguments.path("expression");
    return expression.isTextual()
        ? StepReferences.exactlyIn(expression.textValue())
        : Optional.empty();
  }

  private StepOutcome awaitApproval(StepDefinition step) {
    String id = step.id();
    state.waitingApproval(id, now());
    if (step.timeout() == null) {
      Workflow.await(() -> decisions.containsKey(id));
    } else {
      Duration timeout = Durations.parse(step.timeout());
      if (!Workflow.await(timeout, () -> decisions.containsKey(id))) {
        return StepOutcome.failed(
            0,
            new StepError(FailureTypes.APPROVAL_TIMED_OUT, "no decision within " + step.timeout()));
      }
    }
    ApprovalDecision decision = decisions.get(id);
    if (!decision.approved()) {
      String by = decision.decidedBy() == null ? "" : " by " + decision.decidedBy();
      String comment = decision.comment() == null ? "" : ": " + decision.comment();
      return StepOutcome.failed(
          0, new StepError(FailureTypes.APPROVAL_REJECTED, "rejected" + by + comment));
    }
    ObjectNode output = JSON.objectNode().put("approved", true);
    output.put("comment", decision.comment());
    output.put("decidedBy", decision.decidedBy());
    return StepOutcome.succeeded(output, 0, null);
  }

  private StepOutcome sleep(StepDefinition step, ForEachElement element) {
    JsonNode duration = arguments(step, element).path("duration");
    if (!duration.isTextual()) {
      return invalidArguments(
          "duration must be a string such as \"30s\", got "
              + (duration.isMissingNode() ? "nothing" : duration.getNodeType() + " " + duration));
    }
    Duration parsed;
    try {
      parsed = Durations.parse(duration.textValue());
    } catch (IllegalArgumentException e) {
      return invalidArguments(e.getMessage());
    }
    Workflow.sleep(parsed);
    return StepOutcome.succeeded(JSON.objectNode().put("slept", duration.textValue()), 0, null);
  }

  private static StepOutcome invalidArguments(String message) {
    return StepOutcome.failed(0, new StepError(FailureTypes.INVALID_STEP_ARGUMENTS, message));
  }

  /**
   * The step's {@code with}, templates rendered against the run's variables now, and {@code
   * element}'s when not null.
   */
  JsonNode arguments(StepDefinition step, ForEachElement element) {
    return state.render(step.with() == null ? JSON.objectNode() : step.with(), element);
  }

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static int attemptsOf(
      ActivityFailure failure, StepDefinition step, AgentDeclaration declared) {
    if (failure.getCause() instanceof ApplicationFailure application
        && application.getDetails().getSize() > 0) {
      // An agent in another SDK may attach details of its own; only ours carry the attempt.
      int attempt = attemptIn(application, declared);
      if (attempt > 0) {
        return attempt;
      }
    }
    if (failure.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED) {
      return StepActivityOptions.forStep(step, declared).getRetryOptions().getMaximumAttempts();
    }
    return 1;
  }

  private static int attemptIn(ApplicationFailure failure, AgentDeclaration declared) {
    if (declared == null) {
      return failure.getDetails().get(AgentFailureDetails.class).attempt();
    }
    try {
      AgentFailureDetails details = failure.getDetails().get(AgentFailureDetails.class);
      return details == null ? 0 : details.attempt();
    } catch (RuntimeException e) {
      if (StepErrors.belongsToTemporal(e)) {
        throw e;
      }
      return 0;
    }
  }

  private static StepError errorOf(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure application) {
      return new StepError(application.getType(), application.getOriginalMessage());
    }
    if (cause instanceof TimeoutFailure timeout) {
      return new StepError(
          "Timeout", "attempt timed out (" + timeout.getTimeoutType().name() + ")");
    }
    String type = cause == null ? "ActivityFailure" : cause.getClass().getSimpleName();
    String message = cause == null ? failure.getOriginalMessage() : cause.getMessage();
    return new StepError(type, message);
  }
}
