package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TemporalDeadlineTest {

  private final ExecutorService calls = Executors.newCachedThreadPool();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private volatile boolean connected;
  private final TemporalDeadline deadline =
      new TemporalDeadline(
          Duration.ofMillis(300), Duration.ofSeconds(5), () -> connected, calls, timers);

  @AfterEach
  void stop() {
    calls.shutdownNow();
    timers.shutdownNow();
  }

  @Test
  void call_failsTemporalUnavailableAtTheBudget_andInterruptsTheWork_whenNotConnected() {
    CountDownLatch interrupted = new CountDownLatch(1);
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                deadline.call(
                    () -> {
                      try {
                        new CountDownLatch(1).await();
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                      }
                      return "never";
                    }))
        .isInstanceOf(RunServiceException.TemporalUnavailable.class);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(awaitQuietly(interrupted)).as("the work was interrupted").isTrue();
  }

  @Test
  void call_givesTheWorkAGrpcDeadline_andTheCallersLogContext() {
    MDC.put("trace_id", "abc");
    try {
      String seen =
          deadline.call(
              () -> (Context.current().getDeadline() != null) + " " + MDC.get("trace_id"));
      assertThat(seen).isEqualTo("true abc");
    } finally {
      MDC.clear();
    }
  }

  @Test
  void call_turnsUnavailableIntoTemporalUnavailable_andPassesOtherFailuresThrough() {
    assertThatThrownBy(
            () ->
                deadline.call(
                    () -> {
                      throw Status.UNAVAILABLE.asRuntimeException();
                    }))
        .isInstanceOf(RunServiceException.TemporalUnavailable.class);
    assertThatThrownBy(
            () ->
                deadline.call(
                    () -> {
                      throw new RunServiceException.RunNotFound("r");
                    }))
        .isInstanceOf(RunServiceException.RunNotFound.class);
    assertThatThrownBy(
            () ->
                deadline.call(
                    () -> {
                      throw new IllegalArgumentException("bug");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void call_waitsPastTheBudget_forSlowWork_whileConnected() {
    connected = true;

    String result =
        deadline.call(
            () -> {
              try {
                Thread.sleep(600);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
              }
              return "slow but answered";
            });

    assertThat(result).isEqualTo("slow but answered");
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
