package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunWarmUpTest {

  @Test
  void warmUp_itsPipeline_loadsAndValidates() {
    assertThat(RunWarmUp.warmUp()).isTrue();
  }
}
