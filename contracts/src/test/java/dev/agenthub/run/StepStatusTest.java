package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StepStatusTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DataConverter TEMPORAL = DefaultDataConverter.newDefaultInstance();

  @Test
  void json_writesLowerSnakeCase() throws Exception {
    assertThat(JSON.writeValueAsString(StepStatus.WAITING_APPROVAL))
        .isEqualTo("\"waiting_approval\"");
    assertThat(JSON.writeValueAsString(StepStatus.SUCCEEDED)).isEqualTo("\"succeeded\"");
  }

  @Test
  void json_readsTheNewAndTheRecordedUpperCaseForm() throws Exception {
    for (StepStatus status : StepStatus.values()) {
      assertThat(JSON.readValue("\"" + status.wireName() + "\"", StepStatus.class))
          .isEqualTo(status);
      assertThat(JSON.readValue("\"" + status.name() + "\"", StepStatus.class)).isEqualTo(status);
    }
  }

  @Test
  void json_refusesAnUnknownStatus() {
    assertThatThrownBy(() -> JSON.readValue("\"done\"", StepStatus.class))
        .hasMessageContaining("unknown step status: done");
  }

  @Test
  void temporalPayload_ofARecordedStep_withTheUpperCaseForm_stillReads() {
    String recorded =
        "{\"id\":\"review\",\"kind\":\"approval\",\"status\":\"WAITING_APPROVAL\",\"attempts\":0,"
            + "\"startedAt\":\"2024-05-01T10:00:00Z\",\"endedAt\":null,\"output\":null,"
            + "\"outputBytes\":0,\"outputTruncated\":false,\"error\":null,\"usage\":null,"
            + "\"reused\":false}";
    Payload payload =
        Payload.newBuilder()
            .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(recorded))
            .build();

    StepProgress step = TEMPORAL.fromPayload(payload, StepProgress.class, StepProgress.class);

    assertThat(step.status()).isEqualTo(StepStatus.WAITING_APPROVAL);
    assertThat(step.startedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(TEMPORAL.toPayload(step).orElseThrow().getData().toStringUtf8())
        .contains("\"status\":\"waiting_approval\"");
  }
}
