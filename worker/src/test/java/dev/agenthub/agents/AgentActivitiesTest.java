package dev.agenthub.agents;

import static dev.agenthub.agents.AgentCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.cost.Usage;
import dev.agenthub.run.FailureTypes;
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
}
