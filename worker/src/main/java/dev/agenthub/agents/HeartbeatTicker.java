package dev.agenthub.agents;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats running activities from a background thread while their agents block (in an OkHttp
 * read, most of the time), so Temporal notices a dead worker within the heartbeat timeout, and the
 * worker learns of a cancellation from the heartbeat's answer. When a heartbeat reports that the
 * attempt was cancelled, timed out or is gone, the ticker cancels the attempt's {@link
 * AttemptControl}, which aborts its in-flight HTTP calls.
 *
 * <p>Heartbeats are cheap to call: the SDK sends at most one per throttle interval (the worker's
 * {@code maxHeartbeatThrottleInterval}) and the ticker only feeds it.
 */
final class HeartbeatTicker {

  /** How often a running activity calls {@code heartbeat}. */
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(HeartbeatTicker.class);

  private final ScheduledExecutorService executor;
  private final Duration interval;

  HeartbeatTicker(Duration interval) {
    this.interval = interval;
    // Two threads: a heartbeat is a blocking RPC when it is due, and one slow answer must not
    // delay every other activity's heartbeat.
    this.executor =
        Executors.newScheduledThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "agenthub-heartbeats");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Heartbeats {@code context} until the returned handle is closed. */
  Ticking start(ActivityExecutionContext context, AttemptControl control) {
    long millis = interval.toMillis();
    ScheduledFuture<?> ticks =
        executor.scheduleWithFixedDelay(
            () -> beat(context, control), millis, millis, TimeUnit.MILLISECONDS);
    return () -> ticks.cancel(false);
  }

  private static void beat(ActivityExecutionContext context, AttemptControl control) {
    if (control.cancellation() != null) {
      return;
    }
    try {
      context.heartbeat(null);
    } catch (ActivityCompletionException e) {
      log.info(
          "activity {} ends: {}", context.getInfo().getActivityId(), e.getClass().getSimpleName());
      control.cancel(e);
    } catch (RuntimeException e) {
      // A heartbeat that could not be sent (Temporal unreachable) is retried on the next tick.
      log.debug("heartbeat failed", e);
    }
  }

  /** Stops the ticks of one activity. */
  interface Ticking extends AutoCloseable {
    @Override
    void close();
  }
}
