package dev.agenthub.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.runs.DecisionRequest;
import dev.agenthub.api.runs.RunView;
import dev.agenthub.api.runs.TerminateRequest;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code runs list|show|follow|history|approve|reject|cancel|retry|rerun|terminate}: what an
 * operator does with runs, over a running API. Tables by default, the API's JSON with {@code
 * --json}; {@code show} and {@code follow} exit 1 when the run did not succeed.
 */
public final class RunsCommand extends Command {

  private static final String ACTION = "action";
  private static final Duration FOLLOW_INTERVAL = Duration.ofMillis(500);

  private final PrintStream out;
  private final Map<String, String> env;

  /** A command printing to {@code out}, taking its defaults ({@code AGENTHUB_URL}...) from env. */
  public RunsCommand(PrintStream out, Map<String, String> env) {
    super("runs", "Lists, shows, follows and controls runs over the API");
    this.out = out;
    this.env = env;
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.epilog(
        "Examples: agenthub runs list --status failed; agenthub runs follow ID;"
            + " agenthub runs approve ID approve --comment 'ship it'");
    Subparsers actions =
        subparser
            .addSubparsers()
            .dest(ACTION)
            .metavar("list|show|follow|history|approve|reject|cancel|retry|rerun|terminate");
    Subparser list =
        action(actions, "list", "lists runs, newest first", "agenthub runs list --status running");
    list.addArgument("--pipeline").help("only runs of this pipeline");
    list.addArgument("--status")
        .help("only runs in this status: running, succeeded, failed, cancelled, terminated, ...");
    list.addArgument("--limit").type(Integer.class).setDefault(20).help("at most N runs (1-100)");
    withId(
        action(actions, "show", "shows a run's steps, cost and failure", "agenthub runs show ID"));
    withId(
        action(
            actions,
            "follow",
            "prints a run's steps as they settle, until it closes",
            "agenthub runs follow ID"));
    withId(
        action(actions, "history", "prints a run's history in words", "agenthub runs history ID"));
    for (String decision : new String[] {"approve", "reject"}) {
      Subparser parser =
          withId(
              action(
                  actions,
                  decision,
                  decision + "s an approval step that waits",
                  "agenthub runs " + decision + " ID STEP --comment 'why'"));
      parser.addArgument("step").metavar("STEP").help("the approval step's id");
      parser.addArgument("--comment").help("recorded with the decision");
    }
    withId(action(actions, "cancel", "cancels a running run", "agenthub runs cancel ID"));
    withId(
        action(
            actions,
            "retry",
            "starts a new run from the failed step, reusing what succeeded",
            "agenthub runs retry ID"));
    withId(
        action(
            actions,
            "rerun",
            "starts a new run with the same input, from the start",
            "agenthub runs rerun ID"));
    withId(
            action(
                actions,
                "terminate",
                "ends a run at once, without cleanup (admin)",
                "agenthub runs terminate ID --reason 'stuck'"))
        .addArgument("--reason")
        .required(true)
        .help("recorded in the run's history");
  }

  private Subparser action(Subparsers actions, String name, String help, String example) {
    Subparser parser =
        actions.addParser(name, false).help(help).description(help).epilog("Example: " + example);
    PrintingFlag.addHelp(parser, out);
    ApiClient.addOptions(parser);
    return parser;
  }

  private static Subparser withId(Subparser parser) {
    parser.addArgument("id").metavar("ID").help("the run's id (its workflow id)");
    return parser;
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) {
    ObjectMapper json = bootstrap.getObjectMapper();
    ApiClient api = ApiClient.from(namespace, env, json);
    boolean asJson = Boolean.TRUE.equals(namespace.getBoolean("json"));
    String id = namespace.getString("id");
    String action = namespace.getString(ACTION);
    RunPrinter printer = new RunPrinter(out, json);
    switch (action) {
      case "list" -> list(api, namespace, asJson, json);
      case "show" -> show(api.get(runPath(id)), asJson, json, printer);
      case "follow" ->
          follow(
              new EventStreamRunWatch(api, new PollingRunWatch(api, FOLLOW_INTERVAL)),
              id,
              asJson,
              printer);
      case "history" -> history(api.get(runPath(id) + "/history"), asJson, json);
      case "approve", "reject" -> {
        String step = namespace.getString("step");
        JsonNode answer =
            api.post(
                runPath(id) + "/steps/" + encode(step) + "/" + action,
                new DecisionRequest(namespace.getString("comment")));
        done(
            answer,
            asJson,
            json,
            (action.equals("approve") ? "Approved" : "Rejected")
                + " step "
                + step
                + " of run "
                + id
                + ".");
      }
      case "cancel" ->
          done(api.post(runPath(id) + "/cancel", null), asJson, json, "Cancelling run " + id + ".");
      case "terminate" ->
          done(
              api.post(
                  runPath(id) + "/terminate", new TerminateRequest(namespace.getString("reason"))),
              asJson,
              json,
              "Terminated run " + id + ".");
      case "retry", "rerun" -> {
        JsonNode started = api.post(runPath(id) + "/" + action, null);
        done(
            started,
            asJson,
            json,
            "Run "
                + started.path("workflowId").asText()
                + " ("
                + action
                + " of "
                + id
                + "): "
                + started.path("status").asText()
                + ". Follow it: agenthub runs follow "
                + started.path("workflowId").asText());
      }
      default -> throw new CommandFailure(CommandFailure.USAGE, "unknown action " + action);
    }
  }

  /** The API path of run {@code id}. */
  static String runPath(String id) {
    return "/api/v1/runs/" + encode(id);
  }

  private void list(ApiClient api, Namespace namespace, boolean asJson, ObjectMapper json) {
    StringBuilder query = new StringBuilder("?pageSize=" + namespace.getInt("limit"));
    for (String filter : new String[] {"pipeline", "status"}) {
      if (namespace.getString(filter) != null) {
        query.append('&').append(filter).append('=').append(encode(namespace.getString(filter)));
      }
    }
    JsonNode page = api.get("/api/v1/runs" + query);
    if (asJson) {
      printJson(page, json);
      return;
    }
    Table table = new Table("ID", "PIPELINE", "STATUS", "STARTED", "DURATION");
    for (JsonNode run : page.path("runs")) {
      table.row(
          run.path("workflowId").asText(),
          run.path("pipeline").asText(),
          run.path("status").asText(),
          run.path("startedAt").asText(),
          run.path("closedAt").isTextual()
              ? RunPrinter.duration(
                  Instant.parse(run.path("startedAt").asText()),
                  Instant.parse(run.path("closedAt").asText()))
              : "");
    }
    table.print(out);
    if (page.path("nextPageToken").isTextual()) {
      out.println("(more runs: raise --limit, or narrow with --pipeline and --status)");
    }
  }

  private void show(JsonNode view, boolean asJson, ObjectMapper json, RunPrinter printer) {
    if (asJson) {
      printJson(view, json);
    } else {
      printer.show(printer.read(view));
    }
    failUnlessSucceeded(view);
  }

  private void follow(RunWatch watch, String id, boolean asJson, RunPrinter printer) {
    boolean[] started = {false};
    JsonNode closed =
        watch.follow(
            id,
            view -> {
              if (asJson) {
                out.println(view.toString());
                return;
              }
              RunView run = printer.read(view);
              if (!started[0]) {
                printer.header(run);
                out.println("Steps:");
                started[0] = true;
              }
              printer.progress(run);
            });
    if (!asJson) {
      RunView run = printer.read(closed);
      printer.totals(run.usage());
      printer.ending(run);
      if (run.status().equals("succeeded")) {
        out.println("Run succeeded.");
      }
    }
    failUnlessSucceeded(closed);
  }

  private void history(JsonNode history, boolean asJson, ObjectMapper json) {
    if (asJson) {
      printJson(history, json);
      return;
    }
    Table table = new Table("EVENT", "TIME", "TYPE", "STEP", "AGENT", "ATTEMPT", "FAILURE");
    for (JsonNode event : history.path("events")) {
      table.row(
          event.path("eventId").asText(),
          event.path("time").asText(),
          event.path("type").asText(),
          event.path("step").asText(""),
          event.path("agent").asText(""),
          event.path("attempt").asText(""),
          event.path("failure").asText(""));
    }
    table.print(out);
  }

  private void done(JsonNode answer, boolean asJson, ObjectMapper json, String message) {
    if (asJson) {
      printJson(answer, json);
    } else {
      out.println(message);
    }
  }

  private void printJson(JsonNode node, ObjectMapper json) {
    try {
      out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      out.println(node);
    }
  }

  private static void failUnlessSucceeded(JsonNode run) {
    String status = run.path("status").asText();
    if (RunWatch.isClosed(run) && !status.equals("succeeded")) {
      String message = run.path("failure").path("message").asText("");
      throw new CommandFailure(
          CommandFailure.FAILED, "Run " + status + (message.isEmpty() ? "" : ": " + message));
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
