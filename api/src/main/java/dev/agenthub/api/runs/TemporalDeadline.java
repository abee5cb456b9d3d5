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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * How long one API request waits for Temporal, all calls and the SDK's retries included. When
 * Temporal is not connected (down, refusing, or hung before it answers) the request fails after
 * {@code budget} with {@link RunServiceException.TemporalUnavailable} (503 with {@code
 * Retry-After}) instead of waiting out the SDK's minute of retries; while the connection is up a
 * slow answer gets up to {@code slowBudget}.
 *
 * <p>The work runs on {@code calls} under a gRPC {@link Context} deadline of {@code slowBudget}, so
 * every RPC it makes inherits it and the SDK stops retrying once it passes. The request itself
 * waits for the work, because the SDK checks a deadline only between attempts and some of its calls
 * (history long polls) retry on threads of their own. Work still running when the request gives up
 * is interrupted. The caller's trace context and log context go with the work.
 */
public final class TemporalDeadline {

  /** Default {@code budget}: leaves a client a second of slack under 3 s. */
  public static final Duration DEFAULT = Duration.ofSeconds(2);

  /** Default {@code slowBudget}. */
  public static final Duration DEFAULT_SLOW = Duration.ofSeconds(30);

  private final Duration budget;
  private final Duration slowBudget;
  private final BooleanSupplier connected;
  private final ExecutorService calls;
  private final ScheduledExecutorService timers;

  /**
   * @param budget how long a request waits when Temporal is not connected
   * @param slowBudget how long a request waits at most while it is (at least {@code budget})
   * @param connected whether the connection to Temporal is up (its gRPC channel is READY)
   * @param calls where the work runs (one thread per request in flight)
   * @param timers cancels the work's gRPC context when {@code slowBudget} is spent
   */
  public TemporalDeadline(
      Duration budget,
      Duration slowBudget,
      BooleanSupplier connected,
      ExecutorService calls,
      ScheduledExecutorService timers) {
    this.budget = requireNonNull(budget, "budget");
    this.slowBudget = requireNonNull(slowBudget, "slowBudget");
    this.connected = requireNonNull(connected, "connected");
    this.calls = requireNonNull(calls, "calls");
    this.timers = requireNonNull(timers, "timers");
    if (budget.isNegative() || budget.isZero() || slowBudget.compareTo(budget) < 0) {
      throw new IllegalArgumentException(
          "need 0 < budget <= slowBudget, got " + budget + " and " + slowBudget);
    }
  }

  /**
   * The result of {@code work}, or {@link RunServiceException.TemporalUnavailable} when Temporal
   * did not answer in time. Failures of {@code work} come back as thrown.
   */
  public <T> T call(Supplier<T> work) {
    Context.CancellableContext deadline =
        Context.current().withDeadlineAfter(slowBudget.toMillis(), TimeUnit.MILLISECONDS, timers);
    Future<T> result = calls.submit(carryingCallerContext(deadline.wrap(work::get)));
    try {
      try {
        return result.get(budget.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException notYet) {
        if (!connected.getAsBoolean()) {
          throw TemporalErrors.unavailable();
        }
        return result.get(slowBudget.minus(budget).toMillis(), TimeUnit.MILLISECONDS);
      }
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
