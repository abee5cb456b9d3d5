package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TriggerValidationTest {

  private static final AgentCatalog AGENTS = AgentCatalog.builtIn();

  private static final String HEAD =
      """
      name: digest
      input:
        type: object
        properties:
          topic: {type: string}
        required: [topic]
      steps:
        - {id: a, agent: notify, with: {text: hi}}
      """;

  @Test
  void parse_readsSchedulesAndEventTriggers() {
    PipelineDefinition definition =
        PipelineLoader.parse(
            HEAD
                + """
                schedules:
                  - {id: nightly, cron: "0 3 * * *", input: {topic: night}}
                  - {id: often, every: 15m, input: {topic: often}, overlap: buffer_one, paused: true}
                on:
                  - {event: github.push, when: 'input.ref == "refs/heads/main"'}
                  - {event: ticket.created}
                """,
            "digest.yml",
            AGENTS);

    assertThat(definition.schedules())
        .extracting(
            ScheduleDefinition::id,
            ScheduleDefinition::cron,
            ScheduleDefinition::every,
            ScheduleDefinition::overlap,
            ScheduleDefinition::paused)
        .containsExactly(
            tuple("nightly", "0 3 * * *", null, ScheduleOverlap.SKIP, false),
            tuple("often", null, "15m", ScheduleOverlap.BUFFER_ONE, true));
    assertThat(definition.schedules().get(0).input().path("topic").asText()).isEqualTo("night");
    assertThat(definition.on())
        .containsExactly(
            new EventTrigger("github.push", "input.ref == \"refs/heads/main\""),
            new EventTrigger("ticket.created", null));
  }

  @Test
  void snapshotJson_withoutTriggers_isUnchanged_andRoundTripsWithThem() throws Exception {
    ObjectMapper json = new ObjectMapper();
    PipelineDefinition plain = PipelineLoader.parse(HEAD, "digest.yml", AGENTS);
    assertThat(json.valueToTree(plain).has("schedules")).isFalse();
    assertThat(json.valueToTree(plain).has("on")).isFalse();

    PipelineDefinition triggered =
        PipelineLoader.parse(
            HEAD + "on: [{event: x}]\nschedules: [{id: s, every: 1h, input: {topic: t}}]\n",
            "digest.yml",
            AGENTS);
    PipelineDefinition back =
        json.treeToValue(json.valueToTree(triggered), PipelineDefinition.class);
    assertThat(back.on()).isEqualTo(triggered.on());
    assertThat(back.schedules()).isEqualTo(triggered.schedules());
    assertThat(json.treeToValue(json.valueToTree(plain), PipelineDefinition.class).schedules())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTriggers")
  void parse_rejectsInvalidTriggers_withExactPaths(
      String rule, String triggers, List<String> expected) {
    PipelineValidationException e =
        catchThrowableOfType(
            PipelineValidationException.class,
            () -> PipelineLoader.parse(HEAD + triggers, "digest.yml", AGENTS));

    assertThat(e).as("expected %s to be rejected", rule).isNotNull();
    assertThat(e.errors())
        .extracting(ValidationError::toString)
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> invalidTriggers() {
    return Stream.of(
        Arguments.of(
            "schedules is not a list",
            "schedules: {id: a}\n",
            List.of("schedules: expected a list, got an object")),
        Arguments.of(
            "schedule is not an object",
            "schedules: [nightly]\n",
            List.of("schedules[0]: expected a schedule (an object), got string \"nightly\"")),
        Arguments.of(
            "unknown schedule field",
            "schedules: [{id: a, every: 1h, input: {topic: t}, overlapp: skip}]\n",
            List.of("schedules[0].overlapp: unknown field (did you mean \"overlap\"?)")),
        Arguments.of(
            "missing id and timing",
            "schedules: [{input: {topic: t}}]\n",
            List.of("schedules[0].id: required", "schedules[0]: one of cron or every is required")),
        Arguments.of(
            "bad and duplicate ids",
            "schedules:\n"
                + "  - {id: Nightly, every: 1h, input: {topic: t}}\n"
                + "  - {id: a, every: 1h, input: {topic: t}}\n"
                + "  - {id: a, every: 2h, input: {topic: t}}\n",
            List.of(
                "schedules[0].id: \"Nightly\" is not a valid schedule id (lowercase letters,"
                    + " digits and -, not starting with -, at most 63 characters)",
                "schedules[2].id: duplicate schedule id \"a\" (also at schedules[1].id)")),
        Arguments.of(
            "cron and every together",
            "schedules: [{id: a, cron: '@daily', every: 1h, input: {topic: t}}]\n",
            List.of("schedules[0].every: cron and every exclude each other; keep one")),
        Arguments.of(
            "bad cron and interval",
            "schedules:\n"
                + "  - {id: a, cron: '0 3 * *', input: {topic: t}}\n"
                + "  - {id: b, cron: '@fortnightly', input: {topic: t}}\n"
                + "  - {id: c, every: soon, input: {topic: t}}\n"
                + "  - {id: d, every: 500ms, input: {topic: t}}\n",
            List.of(
                "schedules[0].cron: invalid cron expression \"0 3 * *\"; expected 5 fields"
                    + " (minute hour day-of-month month day-of-week) or a macro such as @daily",
                "schedules[1].cron: unknown cron macro \"@fortnightly\"; expected one of"
                    + " @annually, @daily, @hourly, @midnight, @monthly, @weekly, @yearly",
                "schedules[2].every: invalid duration \"soon\"",
                "schedules[3].every: must be at least 1s")),
        Arguments.of(
            "bad overlap and paused",
            "schedules: [{id: a, every: 1h, input: {topic: t}, overlap: skipp, paused: yes-ish}]\n",
            List.of(
                "schedules[0].overlap: unknown overlap policy \"skipp\" (did you mean \"skip\"?);"
                    + " expected one of skip, buffer_one, buffer_all, cancel_other,"
                    + " terminate_other, allow_all",
                "schedules[0].paused: expected true or false, got string \"yes-ish\"")),
        Arguments.of(
            "input the schema refuses",
            "schedules: [{id: a, every: 1h, input: {topic: 7}}, {id: b, every: 1h}]\n",
            List.of(
                "schedules[0].input.topic: integer found, string expected",
                "schedules[1].input: required property 'topic' not found")),
        Arguments.of(
            "on is not a list",
            "on: github.push\n",
            List.of("on: expected a list, got string \"github.push\"")),
        Arguments.of(
            "event trigger problems",
            "on:\n"
                + "  - {when: 'true'}\n"
                + "  - {event: 'has space', when: 'input.('}\n"
                + "  - {event: x, when: 'steps.a.output == 1'}\n"
                + "  - {event: y, whenn: 'true'}\n",
            List.of(
                "on[3].whenn: unknown field (did you mean \"when\"?)",
                "on[0].event: required",
                "on[1].event: \"has space\" is not a valid event type (letters, digits and . _ :"
                    + " -, at most 100 characters)",
                "on[1].when: syntax error at column 7 in \"input.(\": no viable alternative at"
                    + " input '.('",
                "on[2].when: no step has run when an event arrives; read the event as input"
                    + " (input.<field>)")));
  }
}
