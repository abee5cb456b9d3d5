package dev.agenthub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

  @Test
  void parse_nothing_runsEveryVariantWithoutProfile() {
    BenchmarkOptions options = BenchmarkOptions.parse();

    assertThat(options.variants()).containsExactly("hand", "observed", "sdk", "api");
    assertThat(options.profile()).isFalse();
    assertThat(options.scenarios())
        .containsExactly(
            new BenchmarkOptions.Scenario(false, 5), new BenchmarkOptions.Scenario(true, 50));
  }

  @Test
  void parse_noWarmup_warmsTheEmbeddedServersJvmLonger() {
    assertThat(BenchmarkOptions.parse().warmup()).isEqualTo(1000);
    assertThat(BenchmarkOptions.parse("--server=temporal-cli").warmup()).isEqualTo(200);
    assertThat(BenchmarkOptions.parse("--temporal=localhost:7233").warmup()).isEqualTo(200);
    assertThat(BenchmarkOptions.parse("--warmup=5").warmup()).isEqualTo(5);
  }

  @Test
  void parse_variantsAndProfile_keepsTheOrderGiven() {
    BenchmarkOptions options = BenchmarkOptions.parse("--variants=sdk,hand", "--profile=true");

    assertThat(options.variants()).isEqualTo(List.of("sdk", "hand"));
    assertThat(options.profile()).isTrue();
  }

  @Test
  void parse_unknownVariant_isRefused() {
    assertThatThrownBy(() -> BenchmarkOptions.parse("--variants=hand,grpc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--variants must name some of");
  }

  @Test
  void parse_profileNotABoolean_isRefused() {
    assertThatThrownBy(() -> BenchmarkOptions.parse("--profile=yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--profile must be true or false, got yes");
  }
}
