package dev.agenthub.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code pipelines list} and {@code pipelines show NAME}: what a running API has loaded. */
final class PipelinesOverApi {

  private final ApiClient api;
  private final PrintStream out;
  private final ObjectMapper json;
  private final boolean asJson;

  PipelinesOverApi(ApiClient api, PrintStream out, ObjectMapper json, boolean asJson) {
    this.api = api;
    this.out = out;
    this.json = json;
    this.asJson = asJson;
  }

  /** Every pipeline the API serves, then the files it refused with their errors. */
  void list() {
    JsonNode list = api.get("/api/v1/pipelines");
    if (asJson) {
      printJson(list);
      return;
    }
    Table table = new Table("NAME", "VERSION", "STEPS", "DESCRIPTION");
    for (JsonNode pipeline : list.path("pipelines")) {
      table.row(
          pipeline.path("name").asText(),
          pipeline.path("version").asText(),
          pipeline.path("steps").size(),
          pipeline.path("description").asText(""));
    }
    table.print(out);
    for (JsonNode invalid : list.path("invalid")) {
      out.println("invalid " + invalid.path("file").asText() + ":");
      for (JsonNode error : invalid.path("errors")) {
        out.println("  " + error.asText());
      }
    }
  }

  /** One pipeline: its settings and a row per step. */
  void show(String name) {
    JsonNode pipeline =
        api.get("/api/v1/pipelines/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    if (asJson) {
      printJson(pipeline);
      return;
    }
    out.printf(
        "Pipeline %s %s%n", pipeline.path("name").asText(), pipeline.path("version").asText());
    if (pipeline.path("description").isTextual()) {
      out.println(pipeline.path("description").asText());
    }
    if (pipeline.path("maxCostUsd").isNumber()) {
      out.println("Budget: $" + pipeline.path("maxCostUsd").asText());
    }
    if (pipeline.path("timeout").isTextual()) {
      out.println("Timeout: " + pipeline.path("timeout").asText());
    }
    Table table = new Table("STEP", "KIND", "NEEDS", "WHEN");
    for (JsonNode step : pipeline.path("steps")) {
      StringBuilder needs = new StringBuilder();
      for (JsonNode need : step.path("needs")) {
        needs.append(needs.isEmpty() ? "" : ",").append(need.asText());
      }
      table.row(
          step.path("id").asText(),
          step.path("kind").asText(),
          needs,
          step.path("when").asText(""));
    }
    table.print(out);
    if (!pipeline.path("inputSchema").isMissingNode() && !pipeline.path("inputSchema").isNull()) {
      out.println("Input schema:");
      printJson(pipeline.path("inputSchema"));
    }
  }

  private void printJson(JsonNode node) {
    try {
      out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      out.println(node);
    }
  }
}
