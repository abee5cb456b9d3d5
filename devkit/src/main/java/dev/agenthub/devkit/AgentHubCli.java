package dev.agenthub.devkit;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.temporal.serviceclient.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * The {@code agenthub} command line: Dropwizard's {@link Cli} with the program named {@code
 * agenthub} (not {@code java -jar ...}), one line of help per command, {@code --version} with the
 * Temporal SDK's version, and exit codes scripts can use ({@link #exitCode}).
 */
final class AgentHubCli extends Cli {

  private static final String COMMAND = "command";

  /** Examples for the commands that do not print their own (Dropwizard's, and the simple ones). */
  private static final Map<String, String> EXAMPLES =
      Map.of(
          "server", "agenthub server config/api.yml",
          "check", "agenthub check config/api.yml",
          "dev", "agenthub dev --server=temporal-cli",
          "run", "agenthub run research-brief --input '{\"topic\": \"durable execution\"}'",
          "worker", "agenthub worker config/worker.yml");

  private final Bootstrap<?> bootstrap;
  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final ArgumentParser parser;

  AgentHubCli(Bootstrap<?> bootstrap, PrintStream out, PrintStream err) {
    super(new JarLocation(AgentHubCli.class), bootstrap, out, err);
    this.bootstrap = bootstrap;
    this.parser =
        ArgumentParsers.newFor("agenthub")
            .addHelp(false)
            .build()
            .description("Agent Hub: durable pipelines of AI agents on Temporal.")
            .epilog(
                "Run 'agenthub COMMAND --help' for a command's options and an example."
                    + " Exit codes: 0 ok, 1 failed (a run or a request), 2 usage, 3 not found,"
                    + " 4 refused key.");
    PrintingFlag.addHelp(parser, out);
    PrintingFlag.addVersion(parser, out, version());
    Subparsers subparsers = parser.addSubparsers().title("commands").metavar("COMMAND");
    for (Command command : bootstrap.getCommands()) {
      commands.put(command.getName(), command);
      Subparser subparser =
          subparsers
              .addParser(command.getName(), false)
              .help(command.getDescription())
              .description(command.getDescription())
              .setDefault(COMMAND, command.getName());
      if (EXAMPLES.containsKey(command.getName())) {
        subparser.epilog("Example: " + EXAMPLES.get(command.getName()));
      }
      PrintingFlag.addHelp(subparser, out);
      command.configure(subparser);
    }
  }

  /** {@code agenthub 0.1.0 (Temporal Java SDK 1.38.0)}. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = AgentHubCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "agenthub "
        + properties.getProperty("version", "unknown")
        + " (Temporal Java SDK "
        + Version.LIBRARY_VERSION
        + ")";
  }

  @Override
  public Optional<Throwable> run(String... arguments) {
    Namespace namespace;
    try {
      namespace = parser.parseArgs(arguments);
    } catch (HelpScreenException e) {
      return Optional.empty();
    } catch (ArgumentParserException e) {
      getStdErr().println(e.getMessage());
      e.getParser().printUsage(getStdErr());
      getStdErr().println("Run 'agenthub --help' (or 'agenthub COMMAND --help') for help.");
      return Optional.of(e);
    }
    Command command = commands.get(namespace.getString(COMMAND));
    if (command instanceof ConfiguredCommand<?>) {
      bootstrap.registerMetrics();
    }
    try {
      command.run(bootstrap, namespace);
      return Optional.empty();
    } catch (CommandFailure e) {
      getStdErr().println(e.getMessage());
      return Optional.of(e);
    } catch (Throwable e) {
      command.onError(this, namespace, e);
      return Optional.of(e);
    }
  }

  /** The process's exit code for the outcome of {@link #run}. */
  static int exitCode(Optional<Throwable> failure) {
    if (failure.isEmpty()) {
      return 0;
    }
    Throwable e = failure.get();
    if (e instanceof ArgumentParserException) {
      return CommandFailure.USAGE;
    }
    return e instanceof CommandFailure f ? f.exitCode() : CommandFailure.FAILED;
  }
}
