package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentHubMainTest {

  @Test
  void exitsWhenDone_isTrueForRun_whoseLeftoverThreadsMustNotHoldTheProcess() {
    assertThat(AgentHubMain.exitsWhenDone("run", "research-brief")).isTrue();
  }

  @Test
  void exitsWhenDone_isFalseForCommandsThatServe_andForNoCommand() {
    assertThat(AgentHubMain.exitsWhenDone("server", "config.yml")).isFalse();
    assertThat(AgentHubMain.exitsWhenDone("dev")).isFalse();
    assertThat(AgentHubMain.exitsWhenDone("runs", "list")).isFalse();
    assertThat(AgentHubMain.exitsWhenDone()).isFalse();
  }
}
