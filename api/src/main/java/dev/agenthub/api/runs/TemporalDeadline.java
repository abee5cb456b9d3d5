package dev.agenthub.api.runs;

import static java.util.Objects.requireNonNull;

import io.grpc.Context;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The time one API request may wait for Temporal, all calls and the SDK's retries included; after
 * it the request fails with {@link RunServiceException.TemporalUnavailable} (503 with {@code
 * Retry-After}) instead of waiting out the SDK's minute of retries against a frontend that is down
 * or hung.
 *
 * <p>The work runs on {@code calls} under a gRPC {@link Context} deadline, so every RPC it makes
 * inherits the deadline and the SDK stops retrying once it passes. The request waits for the work
 * at most that long: the SDK checks a deadline only between attempts, and some of its calls
 * (history long polls) retry on threads of their own, so the deadline alone would not bound the
 * answer. Work still running then is interrupted. The caller's trace context and log context go
 * with the work.
 */
public final class TemporalDeadline {

  /** Default: leaves a client a second of slack under 3 s. */
  public static final Duration DEFAULT = Duration.ofSeconds(2);

  private final Duration budget;
  private final ExecutorService calls;
  private final ScheduledExecutorService timers;

  /**
   * @param budget how long a request waits for Temporal
   * @param calls where the work runs (one thread per request in flight)
   * @param timers cancels the work's gRPC context when the budget is spent
   */
  public TemporalDeadline(Duration budget, ExecutorService calls, ScheduledExecutorService timers) {
    this.budget = requireNonNull(budget, "budget");
    this.calls = requireNonNull(calls, "calls");
    this.timers = requireNonNull(timers, "timers");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be positive, got " + budget);
    }
  }

  public Duration budget() {
    return budget;
  }

  /**
   * How long a workflow query may take within a request of {@code budget}: three quarters of it, so
   * that a run whose workers are down or busy is still described (without its steps) instead of
   * failing the request.
   */
  public static Duration queryTimeout(Duration budget) {
    return budget.multipliedBy(3).dividedBy(4);
  }

  /**
   * The result of {@code work}, or {@link RunServiceException.TemporalUnavailable} when Temporal
   * did not answer within the budget. Failures of {@code work} come back as thrown.
   */
  public <T> T call(Supplier<T> work) {
    Context.CancellableContext deadline =
        Context.current().withDeadlineAfter(budget.toMillis(), TimeUnit.MILLISECONDS, timers);
    Future<T> result = calls.submit(carryingCallerContext(deadline.wrap(work::get)));
    try {
      return result.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw TemporalErrors.unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TemporalErrors.unavailable();
    } catch (ExecutionException e) {
      throw failure(e.getCause(), deadline);
    } finally {
      result.cancel(true);
      deadline.cancel(null);
    }
  }

  /** {@link #call(Supplier)} for work without a result. */
  public void run(Runnable work) {
    call(
        () -> {
          work.run();
          return null;
        });
  }

  private static RuntimeException failure(Throwable cause, Context.CancellableContext deadline) {
    if (cause instanceof RunServiceException known) {
      return known;
    }
    if (cause instanceof RuntimeException e) {
      return deadline.isCancelled() || TemporalErrors.isUnavailable(e)
          ? TemporalErrors.unavailable()
          : e;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  /** {@code task} run with the caller's trace context and log context (MDC). */
  private static <T> Callable<T> carryingCallerContext(Callable<T> task) {
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    Callable<T> traced = io.opentelemetry.context.Context.current().wrap(task);
    return () -> {
      if (logContext != null) {
        MDC.setContextMap(logContext);
      }
      try {
        return traced.call();
      } finally {
        MDC.clear();
      }
    };
  }
}
