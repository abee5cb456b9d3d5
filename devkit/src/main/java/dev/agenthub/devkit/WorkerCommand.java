package dev.agenthub.devkit;

import dev.agenthub.worker.WorkerMain;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code worker [worker.yml]}: a worker alone, as the worker's own jar runs it (the launcher runs
 * that jar, whose classpath has no Jetty; this command serves {@code java -jar agenthub.jar}).
 */
final class WorkerCommand extends Command {

  WorkerCommand() {
    super(
        "worker", "Runs a worker alone: polls Temporal for pipeline and agent tasks (production)");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("file").nargs("?").help("worker configuration file (worker.yml)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    String file = namespace.getString("file");
    WorkerMain.main(file == null ? new String[0] : new String[] {file});
  }
}
