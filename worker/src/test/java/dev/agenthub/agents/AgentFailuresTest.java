package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.run.FailureTypes;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentFailuresTest {

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void toFailure_returnsTemporalsOwnExceptionsUnchanged() {
    ActivityCanceledException cancelled = new ActivityCanceledException();
    ApplicationFailure failure = ApplicationFailure.newFailure("as is", "Mine");

    assertThat(AgentFailures.toFailure(cancelled, 2)).isSameAs(cancelled);
    assertThat(AgentFailures.toFailure(failure, 2)).isSameAs(failure);
  }

  @Test
  void toFailure_agentErrors_keepTheirTypeAndRetryability_withoutTheCause() {
    ApplicationFailure remote =
        (ApplicationFailure) AgentFailures.toFailure(AgentException.remoteError("HTTP 503"), 3);
    ApplicationFailure client =
        (ApplicationFailure) AgentFailures.toFailure(AgentException.clientError("HTTP 404"), 1);

    assertThat(remote.getType()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(remote.isNonRetryable()).isFalse();
    assertThat(remote.getOriginalMessage()).isEqualTo("HTTP 503");
    assertThat(remote.getCause()).isNull();
    assertThat(remote.getDetails().get(AgentFailureDetails.class).attempt()).isEqualTo(3);
    assertThat(client.getType()).isEqualTo(FailureTypes.AGENT_CLIENT_ERROR);
    assertThat(client.isNonRetryable()).isTrue();
  }

  @Test
  void toFailure_ioErrors_areRetryableRemoteErrors_namedByClassAndMessage() {
    ApplicationFailure io =
        (ApplicationFailure) AgentFailures.toFailure(new IOException("connection reset"), 1);
    ApplicationFailure bare = (ApplicationFailure) AgentFailures.toFailure(new IOException(), 1);

    assertThat(io.getType()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(io.isNonRetryable()).isFalse();
    assertThat(io.getOriginalMessage()).isEqualTo("IOException: connection reset");
    assertThat(bare.getOriginalMessage()).isEqualTo("IOException");
  }

  @Test
  void toFailure_otherErrors_areTypedByClass_andAnInterruptIsKept() {
    ApplicationFailure bug =
        (ApplicationFailure) AgentFailures.toFailure(new IllegalStateException("bug"), 4);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    ApplicationFailure interrupted =
        (ApplicationFailure) AgentFailures.toFailure(new InterruptedException("stop"), 1);

    assertThat(bug.getType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(bug.getOriginalMessage()).isEqualTo("IllegalStateException: bug");
    assertThat(bug.getDetails().get(AgentFailureDetails.class).attempt()).isEqualTo(4);
    assertThat(interrupted.getType()).isEqualTo(InterruptedException.class.getName());
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }
}
