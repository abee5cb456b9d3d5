package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunLinksTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void of_fillsTheTraceLink_fromTheTemplate() {
    RunLinks links =
        new RunLinks("http://ui/", "default", "http://grafana/explore?trace={traceId}&x=1");

    assertThat(links.of("review-1", "run-1", TRACE_ID).trace())
        .isEqualTo("http://grafana/explore?trace=" + TRACE_ID + "&x=1");
  }

  @Test
  void of_leavesTheTemporalUiLinkOut_whenThereIsNoUi() {
    Links links = new RunLinks("", "default", "").of("review-1", "run-1", TRACE_ID);

    assertThat(links.self()).isEqualTo("/api/v1/runs/review-1");
    assertThat(links.temporalUi()).isNull();
    assertThat(new RunLinks(null, "default", "").of("review-1", null).temporalUi()).isNull();
  }

  @Test
  void of_linksTheRunsHistory_whenTheRunIdIsKnown() {
    assertThat(new RunLinks("http://ui/", "default").of("review-1", "run-1").temporalUi())
        .isEqualTo("http://ui/namespaces/default/workflows/review-1/run-1/history");
  }

  @Test
  void of_leavesTheTraceLinkOut_whenNoTemplateOrNoTrace() {
    assertThat(new RunLinks("http://ui", "default", "").of("r", "x", TRACE_ID).trace()).isNull();
    assertThat(
            new RunLinks("http://ui", "default", "http://t/{traceId}").of("r", "x", null).trace())
        .isNull();
  }
}
