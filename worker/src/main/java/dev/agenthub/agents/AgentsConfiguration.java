package dev.agenthub.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configuration of the built-in agents, bound from YAML (the worker's config and the API's
 * Dropwizard config embed it as {@code agents:}). Every key has a default:
 *
 * <pre>{@code
 * llm:
 *   defaultProvider: simulated        # provider used when a step sets none
 *   requestTimeout: 60s               # whole-call timeout of provider requests
 *   simulated:
 *     latency: 200ms                  # per-call delay; a step's `latency` argument overrides it
 *   providers:                        # OpenAI-compatible endpoints, by name
 *     openai:
 *       baseUrl: https://api.openai.com   # without /v1
 *       apiKeyEnv: OPENAI_API_KEY         # name of the environment variable holding the key
 *       defaultModel: gpt-4o-mini
 * notify:
 *   defaultChannel: default           # channel used when a step sets none
 *   channels:
 *     default:
 *       type: slack                   # slack | webhook
 *       urlEnv: SLACK_WEBHOOK_URL     # name of the environment variable holding the URL
 * }</pre>
 *
 * <p>Secrets (API keys, webhook URLs) are never part of this configuration: it names environment
 * variables, read through {@link #environment()} at call time.
 */
public final class AgentsConfiguration {

  private Llm llm = Llm.DEFAULT;
  private Notify notify = Notify.DEFAULT;
  @JsonIgnore private Function<String, String> environment = System::getenv;

  /** LLM providers. */
  @JsonProperty
  public Llm getLlm() {
    return llm;
  }

  @JsonProperty
  public void setLlm(Llm llm) {
    this.llm = llm == null ? Llm.DEFAULT : llm;
  }

  /** Notification channels. */
  @JsonProperty
  public Notify getNotify() {
    return notify;
  }

  @JsonProperty
  public void setNotify(Notify notify) {
    this.notify = notify == null ? Notify.DEFAULT : notify;
  }

  /** Reads environment variables (secrets); {@code System::getenv} unless replaced. */
  @JsonIgnore
  public Function<String, String> environment() {
    return environment;
  }

  /** Replaces how environment variables are read (tests supply a map's {@code get}). */
  @JsonIgnore
  public AgentsConfiguration withEnvironment(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
    return this;
  }

  /**
   * LLM settings.
   *
   * @param providers OpenAI-compatible providers by name
   * @param defaultProvider the provider of steps that name none; {@code simulated} by default
   * @param simulated settings of the built-in simulated provider
   * @param requestTimeout whole-call timeout of provider requests; 60s by default
   */
  public record Llm(
      Map<String, Provider> providers,
      String defaultProvider,
      Simulated simulated,
      @JsonDeserialize(using = Durations.Deserializer.class) Duration requestTimeout) {

    /** The name that selects the simulated provider. */
    public static final String SIMULATED = "simulated";

    static final Llm DEFAULT = new Llm(null, null, null, null);

    public Llm {
      providers =
          providers == null
              ? Map.of(
                  "openai", new Provider("https://api.openai.com", "OPENAI_API_KEY", "gpt-4o-mini"))
              : Map.copyOf(providers);
      defaultProvider = defaultProvider == null ? SIMULATED : defaultProvider;
      simulated = simulated == null ? Simulated.DEFAULT : simulated;
      requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
    }
  }

  /**
   * An OpenAI-compatible chat-completions endpoint.
   *
   * @param baseUrl the URL before {@code /v1/chat/completions}
   * @param apiKeyEnv name of the environment variable holding the API key (sent as a bearer token)
   * @param defaultModel the model of steps that name none
   */
  public record Provider(String baseUrl, String apiKeyEnv, String defaultModel) {

    public Provider {
      Objects.requireNonNull(baseUrl, "baseUrl");
    }
  }

  /**
   * The simulated provider.
   *
   * @param latency how long each call takes; 200ms by default
   */
  public record Simulated(@JsonDeserialize(using = Durations.Deserializer.class) Duration latency) {

    static final Simulated DEFAULT = new Simulated(null);

    public Simulated {
      latency = latency == null ? Duration.ofMillis(200) : latency;
    }
  }

  /**
   * Notification settings.
   *
   * @param channels channels by name
   * @param defaultChannel the channel of steps that name none; {@code default} by default
   */
  public record Notify(Map<String, Channel> channels, String defaultChannel) {

    static final Notify DEFAULT = new Notify(null, null);

    public Notify {
      channels =
          channels == null
              ? Map.of(
                  "default", new Channel(ChannelType.SLACK, "SLACK_WEBHOOK_URL", null),
                  "alerts", new Channel(ChannelType.SLACK, "SLACK_ALERTS_WEBHOOK_URL", null))
              : Map.copyOf(channels);
      defaultChannel = defaultChannel == null ? "default" : defaultChannel;
    }
  }

  /**
   * A notification channel.
   *
   * @param type {@code slack} (incoming webhook) or {@code webhook} (generic JSON POST)
   * @param urlEnv name of the environment variable holding the webhook URL; when it is unset or
   *     empty, notify steps on this channel are skipped
   * @param url the webhook URL itself, instead of {@code urlEnv}: meant for {@code ${VAR}}
   *     substitution in the config file; never printed
   */
  public record Channel(ChannelType type, String urlEnv, String url) {

    public Channel {
      if ((urlEnv == null) == (url == null)) {
        throw new IllegalArgumentException("a notify channel needs exactly one of urlEnv or url");
      }
      type = type == null ? ChannelType.SLACK : type;
    }

    /** The webhook URL, from {@code url} or the environment; null or blank when unconfigured. */
    public String resolveUrl(Function<String, String> environment) {
      return url != null ? url : environment.apply(urlEnv);
    }

    /** Where the URL comes from, for messages: never the URL itself. */
    public String source() {
      return url != null ? "the configured url" : "environment variable " + urlEnv;
    }

    @Override
    public String toString() {
      return "Channel[type=" + type + ", " + (url != null ? "url=***" : "urlEnv=" + urlEnv) + "]";
    }
  }

  /** How a channel delivers messages. */
  public enum ChannelType {
    /** A Slack incoming webhook: {@code {"text", "blocks"}}, answered with {@code ok}. */
    SLACK,
    /** Any endpoint accepting a JSON POST of {@code {text, pipeline, step, ...payload}}. */
    WEBHOOK;

    @JsonCreator
    static ChannelType of(String name) {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    @JsonValue
    String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
