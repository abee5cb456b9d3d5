package dev.agenthub.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.agenthub.agents.http.Cidr;
import dev.agenthub.dsl.expr.SecretReferences;
import java.time.Duration;
import java.util.List;
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
 * http:
 *   egress:                           # where the http agent may connect (README, "Egress policy")
 *     schemes: [http, https]          # URL schemes allowed
 *     ports: []                       # ports allowed; empty = any
 *     allowedHosts: []                # if not empty, the only hosts: api.example.com, *.example.com
 *     allowedCidrs: []                # ranges reachable although refused by default: 10.20.0.0/16
 *     allowLoopback:                  # unset = false in the worker, true in dev and run
 *   secrets:                          # what `secrets.NAME` in header values reads, by NAME
 *     GITHUB_TOKEN: GITHUB_TOKEN      # NAME: environment variable holding the value
 * maxOutputBytes: 262144              # a step output's JSON size limit; larger fails OutputTooLarge
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
  private Http http = Http.DEFAULT;
  private Notify notify = Notify.DEFAULT;
  private long maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
  @JsonIgnore private Function<String, String> environment = System::getenv;

  /**
   * The default {@link #getMaxOutputBytes}: 256 KiB, an eighth of Temporal's 2 MiB payload limit,
   * so that outputs, the arguments templated from them and the run's result all fit.
   */
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 256L * 1024;

  /** The largest step output, as JSON bytes, an agent may return. */
  @JsonProperty
  public long getMaxOutputBytes() {
    return maxOutputBytes;
  }

  @JsonProperty
  public void setMaxOutputBytes(long maxOutputBytes) {
    if (maxOutputBytes < 1 || maxOutputBytes > 1024L * 1024) {
      throw new IllegalArgumentException("agents.maxOutputBytes must be from 1 to 1048576");
    }
    this.maxOutputBytes = maxOutputBytes;
  }

  /** LLM providers. */
  @JsonProperty
  public Llm getLlm() {
    return llm;
  }

  @JsonProperty
  public void setLlm(Llm llm) {
    this.llm = llm == null ? Llm.DEFAULT : llm;
  }

  /** The http agent: its egress policy. */
  @JsonProperty
  public Http getHttp() {
    return http;
  }

  @JsonProperty
  public void setHttp(Http http) {
    this.http = http == null ? Http.DEFAULT : http;
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
   * A copy with the dev kit's defaults ({@code dev} and {@code run}): the http agent may reach
   * loopback addresses unless {@code agents.http.egress.allowLoopback} is set, so that pipelines
   * can call the dev server itself. This configuration is left unchanged.
   */
  @JsonIgnore
  public AgentsConfiguration forDevelopment() {
    AgentsConfiguration copy = new AgentsConfiguration();
    copy.llm = llm;
    copy.notify = notify;
    copy.maxOutputBytes = maxOutputBytes;
    copy.environment = environment;
    Egress egress = http.egress();
    copy.http =
        egress.allowLoopback() != null
            ? http
            : new Http(
                new Egress(
                    egress.schemes(),
                    egress.ports(),
                    egress.allowedHosts(),
                    egress.allowedCidrs(),
                    true),
                http.secrets());
    return copy;
  }

  /**
   * LLM settings.
   *
   * @param providers OpenAI-compatible providers by name
   * @param defaultProvider the provider of steps that name none; {@code simulated} by default
   * @param simulated settings of the built-in simulated provider
   * @param requestTimeout whole-call timeout of provider requests, greater than 0 (it is never "no
   *     timeout"), and shortened to what the step's attempt has left; 60s by default
   */
  public record Llm(
      Map<String, Provider> providers,
      String defaultProvider,
      Simulated simulated,
      @JsonSerialize(using = Durations.Serializer.class)
          @JsonDeserialize(using = Durations.Deserializer.class)
          Duration requestTimeout) {

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
      if (requestTimeout.isZero() || requestTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "llm.requestTimeout must be greater than 0, got " + requestTimeout);
      }
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
  public record Simulated(
      @JsonSerialize(using = Durations.Serializer.class)
          @JsonDeserialize(using = Durations.Deserializer.class)
          Duration latency) {

    static final Simulated DEFAULT = new Simulated(null);

    public Simulated {
      latency = latency == null ? Duration.ofMillis(200) : latency;
    }
  }

  /**
   * Settings of the {@code http} agent.
   *
   * @param egress where it may connect; public addresses only by default
   * @param secrets the secrets its header values may reference as {@code ${{ secrets.NAME }}}: the
   *     name of the environment variable holding each, by {@code NAME}; none by default
   */
  public record Http(Egress egress, Map<String, String> secrets) {

    static final Http DEFAULT = new Http(null, null);

    public Http {
      egress = egress == null ? Egress.DEFAULT : egress;
      secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
      secrets.forEach(
          (name, variable) -> {
            if (!SecretReferences.NAME.matcher(name).matches()
                || variable == null
                || variable.isBlank()) {
              throw new IllegalArgumentException(
                  "agents.http.secrets: \""
                      + name
                      + "\" needs a name of letters, digits and underscores and the name of an"
                      + " environment variable");
            }
          });
    }
  }

  /**
   * The {@code http} agent's egress policy. Loopback, link-local (cloud metadata), private,
   * multicast and unspecified addresses are refused, checked on the resolved address of every
   * connection including redirects; these keys allow exceptions or narrow it further. The LLM
   * providers and notify channels are not subject to it: their URLs come from this configuration,
   * not from runs.
   *
   * @param schemes URL schemes allowed, {@code http} and {@code https} by default
   * @param ports ports allowed; empty (the default) allows any
   * @param allowedHosts when not empty, the only hosts the agent may call: exact names or IP
   *     literals, or {@code *.example.com} for any subdomain of {@code example.com}. Their
   *     addresses are still checked.
   * @param allowedCidrs address ranges the agent may reach although their class is refused, e.g.
   *     {@code 10.20.0.0/16} for an internal API; a bare address is a range of one
   * @param allowLoopback whether loopback addresses ({@code 127.0.0.0/8}, {@code ::1}) are allowed;
   *     unset means false in the worker and true in {@code dev} and {@code run}
   */
  public record Egress(
      List<String> schemes,
      List<Integer> ports,
      List<String> allowedHosts,
      List<String> allowedCidrs,
      Boolean allowLoopback) {

    /** Public addresses only, over http or https, on any port. */
    public static final Egress DEFAULT = new Egress(null, null, null, null, null);

    public Egress {
      schemes =
          schemes == null
              ? List.of("http", "https")
              : schemes.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
      for (String scheme : schemes) {
        if (!scheme.equals("http") && !scheme.equals("https")) {
          throw new IllegalArgumentException("egress scheme must be http or https: " + scheme);
        }
      }
      ports = ports == null ? List.of() : List.copyOf(ports);
      allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
      allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
      // Parsed here too, so a bad range fails when the configuration loads, not at the first call.
      allowedCidrs.forEach(Cidr::parse);
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
