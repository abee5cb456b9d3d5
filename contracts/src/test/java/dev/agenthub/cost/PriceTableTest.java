package dev.agenthub.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

  private static final PriceTable TABLE =
      PriceTable.of(
          List.of(
              new Price("m", 1.0, 2.0, LocalDate.of(2024, 1, 1)),
              new Price("m", 3.0, 4.0, LocalDate.of(2025, 1, 1)),
              new Price("m", 5.0, 6.0, LocalDate.of(2025, 6, 1))));

  @Test
  void priceFor_picksNewestEntryNotEffectiveAfterTheDay() {
    assertThat(TABLE.priceFor("m", LocalDate.of(2024, 12, 31)).orElseThrow().inputPerMillionUsd())
        .isEqualTo(1.0);
    assertThat(TABLE.priceFor("m", LocalDate.of(2025, 1, 1)).orElseThrow().inputPerMillionUsd())
        .isEqualTo(3.0);
    assertThat(TABLE.priceFor("m", LocalDate.of(2025, 5, 31)).orElseThrow().inputPerMillionUsd())
        .isEqualTo(3.0);
    assertThat(TABLE.priceFor("m", LocalDate.of(2030, 1, 1)).orElseThrow().inputPerMillionUsd())
        .isEqualTo(5.0);
  }

  @Test
  void priceFor_isEmpty_beforeTheFirstEntry() {
    assertThat(TABLE.priceFor("m", LocalDate.of(2023, 12, 31))).isEmpty();
  }

  @Test
  void usageFor_computesCostPerMillionTokens() {
    Usage usage = TABLE.usageFor("m", 1_000, 500, LocalDate.of(2025, 2, 1));

    assertThat(usage.model()).isEqualTo("m");
    assertThat(usage.inputTokens()).isEqualTo(1_000);
    assertThat(usage.outputTokens()).isEqualTo(500);
    assertThat(usage.costUsd()).isCloseTo((1_000 * 3.0 + 500 * 4.0) / 1e6, within(1e-12));
    assertThat(usage.pricingKnown()).isTrue();
  }

  @Test
  void usageFor_unknownModel_costsZeroAndIsMarkedUnpriced() {
    Usage usage = TABLE.usageFor("mystery", 1_000, 500, LocalDate.of(2025, 2, 1));

    assertThat(usage.costUsd()).isZero();
    assertThat(usage.pricingKnown()).isFalse();
    assertThat(usage.inputTokens()).isEqualTo(1_000);
  }

  @Test
  void worstCaseCostUsd_pricesTheMaximumTokens() {
    assertThat(TABLE.worstCaseCostUsd("m", 2_000_000, 1_000_000, LocalDate.of(2025, 7, 1)))
        .isCloseTo(16.0, within(1e-9));
    assertThat(TABLE.worstCaseCostUsd("mystery", 1, 1, LocalDate.of(2025, 7, 1))).isZero();
  }

  @Test
  void loadDefault_pricesWellKnownAndSimulatedModels() {
    PriceTable table = PriceTable.loadDefault();
    LocalDate day = LocalDate.of(2025, 9, 1);

    for (String model :
        List.of(
            "gpt-4o",
            "gpt-4o-mini",
            "gpt-4.1",
            "gpt-4.1-mini",
            "claude-sonnet-4",
            "sim-small",
            "sim-large")) {
      assertThat(table.priceFor(model, day)).as(model).isPresent();
    }
    assertThat(table.usageFor("sim-small", 1000, 1000, day).costUsd()).isPositive();
  }

  @Test
  void load_readsYamlFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pricing.yml");
    Files.writeString(
        file,
        """
        - model: x
          inputPerMillionUsd: 1
          outputPerMillionUsd: 2
          effective: 2025-01-01
        """);

    PriceTable table = PriceTable.load(file);

    assertThat(table.priceFor("x", LocalDate.of(2025, 1, 1)))
        .contains(new Price("x", 1, 2, LocalDate.of(2025, 1, 1)));
  }
}
