package dev.agenthub.api.schedules;

import dev.agenthub.api.errors.ApiException;
import dev.agenthub.dsl.PipelineCatalog;
import io.grpc.Status;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The owned schedules of the loaded definitions on the Temporal server: described one by one (not
 * from the eventually consistent schedule listing), paused, unpaused and triggered. Only the
 * schedules the definitions declare are reachable; other schedules on the server are not.
 */
public final class Schedules {

  private final PipelineCatalog catalog;
  private final ScheduleClient client;
  private volatile boolean unsupported;

  Schedules(PipelineCatalog catalog, ScheduleClient client) {
    this.catalog = catalog;
    this.client = client;
  }

  /** Remembers that the server has no schedules (learned at reconciliation). */
  void markUnsupported() {
    unsupported = true;
  }

  /** Every schedule the definitions declare, in file order. */
  public List<ScheduleView> list() {
    return guarded(() -> ScheduleReconciler.desired(catalog).stream().map(this::describe).toList());
  }

  /** Pauses schedule {@code id}, noting who did. */
  public ScheduleView pause(String id, String caller) {
    return act(id, handle -> handle.pause("paused through the API by " + caller));
  }

  /** Unpauses schedule {@code id}, noting who did. */
  public ScheduleView unpause(String id, String caller) {
    return act(id, handle -> handle.unpause("unpaused through the API by " + caller));
  }

  /** Starts a run of schedule {@code id} now, subject to its overlap policy. */
  public ScheduleView trigger(String id) {
    return act(id, ScheduleHandle::trigger);
  }

  private ScheduleView act(String id, Consumer<ScheduleHandle> action) {
    return guarded(
        () -> {
          OwnedSchedule owned = owned(id);
          try {
            ScheduleCalls.run(() -> action.accept(client.getHandle(id)));
          } catch (RuntimeException e) {
            if (ScheduleCalls.status(e).map(s -> s == Status.Code.NOT_FOUND).orElse(false)) {
              throw new ApiException(
                  409,
                  "schedule_missing",
                  "schedule " + id + " is not on the Temporal server yet",
                  Map.of("id", id));
            }
            throw e;
          }
          return describe(owned);
        });
  }

  private OwnedSchedule owned(String id) {
    return ScheduleReconciler.desired(catalog).stream()
        .filter(o -> o.scheduleId().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.notFound("schedule_not_found", "no schedule with id \"" + id + "\""));
  }

  private ScheduleView describe(OwnedSchedule owned) {
    ScheduleDescription description;
    try {
      description = ScheduleCalls.call(() -> client.getHandle(owned.scheduleId()).describe());
    } catch (SchedulesUnsupportedException e) {
      throw e;
    } catch (RuntimeException e) {
      if (ScheduleCalls.status(e).map(s -> s == Status.Code.NOT_FOUND).orElse(false)) {
        return view(owned, "missing", null, List.of(), List.of());
      }
      throw e;
    }
    ScheduleState state = description.getSchedule().getState();
    return view(
        owned,
        state.isPaused() ? "paused" : "active",
        state.isPaused() ? state.getNote() : null,
        description.getInfo().getNextActionTimes(),
        description.getInfo().getRecentActions().stream().map(Schedules::recentRun).toList());
  }

  private static ScheduleView.RecentRun recentRun(ScheduleActionResult result) {
    String workflowId =
        result.getAction() instanceof ScheduleActionExecutionStartWorkflow start
            ? start.getWorkflowId()
            : null;
    return new ScheduleView.RecentRun(workflowId, result.getScheduledAt(), result.getStartedAt());
  }

  private static ScheduleView view(
      OwnedSchedule owned,
      String state,
      String note,
      List<Instant> next,
      List<ScheduleView.RecentRun> recent) {
    return new ScheduleView(
        owned.scheduleId(),
        owned.pipeline().name(),
        owned.schedule().id(),
        owned.schedule().cron(),
        owned.schedule().every(),
        owned.schedule().overlap().yamlName(),
        state,
        note,
        List.copyOf(next),
        recent);
  }

  /** Runs {@code call}, answering 501 when the server has no schedules. */
  private <T> T guarded(Supplier<T> call) {
    if (unsupported) {
      throw notImplemented();
    }
    try {
      return call.get();
    } catch (SchedulesUnsupportedException e) {
      unsupported = true;
      throw notImplemented();
    } catch (RuntimeException e) {
      Status.Code status = ScheduleCalls.status(e).orElse(Status.Code.UNKNOWN);
      if (status == Status.Code.UNAVAILABLE || status == Status.Code.DEADLINE_EXCEEDED) {
        throw ApiException.unavailable("Temporal is unavailable (" + status + ")");
      }
      throw e;
    }
  }

  private static ApiException notImplemented() {
    return new ApiException(
        501,
        "schedules_unsupported",
        SchedulesUnsupportedException.MESSAGE,
        Map.of("hint", "--server=temporal-cli"));
  }
}
