package dev.agenthub.api.runs;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Writes run events to a Server-Sent Events connection: {@code id:} the history event id, {@code
 * event:} the event's type, {@code data:} the event as JSON; keep-alives are comments.
 */
final class SseRunEvents implements RunEventSink {

  private final SseEventSink sink;
  private final Sse sse;

  SseRunEvents(SseEventSink sink, Sse sse) {
    this.sink = sink;
    this.sse = sse;
  }

  @Override
  public boolean send(RunEvent event) {
    return write(
        sse.newEventBuilder()
            .id(Long.toString(event.id()))
            .name(event.type())
            .mediaType(MediaType.APPLICATION_JSON_TYPE)
            .data(RunEvent.class, event)
            .build());
  }

  @Override
  public boolean keepAlive() {
    return write(sse.newEventBuilder().comment("waiting").build());
  }

  private boolean write(jakarta.ws.rs.sse.OutboundSseEvent event) {
    if (sink.isClosed()) {
      return false;
    }
    return !sink.send(event).toCompletableFuture().isCompletedExceptionally() && !sink.isClosed();
  }
}
