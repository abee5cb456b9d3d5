package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScanListCallTest {

  @Test
  void call_unknownTwiceThenAnswer_returnsTheAnswer() {
    AtomicInteger calls = new AtomicInteger();

    String answer =
        ScanListCall.call(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw Status.UNKNOWN.withDescription("Application error").asRuntimeException();
              }
              return "runs";
            });

    assertThat(answer).isEqualTo("runs");
    assertThat(calls).hasValue(3);
  }

  @Test
  void call_unknownEveryTime_isTemporalUnavailableAfterTheLastAttempt() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                ScanListCall.call(
                    () -> {
                      calls.incrementAndGet();
                      throw Status.UNKNOWN.asRuntimeException();
                    }))
        .isInstanceOf(RunServiceException.TemporalUnavailable.class)
        .hasMessageContaining("try again");
    assertThat(calls).hasValue(ScanListCall.ATTEMPTS);
  }

  @Test
  void call_unknownEveryTime_waitsLongerBeforeEachLaterAttempt() {
    List<Long> callTimes = new ArrayList<>();

    assertThatThrownBy(
            () ->
                ScanListCall.call(
                    () -> {
                      callTimes.add(System.nanoTime());
                      throw Status.UNKNOWN.asRuntimeException();
                    }))
        .isInstanceOf(RunServiceException.TemporalUnavailable.class);

    // Pauses of 1, 2, 4 ... 32 ms: at least 16 ms before the sixth attempt, 32 before the last.
    assertThat(callTimes).hasSize(ScanListCall.ATTEMPTS);
    assertThat(callTimes.get(5) - callTimes.get(4)).isGreaterThanOrEqualTo(16_000_000L);
    assertThat(callTimes.get(7) - callTimes.get(6)).isGreaterThanOrEqualTo(32_000_000L);
  }

  @Test
  void call_otherFailures_areNotRepeated() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                ScanListCall.call(
                    () -> {
                      calls.incrementAndGet();
                      throw Status.UNAVAILABLE.asRuntimeException();
                    }))
        .isInstanceOf(StatusRuntimeException.class);
    assertThat(calls).hasValue(1);
  }
}
