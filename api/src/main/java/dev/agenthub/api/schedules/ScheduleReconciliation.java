package dev.agenthub.api.schedules;

import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.dsl.PipelineCatalog;
import io.dropwizard.lifecycle.Managed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the schedules of the loaded definitions when the API starts, in the background: until
 * it succeeds, retrying every {@link #RETRY} while Temporal answers with an error (unreachable,
 * say), or until the server turns out to have no schedules, which makes {@link Schedules} answer
 * 501. A failure that is not Temporal's is logged once.
 */
public final class ScheduleReconciliation implements Managed {

  private static final Logger log = LoggerFactory.getLogger(ScheduleReconciliation.class);

  /** Wait between attempts while reconciliation fails. */
  static final Duration RETRY = Duration.ofSeconds(5);

  private final PipelineCatalog catalog;
  private final ScheduleReconciler reconciler;
  private final Schedules schedules;
  private final ScheduledExecutorService executor;

  private ScheduleReconciliation(
      PipelineCatalog catalog,
      ScheduleReconciler reconciler,
      Schedules schedules,
      ScheduledExecutorService executor) {
    this.catalog = catalog;
    this.reconciler = reconciler;
    this.schedules = schedules;
    this.executor = executor;
  }

  /**
   * The schedules of {@code catalog} on the server of {@code client}, with actions that start runs
   * as {@code starter} does.
   *
   * @param searchable whether runs carry the pipeline search attribute (visibility listing)
   * @param executor where attempts run (the application's lifecycle owns it)
   */
  public static ScheduleReconciliation create(
      PipelineCatalog catalog,
      WorkflowClient client,
      RunStarter starter,
      boolean searchable,
      ScheduledExecutorService executor) {
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setDataConverter(client.getOptions().getDataConverter())
                .build());
    return new ScheduleReconciliation(
        catalog,
        new ScheduleReconciler(schedules, new ScheduleActions(starter, searchable)),
        new Schedules(catalog, schedules),
        executor);
  }

  /** The schedules the API serves. */
  public Schedules schedules() {
    return schedules;
  }

  @Override
  public void start() {
    executor.execute(this::attempt);
  }

  /** One reconciliation; on a Temporal error, schedules the next. */
  void attempt() {
    try {
      ScheduleReconciler.Outcome outcome = reconciler.reconcile(catalog);
      log.info(
          "schedules reconciled: created {}, updated {}, deleted {}, refused {}",
          outcome.created(),
          outcome.updated(),
          outcome.deleted(),
          outcome.refused());
    } catch (SchedulesUnsupportedException e) {
      schedules.markUnsupported();
      int declared = ScheduleReconciler.desired(catalog).size();
      if (declared > 0) {
        log.warn("{} schedule(s) declared but not run: {}", declared, e.getMessage());
      } else {
        log.info("no schedules: {}", e.getMessage());
      }
    } catch (RuntimeException e) {
      if (ScheduleCalls.status(e).isEmpty()) {
        log.error("schedules not reconciled", e);
        return;
      }
      log.warn(
          "schedules not reconciled (Temporal answered {}); retrying in {}s",
          ScheduleCalls.status(e).get(),
          RETRY.toSeconds());
      executor.schedule(this::attempt, RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
