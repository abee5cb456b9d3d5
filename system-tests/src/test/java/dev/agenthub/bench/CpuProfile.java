package dev.agenthub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where one variant's CPU goes: Java execution samples (JDK Flight Recorder) taken while its
 * batches ran, each credited to the component of its innermost frame outside the JDK (a {@code
 * HashMap.get} inside Jackson is Jackson's). Samples of the load driver's threads are its own
 * component. Native code and the JVM's own threads (GC, JIT) are not sampled.
 */
final class CpuProfile {

  /** The parts of the process a sample can belong to, by package of its innermost library frame. */
  enum Component {
    AGENT_HUB("Agent Hub (dev.agenthub)", "dev.agenthub."),
    TEMPORAL_SERVER("Temporal test server", "io.temporal.internal.testservice."),
    TEMPORAL_SDK("Temporal SDK (client, worker)", "io.temporal."),
    GRPC("gRPC, Netty, protobuf", "io.grpc.", "com.google.protobuf.", "io.netty."),
    JACKSON("Jackson", "com.fasterxml.jackson."),
    HTTP_SERVER(
        "Jetty, Jersey, HK2, Dropwizard, Validator",
        "org.eclipse.jetty.",
        "org.glassfish.",
        "org.jvnet.hk2.",
        "io.dropwizard.",
        "org.hibernate.validator.",
        "jakarta.",
        "com.codahale.metrics."),
    TRACING("OpenTelemetry, OpenTracing", "io.opentelemetry.", "io.opentracing."),
    METRICS(
        "Micrometer, tally, Prometheus client", "io.micrometer.", "com.uber.m3.", "io.prometheus."),
    CEL("CEL", "dev.cel."),
    LOGGING("Logback, SLF4J", "ch.qos.logback.", "org.slf4j."),
    OTHER_LIBRARIES("other libraries"),
    JDK_ONLY("JDK only (no library frame)"),
    LOAD_DRIVER("the benchmark's load driver");

    private final String label;
    private final List<String> prefixes;

    Component(String label, String... prefixes) {
      this.label = label;
      this.prefixes = List.of(prefixes);
    }

    String label() {
      return label;
    }

    /** The component of a class, or null for the JDK's own classes. */
    static Component ofClass(String className) {
      if (className.startsWith("java.")
          || className.startsWith("jdk.")
          || className.startsWith("sun.")
          || className.startsWith("com.sun.")) {
        return null;
      }
      if (className.startsWith("dev.agenthub.bench.")) {
        return LOAD_DRIVER;
      }
      for (Component component : values()) {
        if (component.prefixes.stream().anyMatch(className::startsWith)) {
          return component;
        }
      }
      return OTHER_LIBRARIES;
    }
  }

  /** Thread names of the load driver: its clients ({@link LoadRunner}) and the JDK HTTP client. */
  static final List<String> LOAD_DRIVER_THREADS = List.of(LoadRunner.THREAD_PREFIX, "HttpClient-");

  private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

  private static final Duration PERIOD = Duration.ofMillis(1);

  private final Map<Component, Integer> samples = new EnumMap<>(Component.class);
  private int total;

  /** Samples taken while {@code batch} runs are added to this profile. */
  <E extends Exception> void record(Batch<E> batch) throws E, IOException {
    Path file = Files.createTempFile("bench-profile", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable(EXECUTION_SAMPLE).withPeriod(PERIOD);
      recording.start();
      try {
        batch.run();
      } finally {
        recording.stop();
        recording.dump(file);
      }
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        // Another recording (BENCH_JAVA_OPTS=-XX:StartFlightRecording...) adds its events here.
        if (event.getEventType().getName().equals(EXECUTION_SAMPLE)) {
          add(event);
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private synchronized void add(RecordedEvent sample) {
    RecordedThread thread = sample.getThread("sampledThread");
    String name = thread == null ? "" : String.valueOf(thread.getJavaName());
    Component component =
        LOAD_DRIVER_THREADS.stream().anyMatch(name::startsWith)
            ? Component.LOAD_DRIVER
            : innermostLibrary(sample);
    samples.merge(component, 1, Integer::sum);
    total++;
  }

  private static Component innermostLibrary(RecordedEvent sample) {
    if (sample.getStackTrace() == null) {
      return Component.JDK_ONLY;
    }
    for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
      Component component = Component.ofClass(frame.getMethod().getType().getName());
      if (component != null) {
        return component;
      }
    }
    return Component.JDK_ONLY;
  }

  synchronized int total() {
    return total;
  }

  /** The share (0-1) of this profile's samples that fell to {@code component}. */
  synchronized double share(Component component) {
    return total == 0 ? 0 : samples.getOrDefault(component, 0) / (double) total;
  }

  /** Work run while samples are taken. */
  interface Batch<E extends Exception> {
    void run() throws E;
  }
}
