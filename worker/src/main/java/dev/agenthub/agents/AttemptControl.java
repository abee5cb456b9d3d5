package dev.agenthub.agents;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Response;

/**
 * What bounds one attempt of an agent call: the time it has left before Temporal's StartToClose
 * timeout ends it, and its cancellation. Agents run every outbound HTTP exchange through {@link
 * #execute}, which bounds the exchange by the remaining time and aborts it at once when the attempt
 * is cancelled (the run was cancelled or failed fast, the pipeline timed out, or the activity is
 * gone), instead of leaving a socket read blocked until the step timeout.
 *
 * <p>Thread-safe: {@link #cancel} is called from the heartbeat thread while the agent blocks.
 */
public final class AttemptControl {

  /** Left free at the end of an attempt, so an agent times out with its own clear error first. */
  static final Duration MAX_MARGIN = Duration.ofSeconds(1);

  private final long deadlineNanos;
  private final long marginNanos;
  private final boolean bounded;
  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
  private volatile RuntimeException cancellation;

  private AttemptControl(Duration budget) {
    this.bounded = budget != null;
    this.marginNanos = bounded ? Math.min(MAX_MARGIN.toNanos(), budget.toNanos() / 10) : 0;
    this.deadlineNanos = bounded ? System.nanoTime() + budget.toNanos() : Long.MAX_VALUE;
  }

  /** An attempt without a deadline (outside Temporal): only the agents' own timeouts apply. */
  public static AttemptControl unbounded() {
    return new AttemptControl(null);
  }

  /** An attempt that must finish within {@code budget} from now. */
  public static AttemptControl within(Duration budget) {
    if (budget == null || budget.isZero() || budget.isNegative()) {
      throw new IllegalArgumentException("an attempt's budget must be positive, got " + budget);
    }
    return new AttemptControl(budget);
  }

  /**
   * The timeout of one exchange: {@code own}, shortened to the attempt's remaining time less a
   * small margin. Never zero, which OkHttp would read as "no timeout".
   *
   * @throws AgentException a retryable timeout when the attempt has no time left
   */
  public Duration timeoutFor(Duration own) throws AgentException {
    if (own == null || own.isZero() || own.isNegative()) {
      throw new IllegalArgumentException("a timeout must be positive, got " + own);
    }
    if (!bounded) {
      return own;
    }
    long left = deadlineNanos - marginNanos - System.nanoTime();
    if (left <= TimeUnit.MILLISECONDS.toNanos(1)) {
      throw AgentException.remoteError(
          "the step's attempt timeout leaves no time for the call; raise the step's `timeout`");
    }
    return own.toNanos() <= left ? own : Duration.ofNanos(left);
  }

  /**
   * Executes {@code call} with the timeout {@link #timeoutFor timeoutFor(own)}, cancelling it when
   * the attempt is cancelled.
   *
   * @throws IOException the exchange failed or timed out
   * @throws AgentException the attempt has no time left
   * @throws RuntimeException the attempt's cancellation (Temporal's own exception, to be rethrown
   *     as it is)
   */
  public Response execute(Call call, Duration own) throws IOException, AgentException {
    call.timeout().timeout(timeoutFor(own).toNanos(), TimeUnit.NANOSECONDS);
    inFlight.add(call);
    try {
      throwIfCancelled();
      // A cancel between the check and the registration cancels the call in cancel() below.
      return call.execute();
    } catch (IOException e) {
      throwIfCancelled();
      throw e;
    } finally {
      inFlight.remove(call);
    }
  }

  /**
   * Cancels the attempt: aborts the exchanges in flight and every later one with {@code reason}.
   */
  void cancel(RuntimeException reason) {
    if (cancellation == null) {
      cancellation = reason;
    }
    inFlight.forEach(Call::cancel);
  }

  /** Throws the attempt's cancellation, if it was cancelled. */
  public void throwIfCancelled() {
    RuntimeException reason = cancellation;
    if (reason != null) {
      throw reason;
    }
  }

  /** The cancellation of the attempt, or {@code null} while it runs. */
  RuntimeException cancellation() {
    return cancellation;
  }
}
