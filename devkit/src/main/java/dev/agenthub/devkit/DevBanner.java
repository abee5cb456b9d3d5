package dev.agenthub.devkit;

import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.temporal.TemporalSettings;
import java.io.PrintStream;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;

/**
 * What {@code dev} prints once everything listens: where things are, and that state is in memory.
 */
final class DevBanner {

  private DevBanner() {}

  static void print(
      PrintStream out,
      Server server,
      DevServer kind,
      TemporalSettings temporal,
      PipelineCatalog pipelines,
      DevApiKey key,
      String traces) {
    out.println();
    out.println(
        switch (kind) {
          case EMBEDDED ->
              "Agent Hub dev is up (one JVM: embedded Temporal server + worker + API).";
          case TEMPORAL_CLI -> "Agent Hub dev is up (Temporal CLI dev server + worker + API).";
          case NONE -> "Agent Hub dev is up (worker + API; Temporal runs elsewhere).";
        });
    out.println(
        "  Temporal frontend : "
            + temporal.target()
            + " (namespace "
            + temporal.namespace()
            + ", task queue "
            + temporal.taskQueue()
            + ")");
    for (var connector : server.getConnectors()) {
      if (connector instanceof NetworkConnector network) {
        String name = connector.getName() == null ? "" : " " + connector.getName();
        out.printf("  %-17s : http://localhost:%d%n", "HTTP" + name, network.getLocalPort());
      }
    }
    out.println(
        "  Pipelines         : "
            + String.join(", ", pipelines.valid().stream().map(PipelineDefinition::name).toList()));
    for (String invalid : pipelines.invalidSummaries()) {
      out.println("  Not loaded        : " + invalid);
    }
    out.println(
        "  API key (operator): "
            + key.key()
            + switch (key.origin()) {
              case GENERATED -> "   (new each start; set " + DevApiKey.ENV + " to fix it)";
              case FILE ->
                  "   (kept in " + DevApiKey.STATE_FILE + "; " + DevApiKey.ENV + " overrides it)";
              case ENVIRONMENT -> "";
            });
    out.println("  Traces and logs   : " + traces);
    out.println(
        "  Try: curl -H 'Authorization: Bearer " + key.key() + "' localhost:8080/api/v1/pipelines");
    if (kind == DevServer.EMBEDDED) {
      out.println("  State lives in memory and is lost when this process exits.");
      out.println("  No Temporal UI in this mode (use --server=temporal-cli for one).");
    } else if (kind == DevServer.TEMPORAL_CLI) {
      out.println("  Temporal UI       : " + temporal.uiBaseUrl());
      out.println("  State lives in .state/temporal-dev.db and survives restarts.");
    }
    out.println();
  }
}
