package dev.agenthub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of the throughput benchmark with tiny counts: it proves the program still runs every
 * variant to success and prints its figures, not how fast anything is (that is the program's job,
 * never a test's).
 */
class ThroughputBenchmarkIT {

  @Test
  void run_tinyCounts_everyVariantSucceedsAndEveryFigureIsPrinted() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    ThroughputBenchmark.run(
        BenchmarkOptions.parse(
            "--scenarios=closed:2",
            "--runs=4",
            "--rounds=2",
            "--warmup=2",
            "--poll-runs=1",
            "--profile=true"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .containsPattern("hand-written SDK workflow +[\\d.]+ .* 0\\n")
        .containsPattern("hand-written, observed +[\\d.]+ .* 0\\n")
        .containsPattern("pipeline via SDK, no API +[\\d.]+ .* 0\\n")
        .containsPattern("pipeline via API +[\\d.]+ .* 0\\n")
        .contains("ratio pipeline via API / hand-written SDK workflow: throughput")
        .containsPattern("Jetty, Jersey, HK2, Dropwizard, Validator .*\\n")
        .containsPattern("\\(samples\\) +[1-9]\\d* +[1-9]\\d* +[1-9]\\d* +[1-9]\\d*\\n")
        .contains("StartWorkflowExecution 1.00")
        .containsPattern("polling GET /api/v1/runs/\\{id\\} every 50 ms: .*");
  }
}
