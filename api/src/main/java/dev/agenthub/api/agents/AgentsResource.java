package dev.agenthub.api.agents;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.agents.AgentSpec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** {@code GET /api/v1/agents}: every agent a pipeline may use, and whether it is served now. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public final class AgentsResource {

  static final String BUILT_IN = "built-in";
  static final String JAVA = "java";
  static final String EXTERNAL = "external";

  private final AgentCatalog catalog;
  private final String pipelinesQueue;
  private final TaskQueuePollers pollers;

  public AgentsResource(AgentCatalog catalog, String pipelinesQueue, TaskQueuePollers pollers) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.pipelinesQueue = requireNonNull(pipelinesQueue, "pipelinesQueue");
    this.pollers = requireNonNull(pollers, "pollers");
  }

  @GET
  @RolesAllowed("viewer")
  public AgentList list() {
    Map<String, Optional<Boolean>> polledByQueue = new HashMap<>();
    List<AgentView> agents = new ArrayList<>();
    for (String name : catalog.names()) {
      AgentDeclaration declared = catalog.declaration(name).orElse(null);
      String queue =
          declared == null || declared.taskQueue() == null ? pipelinesQueue : declared.taskQueue();
      Boolean polled = polledByQueue.computeIfAbsent(queue, pollers::polled).orElse(null);
      if (declared == null) {
        AgentSpec spec = catalog.find(name).orElseThrow();
        agents.add(
            new AgentView(
                name, null, BUILT_IN, queue, schemaOf(spec), null, spec.costBearing(), polled));
      } else {
        agents.add(
            new AgentView(
                name,
                declared.description(),
                declared.external() ? EXTERNAL : JAVA,
                queue,
                declared.arguments(),
                declared.output(),
                declared.costBearing(),
                polled));
      }
    }
    return new AgentList(agents);
  }

  /** A built-in agent's argument contract as a JSON Schema (alternatives as {@code anyOf}). */
  static JsonNode schemaOf(AgentSpec spec) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode schema = json.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    TreeSet<String> required = new TreeSet<>();
    for (String requirement : new TreeSet<>(spec.requiredArguments())) {
      String[] alternatives = requirement.split("\\|");
      for (String argument : alternatives) {
        properties.putObject(argument);
      }
      if (alternatives.length == 1) {
        required.add(requirement);
      } else {
        var anyOf = schema.withArray("anyOf");
        for (String argument : alternatives) {
          anyOf.addObject().putArray("required").add(argument);
        }
      }
    }
    new TreeSet<>(spec.optionalArguments()).forEach(properties::putObject);
    if (!required.isEmpty()) {
      required.forEach(schema.withArray("required")::add);
    }
    schema.put("additionalProperties", false);
    return schema;
  }
}
