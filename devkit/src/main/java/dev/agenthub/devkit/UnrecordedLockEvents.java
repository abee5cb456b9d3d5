package dev.agenthub.devkit;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded server's time-lock log from growing without end. The SDK's test server (1.38)
 * records every time-skipping lock and unlock in a {@code LinkedList} it keeps "for debugging
 * purposes only" (its diagnostics dump): events taken through a handle are removed by a linear
 * search on release, every other event stays forever. The list grows with every workflow and
 * activity task the server ever handled, so each release scans further, under the lock every server
 * call takes to read the clock: in a benchmark of 50 runs in flight this search was the hottest
 * method of the process after a few hundred runs, and it keeps slowing a long-lived {@code dev}.
 * This list records nothing: adds and removals succeed at once. The lock count that decides time
 * skipping is kept separately by the server and is untouched, so timers still fire in real time (a
 * 24 h approval still waits 24 h).
 *
 * <p>It reaches two private fields of the SDK's {@code internal} package by reflection; when an
 * upgrade renames them, the server keeps its own list and a warning says so.
 */
final class UnrecordedLockEvents extends LinkedList<Object> {

  private static final Logger log = LoggerFactory.getLogger(UnrecordedLockEvents.class);

  private UnrecordedLockEvents() {}

  /** Replaces the lock-event log of {@code services}' timer with an unrecorded one. */
  static void install(TestServicesStarter services) {
    try {
      Object timer = field(services.getClass(), "selfAdvancingTimer").get(services);
      field(timer.getClass(), "lockEvents").set(timer, new UnrecordedLockEvents());
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "cannot bound the embedded Temporal server's lock-event log ({}); it will slow down"
              + " the longer it runs",
          e.toString());
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  @Override
  public boolean add(Object event) {
    return true;
  }

  @Override
  public boolean remove(Object event) {
    return true;
  }
}
