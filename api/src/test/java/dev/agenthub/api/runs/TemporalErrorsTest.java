package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import org.junit.jupiter.api.Test;

class TemporalErrorsTest {

  @Test
  void translate_blobSizeOverLimit_isTemporalRefusedTooLarge() {
    RuntimeException refused =
        new WorkflowServiceException(
            WorkflowExecution.getDefaultInstance(),
            "PipelineWorkflow",
            Status.INVALID_ARGUMENT
                .withDescription("Blob data size exceeds limit.")
                .asRuntimeException());

    RuntimeException translated = TemporalErrors.translate(refused, "big-1");

    assertThat(translated).isInstanceOf(RunServiceException.TemporalRefused.class);
    assertThat(((RunServiceException.TemporalRefused) translated).tooLarge()).isTrue();
  }

  @Test
  void translate_otherInvalidArgument_isTemporalRefusedNotTooLarge() {
    RuntimeException translated =
        TemporalErrors.translate(
            Status.INVALID_ARGUMENT.withDescription("bad").asRuntimeException(), "r");

    assertThat(((RunServiceException.TemporalRefused) translated).tooLarge()).isFalse();
  }

  @Test
  void translate_unavailableAndDeadlineExceeded_areTemporalUnavailable() {
    assertThat(TemporalErrors.translate(Status.UNAVAILABLE.asRuntimeException(), "r"))
        .isInstanceOf(RunServiceException.TemporalUnavailable.class);
    assertThat(TemporalErrors.translate(Status.DEADLINE_EXCEEDED.asRuntimeException(), null))
        .isInstanceOf(RunServiceException.TemporalUnavailable.class);
  }
}
