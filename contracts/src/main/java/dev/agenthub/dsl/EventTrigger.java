package dev.agenthub.dsl;

/**
 * One entry of a pipeline's {@code on:}: an event type that starts a run, with the event as the
 * run's input.
 *
 * @param event the event type, as posted to {@code POST /api/v1/events/{type}}
 * @param when CEL condition over the event (read as {@code input}); {@code null} = every event
 */
public record EventTrigger(String event, String when) {}
