package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.cost.Usage;
import org.junit.jupiter.api.Test;

class ForEachUsageTest {

  private static StepOutcome used(Usage usage) {
    return StepOutcome.succeeded(null, 1, usage);
  }

  @Test
  void sum_addsTheElementsUsage_skippingElementsWithNone() {
    Usage total =
        ForEachUsage.sum(
            new StepOutcome[] {
              used(new Usage("m", 10, 5, 0.25, true)),
              StepOutcome.skipped(0, "when `false` is false"),
              null,
              used(new Usage("m", 1, 2, 0.5, true))
            });

    assertThat(total).isEqualTo(new Usage("m", 11, 7, 0.75, true));
  }

  @Test
  void sum_ofDifferentModels_namesNone_andOfAnUnpricedOne_isNotKnown() {
    Usage total =
        ForEachUsage.sum(
            new StepOutcome[] {
              used(new Usage("a", 1, 1, 0.1, true)), used(new Usage("b", 1, 1, 0.1, false))
            });

    assertThat(total.model()).isNull();
    assertThat(total.pricingKnown()).isFalse();
  }

  @Test
  void sum_withoutAnyUsage_isNull() {
    assertThat(ForEachUsage.sum(new StepOutcome[] {StepOutcome.skipped(0, "no")})).isNull();
  }
}
