package dev.agenthub.telemetry;

import dev.agenthub.devkit.AgentHubMain;
import dev.agenthub.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A process a test starts (a collector, Jaeger, a {@code dev} JVM) with its output in a file, and
 * stops when closed.
 */
public final class ChildProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path output;

  private ChildProcess(String name, Process process, Path output) {
    this.name = name;
    this.process = process;
    this.output = output;
  }

  /**
   * Starts {@code command} with {@code environment} added to this JVM's (a null value removes a
   * variable), output to {@code dir}.
   */
  public static ChildProcess start(
      String name, List<String> command, Map<String, String> environment, Path dir) {
    Path output = dir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    // A null value removes the variable this JVM would pass on.
    environment.forEach(
        (key, value) -> {
          if (value == null) {
            builder.environment().remove(key);
          } else {
            builder.environment().put(key, value);
          }
        });
    try {
      return new ChildProcess(name, builder.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + name + ": " + command, e);
    }
  }

  /**
   * Starts the {@code agenthub} program ({@link AgentHubMain}) in its own JVM on this test's class
   * path, as a user runs it, with {@code args} (e.g. {@code dev config.yml}).
   */
  public static ChildProcess agenthub(
      String name, List<String> args, Map<String, String> environment, Path dir) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AgentHubMain.class.getName());
    command.addAll(args);
    return start(name, command, environment, dir);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** What the process printed so far. */
  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails with the process's output unless it is still running. */
  public void assertAlive() {
    if (!process.isAlive()) {
      throw new AssertionError(
          name + " exited with " + process.exitValue() + "; output:\n" + output());
    }
  }

  /** Waits for the process to exit and returns its exit code; fails if it runs longer. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /**
   * Polls {@code probe} until it yields a value, counting an unreachable server as "not yet"; fails
   * after {@code timeout}, or as soon as one of {@code watched} has exited, with its output.
   */
  public static <T> T await(
      String what, Duration timeout, Supplier<Optional<T>> probe, ChildProcess... watched) {
    try {
      return Poll.untilPresent(
          what,
          timeout,
          () -> {
            for (ChildProcess process : watched) {
              process.assertAlive();
            }
            try {
              return probe.get();
            } catch (UncheckedIOException e) {
              // Not listening yet.
              return Optional.empty();
            }
          });
    } catch (AssertionError e) {
      if (Arrays.stream(watched).anyMatch(process -> !process.process.isAlive())) {
        throw e;
      }
      StringBuilder message = new StringBuilder(e.getMessage());
      for (ChildProcess process : watched) {
        message.append("\n--- ").append(process.name).append(" output:\n").append(process.output());
      }
      throw new AssertionError(message.toString(), e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
