package dev.agenthub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.bench.CpuProfile.Component;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

class CpuProfileTest {

  @Test
  void ofClass_libraryPackages_nameTheirComponent() {
    assertThat(Component.ofClass("dev.agenthub.run.StepExecutor")).isEqualTo(Component.AGENT_HUB);
    assertThat(Component.ofClass("dev.agenthub.bench.LoadRunner")).isEqualTo(Component.LOAD_DRIVER);
    assertThat(Component.ofClass("io.temporal.internal.testservice.TestWorkflowService"))
        .isEqualTo(Component.TEMPORAL_SERVER);
    assertThat(Component.ofClass("io.temporal.internal.sync.SyncWorkflow"))
        .isEqualTo(Component.TEMPORAL_SDK);
    assertThat(Component.ofClass("io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoop"))
        .isEqualTo(Component.GRPC);
    assertThat(Component.ofClass("org.glassfish.jersey.server.ServerRuntime"))
        .isEqualTo(Component.HTTP_SERVER);
    assertThat(Component.ofClass("com.google.common.collect.ImmutableMap"))
        .isEqualTo(Component.OTHER_LIBRARIES);
  }

  @Test
  void ofClass_jdkClasses_belongToNoComponent() {
    assertThat(Component.ofClass("java.util.HashMap")).isNull();
    assertThat(Component.ofClass("jdk.internal.misc.Unsafe")).isNull();
    assertThat(Component.ofClass("sun.nio.ch.SocketChannelImpl")).isNull();
  }

  @Test
  void record_busyJackson_creditsJacksonWithMostSamples() throws Exception {
    CpuProfile profile = busyJacksonProfile();

    assertThat(profile.total()).isGreaterThanOrEqualTo(200);
    assertThat(profile.share(Component.JACKSON)).isGreaterThan(0.5);
    assertThat(profile.share(Component.HTTP_SERVER)).isZero();
  }

  @Test
  void record_anotherRecordingRunning_countsOnlyExecutionSamples() throws Exception {
    try (Recording other = new Recording()) {
      other.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(20));
      other.enable("jdk.ThreadAllocationStatistics").withPeriod(Duration.ofMillis(20));
      other.start();

      CpuProfile profile = busyJacksonProfile();

      assertThat(profile.share(Component.JACKSON)).isGreaterThan(0.5);
    }
  }

  /** A profile of at least 200 samples of a thread busy in Jackson (30 s at most). */
  private static CpuProfile busyJacksonProfile() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> value = Map.of("a", 1, "b", "two", "c", java.util.List.of(1, 2, 3));
    CpuProfile profile = new CpuProfile();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (profile.total() < 200 && Instant.now().isBefore(deadline)) {
      profile.record(
          () -> {
            long until = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < until) {
              json.readTree(json.writeValueAsBytes(value));
            }
          });
    }
    return profile;
  }
}
