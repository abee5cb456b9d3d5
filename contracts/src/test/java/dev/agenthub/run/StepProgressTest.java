package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.cost.Usage;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepProgressTest {

  private static final DataConverter TEMPORAL = DefaultDataConverter.newDefaultInstance();
  private static final Instant STARTED = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant ENDED = Instant.parse("2024-05-01T10:00:03Z");
  private static final Usage USAGE = new Usage("gpt-4o-mini", 10, 20, 0.5, true);
  private static final JsonNode OUTPUT = JsonNodeFactory.instance.objectNode().put("text", "héllo");

  @Test
  void wireShape_isTheTwelveRecordComponents_whenTemporalSerializesIt() throws Exception {
    StepProgress step =
        StepProgress.pending("draft", "llm").running(STARTED).succeeded(ENDED, 2, OUTPUT, USAGE);

    JsonNode json = new ObjectMapper().readTree(wire(step));

    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "id",
            "kind",
            "status",
            "attempts",
            "startedAt",
            "endedAt",
            "output",
            "outputBytes",
            "outputTruncated",
            "error",
            "usage",
            "reused");
    assertThat(TEMPORAL.fromPayload(payload(step), StepProgress.class, StepProgress.class))
        .isEqualTo(step);
  }

  @Test
  void pending_hasNothingYet() {
    StepProgress step = StepProgress.pending("draft", "llm");

    assertThat(step.status()).isEqualTo(StepStatus.PENDING);
    assertThat(step.attempts()).isZero();
    assertThat(step.startedAt()).isNull();
    assertThat(step.usage()).isNull();
    assertThat(step.reused()).isFalse();
  }

  @Test
  void running_andWaitingApproval_recordTheStart() {
    StepProgress pending = StepProgress.pending("review", "approval");

    assertThat(pending.running(STARTED).status()).isEqualTo(StepStatus.RUNNING);
    assertThat(pending.waitingApproval(STARTED).status()).isEqualTo(StepStatus.WAITING_APPROVAL);
    assertThat(pending.waitingApproval(STARTED).startedAt()).isEqualTo(STARTED);
  }

  @Test
  void succeeded_keepsTheStart_andMeasuresTheOutputInUtf8Bytes() {
    StepProgress step =
        StepProgress.pending("draft", "llm").running(STARTED).succeeded(ENDED, 2, OUTPUT, USAGE);

    assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step.startedAt()).isEqualTo(STARTED);
    assertThat(step.endedAt()).isEqualTo(ENDED);
    assertThat(step.attempts()).isEqualTo(2);
    assertThat(step.output()).isEqualTo(OUTPUT);
    assertThat(step.outputBytes())
        .isEqualTo("{\"text\":\"héllo\"}".getBytes(StandardCharsets.UTF_8).length);
    assertThat(step.usage()).isEqualTo(USAGE);
  }

  @Test
  void failedSkippedCancelled_carryTheError_andDropAnyOutput() {
    StepProgress running = StepProgress.pending("draft", "llm").running(STARTED);
    StepError error = new StepError("Boom", "it broke");

    assertThat(running.failed(ENDED, 3, error))
        .extracting(StepProgress::status, StepProgress::attempts, StepProgress::error)
        .containsExactly(StepStatus.FAILED, 3, error);
    assertThat(running.skipped(ENDED, 0, error).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(running.cancelled(null, 1, error))
        .extracting(StepProgress::status, StepProgress::startedAt, StepProgress::endedAt)
        .containsExactly(StepStatus.CANCELLED, STARTED, null);
    assertThat(running.failed(ENDED, 3, error).output()).isNull();
  }

  @Test
  void reusedFromEarlierRun_keepsTheOutput_andIsMarkedReused() {
    StepProgress earlier =
        StepProgress.pending("draft", "llm").running(STARTED).succeeded(ENDED, 2, OUTPUT, USAGE);

    StepProgress reused = earlier.reusedFromEarlierRun();

    assertThat(reused.reused()).isTrue();
    assertThat(reused.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(reused.output()).isEqualTo(OUTPUT);
    assertThat(reused.usage()).isEqualTo(USAGE);
  }

  @Test
  void withOutputLeftOut_keepsTheSize_withoutTheValue() {
    StepProgress step =
        StepProgress.pending("draft", "llm").running(STARTED).succeeded(ENDED, 2, OUTPUT, USAGE);

    StepProgress view = step.withOutputLeftOut();

    assertThat(view.output()).isNull();
    assertThat(view.outputTruncated()).isTrue();
    assertThat(view.outputBytes()).isEqualTo(step.outputBytes());
  }

  private static Payload payload(StepProgress step) {
    return TEMPORAL.toPayload(step).orElseThrow();
  }

  private static String wire(StepProgress step) {
    return payload(step).getData().toStringUtf8();
  }
}
