package dev.agenthub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The whole stack as docker compose sees it: docker-compose.yml plus the files it includes. */
final class ComposeStack {

  record Service(String name, JsonNode node, Path file) {}

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  final Map<String, Service> services = new LinkedHashMap<>();
  final Map<String, JsonNode> secrets = new LinkedHashMap<>();
  final List<Path> files = new ArrayList<>();

  static ComposeStack load() {
    ComposeStack stack = new ComposeStack();
    stack.add(RepoFiles.path("docker-compose.yml"));
    return stack;
  }

  private void add(Path file) {
    files.add(file);
    JsonNode root = RepoFiles.yaml(file);
    for (JsonNode include : root.path("include")) {
      if (include.isTextual()) {
        add(file.resolveSibling(include.asText()));
      } else {
        for (JsonNode path :
            include.path("path").isArray() ? include.path("path") : List.of(include.path("path"))) {
          add(file.resolveSibling(path.asText()));
        }
      }
    }
    root.path("services")
        .fields()
        .forEachRemaining(
            e -> {
              if (services.containsKey(e.getKey())) {
                throw new IllegalStateException("service " + e.getKey() + " defined twice");
              }
              services.put(e.getKey(), new Service(e.getKey(), e.getValue(), file));
            });
    root.path("secrets").fields().forEachRemaining(e -> secrets.put(e.getKey(), e.getValue()));
  }

  Service service(String name) {
    Service service = services.get(name);
    if (service == null) {
      throw new AssertionError("no service " + name + " in " + services.keySet());
    }
    return service;
  }

  /**
   * Container ports a service listens on: {@code expose} plus the container side of {@code ports}.
   */
  Set<Integer> containerPorts(String name) {
    JsonNode node = service(name).node();
    Set<Integer> ports = new LinkedHashSet<>();
    for (JsonNode expose : node.path("expose")) {
      ports.add(Integer.parseInt(interpolate(expose.asText()).replaceAll("/.*", "")));
    }
    for (JsonNode port : node.path("ports")) {
      if (port.isObject()) {
        ports.add(port.path("target").asInt());
      } else {
        String spec = interpolate(port.asText()).replaceAll("/.*", "");
        ports.add(Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1)));
      }
    }
    return ports;
  }

  /** Host port that {@code containerPort} of a service is published on, or -1. */
  int publishedPort(String name, int containerPort) {
    for (JsonNode port : service(name).node().path("ports")) {
      String[] parts = interpolate(port.asText()).replaceAll("/.*", "").split(":");
      if (parts.length >= 2 && Integer.parseInt(parts[parts.length - 1]) == containerPort) {
        return Integer.parseInt(parts[parts.length - 2]);
      }
    }
    return -1;
  }

  /** A service's environment as a map (list or mapping form), interpolated with defaults. */
  Map<String, String> environment(String name) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode environment = service(name).node().path("environment");
    if (environment.isArray()) {
      for (JsonNode entry : environment) {
        String[] kv = entry.asText().split("=", 2);
        env.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : "");
      }
    } else {
      environment
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), interpolate(e.getValue().asText())));
    }
    return env;
  }

  /**
   * Compose interpolation with the defaults written in the file ({@code ${VAR:-default}}); the
   * environment and .env are ignored so that checks see what the files themselves promise.
   */
  static String interpolate(String value) {
    String escaped = value.replace("$$", "\u0000");
    Matcher m = VARIABLE.matcher(escaped);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
    }
    m.appendTail(out);
    return out.toString().replace("\u0000", "$");
  }
}
