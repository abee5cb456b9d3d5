package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.dsl.RetryDefinition;
import dev.agenthub.dsl.StepDefinition;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepActivityOptionsTest {

  @Test
  void forStep_withoutRetryOrTimeout_takesThePlatformDefaults() {
    ActivityOptions options = StepActivityOptions.forStep(agent("fetch", "http", "{}"));

    RetryOptions retry = options.getRetryOptions();
    assertThat(retry.getMaximumAttempts()).isEqualTo(3);
    assertThat(retry.getInitialInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(retry.getBackoffCoefficient()).isEqualTo(2.0);
    assertThat(retry.getMaximumInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(retry.getDoNotRetry()).isNullOrEmpty();
    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.getSummary()).isEqualTo("fetch");
  }

  @Test
  void forStep_withRetryAndTimeout_usesEveryField() {
    StepDefinition base = agent("fetch", "http", "{}");
    StepDefinition step =
        new StepDefinition(
            base.id(),
            base.type(),
            base.agent(),
            base.with(),
            base.needs(),
            null,
            new RetryDefinition(7, "250ms", 1.5, "10s", List.of("AgentClientError")),
            "45s",
            base.onError());

    ActivityOptions options = StepActivityOptions.forStep(step);

    RetryOptions retry = options.getRetryOptions();
    assertThat(retry.getMaximumAttempts()).isEqualTo(7);
    assertThat(retry.getInitialInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(retry.getBackoffCoefficient()).isEqualTo(1.5);
    assertThat(retry.getMaximumInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(retry.getDoNotRetry()).containsExactly("AgentClientError");
    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void forStep_retryWithOnlyMaxAttempts_keepsTheOtherDefaults() {
    StepDefinition base = agent("fetch", "http", "{}");
    StepDefinition step =
        new StepDefinition(
            base.id(),
            base.type(),
            base.agent(),
            base.with(),
            base.needs(),
            null,
            new RetryDefinition(1, null, null, null, null),
            null,
            base.onError());

    RetryOptions retry = StepActivityOptions.forStep(step).getRetryOptions();

    assertThat(retry.getMaximumAttempts()).isEqualTo(1);
    assertThat(retry.getInitialInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(retry.getBackoffCoefficient()).isEqualTo(2.0);
    assertThat(retry.getMaximumInterval()).isEqualTo(Duration.ofMinutes(1));
  }
}
