package dev.agenthub.dsl;

import java.util.regex.Pattern;

/**
 * One entry of a pipeline's {@code on:}: an event type that starts a run, with the event as the
 * run's input.
 *
 * @param event the event type, as posted to {@code POST /api/v1/events/{type}}
 * @param when CEL condition over the event (read as {@code input}); {@code null} = every event
 */
public record EventTrigger(String event, String when) {

  /** Event types: letters, digits and {@code . _ : -}, as they appear in a URL path. */
  public static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
}
