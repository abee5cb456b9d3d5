package dev.agenthub.api.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.agenthub.alerts.AlertGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alertmanager's webhook body (version 4), as it arrives. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AlertmanagerPayload(
    String version,
    String groupKey,
    String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    @JsonProperty("externalURL") String externalUrl,
    List<Alert> alerts) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      @JsonDeserialize(using = Rfc3339Instants.class) Instant startsAt,
      @JsonDeserialize(using = Rfc3339Instants.class) Instant endsAt,
      @JsonProperty("generatorURL") String generatorUrl) {}

  AlertGroup toGroup() {
    return new AlertGroup(
        status,
        groupKey,
        receiver,
        withoutNulls(groupLabels),
        withoutNulls(commonLabels),
        withoutNulls(commonAnnotations),
        externalUrl,
        alerts.stream()
            .map(
                a ->
                    new AlertGroup.Alert(
                        a.status(),
                        withoutNulls(a.labels()),
                        withoutNulls(a.annotations()),
                        a.startsAt(),
                        a.endsAt(),
                        a.generatorUrl()))
            .toList());
  }

  /** The earliest start of the group's alerts: with group key and status, the dedup key. */
  Instant startedAt() {
    return alerts.stream()
        .map(Alert::startsAt)
        .filter(java.util.Objects::nonNull)
        .min(Instant::compareTo)
        .orElse(Instant.EPOCH);
  }

  /** {@code map} without the entries whose value is null (JSON null: no value), or null. */
  private static Map<String, String> withoutNulls(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Map<String, String> values = new java.util.LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          if (value != null) {
            values.put(key, value);
          }
        });
    return values;
  }
}
