package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DevFlakyResourceTest {

  private final DevFlakyResource flaky = new DevFlakyResource();

  private List<Integer> statuses(int calls, int failures, String key) {
    return IntStream.range(0, calls)
        .mapToObj(i -> flaky.call(failures, key, null).getStatus())
        .toList();
  }

  @Test
  void call_failsTheFirstCallsPerKey_thenSucceeds() {
    assertThat(statuses(3, 2, "demo")).containsExactly(503, 503, 200);
  }

  @Test
  void call_startsTheCountOver_afterASuccess_soTheDemoRepeats() {
    assertThat(statuses(3, 2, "demo")).containsExactly(503, 503, 200);
    assertThat(statuses(3, 2, "demo")).containsExactly(503, 503, 200);
  }

  @Test
  void call_countsEachKeySeparately_andFallsBackToTheIdempotencyKey() {
    assertThat(statuses(1, 1, "a")).containsExactly(503);
    assertThat(flaky.call(1, null, "wf-1/fetch").getStatus()).isEqualTo(503);
    assertThat(flaky.call(1, null, "wf-1/fetch").getStatus()).isEqualTo(200);
    assertThat(statuses(1, 1, "a")).containsExactly(200);
  }
}
