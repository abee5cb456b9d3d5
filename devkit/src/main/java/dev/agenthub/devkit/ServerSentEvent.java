package dev.agenthub.devkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One event of a {@code text/event-stream}: its {@code id:}, {@code event:} name and {@code data:}
 * (the data lines joined by newlines).
 */
record ServerSentEvent(String id, String name, String data) {

  /**
   * Reads an event stream line by line, as the HTML standard's event-stream parsing does for the
   * fields used here: a blank line dispatches the event gathered so far, a line starting with
   * {@code :} is a comment (a keep-alive), and {@code field: value} sets a field (one space after
   * the colon is dropped). Unknown fields are ignored.
   */
  static final class Parser {

    private final Consumer<ServerSentEvent> onEvent;
    private final List<String> data = new ArrayList<>();
    private String id;
    private String name;

    Parser(Consumer<ServerSentEvent> onEvent) {
      this.onEvent = onEvent;
    }

    void line(String line) {
      if (line.isEmpty()) {
        dispatch();
        return;
      }
      if (line.startsWith(":")) {
        return;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id" -> id = value;
        case "event" -> name = value;
        case "data" -> data.add(value);
        default -> {}
      }
    }

    private void dispatch() {
      if (!data.isEmpty() || name != null) {
        onEvent.accept(
            new ServerSentEvent(id, name == null ? "message" : name, String.join("\n", data)));
      }
      data.clear();
      name = null;
    }
  }
}
