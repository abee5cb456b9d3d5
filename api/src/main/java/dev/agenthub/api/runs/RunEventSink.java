package dev.agenthub.api.runs;

/** Where a followed run's events go (an SSE connection). */
public interface RunEventSink {

  /** Sends {@code event}; false when the receiver has gone and following should stop. */
  boolean send(RunEvent event);

  /** Tells the receiver the stream is alive while nothing happens; false when it has gone. */
  boolean keepAlive();
}
