package dev.agenthub.agents;

import static java.util.Objects.requireNonNull;

import dev.agenthub.agents.http.EgressPolicy;
import dev.agenthub.agents.http.HeaderSecrets;
import dev.agenthub.agents.http.HttpAgent;
import dev.agenthub.agents.llm.LlmAgent;
import dev.agenthub.agents.notify.NotifyAgent;
import dev.agenthub.agents.transform.TransformAgent;
import dev.agenthub.cost.PriceTable;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Builds the registry of the built-in agents: {@code llm}, {@code http}, {@code notify}, {@code
 * transform}.
 */
public final class BuiltInAgents {

  private BuiltInAgents() {}

  /** The built-in agents, pricing calls on today's date in UTC. */
  public static AgentRegistry create(AgentsConfiguration config, PriceTable prices) {
    return create(config, prices, Clock.systemUTC());
  }

  /** The built-in agents, pricing calls on the date {@code clock} gives. */
  public static AgentRegistry create(AgentsConfiguration config, PriceTable prices, Clock clock) {
    return create(config, prices, clock, OpenTelemetry.noop());
  }

  /**
   * The built-in agents, pricing on {@code clock}'s date and tracing into {@code openTelemetry}.
   */
  public static AgentRegistry create(
      AgentsConfiguration config, PriceTable prices, Clock clock, OpenTelemetry openTelemetry) {
    requireNonNull(config, "config");
    requireNonNull(prices, "prices");
    requireNonNull(clock, "clock");
    requireNonNull(openTelemetry, "openTelemetry");
    // One connection pool and dispatcher; each agent derives its own timeouts from it.
    OkHttpClient http = new OkHttpClient();
    return new AgentRegistry(
        List.of(
            new LlmAgent(config, prices, clock, http, openTelemetry),
            new HttpAgent(
                http,
                EgressPolicy.from(config.getHttp().egress()),
                new HeaderSecrets(config.getHttp().secrets(), config.environment()),
                TracedHttp.of(openTelemetry)),
            new NotifyAgent(config, http, TracedHttp.withSecretUrls(openTelemetry)),
            new TransformAgent()));
  }
}
