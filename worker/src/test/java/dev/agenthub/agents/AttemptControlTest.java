package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agenthub.run.FailureTypes;
import dev.agenthub.testing.Poll;
import io.temporal.client.ActivityCanceledException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class AttemptControlTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void timeoutFor_shortensTheOwnTimeout_toWhatTheAttemptHasLeft() throws Exception {
    AttemptControl control = AttemptControl.within(Duration.ofSeconds(2));

    Duration timeout = control.timeoutFor(Duration.ofSeconds(30));

    assertThat(timeout).isLessThanOrEqualTo(Duration.ofMillis(1800)).isPositive();
  }

  @Test
  void timeoutFor_keepsTheOwnTimeout_whenItEndsBeforeTheAttempt() throws Exception {
    AttemptControl control = AttemptControl.within(Duration.ofMinutes(5));

    assertThat(control.timeoutFor(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(AttemptControl.unbounded().timeoutFor(Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void timeoutFor_failsRetryably_whenTheAttemptHasNoTimeLeft() {
    AttemptControl control = AttemptControl.within(Duration.ofNanos(1));

    Throwable failure = catchThrowable(() -> control.timeoutFor(Duration.ofSeconds(30)));

    assertThat(failure).isInstanceOf(AgentException.class);
    assertThat(((AgentException) failure).type()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(((AgentException) failure).retryable()).isTrue();
  }

  @Test
  void timeoutFor_refusesZero_whichHttpClientsReadAsNoTimeout() {
    assertThatThrownBy(() -> AttemptControl.unbounded().timeoutFor(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AttemptControl.within(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cancel_abortsTheCallInFlight_andThrowsTheCancellation() throws Exception {
    try (HangingHttpServer server = new HangingHttpServer()) {
      AttemptControl control = AttemptControl.unbounded();
      OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
      CompletableFuture<Throwable> outcome =
          CompletableFuture.supplyAsync(
              () ->
                  catchThrowable(
                      () ->
                          control
                              .execute(
                                  http.newCall(new Request.Builder().url(server.url("/")).build()),
                                  Duration.ofMinutes(1))
                              .close()));
      Poll.untilPresent("the request to arrive", WAIT, server::accepted);
      ActivityCanceledException cancellation = new ActivityCanceledException();

      Instant cancelled = Instant.now();
      control.cancel(cancellation);

      Instant closed = Poll.untilPresent("the connection to close", WAIT, server::closedByClient);
      assertThat(Duration.between(cancelled, closed)).isLessThan(Duration.ofSeconds(2));
      assertThat(outcome.get(10, TimeUnit.SECONDS)).isSameAs(cancellation);
      assertThatThrownBy(control::throwIfCancelled).isSameAs(cancellation);
    }
  }
}
