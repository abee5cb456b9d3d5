package dev.agenthub.agents;

import static dev.agenthub.agents.AgentCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.cost.PriceTable;
import dev.agenthub.cost.Usage;
import dev.agenthub.run.FailureTypes;
import dev.agenthub.telemetry.MetricNames;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentActivitiesTest {

  /** Typed stubs whose activity types name agents; the dynamic activity serves them all. */
  @ActivityInterface
  public interface Agents {

    @ActivityMethod(name = "echo")
    AgentResult echo(AgentRequest request);

    @ActivityMethod(name = "reject")
    AgentResult reject(AgentRequest request);

    @ActivityMethod(name = "missing")
    AgentResult missing(AgentRequest request);
  }

  private static final class EchoAgent implements Agent {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public AgentResult run(AgentCall call) {
      call.heartbeat().beat("working");
      return AgentResult.of(
          json(
              "{\"echo\": "
                  + call.arguments()
                  + ", \"step\": \""
                  + call.request().stepId()
                  + "\"}"),
          Usage.NONE);
    }
  }

  private static final class RejectingAgent implements Agent {
    @Override
    public String name() {
      return "reject";
    }

    @Override
    public AgentResult run(AgentCall call) throws AgentException {
      throw AgentException.clientError("remote said no");
    }
  }

  private TestActivityEnvironment env;
  private Agents agents;

  @BeforeEach
  void start() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new AgentActivities(new AgentRegistry(List.of(new EchoAgent(), new RejectingAgent()))));
    agents =
        env.newActivityStub(
            Agents.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static AgentRequest request() {
    return new AgentRequest("demo", "step-1", json("{\"a\": 1}"), "run-1/step-1", null);
  }

  @Test
  void execute_runsTheAgentNamedByTheActivityType_andStampsTheAttempt() {
    AgentResult result = agents.echo(request());

    assertThat(result.output()).isEqualTo(json("{\"echo\": {\"a\": 1}, \"step\": \"step-1\"}"));
    assertThat(result.attempt()).isEqualTo(1);
  }

  @Test
  void execute_mapsAgentExceptionToNonRetryableApplicationFailure() {
    ActivityFailure failure =
        catchThrowableOfType(ActivityFailure.class, () -> agents.reject(request()));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(FailureTypes.AGENT_CLIENT_ERROR);
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage()).isEqualTo("remote said no");
    assertThat(cause.getDetails().get(AgentFailureDetails.class))
        .isEqualTo(new AgentFailureDetails(1));
  }

  @Test
  void execute_unknownAgent_isNonRetryableConfigError() {
    ActivityFailure failure =
        catchThrowableOfType(ActivityFailure.class, () -> agents.missing(request()));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage()).contains("\"missing\"");
  }

  @Test
  void toFailure_mapsRetryableAgentErrors() {
    ApplicationFailure failure =
        (ApplicationFailure) AgentFailures.toFailure(AgentException.remoteError("busy"), 3);

    assertThat(failure.getType()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getDetails().get(AgentFailureDetails.class))
        .isEqualTo(new AgentFailureDetails(3));
  }

  @Test
  void toFailure_mapsConfigErrorsAsNonRetryable() {
    ApplicationFailure failure =
        (ApplicationFailure) AgentFailures.toFailure(AgentException.configError("no key"), 1);

    assertThat(failure.getType()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void toFailure_mapsIoExceptionsToRetryableRemoteErrors() {
    ApplicationFailure failure =
        (ApplicationFailure) AgentFailures.toFailure(new ConnectException("refused"), 2);

    assertThat(failure.getType()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("refused");
    assertThat(failure.getDetails().get(AgentFailureDetails.class).attempt()).isEqualTo(2);
  }

  @Test
  void toFailure_mapsOtherExceptionsToRetryableFailuresTypedByClass() {
    ApplicationFailure failure =
        (ApplicationFailure) AgentFailures.toFailure(new IllegalStateException("bug"), 4);

    assertThat(failure.getType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getDetails().get(AgentFailureDetails.class).attempt()).isEqualTo(4);
  }

  @Test
  void toFailure_passesApplicationFailuresThrough() {
    ApplicationFailure original = ApplicationFailure.newNonRetryableFailure("x", "Custom");

    assertThat(AgentFailures.toFailure(original, 1)).isSameAs(original);
    assertThat(AgentFailures.toFailure(new IOException(), 1))
        .isInstanceOf(ApplicationFailure.class);
  }

  @Test
  void execute_failsTheStepOutputTooLarge_whenTheOutputIsOverTheLimit() {
    TestActivityEnvironment small = TestActivityEnvironment.newInstance();
    try {
      small.registerActivitiesImplementations(
          new AgentActivities(
              new AgentRegistry(List.of(new EchoAgent())),
              AgentMetrics.none(),
              io.opentelemetry.api.OpenTelemetry.noop(),
              16));
      Agents limited =
          small.newActivityStub(
              Agents.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                  .build());

      ActivityFailure failure =
          catchThrowableOfType(ActivityFailure.class, () -> limited.echo(request()));

      ApplicationFailure cause = (ApplicationFailure) failure.getCause();
      assertThat(cause.getType()).isEqualTo(FailureTypes.OUTPUT_TOO_LARGE);
      assertThat(cause.isNonRetryable()).isTrue();
      assertThat(cause.getOriginalMessage())
          .isEqualTo(
              "the step's output is 32 bytes of JSON; this worker allows at most 16"
                  + " (agents.maxOutputBytes)");
    } finally {
      small.close();
    }
  }

  @Test
  void execute_passesAnOutputOfExactlyTheLimit() {
    TestActivityEnvironment exact = TestActivityEnvironment.newInstance();
    try {
      exact.registerActivitiesImplementations(
          new AgentActivities(
              new AgentRegistry(List.of(new EchoAgent())),
              AgentMetrics.none(),
              io.opentelemetry.api.OpenTelemetry.noop(),
              32));
      Agents limited =
          exact.newActivityStub(
              Agents.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());

      assertThat(limited.echo(request()).output().path("step").asText()).isEqualTo("step-1");
    } finally {
      exact.close();
    }
  }

  @Test
  void execute_recordsTheCompletedCallsMetrics_withItsDuration() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TestActivityEnvironment metered = TestActivityEnvironment.newInstance();
    try {
      metered.registerActivitiesImplementations(
          new AgentActivities(
              new AgentRegistry(List.of(new SlowLlm())),
              AgentMetrics.of(registry, new AgentsConfiguration(), PriceTable.loadDefault())));
      Llm llm =
          metered.newActivityStub(
              Llm.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());

      llm.llm(request());

      assertThat(registry.get(MetricNames.AGENT_COST).counter().count()).isEqualTo(0.02);
      Timer duration = registry.get(MetricNames.GEN_AI_OPERATION_DURATION).timer();
      assertThat(duration.count()).isEqualTo(1);
      assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isBetween(50.0, 10_000.0);
    } finally {
      metered.close();
    }
  }

  /** A stub for the {@code llm} activity type. */
  @ActivityInterface
  public interface Llm {

    @ActivityMethod(name = "llm")
    AgentResult llm(AgentRequest request);
  }

  /** An {@code llm} agent that takes 50 ms and spends two cents. */
  private static final class SlowLlm implements Agent {
    @Override
    public String name() {
      return "llm";
    }

    @Override
    public AgentResult run(AgentCall call) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return AgentResult.of(json("{}"), new Usage("sim-small", 10, 5, 0.02, true));
    }
  }
}
