package dev.agenthub.api.observability;

import ch.qos.logback.access.jetty.RequestLogImpl;
import ch.qos.logback.core.status.Status;
import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps logback-access's start-up status dump off the console. At every start, logback-access 2.0.9
 * checks its own version against the class of the request log, which is Dropwizard's subclass (so
 * it finds Dropwizard's version, 5.0.1), and looks up the logback-core version it expects in a file
 * it ships under another name; both checks then print "versions are different" warnings to standard
 * out, whatever the versions on the class path. Errors (an appender that cannot start) still reach
 * the log.
 */
public final class QuietRequestLogStart {

  private static final Logger log = LoggerFactory.getLogger(QuietRequestLogStart.class);

  private QuietRequestLogStart() {}

  /** Quiets the server's request log before it starts. Call from {@code Application.run}. */
  public static void register(Environment environment) {
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server
                    && server.getRequestLog() instanceof RequestLogImpl requestLog) {
                  requestLog.setQuiet(true);
                }
              }

              @Override
              public void lifeCycleStarted(LifeCycle event) {
                if (event instanceof Server server
                    && server.getRequestLog() instanceof RequestLogImpl requestLog) {
                  requestLog.getStatusManager().getCopyOfStatusList().stream()
                      .filter(status -> status.getLevel() == Status.ERROR)
                      .forEach(status -> log.error("request log: {}", status.getMessage()));
                }
              }
            });
  }
}
