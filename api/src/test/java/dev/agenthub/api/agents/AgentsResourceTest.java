package dev.agenthub.api.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AgentsResourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static AgentCatalog catalog() throws Exception {
    return AgentCatalog.withDeclared(
        List.of(
            new AgentDeclaration(
                "score-lead",
                "Scores a lead",
                "python-agents",
                JSON.readTree("{\"type\": \"object\", \"required\": [\"company\"]}"),
                JSON.readTree("{\"type\": \"object\"}"),
                null,
                null,
                null,
                true),
            new AgentDeclaration(
                "enrich-lead", null, null, JSON.readTree("{}"), null, null, null, null, false)));
  }

  @Test
  void list_namesKindQueueSchemaAndPollers_ofEveryAgent() throws Exception {
    Map<String, Boolean> polled = Map.of("agenthub-pipelines", true, "python-agents", false);
    AgentsResource resource =
        new AgentsResource(catalog(), "agenthub-pipelines", q -> Optional.of(polled.get(q)));

    List<AgentView> agents = resource.list().agents();

    assertThat(agents)
        .extracting(AgentView::name, AgentView::kind, AgentView::taskQueue, AgentView::polled)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("llm", "built-in", "agenthub-pipelines", true),
            org.assertj.core.groups.Tuple.tuple("http", "built-in", "agenthub-pipelines", true),
            org.assertj.core.groups.Tuple.tuple("notify", "built-in", "agenthub-pipelines", true),
            org.assertj.core.groups.Tuple.tuple(
                "transform", "built-in", "agenthub-pipelines", true),
            org.assertj.core.groups.Tuple.tuple("score-lead", "external", "python-agents", false),
            org.assertj.core.groups.Tuple.tuple("enrich-lead", "java", "agenthub-pipelines", true));
    AgentView llm = agents.get(0);
    assertThat(llm.arguments().toString())
        .contains("\"anyOf\":[{\"required\":[\"prompt\"]},{\"required\":[\"messages\"]}]")
        .contains("\"max_tokens\"");
    assertThat(llm.costBearing()).isTrue();
    AgentView score = agents.get(4);
    assertThat(score.arguments().path("required").get(0).asText()).isEqualTo("company");
    assertThat(score.description()).isEqualTo("Scores a lead");
    assertThat(score.costBearing()).isTrue();
  }

  @Test
  void healthCheck_turnsUnhealthy_whenAnExternalQueueHasNoPollerPastTheGrace() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T10:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    AtomicReference<Boolean> polled = new AtomicReference<>(false);
    AgentQueuesHealthCheck check =
        new AgentQueuesHealthCheck(
            catalog(), q -> Optional.of(polled.get()), Duration.ofMinutes(2), clock);

    assertThat(check.execute().isHealthy()).isTrue();
    now.set(now.get().plusSeconds(121));
    var unhealthy = check.execute();
    assertThat(unhealthy.isHealthy()).isFalse();
    assertThat(unhealthy.getMessage())
        .isEqualTo("no worker has polled task queue python-agents for 121 s (agents: score-lead)");
    polled.set(true);
    assertThat(check.execute().isHealthy()).isTrue();
  }
}
