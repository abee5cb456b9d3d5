package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.dsl.ForEachDefinition;
import dev.agenthub.dsl.OnError;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.expr.ExpressionException;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@code forEach} step: evaluates its list once, then runs the step once per element, at
 * most {@code concurrency} at a time, in list order. Each element evaluates the step's {@code when}
 * and is admitted against the budget on its own (reservation {@code <step>[<index>]}); the step's
 * output is the list of the elements' outputs in order ({@code null} for a skipped element, {@code
 * {"error": {type, message}}} for a failed one under {@code onItemError: continue}), its usage
 * their sum. Under {@code onItemError: fail} the first failing element fails the step and cancels
 * the elements still running.
 *
 * <p>Workflow code, like {@link StepScheduler}: the commands it issues follow the list order and
 * the order in which elements settle, both fixed by the history.
 */
final class ForEachStep {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final RunState state;
  private final StepExecutor executor;
  private final BudgetAdmission admission;
  private final boolean historyGuard;
  private final int maxItems;

  /** {@code maxItems} bounds the elements of one step (the run's {@code maxForEachItems}). */
  ForEachStep(
      RunState state,
      StepExecutor executor,
      BudgetAdmission admission,
      boolean historyGuard,
      int maxItems) {
    this.state = state;
    this.executor = executor;
    this.admission = admission;
    this.historyGuard = historyGuard;
    this.maxItems = maxItems;
  }

  /** Runs every element of {@code step}; never throws for the step's own failure. */
  StepOutcome execute(StepDefinition step) {
    JsonNode items;
    try {
      items = state.evaluate(step.forEach().items());
    } catch (ExpressionException e) {
      return StepOutcome.failed(0, StepErrors.ofExpression(e));
    } catch (RuntimeException e) {
      if (StepErrors.belongsToTemporal(e)) {
        throw e;
      }
      return StepOutcome.failed(0, StepErrors.evaluationFailed("forEach", e));
    }
    String expression = "forEach `" + step.forEach().items() + "`";
    if (!items.isArray()) {
      return StepOutcome.failed(
          0,
          new StepError(
              FailureTypes.INVALID_STEP_ARGUMENTS,
              expression + " must give a list, got " + items.getNodeType()));
    }
    if (items.size() > maxItems) {
      return StepOutcome.failed(
          0,
          new StepError(
              FailureTypes.FOR_EACH_TOO_LARGE,
              expression
                  + " gives "
                  + items.size()
                  + " elements, more than the "
                  + maxItems
                  + " one step may run (runs.maxForEachItems); split the list"));
    }
    return new Elements(step, items).run();
  }

  /** The elements of one execution of a step, and how each settled. */
  private final class Elements {

    private final StepDefinition step;
    private final JsonNode items;
    private final ForEachDefinition forEach;
    private final StepOutcome[] outcomes;
    private final Map<Integer, Promise<StepOutcome>> running = new LinkedHashMap<>();
    private final Map<Integer, CancellationScope> scopes = new LinkedHashMap<>();
    private Integer failedElement;

    Elements(StepDefinition step, JsonNode items) {
      this.step = step;
      this.items = items;
      this.forEach = step.forEach();
      this.outcomes = new StepOutcome[items.size()];
    }

    StepOutcome run() {
      int next = 0;
      while (true) {
        while (failedElement == null
            && next < outcomes.length
            && running.size() < forEach.effectiveConcurrency()
            && !CancellationScope.current().isCancelRequested()) {
          start(new ForEachElement(next, items.get(next)));
          next++;
        }
        if (running.isEmpty()) {
          break;
        }
        Promise.anyOf(running.values()).get();
        for (Integer index : List.copyOf(running.keySet())) {
          Promise<StepOutcome> promise = running.get(index);
          if (promise.isCompleted()) {
            running.remove(index);
            scopes.remove(index);
            admission.release(new ForEachElement(index, null).key(step.id()));
            settled(index, promise.get());
          }
        }
      }
      if (failedElement != null) {
        StepError error = outcomes[failedElement].error();
        return StepOutcome.failed(
            maxAttempts(),
            new StepError(
                error.type(), "element " + failedElement + " failed: " + error.message()));
      }
      if (next < outcomes.length || anyCancelled()) {
        return StepOutcome.cancelled("cancelled before completion");
      }
      return StepOutcome.succeeded(output(), maxAttempts(), ForEachUsage.sum(outcomes));
    }

    private void start(ForEachElement element) {
      Optional<StepOutcome> before = beforeStart(element);
      if (before.isPresent()) {
        settled(element.index(), before.get());
        return;
      }
      List<Promise<StepOutcome>> holder = new ArrayList<>(1);
      CancellationScope scope =
          Workflow.newCancellationScope(
              () -> holder.add(Async.function(executor::execute, step, element)));
      scope.run();
      scopes.put(element.index(), scope);
      running.put(element.index(), holder.get(0));
    }

    /** The element's when, then the history and budget checks; empty when it may start. */
    private Optional<StepOutcome> beforeStart(ForEachElement element) {
      if (step.when() != null) {
        try {
          if (!state.test(step.when(), element)) {
            return Optional.of(StepOutcome.skipped(0, "when `" + step.when() + "` is false"));
          }
        } catch (ExpressionException e) {
          return Optional.of(StepOutcome.failed(0, StepErrors.ofExpression(e)));
        } catch (RuntimeException e) {
          if (StepErrors.belongsToTemporal(e)) {
            throw e;
          }
          return Optional.of(StepOutcome.failed(0, StepErrors.evaluationFailed("when", e)));
        }
      }
      return (historyGuard ? HistorySizeGuard.refusal() : Optional.<StepError>empty())
          .or(() -> admission.admit(element.key(step.id()), step, element))
          .map(refusal -> StepOutcome.failed(0, refusal));
    }

    private void settled(int index, StepOutcome outcome) {
      outcomes[index] = outcome;
      boolean stopsStep =
          outcome.kind() == StepOutcome.Kind.FAILED && forEach.onItemError() == OnError.FAIL;
      if (failedElement == null && stopsStep) {
        failedElement = index;
        scopes.values().forEach(CancellationScope::cancel);
      }
    }

    private ArrayNode output() {
      ArrayNode output = JSON.arrayNode(outcomes.length);
      for (StepOutcome outcome : outcomes) {
        switch (outcome.kind()) {
          case SUCCEEDED ->
              output.add(outcome.output() == null ? JSON.nullNode() : outcome.output());
          case SKIPPED, CANCELLED -> output.addNull();
          case FAILED ->
              output
                  .addObject()
                  .putObject("error")
                  .put("type", outcome.error().type())
                  .put("message", outcome.error().message());
        }
      }
      return output;
    }

    private boolean anyCancelled() {
      for (StepOutcome outcome : outcomes) {
        if (outcome.kind() == StepOutcome.Kind.CANCELLED) {
          return true;
        }
      }
      return false;
    }

    private int maxAttempts() {
      int attempts = 0;
      for (StepOutcome outcome : outcomes) {
        if (outcome != null) {
          attempts = Math.max(attempts, outcome.attempts());
        }
      }
      return attempts;
    }
  }
}
