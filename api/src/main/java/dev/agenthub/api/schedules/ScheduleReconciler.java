package dev.agenthub.api.schedules;

import dev.agenthub.dsl.PipelineCatalog;
import io.grpc.Status;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the server's owned schedules match the loaded definitions: creates the missing ones,
 * updates the existing ones (spec, policy, and an action with a fresh definition snapshot), and
 * deletes the owned ones no definition declares any more. A schedule is owned only if its id has
 * the prefix {@link OwnedSchedule#ID_PREFIX} and its memo names a pipeline; every other schedule on
 * the server is left alone.
 */
public final class ScheduleReconciler {

  private static final Set<Status.Code> RETRYABLE =
      Set.of(
          Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

  private final ScheduleClient client;
  private final ScheduleActions actions;

  ScheduleReconciler(ScheduleClient client, ScheduleActions actions) {
    this.client = client;
    this.actions = actions;
  }

  /**
   * What one reconciliation did, by Temporal schedule id; {@code refused} maps the schedules the
   * server would not take to the gRPC status it answered.
   */
  public record Outcome(
      List<String> created,
      List<String> updated,
      List<String> deleted,
      Map<String, String> refused) {}

  /**
   * Reconciles the schedules of {@code catalog}'s valid pipelines.
   *
   * @throws SchedulesUnsupportedException if the server has no schedules
   */
  public Outcome reconcile(PipelineCatalog catalog) {
    List<OwnedSchedule> desired = desired(catalog);
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    Map<String, String> refused = new LinkedHashMap<>();
    for (OwnedSchedule owned : desired) {
      try {
        (createOrUpdate(owned) ? created : updated).add(owned.scheduleId());
      } catch (RuntimeException e) {
        Optional<Status.Code> status = ScheduleCalls.status(e);
        if (e instanceof SchedulesUnsupportedException
            || status.isEmpty()
            || RETRYABLE.contains(status.get())) {
          throw e;
        }
        refused.put(owned.scheduleId(), status.get().name());
      }
    }
    Set<String> keep = desired.stream().map(OwnedSchedule::scheduleId).collect(Collectors.toSet());
    List<String> deleted = new ArrayList<>();
    for (String id : ownedOnServer()) {
      if (!keep.contains(id)) {
        ScheduleCalls.run(() -> client.getHandle(id).delete());
        deleted.add(id);
      }
    }
    return new Outcome(created, updated, deleted, refused);
  }

  /** Every schedule the definitions of {@code catalog} declare, in file order. */
  static List<OwnedSchedule> desired(PipelineCatalog catalog) {
    return catalog.valid().stream()
        .flatMap(p -> p.schedules().stream().map(s -> new OwnedSchedule(p, s)))
        .toList();
  }

  /** Creates the schedule, or updates it if it exists; true if created. */
  private boolean createOrUpdate(OwnedSchedule owned) {
    try {
      ScheduleCalls.call(
          () ->
              client.createSchedule(
                  owned.scheduleId(),
                  actions.schedule(owned),
                  ScheduleOptions.newBuilder()
                      .setMemo(
                          Map.of(
                              OwnedSchedule.MEMO_PIPELINE, owned.pipeline().name(),
                              OwnedSchedule.MEMO_SCHEDULE, owned.schedule().id()))
                      .build()));
      return true;
    } catch (ScheduleAlreadyRunningException exists) {
      ScheduleCalls.run(
          () ->
              client
                  .getHandle(owned.scheduleId())
                  .update(
                      in ->
                          new ScheduleUpdate(
                              actions.updated(
                                  owned, in.getDescription().getSchedule().getState()))));
      return false;
    }
  }

  /** The ids of the owned schedules on the server (as far as its visibility store has them). */
  private List<String> ownedOnServer() {
    return ScheduleCalls.call(
        () ->
            client
                .listSchedules()
                .filter(s -> s.getScheduleId().startsWith(OwnedSchedule.ID_PREFIX))
                .filter(ScheduleReconciler::hasPipelineMemo)
                .map(ScheduleListDescription::getScheduleId)
                .toList());
  }

  private static boolean hasPipelineMemo(ScheduleListDescription schedule) {
    try {
      return schedule.getMemo(OwnedSchedule.MEMO_PIPELINE, String.class) != null;
    } catch (RuntimeException unreadable) {
      return false;
    }
  }
}
