package dev.agenthub.api.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The {@code events:} block: the sources that may post events with a signature. */
public class EventsConfiguration {

  @Valid @NotNull private List<EventSourceConfiguration> sources = List.of();

  @JsonProperty
  public List<EventSourceConfiguration> getSources() {
    return sources;
  }

  @JsonProperty
  public void setSources(List<EventSourceConfiguration> sources) {
    this.sources = sources == null ? List.of() : List.copyOf(sources);
  }
}
