package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistorySizeGuardTest {

  @Test
  void refusal_atTheLimit_isEmpty() {
    assertThat(HistorySizeGuard.refusal(HistorySizeGuard.MAX_HISTORY_BYTES)).isEmpty();
  }

  @Test
  void refusal_pastTheLimit_namesTheSizeInMiB() {
    StepError refusal = HistorySizeGuard.refusal(45L * 1024 * 1024 + 1).orElseThrow();

    assertThat(refusal.type()).isEqualTo(FailureTypes.HISTORY_TOO_LARGE);
    assertThat(refusal.message())
        .startsWith("not started: the run's history is 45 MiB, past the 40 MiB at which");
  }

  @Test
  void refusal_oneBytePastTheLimit_refuses() {
    assertThat(HistorySizeGuard.refusal(HistorySizeGuard.MAX_HISTORY_BYTES + 1)).isPresent();
  }
}
