package dev.agenthub.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.agents.Agent;
import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentMetrics;
import dev.agenthub.agents.AgentRegistry;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.transform.TransformAgent;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.OnError;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.StepType;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures what one run survives on the CLI dev server, with no limit of Agent Hub's own on step
 * outputs: the figures in README ("Payload and history limits"). Not part of the build; run it on
 * purpose:
 *
 * <pre>./mvnw -pl system-tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=PayloadLimitsMeasurement -Dfailsafe.failIfNoSpecifiedTests=false \
 *   -DmeasureLimits=true -Dfailsafe.includes=**&#47;PayloadLimitsMeasurement.java</pre>
 */
@EnabledIfSystemProperty(named = "measureLimits", matches = "true")
class PayloadLimitsMeasurement {

  private static final String QUEUE = "measure";

  /** Returns a JSON string of {@code with.bytes} characters. */
  private static final class SizedAgent implements Agent {
    @Override
    public String name() {
      return "sized";
    }

    @Override
    public AgentResult run(AgentCall call) {
      int bytes = call.arguments().path("bytes").asInt();
      return AgentResult.of(JsonNodeFactory.instance.textNode("x".repeat(bytes)), Usage.NONE);
    }
  }

  private static StepDefinition step(String id, String agent, String with, List<String> needs)
      throws Exception {
    return new StepDefinition(
        id,
        StepType.AGENT,
        agent,
        new ObjectMapper().readTree(with),
        needs,
        null,
        null,
        "5m",
        OnError.FAIL);
  }

  private static PipelineDefinition pipeline(List<StepDefinition> steps) {
    return new PipelineDefinition("measure", "1", "", null, steps, null, null, null);
  }

  /** {@code steps} sized steps of {@code bytes} each, in 10 parallel chains. */
  private static PipelineDefinition sized(int steps, int bytes) throws Exception {
    List<StepDefinition> list = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      list.add(
          step(
              "s" + i,
              "sized",
              "{\"bytes\": " + bytes + "}",
              i < 10 ? List.of() : List.of("s" + (i - 10))));
    }
    return pipeline(list);
  }

  private static String outcome(WorkflowClient client, String id, PipelineRunInput input) {
    long started = System.nanoTime();
    PipelineWorkflow workflow =
        client.newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    try {
      WorkflowClient.start(workflow::run, input);
    } catch (RuntimeException e) {
      return "start refused: " + e.getClass().getSimpleName() + ": " + firstLine(e);
    }
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    String result;
    try {
      stub.getResult(240, TimeUnit.SECONDS, Object.class);
      result = "succeeded";
    } catch (java.util.concurrent.TimeoutException e) {
      result = "still running after 240 s";
      stub.terminate("measurement over");
    } catch (RuntimeException e) {
      result = "ended: " + firstLine(e.getCause() == null ? e : e.getCause());
    }
    WorkflowExecutionStatus status = stub.describe().getWorkflowExecutionInfo().getStatus();
    long events = client.fetchHistory(id).getHistory().getEventsCount();
    long historyBytes = client.fetchHistory(id).getHistory().getSerializedSize();
    return String.format(
        "%s (status %s, %d events, history %d bytes, %d s)",
        result,
        status,
        events,
        historyBytes,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @Test
  void measure() throws Exception {
    try (CliServerWorker temporal =
        CliServerWorker.start(
            QUEUE,
            new AgentActivities(
                new AgentRegistry(List.of(new SizedAgent(), new TransformAgent())),
                AgentMetrics.none(),
                io.opentelemetry.api.OpenTelemetry.noop(),
                Long.MAX_VALUE))) {
      WorkflowClient client = temporal.client();
      List<String> report = new ArrayList<>();
      try {
        for (int kib : new int[] {1024, 1900, 2100}) {
          report.add(
              "one step output of "
                  + kib
                  + " KiB: "
                  + outcome(
                      client,
                      "output-" + kib,
                      PipelineRunInput.of(
                          sized(1, kib * 1024), JsonNodeFactory.instance.objectNode())));
        }
        for (int kib : new int[] {1900, 2100}) {
          PipelineDefinition one =
              pipeline(
                  List.of(
                      step(
                          "size",
                          "transform",
                          "{\"expression\": \"size(input.blob)\"}",
                          List.of())));
          report.add(
              "run input of "
                  + kib
                  + " KiB: "
                  + outcome(
                      client,
                      "input-" + kib,
                      PipelineRunInput.of(
                          one,
                          JsonNodeFactory.instance
                              .objectNode()
                              .put("blob", "x".repeat(kib * 1024)))));
        }
        report.add(
            "250 steps of 256 KiB: "
                + outcome(
                    client,
                    "steps-256k",
                    PipelineRunInput.of(
                        sized(250, 256 * 1024), JsonNodeFactory.instance.objectNode())));
        report.add(
            "1000 steps of 10 bytes: "
                + outcome(
                    client,
                    "steps-1000",
                    PipelineRunInput.of(sized(1000, 10), JsonNodeFactory.instance.objectNode())));
      } finally {
        report.forEach(line -> System.out.println("MEASURED " + line));
      }
    }
  }
}
